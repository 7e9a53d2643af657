/**
 * The rollover at a renewal (SPEC §9.2, src/rules/rollover.ts): the unused
 * subscription and rollover credits are summed; up to the plan's cap move
 * into ONE new rollover bucket, older than the new subscription bucket; the
 * rest expire; then the new credits are granted. Every number worked by hand.
 * Anchor 2025-01-10T09:00Z: anniversaries 02-10, 03-10, 04-10 at 09:00Z.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, statement, type Plan } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { expectConservation } from '../support/assertions.js'
import { usd } from '../support/plans.js'
import { BASIC, PRO, ROLL_25PCT, ROLL_30, bucketRows } from './plans.js'
import { rolloverCap } from '../../src/rules/rollover.js'

const START = '2025-01-10T09:00:00Z'
const FEB = '2025-02-10T09:00:00.000Z'
const MAR = '2025-03-10T09:00:00.000Z'
const APR = '2025-04-10T09:00:00.000Z'
const plan = (rollover: Plan['rollover']): Plan => ({ id: 'p', monthlyCredits: 100, price: usd(2900), ...(rollover === undefined ? {} : { rollover }) })

/** Start on `p`, consume 20 (80 unused), and pass the first anniversary. */
const renewedOnce = (p: Plan) => advanceTo(history('a').start(p, START).consume(20, '+1d').state, FEB)

describe('the cap of a rollover policy', () => {
  it.each([
    ['no policy: nothing rolls over (the seed rule)', undefined, 0],
    ['maxCredits 30', { maxCredits: 30 }, 30],
    ['maxPercent 25 of 100 monthly credits', { maxPercent: 25 }, 25],
    ['both, the percentage smaller: min(40, 25)', { maxCredits: 40, maxPercent: 25 }, 25],
    ['both, maxCredits smaller: min(10, 50)', { maxCredits: 10, maxPercent: 50 }, 10],
    ['maxCredits 0', { maxCredits: 0 }, 0],
    ['maxPercent 0', { maxPercent: 0 }, 0],
    ['an empty policy: no cap', {}, Infinity],
  ] as const)('%s', (_name, rollover, cap) => {
    expect(rolloverCap(plan(rollover))).toBe(cap)
  })

  it('rounds the percentage down, exactly, even where maxPercent × monthlyCredits leaves the safe range', () => {
    // ⌊33 × 10 / 100⌋ = 3; ⌊99 × (2^53 − 1) / 100⌋ computed as 99 × q + ⌊99 × r / 100⌋
    expect(rolloverCap({ ...plan({ maxPercent: 33 }), monthlyCredits: 10 })).toBe(3)
    const m = Number.MAX_SAFE_INTEGER // 9007199254740991 = 100 × 90071992547409 + 91
    expect(rolloverCap({ ...plan({ maxPercent: 99 }), monthlyCredits: m })).toBe(99 * 90071992547409 + Math.floor((99 * 91) / 100))
  })
})

