/**
 * A workload to profile, one per run:
 *
 *   node --cpu-prof --cpu-prof-dir=.profiles --import tsx bench/profile.ts replay|parse|evolve|replayAll [N]
 *   node --import tsx bench/profile-summary.ts .profiles/<file>.cpuprofile
 */
import { evolve, parseEvent, replay, replayAll, type AccountState, type CreditEvent } from '../src/index.js'
import { generateAccount } from './generate.js'

const what = process.argv[2] ?? 'replay'
const N = Number(process.argv[3] ?? 300_000)
const iso = (ms: number) => new Date(ms).toISOString()

if (what === 'replay') {
  const events = generateAccount('acc-1', N, 1)
  for (let i = 0; i < 5; i++) replay(events)
} else if (what === 'parse') {
  const lines = generateAccount('acc-1', N, 1).map((e) => JSON.stringify(e))
  for (let i = 0; i < 3; i++) {
    replay((function* () {
      for (const l of lines) yield parseEvent(JSON.parse(l))
    })())
  }
} else if (what === 'replayAll') {
  const all: CreditEvent[] = []
  for (let a = 0; a < N / 100; a++) all.push(...generateAccount(`acc-${a}`, 100, a, Date.UTC(2020, 0, 1) + a * 1000))
  all.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
  for (let i = 0; i < 3; i++) replayAll(all)
} else if (what === 'evolve') {
  // 10,000 live buckets, then chained evolve of single consumptions.
  const accountId = 'acc-b'
  const T0 = Date.UTC(2020, 0, 1)
  const history: CreditEvent[] = [
    { type: 'SubscriptionStarted', id: 'start', accountId, at: iso(T0), data: { plan: { id: 'starter', monthlyCredits: 1_000, price: { amount: 1900, currency: 'USD' } } } },
  ]
  for (let i = 1; i < 10_000; i++) history.push({ type: 'ExtraCreditsPurchased', id: `p${i}`, accountId, at: iso(T0 + i * 10_000), data: { quantity: 1000, unitPrice: { amount: 125, currency: 'USD' } } })
  let s: AccountState = replay(history)
  const start = Date.parse(s.clock!)
  for (let i = 1; i <= Math.min(N, 20_000); i++) {
    s = evolve(s, { type: 'CreditsConsumed', id: `c${i}`, accountId, at: iso(start + i * 60_000), data: { amount: 1 + (i % 8) } })
  }
} else {
  throw new Error(`unknown workload ${what}`)
}
