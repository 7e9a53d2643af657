import { getHeapStatistics } from 'node:v8'

/**
 * A small hand-written bench harness (no dependency): warm-up rounds, then
 * alternating A/B rounds timed with `process.hrtime.bigint()` after a forced
 * GC, the median of the per-pair ratios kept with their spread; and a
 * separate round that samples the heap to find its peak (so the sampling
 * never slows a timed round).
 */

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {})
export const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function'

/** Keeps results alive so the optimiser cannot drop the work. */
export let sink: unknown = null

export function heapUsed(): number {
  return getHeapStatistics().used_heap_size
}

/** Runs `fn` once and returns the elapsed nanoseconds (after a forced full GC, unless `forceGc` is false). */
export function timeOnce(fn: () => unknown, forceGc = true): number {
  return measureOnce(fn, forceGc).wall
}

/**
 * Runs `fn` once (after a forced full GC, unless `forceGc` is false) and
 * returns its wall-clock time and the CPU time (user + system) this process
 * spent meanwhile, both in ns. On a shared machine the CPU time leaves out
 * the time the process waited for a core; it counts the GC's and the JIT's
 * helper threads.
 */
export function measureOnce(fn: () => unknown, forceGc = true): { wall: number; cpu: number } {
  if (forceGc) gc()
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  sink = fn()
  const t1 = process.hrtime.bigint()
  const c = process.cpuUsage(c0)
  return { wall: Number(t1 - t0), cpu: (c.user + c.system) * 1000 }
}

export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export interface Timing {
  /** Median ns of one call. */
  ns: number
  all: number[]
  /** Median CPU ns (user + system of the process) of one call. */
  cpuNs: number
}

/** Per-pair ratios (library ÷ reference, each pair timed back to back): their median and spread. */
export interface Ratio {
  median: number
  min: number
  max: number
  all: number[]
}

export function ratioOf(all: number[]): Ratio {
  return { median: median(all), min: Math.min(...all), max: Math.max(...all), all }
}

/**
 * Times `lib` and `ref` in alternating A/B rounds in this process (so a
 * noisy neighbour hurts both alike) after `warmup` rounds of each: round i
 * times one call of each, `lib` first in even rounds and `ref` first in odd
 * ones (so neither always runs in the other's wake). Each round gives one
 * pair and one ratio lib ÷ ref; the row's ratio is the median of those
 * per-pair ratios, with their spread, never a ratio of medians taken at
 * different times. Each call starts after a forced full GC unless
 * `forceGc` is false: rows of many short calls (evolve, decide) run without
 * it, because the young generation a full GC leaves behind makes the next
 * thousand calls pay to warm it again (13 to 20 µs more per call on the
 * 2-core VM the README's numbers come from), which no process that is not
 * forcing GCs pays.
 */
export function timePair(
  lib: () => unknown,
  ref: (() => unknown) | null,
  rounds: number,
  warmup: number,
  forceGc = true,
): { lib: Timing; ref: Timing | null; ratio: Ratio | null; cpuRatio: Ratio | null } {
  for (let i = 0; i < warmup; i++) {
    sink = lib()
    if (ref) sink = ref()
  }
  const a: { wall: number; cpu: number }[] = []
  const b: { wall: number; cpu: number }[] = []
  for (let i = 0; i < rounds; i++) {
    if (ref && i % 2 === 1) {
      b.push(measureOnce(ref, forceGc))
      a.push(measureOnce(lib, forceGc))
    } else {
      a.push(measureOnce(lib, forceGc))
      if (ref) b.push(measureOnce(ref, forceGc))
    }
  }
  sink = null
  const wallA = a.map((m) => m.wall)
  const wallB = b.map((m) => m.wall)
  return {
    lib: { ns: median(wallA), all: wallA, cpuNs: median(a.map((m) => m.cpu)) },
    ref: ref ? { ns: median(wallB), all: wallB, cpuNs: median(b.map((m) => m.cpu)) } : null,
    ratio: ref ? ratioOf(a.map((m, i) => m.wall / b[i]!.wall)) : null,
    // cpuUsage counts in µs: a pair with less than 1 µs of CPU on either side has no ratio.
    cpuRatio: ref ? ratioOf(a.map((m, i) => m.cpu / Math.max(b[i]!.cpu, 1000))) : null,
  }
}

/**
 * Heap sampling for the memory round: `wrap(events)` yields the same items
 * and samples the used heap every `every` items; `peak()` is the highest
 * value seen above the baseline taken by `start()` (after a GC, inputs
 * already allocated).
 */
export class HeapProbe {
  private base = 0
  private max = 0
  start(): void {
    gc()
    gc()
    this.base = heapUsed()
    this.max = this.base
  }
  sample(): void {
    const h = heapUsed()
    if (h > this.max) this.max = h
  }
  *wrap<T>(items: Iterable<T>, every = 4096): Generator<T> {
    let n = 0
    for (const item of items) {
      if (++n === every) {
        n = 0
        this.sample()
      }
      yield item
    }
    this.sample()
  }
  /** Peak heap above the baseline, in bytes. */
  peak(): number {
    this.sample()
    return this.max - this.base
  }
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** Renders rows as a Markdown table (it reads in a terminal and pastes into a README). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |'
  const rule = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|'
  return [line(header), rule, ...rows.map(line)].join('\n')
}
