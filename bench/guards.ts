/**
 * `npm run bench:guards` — the cost per event of `guardEvent` (src/events/guards.ts),
 * the cheap checks the fold runs on every event (SPEC §5, contract v4).
 *
 * Times `guardEvent` over the events of the bench's generated history (the
 * mix of `npm run bench`: consumptions, purchases, starts, upgrades), after a
 * warm-up, as the median of rounds; and, beside it, `parseEvent` (zod) on the
 * same events, and `replay` of the whole history, for scale. Prints CPU ns per
 * event (process CPU time, so that a busy machine does not inflate it).
 *
 *   BENCH_N=200000 npm run bench:guards   events per round (default 200,000)
 */
import { guardEvent } from '../src/events/guards.js'
import { parseEvent, replay, type CreditEvent } from '../src/index.js'
import { generateAccount } from './generate.js'
import { fmt, median, table } from './harness.js'

const N = Number(process.env.BENCH_N ?? 200_000)
if (!Number.isSafeInteger(N) || N < 1_000) throw new Error(`BENCH_N must be an integer ≥ 1000 (got ${process.env.BENCH_N})`)
const events = generateAccount('acc-bench', N, 7)
let sink = 0
const counts = new Map<string, number>()
for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1)

/** Events of one type only, `N` of them (fresh objects, cycled from the history's, or plan events built here). */
function onlyOf(type: string): unknown[] {
  let some: unknown[] = events.filter((e) => e.type === type)
  // A short history may hold no upgrade: the start's plan makes one.
  if (some.length === 0 && type === 'PlanUpgraded') some = [{ ...events[0]!, type }]
  if (some.length === 0) throw new Error(`no ${type} in the generated history`)
  const out: unknown[] = []
  for (let i = 0; i < N; i++) {
    const e = some[i % some.length] as CreditEvent
    out.push({ ...e, id: `${e.id}/${i}`, data: JSON.parse(JSON.stringify(e.data)) })
  }
  return out
}

function nsPerEvent(body: () => void, rounds: number, warmup: number, n = events.length): number[] {
  for (let i = 0; i < warmup; i++) body()
  const out: number[] = []
  for (let i = 0; i < rounds; i++) {
    // CPU time of this process, not wall time: the machine may be shared (CI, other jobs).
    const t0 = process.cpuUsage()
    body()
    const { user, system } = process.cpuUsage(t0)
    out.push(((user + system) * 1000) / n)
  }
  return out
}

function guardAll(list: readonly unknown[]): () => void {
  return () => {
    for (let i = 0; i < list.length; i++) {
      guardEvent(list[i])
      sink++
    }
  }
}

const guard = nsPerEvent(() => {
  for (let i = 0; i < events.length; i++) {
    guardEvent(events[i])
    sink++
  }
}, 15, 5)
const parse = nsPerEvent(() => {
  for (let i = 0; i < events.length; i++) sink += parseEvent(events[i]).id.length > 0 ? 1 : 0
}, 3, 1)
const purchases = onlyOf('ExtraCreditsPurchased')
const upgrades = onlyOf('PlanUpgraded')
const guardPurchases = nsPerEvent(guardAll(purchases), 15, 5)
const guardUpgrades = nsPerEvent(guardAll(upgrades), 15, 5)
const replayed = nsPerEvent(() => {
  sink += replay(events).buckets.length
}, 5, 2)
const empty = nsPerEvent(() => {
  for (let i = 0; i < events.length; i++) sink += events[i]!.id.length > 0 ? 1 : 0
}, 15, 5)

const spread = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`
console.log(`guardEvent micro-benchmark: ${N.toLocaleString('en')} events (${[...counts].map(([t, c]) => `${t} ${c}`).join(', ')}), node ${process.version}`)
console.log(
  table(
    ['what', 'CPU ns/event (median)', 'range'],
    [
      ['empty loop (reads e.id)', fmt(median(empty)), spread(empty)],
      ['guardEvent (the mix)', fmt(median(guard)), spread(guard)],
      ['guardEvent, ExtraCreditsPurchased only', fmt(median(guardPurchases)), spread(guardPurchases)],
      ['guardEvent, PlanUpgraded only', fmt(median(guardUpgrades)), spread(guardUpgrades)],
      ['parseEvent (zod, compiled)', fmt(median(parse)), spread(parse)],
      ['replay (for scale: the guards are not in it yet)', fmt(median(replayed)), spread(replayed)],
    ],
  ),
)
if (sink === 42) console.log('')