describe('a renewal with a rollover policy', () => {
  it('maxCredits 30: of 80 unused, 30 move into one rollover bucket, 50 expire, then 100 are granted', () => {
    const s = renewedOnce(ROLL_30)
    // b1 (80 left) is gone; b2 = rollover 30, created before b3 = the new 100.
    expect(bucketRows(s)).toEqual([
      ['b2', 'rollover', 30, MAR],
      ['b3', 'subscription', 100, MAR],
    ])
    expect(s.buckets[0]).toMatchObject({ granted: 30, grantedAt: FEB, unitPrice: null })
    // a move is not a grant: granted 100 + 100; expired 50; 200 − 20 − 50 = 130
    expect(s.totals).toEqual({ granted: 200, consumed: 20, expired: 50, charged: usd(5800), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expect(balance(s).bySource).toEqual({ subscription: 100, rollover: 30, extra: 0, promotional: 0 })
    expectConservation(s)
  })

  it('maxPercent 25: of 80 unused, 25 roll over and 55 expire', () => {
    const s = renewedOnce(ROLL_25PCT)
    expect(bucketRows(s)).toEqual([
      ['b2', 'rollover', 25, MAR],
      ['b3', 'subscription', 100, MAR],
    ])
    expect(s.totals).toMatchObject({ granted: 200, consumed: 20, expired: 55 })
  })

  it('both caps: the smaller wins (min(40, 25) = 25; min(10, 50) = 10)', () => {
    expect(renewedOnce(plan({ maxCredits: 40, maxPercent: 25 })).buckets[0]).toMatchObject({ source: 'rollover', remaining: 25 })
    expect(renewedOnce(plan({ maxCredits: 10, maxPercent: 50 })).buckets[0]).toMatchObject({ source: 'rollover', remaining: 10 })
  })

  it('a zero cap: no rollover bucket at all, all 80 expire', () => {
    for (const rollover of [{ maxCredits: 0 }, { maxPercent: 0 }]) {
      const s = renewedOnce(plan(rollover))
      expect(bucketRows(s)).toEqual([['b2', 'subscription', 100, MAR]])
      expect(s.totals.expired).toBe(80)
    }
  })

  it('fewer unused credits than the cap: all of them roll over, nothing expires', () => {
    // consume 90: 10 unused < 30
    const s = advanceTo(history('a').start(ROLL_30, START).consume(90, '+1d').state, FEB)
    expect(bucketRows(s)).toEqual([
      ['b2', 'rollover', 10, MAR],
      ['b3', 'subscription', 100, MAR],
    ])
    expect(s.totals.expired).toBe(0)
  })

  it('extra credits are not plan credits: they neither roll over nor expire', () => {
    const s = advanceTo(history('a').start(ROLL_30, START).buyExtra(50, '+1d').state, FEB)
    // unused plan credits 100 → 30 roll, 70 expire; the 50 extra stay in b2
    expect(bucketRows(s)).toEqual([
      ['b3', 'rollover', 30, MAR],
      ['b4', 'subscription', 100, MAR],
      ['b2', 'extra', 50, null],
    ])
    expect(s.totals.expired).toBe(70)
  })

  it('chains over several periods: the rollover bucket itself rolls, and never holds more than the cap', () => {
    const h = history('a').start(ROLL_30, START).consume(20, '+1d').consume(10, '2025-02-11T00:00:00Z')
    // 02-10: 80 unused → b2 rollover 30, 50 expire, b3 100. 02-11: consume 10 from b2 (older) → b2 20, b3 100.
    expect(bucketRows(h.state)).toEqual([
      ['b2', 'rollover', 20, MAR],
      ['b3', 'subscription', 100, MAR],
    ])
    // 03-10: 120 unused → 30 roll (20 from b2, 10 from b3) into b4; 90 of b3 expire; b5 100.
    const mar = advanceTo(h.state, MAR)
    expect(bucketRows(mar)).toEqual([
      ['b4', 'rollover', 30, APR],
      ['b5', 'subscription', 100, APR],
    ])
    // 04-10: 130 unused → 30 roll (all of b4) into b6; 100 of b5 expire; b7 100.
    const apr = advanceTo(mar, APR)
    expect(bucketRows(apr)).toEqual([
      ['b6', 'rollover', 30, '2025-05-10T09:00:00.000Z'],
      ['b7', 'subscription', 100, '2025-05-10T09:00:00.000Z'],
    ])
    // granted 4 × 100; consumed 30; expired 50 + 90 + 100 = 240; 400 − 30 − 240 = 130 = 30 + 100
    expect(apr.totals).toEqual({ granted: 400, consumed: 30, expired: 240, charged: usd(4 * 2900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expectConservation(apr)
  })

  it('with a deficit: nothing is left to roll, the grant repays first; the next renewal rolls from what is left', () => {
    const h = history('a').start(ROLL_30, START).consume(150, '+1d')
    // 100 from b1, 50 short
    expect(balance(h.state)).toMatchObject({ available: 0, deficit: 50 })
    const feb = advanceTo(h.state, FEB)
    // no plan credit left: no rollover bucket; the grant of 100 repays 50 → b2 holds 50 (granted 100)
    expect(bucketRows(feb)).toEqual([['b2', 'subscription', 50, MAR]])
    expect(feb.deficit).toBe(0)
    // 03-10: 50 unused → 30 roll into b3, 20 expire; b4 100
    const mar = advanceTo(feb, MAR)
    expect(bucketRows(mar)).toEqual([
      ['b3', 'rollover', 30, APR],
      ['b4', 'subscription', 100, APR],
    ])
    expect(mar.totals).toMatchObject({ granted: 300, consumed: 150, expired: 20 })
    expectConservation(mar)
  })

  it('a rolled credit never repays a deficit: a move is not a grant', () => {
    // 02-10: 30 roll (b2) + 100 (b3). Consume 200: 130 drawn, 70 short. 03-10: nothing to roll; the grant repays 70.
    const s = advanceTo(history('a').start(ROLL_30, START).consume(20, '+1d').consume(200, '2025-02-11T00:00:00Z').state, MAR)
    expect(bucketRows(s)).toEqual([['b4', 'subscription', 30, APR]])
    expect(s.totals).toMatchObject({ granted: 300, consumed: 220, expired: 50 })
    expectConservation(s)
  })

  it('an upgrade carries every unused credit, whatever the cap (the seed rule)', () => {
    const s = history('a').start(ROLL_30, START).consume(20, '+1d').upgrade(PRO, '+1d').state
    // 80 unused, cap 30 ignored: b2 rollover 80 before b3 = 500 of Pro
    expect(bucketRows(s)).toEqual([
      ['b2', 'rollover', 80, '2025-02-12T09:00:00.000Z'],
      ['b3', 'subscription', 500, '2025-02-12T09:00:00.000Z'],
    ])
    expect(s.totals.expired).toBe(0)
  })

  it('a plan with no policy still expires everything, as before contract v4', () => {
    const s = renewedOnce(BASIC)
    expect(bucketRows(s)).toEqual([['b2', 'subscription', 100, MAR]])
    expect(s.totals.expired).toBe(80)
  })
})

describe('the statement of a renewal that rolls', () => {
  it('writes a rollover pair (− from each old bucket, + into the new one), an expire for the rest, then the grant', () => {
    const h = history('a').start(ROLL_30, START).consume(20, '+1d').consume(10, '2025-02-11T00:00:00Z')
    const entries = [...statement([...h.events, { type: 'CreditsConsumed', id: 'a-4', accountId: 'a', at: MAR, data: { amount: 1 } }])]
    const at = (t: string) => entries.filter((e) => e.at === t).map((e) => [e.eventId, e.kind, e.source, e.bucketId, e.credits, e.balanceAfter])
    // 02-10: 80 → 30 rolled from b1, 50 of b1 expire, 100 granted
    expect(at(FEB)).toEqual([
      [null, 'rollover', 'subscription', 'b1', -30, 50],
      [null, 'rollover', 'rollover', 'b2', 30, 80],
      [null, 'expire', 'subscription', 'b1', -50, 30],
      [null, 'grant', 'subscription', 'b3', 100, 130],
    ])
    // 03-10: 120 → 20 from b2 and 10 from b3 roll into b4; 90 of b3 expire; 100 granted; then the consumption of 1
    expect(at(MAR)).toEqual([
      [null, 'rollover', 'rollover', 'b2', -20, 100],
      [null, 'rollover', 'subscription', 'b3', -10, 90],
      [null, 'rollover', 'rollover', 'b4', 30, 120],
      [null, 'expire', 'subscription', 'b3', -90, 30],
      [null, 'grant', 'subscription', 'b5', 100, 130],
      ['a-4', 'consume', 'rollover', 'b4', -1, 129],
    ])
    expect(entries.find((e) => e.at === MAR && e.kind === 'grant')!.charged).toEqual(usd(2900))
  })
})
