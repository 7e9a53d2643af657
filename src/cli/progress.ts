/**
 * The progress line on stderr: lines read, events per second, % of the file
 * and the time left. Only when stderr is a terminal; a pipe or a file gets
 * nothing, so logs stay clean.
 */

/** Where the progress line goes. */
export interface ProgressSink {
  readonly isTTY?: boolean
  write(text: string): unknown
}

/** What the progress line reports. */
export interface ProgressSnapshot {
  /** Lines read. */
  readonly lines: number
  /** Events parsed from them (the lines that are not blank and are JSON). */
  readonly events: number
  /** Bytes read from the file as stored. */
  readonly bytesRead: number
  /** The file's size, or `null` (stdin: no % and no time left). */
  readonly size: number | null
  readonly elapsedMs: number
}

/**
 * The text of one progress line.
 *
 * @param p - how far the run is
 * @returns e.g. `1,200,000 lines · 98,000 events/s · 42% · 14 s left`
 * @example
 * formatProgress({ lines: 2000, events: 2000, bytesRead: 50, size: 100, elapsedMs: 1000 }) // '2,000 lines · 2,000 events/s · 50% · 1 s left'
 */
export function formatProgress(p: ProgressSnapshot): string {
  const seconds = p.elapsedMs / 1000
  const rate = seconds > 0 ? Math.round(p.events / seconds) : 0
  const parts = [`${p.lines.toLocaleString('en-US')} lines`, `${rate.toLocaleString('en-US')} events/s`]
  if (p.size !== null && p.size > 0) {
    const fraction = Math.min(1, p.bytesRead / p.size)
    parts.push(`${Math.floor(fraction * 100)}%`)
    if (fraction > 0) parts.push(`${Math.ceil((seconds / fraction) * (1 - fraction))} s left`)
  }
  return parts.join(' · ')
}

/** Redraws the progress line at most every `intervalMs`, and clears it at the end. */
export class Progress {
  private readonly started = performance.now()
  private last = Number.NEGATIVE_INFINITY
  private shown = false
  private ticks = 0
  private events = 0

  /**
   * @param sink - stderr; nothing is written unless `sink.isTTY`
   * @param read - how far the run is, asked at each redraw
   * @param intervalMs - the least time between two redraws
   */
  constructor(
    private readonly sink: ProgressSink,
    private readonly read: () => Omit<ProgressSnapshot, 'elapsedMs' | 'events'>,
    private readonly intervalMs = 250,
  ) {}

  /** Called once per event parsed. */
  event(): void {
    this.events++
  }

  /** Called once per line: cheap unless a redraw is due. */
  tick(): void {
    if (this.sink.isTTY !== true || (++this.ticks & 1023) !== 0) return
    const now = performance.now()
    if (now - this.last < this.intervalMs) return
    this.last = now
    this.shown = true
    this.sink.write(`\r\x1b[2K${formatProgress({ ...this.read(), events: this.events, elapsedMs: now - this.started })}`)
  }

  /** Clears the line (before the summary or an error is printed). */
  done(): void {
    if (this.shown) this.sink.write('\r\x1b[2K')
    this.shown = false
  }
}
