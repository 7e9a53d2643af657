/**
 * A realistic year of one account, replayed and printed month by month.
 *
 *   npm run example
 *
 * Acme subscribes to Starter on 31 January (an anchor on the 31st: the
 * anniversaries fall on Feb 29, Mar 31, Apr 30, …). It spends credits every
 * working day, buys extra credits whenever its subscription credits run out,
 * and upgrades to Growth on 10 June, early in a period: its unused Starter
 * credits roll over into a rollover bucket that expires with the first
 * Growth period. The app records facts as events; the library folds them.
 * Balances are printed at the end of each month; then `decide` refuses a
 * command that asks for more credits than there are.
 */
import { advanceTo, balance, decide, evolve, initialState, InsufficientCreditsError, replay, type AccountState, type CreditEvent, type Plan } from '../src/index.js'

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

const upgradeOn = new Date('2024-06-10T15:00:00Z')
let upgraded = false
let upgradeNote = ''
for (let d = new Date('2024-02-01T00:00:00Z'); d < new Date('2025-01-31T00:00:00Z'); d = day(d, 24)) {
  const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6
  if (!upgraded && d >= upgradeOn) {
    const before = advanceTo(state, upgradeOn.toISOString())
    record('PlanUpgraded', upgradeOn, { plan: growth })
    upgraded = true
    const unused = balance(before).bySource
    const rollover = state.buckets.find((b) => b.source === 'rollover')
    upgradeNote =
      `Upgrade to Growth on ${upgradeOn.toISOString().slice(0, 10)}: ${unused.subscription + unused.rollover} unused Starter credits ` +
      `roll over (bucket ${rollover?.id}, ${rollover?.remaining} credits, expiring ${rollover?.expiresAt?.slice(0, 10)} with the first Growth period), ` +
      `before Growth's ${growth.monthlyCredits} new ones; the anniversary moves to the ${upgradeOn.getUTCDate()}th.`
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
console.log('Columns: subscr., rollover, extra, available and deficit are the BALANCE at the month end (what is')
console.log('left to spend, by source: available = subscr. + rollover + extra); granted, consumed, expired and')
console.log('charged are RUNNING TOTALS since the account began (they only grow). Credits moved into a rollover')
console.log('bucket at an upgrade are not granted again.\n')
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

console.log(`\n${upgradeNote}`)

// The app asks before it spends: decide refuses a request for more credits than are available, and records nothing.
const now = '2025-01-31T00:00:00Z'
const request = { type: 'ConsumeCredits', id: 'req-big', accountId, at: now, data: { amount: 1_000_000 } } as const
try {
  decide(request, state)
} catch (error) {
  if (!(error instanceof InsufficientCreditsError)) throw error
  console.log(`\ndecide(ConsumeCredits 1,000,000) on ${now.slice(0, 10)} is refused: ${error.code}, ${error.requested} requested, ${error.available} available.`)
  console.log(`As JSON, for an HTTP 409: ${JSON.stringify({ code: error.code, requested: error.requested, available: error.available })}`)
}

const final = advanceTo(state, now)
const { granted, consumed, expired } = final.totals
const b = balance(final)
console.log(`\nConservation: granted ${granted} − consumed ${consumed} − expired ${expired} = ${granted - consumed - expired}`)
console.log(`             available ${b.available} − deficit ${b.deficit} = ${b.available - b.deficit}`)
if (granted - consumed - expired !== b.available - b.deficit) throw new Error('conservation law broken')
