/**
 * Profiles evolve on a small state with a full idempotency window, and decide
 * on 10,000 live buckets:
 *   node --cpu-prof --cpu-prof-dir=.profiles --import tsx bench/profile-decide.ts evolve-small|decide
 */
import * as lib from '../src/index.js'
import type { AccountState, CreditEvent } from '../src/index.js'

const what = process.argv[2] ?? 'decide'
const iso = (ms: number) => new Date(ms).toISOString()
const T0 = Date.UTC(2020, 0, 1)
const accountId = 'acc-b'
const plan = { id: 'starter', monthlyCredits: 1_000, price: { amount: 1900, currency: 'USD' } }
const decide = (lib as unknown as { decide: (c: unknown, s: AccountState) => unknown[] }).decide

function history(extras: number, stepMs: number): CreditEvent[] {
  const events: CreditEvent[] = [{ type: 'SubscriptionStarted', id: 'start', accountId, at: iso(T0), data: { plan } }]
  for (let i = 1; i <= extras; i++) events.push({ type: 'ExtraCreditsPurchased', id: `p${i}`, accountId, at: iso(T0 + i * stepMs), data: { quantity: 1_000_000, unitPrice: { amount: 125, currency: 'USD' } } })
  return events
}

if (what === 'evolve-small') {
  // 10 live buckets, ~1,100 ids in the window (one event every 77 s).
  let s = lib.replay(history(9, 10_000))
  const start = Date.parse(s.clock!)
  for (let i = 1; i <= 20_000; i++) s = lib.evolve(s, { type: 'CreditsConsumed', id: `c${i}`, accountId, at: iso(start + i * 77_000), data: { amount: 1 } })
} else {
  const s = lib.replay(history(9_999, 10_000))
  const start = Date.parse(s.clock!)
  for (let i = 1; i <= 300; i++) decide({ type: 'ConsumeCredits', id: `c${i}`, accountId, at: iso(start + i * 60_000), data: { amount: 1 } }, s)
}
