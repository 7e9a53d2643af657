/**
 * A realistic year of one account, replayed and printed month by month.
 *
 *   npm run example
 *
 * Acme subscribes to Starter on 31 January (an anchor on the 31st: the
 * anniversaries fall on Feb 29, Mar 31, Apr 30, …). It spends credits every
 * working day, buys extra credits whenever its subscription credits run out,
 * and upgrades to Growth at the end of June: its unused Starter credits roll
 * over into the Growth period. The app records facts as events; the
 * library folds them. Balances are printed at the end of each month.
 */
import { advanceTo, balance, evolve, initialState, replay, type AccountState, type CreditEvent, type Plan } from '../src/index.js'

const starter: Plan = { id: 'starter', monthlyCredits: 1_000, price: { amount: 2900, currency: 'USD' } }
const growth: Plan = { id: 'growth', monthlyCredits: 5_000, price: { amount: 9900, currency: 'USD' } }
const unitPrice = { amount: 125, currency: 'USD' } // USD 1.25 a credit
const accountId = 'acme'

// A small deterministic generator, so that every run prints the same year.
let seed = 42
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)

const history: CreditEvent[] = []
let state: AccountState = initialState
let n = 0
function record(type: CreditEvent['type'], at: Date, data: CreditEvent['data']): void {
  const event = { type, id: `${accountId}-${++n}`, accountId, at: at.toISOString(), data } as CreditEvent
  state = evolve(state, event) // throws, and records nothing, if the event is not valid
  history.push(event)
}

const day = (d: Date, hours: number) => new Date(d.getTime() + hours * 3_600_000)
const start = new Date('2024-01-31T09:30:00Z')
record('SubscriptionStarted', start, { plan: starter })

const upgradeOn = new Date('2024-06-27T15:00:00Z')
let upgraded = false
for (let d = new Date('2024-02-01T00:00:00Z'); d < new Date('2025-01-31T00:00:00Z'); d = day(d, 24)) {
  const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6
  if (!upgraded && d >= upgradeOn) {
    record('PlanUpgraded', upgradeOn, { plan: growth })
    upgraded = true
  }
  if (!weekday) continue
  const need = Math.round((upgraded ? 180 : 55) * (0.5 + random()))
  const at = day(d, 10 + random() * 8)
  const { available } = balance(advanceTo(state, at.toISOString()))
  if (available < need) {
    // Out of subscription credits: buy a pack of extra credits (they never expire).
    const quantity = Math.max(500, Math.ceil((need - available) / 100) * 100)
    record('ExtraCreditsPurchased', day(at, -0.1), { quantity, unitPrice })
  }
  record('CreditsConsumed', at, { amount: need, reason: 'api-calls' })
}

const pad = (v: string | number, w: number) => String(v).padStart(w)
console.log(`A year of account ${accountId}: ${history.length} events\n`)
console.log(
  ['month end', 'plan', 'subscr.', 'rollover', 'extra', 'available', 'deficit', 'granted', 'consumed', 'expired', 'charged']
    .map((h, i) => (i < 2 ? h.padEnd(i === 0 ? 17 : 8) : pad(h, 9)))
    .join(' '),
)
for (let month = 1; month <= 12; month++) {
  // The last instant of each calendar month: everything up to it has happened.
  const monthEnd = new Date(Date.UTC(2024, month + 1, 1) - 1).toISOString()
  const upTo = history.filter((e) => e.at <= monthEnd)
  const s = advanceTo(replay(upTo), monthEnd)
  const b = balance(s)
  const charged = s.totals.charged === null ? '-' : `$${(s.totals.charged.amount / 100).toFixed(2)}`
  console.log(
    [
      monthEnd.slice(0, 10).padEnd(17),
      (s.subscription?.plan.id ?? '-').padEnd(8),
      pad(b.bySource.subscription, 9),
      pad(b.bySource.rollover, 9),
      pad(b.bySource.extra, 9),
      pad(b.available, 9),
      pad(b.deficit, 9),
      pad(s.totals.granted, 9),
      pad(s.totals.consumed, 9),
      pad(s.totals.expired, 9),
      pad(charged, 9),
    ].join(' '),
  )
}

const final = advanceTo(state, '2025-01-31T00:00:00Z')
const { granted, consumed, expired } = final.totals
const b = balance(final)
console.log(`\nConservation: granted ${granted} − consumed ${consumed} − expired ${expired} = ${granted - consumed - expired}`)
console.log(`             available ${b.available} − deficit ${b.deficit} = ${b.available - b.deficit}`)
if (granted - consumed - expired !== b.available - b.deficit) throw new Error('conservation law broken')
