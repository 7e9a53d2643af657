/**
 * Properties over random VALID histories (SPEC §2–5): conservation after
 * every event, snapshot/restore at every split point, evolve ≡ replay,
 * advanceTo composes, and no dependence on the process time zone.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  advanceTo,
  balance,
  evolve,
  initialState,
  parseEvent,
  parseState,
  replay,
  type AccountState,
  type CreditEvent,
  type Money,
  type Plan,
  EVENT_TYPES,
} from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { cancelled, consumed, promoted, purchased, refunded, reversed, revoked, scheduled, started, unscheduled, upgraded, voided } from '../support/events.js'
import { BASIC, PRO, SCALE, usd } from '../support/plans.js'
import { tzHistoryOutput } from './fixtures/tz-history.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const PLANS: Plan[] = [
  BASIC,
  PRO,
  SCALE,
  { id: 'odd', monthlyCredits: 7, price: usd(12345, 4) },
  // contract v4: plans with rollover policies (capped by credits, by percent, both, zero, none)
  { id: 'basic-30', monthlyCredits: 100, price: usd(2900), rollover: { maxCredits: 30 } },
  { id: 'lite-half', monthlyCredits: 40, price: usd(900), rollover: { maxPercent: 50 } },
  { id: 'pro-both', monthlyCredits: 500, price: usd(9900), rollover: { maxCredits: 120, maxPercent: 20 } },
  { id: 'odd-all', monthlyCredits: 7, price: usd(12345, 4), rollover: {} },
  { id: 'basic-zero', monthlyCredits: 100, price: usd(2900), rollover: { maxPercent: 0 } },
]
const PRICES: Money[] = [usd(125), usd(100), usd(12345, 4), usd(0)]
const START = Date.parse('2024-01-31T10:00:00Z')

type Step =
  | { gap: number; offset: number; kind: 'consume'; amount: number }
  | { gap: number; offset: number; kind: 'purchase'; quantity: number; price: number }
  | { gap: number; offset: number; kind: 'plan'; plan: number }
  | { gap: number; offset: number; kind: 'cancel'; immediate: boolean }
  | { gap: number; offset: number; kind: 'revoke' }
  | { gap: number; offset: number; kind: 'downgrade'; plan: number }
  | { gap: number; offset: number; kind: 'unschedule' }
  // Contract v4 (SPEC §9.2): `pick` chooses among what the state offers as of `at`; `share` (0–1) how much of it.
  | { gap: number; offset: number; kind: 'promo'; amount: number; days: number | null }
  | { gap: number; offset: number; kind: 'void'; pick: number }
  | { gap: number; offset: number; kind: 'reverse'; pick: number; share: number }
  | { gap: number; offset: number; kind: 'refund'; pick: number; share: number }

/** Gaps from none to several months, biased towards short ones and exact days. */
const gap = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 * HOUR }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }).map((d) => d * DAY) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 200 * DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 800 }).map((d) => d * DAY) },
)
/** Offsets in minutes an event's `at` is written with (the instant is the same). */
const offset = fc.constantFrom(0, 0, 330, -300, 765, -600)

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ gap, offset, kind: fc.constant('consume' as const), amount: fc.integer({ min: 1, max: 700 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      gap,
      offset,
      kind: fc.constant('purchase' as const),
      quantity: fc.integer({ min: 1, max: 300 }),
      price: fc.nat({ max: PRICES.length - 1 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ gap, offset, kind: fc.constant('plan' as const), plan: fc.nat({ max: PLANS.length - 1 }) }) },
  // contract v4: the lifecycle events (made valid, or replaced by a consumption, by toHistory)
  { weight: 1, arbitrary: fc.record({ gap, offset, kind: fc.constant('cancel' as const), immediate: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ gap, offset, kind: fc.constant('revoke' as const) }) },
  { weight: 2, arbitrary: fc.record({ gap, offset, kind: fc.constant('downgrade' as const), plan: fc.nat({ max: PLANS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ gap, offset, kind: fc.constant('unschedule' as const) }) },
  // contract v4: the corrections (they refer to what the state holds as of their `at`, see toHistory)
  {
    weight: 1,
    arbitrary: fc.record({
      gap,
      offset,
      kind: fc.constant('promo' as const),
      amount: fc.integer({ min: 1, max: 300 }),
      days: fc.option(fc.integer({ min: 1, max: 60 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ gap, offset, kind: fc.constant('void' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ gap, offset, kind: fc.constant('reverse' as const), pick: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ gap, offset, kind: fc.constant('refund' as const), pick: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }) },
)

/** Writes `ms` as an ISO string with the given offset in minutes (`Z` for 0). */
function format(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString()
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23)
  const abs = Math.abs(offsetMinutes)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`
}

/**
 * Turns steps into a valid history of one account: a `plan` step upgrades the
 * subscription (to any plan, applied as a fact) when one is active at its
 * `at`, and starts one otherwise. A lifecycle step (contract v4) that the
 * account refuses at its `at` (no subscription, nothing pending) becomes a
 * consumption of 1 (a revocation with nothing to revoke: a period-end
 * cancellation, if it can), so every history replays. The correction steps
 * (contract v4) refer to what the state holds as of their `at` (it folds as
 * it goes): a reversal picks a consumption of the window with credits left
 * to reverse, a refund an extra bucket, a void a promotional bucket; with
 * nothing to pick, the step is a consumption of 1.
 */
function toHistory(steps: Step[]): CreditEvent[] {
  let t = START
  let state: AccountState = initialState
  return steps.map((s, i) => {
    t += s.gap
    const at = format(t, s.offset)
    const id = `e${i}`
    const candidates: CreditEvent[] = (() => {
      switch (s.kind) {
        case 'consume':
          return [consumed(id, at, s.amount)]
        case 'purchase':
          return [purchased(id, at, s.quantity, PRICES[s.price])]
        case 'plan':
          return [upgraded(id, at, PLANS[s.plan]!), started(id, at, PLANS[s.plan]!)]
        case 'cancel':
          return [cancelled(id, at, s.immediate ? 'immediate' : 'periodEnd'), consumed(id, at, 1)]
        case 'revoke':
          // nothing to revoke: a period-end cancellation instead, for a later revocation to take back
          return [revoked(id, at), cancelled(id, at, 'periodEnd'), consumed(id, at, 1)]
        case 'downgrade':
          return [scheduled(id, at, PLANS[s.plan]!), consumed(id, at, 1)]
        case 'unschedule':
          return [unscheduled(id, at), consumed(id, at, 1)]
        default:
          return [correction(s, id, at, t), consumed(id, at, 1)]
      }
    })()
    for (const event of candidates) {
      try {
        state = evolve(state, event)
        return event
      } catch (error) {
        if (event === candidates.at(-1)) throw error
      }
    }
    throw new Error('unreachable')
  })

  /** The event of a correction step, referring to what the state holds as of `at` (a consumption of 1 if nothing). */
  function correction(s: Step, id: string, at: string, ms: number): CreditEvent {
    const now = state.clock === null ? state : advanceTo(state, new Date(ms).toISOString())
    const live = (source: string) => now.buckets.filter((b) => b.source === source && b.grantedBy !== null)
    switch (s.kind) {
      case 'promo':
        return promoted(id, at, s.amount, s.days === null ? null : new Date(ms + s.days * DAY).toISOString())
      case 'void': {
        const grants = live('promotional')
        if (grants.length === 0) return consumed(id, at, 1)
        return voided(id, at, grants[s.pick % grants.length]!.grantedBy!)
      }
      case 'refund': {
        const purchases = live('extra')
        if (purchases.length === 0) return consumed(id, at, 1)
        const bucket = purchases[s.pick % purchases.length]!
        return refunded(id, at, bucket.grantedBy!, Math.max(1, Math.ceil(s.share * bucket.remaining)))
      }
      case 'reverse': {
        const open = now.consumptions.flat().filter((c) => c.reversed < c.amount)
        if (open.length === 0) return consumed(id, at, 1)
        const c = open[s.pick % open.length]!
        return reversed(id, at, c.id, Math.max(1, Math.ceil(s.share * (c.amount - c.reversed))))
      }
      default:
        return consumed(id, at, 1)
    }
  }
}

const history = fc.array(step, { minLength: 1, maxLength: 25 }).map(toHistory)
const RUNS = { numRuns: 60 }

const roundTrip = (state: AccountState) => parseState(JSON.parse(JSON.stringify(state)))

describe('properties of valid histories', () => {
  it('every generated event is valid on the wire', () => {
    fc.assert(
      fc.property(history, (events) => {
        for (const e of events) expect(parseEvent(JSON.parse(JSON.stringify(e)))).toEqual(e)
      }),
      { numRuns: 20 },
    )
  })

  it('the conservation law holds after every event, and every state reads back with parseState', () => {
    fc.assert(
      fc.property(history, (events) => {
        let state: AccountState = initialState
        for (const event of events) {
          state = evolve(state, event)
          expectConservation(state)
          expect(roundTrip(state)).toEqual(state)
        }
      }),
      RUNS,
    )
  })

  it('folding with evolve equals replay', () => {
    fc.assert(
      fc.property(history, (events) => {
        let state: AccountState = initialState
        for (const event of events) state = evolve(state, event)
        expect(state).toEqual(replay(events))
      }),
      RUNS,
    )
  })

  it('replay(all) equals replay(tail, parseState(JSON of replay(head))) at every split point', () => {
    fc.assert(
      fc.property(history, (events) => {
        const all = replay(events)
        for (let k = 0; k <= events.length; k++) {
          const restored = roundTrip(replay(events.slice(0, k)))
          expect(replay(events.slice(k), restored)).toEqual(all)
        }
      }),
      RUNS,
    )
  })

  it('advanceTo(advanceTo(s, a), b) equals advanceTo(s, b), and keeps the conservation law', () => {
    const later = fc.tuple(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 400 * DAY }))
    fc.assert(
      fc.property(history, later, (events, [x, y]) => {
        const s = replay(events)
        const clock = Date.parse(s.clock!)
        const a = new Date(clock + Math.min(x, y)).toISOString()
        const b = new Date(clock + Math.max(x, y)).toISOString()
        const direct = advanceTo(s, b)
        expect(advanceTo(advanceTo(s, a), b)).toEqual(direct)
        expectConservation(direct)
        // advancing and then applying an event equals applying it directly
        const next = consumed('later', b, 1)
        expect(evolve(advanceTo(s, a), next)).toEqual(evolve(s, next))
      }),
      RUNS,
    )
  })

  it('bucket ids are unique, below nextBucket, and the order is the order of consumption', () => {
    fc.assert(
      fc.property(history, (events) => {
        const s = replay(events)
        const counters = s.buckets.map((b) => Number(b.id.slice(1)))
        expect(new Set(counters).size).toBe(counters.length)
        for (const c of counters) expect(c).toBeLessThan(s.nextBucket)
        for (let i = 1; i < s.buckets.length; i++) {
          const p = s.buckets[i - 1]!
          const q = s.buckets[i]!
          const key = (b: typeof p) => [b.expiresAt ?? '\uffff', Number(b.id.slice(1))] as const
          const [pe, pc] = key(p)
          const [qe, qc] = key(q)
          expect(pe < qe || (pe === qe && pc < qc)).toBe(true)
        }
        for (const bucket of s.buckets) if (bucket.expiresAt !== null) expect(bucket.expiresAt > s.clock!).toBe(true)
        expect(balance(s).available).toBe(s.buckets.reduce((n, b) => n + b.remaining, 0))
      }),
      RUNS,
    )
  })
})

describe('properties of corrections (SPEC §9)', () => {
  it('the generated histories use every v4 event type', () => {
    const seen = new Set<string>()
    for (const events of fc.sample(history, { numRuns: 200, seed: 42 })) for (const e of events) seen.add(e.type)
    for (const type of ['PromotionalCreditsGranted', 'PromotionalCreditsVoided', 'ConsumptionReversed', 'ExtraCreditsRefunded']) {
      expect(seen, type).toContain(type)
    }
  })

  /**
   * For any history H, any consumption c of `a` credits appended to it at t,
   * and any instant t' after it within the reversal window (so that time may
   * pass in between: expiries, renewals), reversing c entirely at t' gives
   * S1 = replay(H, c, reverse(c, a) at t'), to compare with
   * S0 = advanceTo(replay(H), t'), the same history without c:
   * - buckets (ids, remaining, everything), deficit, subscription, nextBucket
   *   and clock are equal;
   * - totals: granted, expired, voided, refunded, charged and refundedMoney
   *   are equal; consumed and reversed are each greater by `a`.
   * Credits restored into a bucket that expired meanwhile expire at once, so
   * they are in S1's `expired` exactly as they are in S0's (where they
   * expired unused). The window of ids and the reversal window differ by
   * construction (c and the reversal are in them). The one case left out is
   * a shortfall that a renewal has repaid meanwhile (the reversal does not
   * give back what is no longer owed; see reverseConsumption.ts): the
   * property requires c's shortfall to be still owed at t'. Since the
   * rollover policies of contract v4 there is a second one: a renewal at or
   * before t' under a plan with a rollover policy. In S0 the credits c took
   * would have been unused at that anniversary and (up to the cap) rolled
   * over; in S1 they come back after it, into buckets that have ended, so
   * they expire at once (a reversal restores credits to their own lot, and
   * never re-runs a renewal). The property leaves those histories out.
   */
  it('reversing a consumption entirely gives the state of the history without it', () => {
    const consumption = fc.record({ amount: fc.integer({ min: 1, max: 900 }), gap: fc.integer({ min: 0, max: 10 * DAY }), later: fc.integer({ min: 0, max: 30 * DAY - 1 }) })
    fc.assert(
      fc.property(history, consumption, (events, { amount, gap: g, later }) => {
        const h = replay(events)
        const t = Date.parse(h.clock!) + g
        const t2 = t + later
        const c = consumed('c*', new Date(t).toISOString(), amount)
        const atC = evolve(h, c)
        const sub = atC.subscription
        fc.pre(sub === null || sub.plan.rollover === undefined || sub.cancelAtPeriodEnd || Date.parse(sub.periodEnd) > t2)
        const withC = advanceTo(atC, new Date(t2).toISOString())
        const s0 = advanceTo(h, new Date(t2).toISOString())
        const shortfall = withC.consumptions.flat().find((r) => r.id === 'c*')!.shortfall
        fc.pre(withC.deficit - s0.deficit === shortfall)
        const s1 = evolve(withC, reversed('r*', new Date(t2).toISOString(), 'c*', amount))
        expect(s1.buckets).toEqual(s0.buckets)
        expect([s1.deficit, s1.nextBucket, s1.clock]).toEqual([s0.deficit, s0.nextBucket, s0.clock])
        expect(s1.subscription).toEqual(s0.subscription)
        const { consumed: c1, reversed: r1, ...rest1 } = s1.totals
        const { consumed: c0, reversed: r0, ...rest0 } = s0.totals
        expect(rest1).toEqual(rest0)
        expect([c1 - c0, r1 - r0]).toEqual([amount, amount])
        expectConservation(s1)
        expect(roundTrip(s1)).toEqual(s1)
      }),
      { numRuns: 150 },
    )
  })
})

describe('time zone independence', () => {
  it('gives the same JSON under America/Los_Angeles and Pacific/Chatham as under this process', () => {
    const here = tzHistoryOutput()
    const dir = fileURLToPath(new URL('.', import.meta.url))
    const root = join(dir, '..', '..')
    const tsx = join(root, 'node_modules', '.bin', 'tsx')
    const script = join(dir, 'fixtures', 'tz-history.ts')
    for (const TZ of ['America/Los_Angeles', 'Pacific/Chatham']) {
      const out = execFileSync(tsx, [script], { cwd: root, env: { ...process.env, TZ }, encoding: 'utf8' })
      expect(out, TZ).toBe(here)
    }
  })

  it('the fixed history gives the balances worked out by hand', () => {
    const { state, balance: now, later, laterBalance } = JSON.parse(tzHistoryOutput())
    // start 2024-02-01T04:30Z (anchored on the 1st in UTC, not Jan 31); c1 −40; renewal 03-01: 60 expire;
    // p +20 extra; c2 −150 → 30 short; renewals 04-01 … 10-01 (7 × 100, the first repays 30);
    // expired 60 + 70 + 5 × 100; upgrade 10-27T00:30Z carries 100 and grants 500; c3 −700 → 100 short.
    expect(state.totals).toEqual({ granted: 1420, consumed: 890, expired: 630, charged: usd(9 * 2900 + 2500 + 9900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expect(now).toEqual({ available: 0, deficit: 100, bySource: { subscription: 0, rollover: 0, extra: 0, promotional: 0 } })
    // 2025-03-30T00:30Z: pro renewals 11-27, 12-27, 01-27, 02-27, 03-27; the first repays 100.
    expect(later.subscription).toMatchObject({ period: 6, periodStart: '2025-03-27T00:30:00.000Z' })
    expect(later.totals).toMatchObject({ granted: 3920, consumed: 890, expired: 630 + 400 + 1500 })
    expect(laterBalance).toEqual({ available: 500, deficit: 0, bySource: { subscription: 500, rollover: 0, extra: 0, promotional: 0 } })
  }, 30_000)

  it('the lifecycle part of the fixed history gives the numbers worked out by hand', () => {
    const { lifecycle, lifecycleLater } = JSON.parse(tzHistoryOutput())
    // anchor 2024-02-01T04:30Z; −20 → 80 unused at 03-01: cap min(30, 50 % of 100) = 30 roll, 50 expire, +100;
    // v3 schedules Lite, v4 cancels (drops it), v5 revokes; 04-01: 130 unused → 30 roll, 100 expire, +100 of Basic;
    // v6 (2024-05-01T03:00Z) cancels at the period end 05-01T04:30Z: then 130 expire, nothing renews.
    expect(lifecycle.subscription).toMatchObject({ period: 3, periodEnd: '2024-05-01T04:30:00.000Z', cancelAtPeriodEnd: true, scheduledPlan: null })
    expect(lifecycle.totals).toEqual({ granted: 300, consumed: 20, expired: 150, charged: usd(3 * 2900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expect(lifecycleLater.subscription).toBeNull()
    expect(lifecycleLater.totals).toEqual({ granted: 300, consumed: 20, expired: 280, charged: usd(3 * 2900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('the generated histories use every event type', () => {
    const seen = new Set(fc.sample(history, { numRuns: 300, seed: 42 }).flat().map((e) => e.type))
    expect([...seen].sort()).toEqual([...EVENT_TYPES].sort())
  })

  it('the fixed history anchors in UTC', () => {
    const { state } = JSON.parse(tzHistoryOutput())
    // upgrade at 2024-10-27T01:30+01:00 = 2024-10-27T00:30Z
    expect(state.subscription.anchor).toBe('2024-10-27T00:30:00.000Z')
    expect(state.subscription.periodEnd).toBe('2024-11-27T00:30:00.000Z')
  })
})
