import { describe, expect, it } from 'vitest'
import { generateAccount, generateAccountWithCorrections, generateLifecycleAccount, LIFECYCLE_PLANS, PLANS } from '../../bench/generate.js'
import { epochTimes, floorReplay, referenceReplay, referenceReplayAll } from '../../bench/reference-fold.js'
import { balance, replay, replayAll, statement, type AccountState, type CreditEvent } from '../../src/index.js'

/**
 * The bench compares the library with a hand-written fold (the speed limit).
 * That comparison is honest only if both compute the same thing: same
 * balances, deficits and totals on the same histories.
 */
function expectSame(state: AccountState, events: CreditEvent[]): void {
  const ref = referenceReplay(events).summary()
  const b = balance(state)
  expect({
    accountId: ref.accountId,
    clock: new Date(ref.clockMs).toISOString(),
    available: ref.available,
    deficit: ref.deficit,
    granted: ref.granted,
    consumed: ref.consumed,
    expired: ref.expired,
    charged: ref.chargedCents,
    buckets: ref.liveBuckets,
    nextBucket: ref.nextBucket,
    window: ref.windowSize,
  }).toEqual({
    accountId: state.accountId,
    clock: state.clock,
    available: b.available,
    deficit: state.deficit,
    granted: state.totals.granted,
    consumed: state.totals.consumed,
    expired: state.totals.expired,
    charged: state.totals.charged?.amount ?? 0,
    buckets: state.buckets.length,
    nextBucket: state.nextBucket,
    window: state.window.flat().length,
  })
}

const at = (ms: number) => new Date(ms).toISOString()

describe('bench/reference-fold (the speed limit) computes what replay computes', () => {
  it.each([
    [1, 50],
    [2, 2_000],
    [3, 20_000],
    [4, 60_000],
  ])('generated history, seed %i, %i events', (seed, count) => {
    const events = generateAccount(`acc-${seed}`, count, seed)
    expectSame(replay(events), events)
  })

  it('at month ends (anchor on the 31st) with deficits, upgrades and long gaps', () => {
    const accountId = 'acc-edge'
    const events: CreditEvent[] = []
    let t = Date.UTC(2024, 0, 31, 10)
    let n = 0
    const id = () => `${accountId}-${++n}`
    events.push({ type: 'SubscriptionStarted', id: id(), accountId, at: at(t), data: { plan: PLANS[0]! } })
    for (let month = 0; month < 40; month++) {
      t += 3 * 86_400_000
      events.push({ type: 'CreditsConsumed', id: id(), accountId, at: at(t), data: { amount: 1_500 } }) // deficit
      t += 86_400_000
      if (month % 7 === 3) events.push({ type: 'PlanUpgraded', id: id(), accountId, at: at(t), data: { plan: PLANS[1 + (month % 3)]! } })
      else events.push({ type: 'ExtraCreditsPurchased', id: id(), accountId, at: at(t), data: { quantity: 300, unitPrice: { amount: 125, currency: 'USD' } } })
      if (month % 5 === 0) t += 70 * 86_400_000 // several renewals at once
    }
    expectSame(replay(events), events)
  })

  const lifecycle = new Map<number, CreditEvent[]>()
  it.each([
    [5, 2_000],
    [6, 20_000],
    [7, 60_000],
  ])('generated lifecycle history (contract v4), seed %i, %i events', (seed, count) => {
    const events = generateLifecycleAccount(`acc-${seed}`, count, seed)
    lifecycle.set(seed, events)
    expectSame(replay(events), events)
  })

  it('the generated lifecycle histories use every event type and roll credits over at renewals', () => {
    const all = [...lifecycle.values()]
    expect(all.length).toBe(3)
    expect(new Set(all.flat().map((e) => e.type)).size).toBe(8) // every event type of v1 and of the lifecycle (the corrections have their own generator below)
    const rolls = all.flatMap((events) => [...statement(events)].filter((e) => e.kind === 'rollover' && e.eventId === null && e.credits > 0))
    expect(rolls.length).toBeGreaterThan(3)
  })

  it('rollover caps, scheduled changes and cancellations at month ends, with deficits', () => {
    const accountId = 'acc-v4'
    const events: CreditEvent[] = []
    let t = Date.UTC(2024, 0, 31, 10)
    let n = 0
    const id = () => `${accountId}-${++n}`
    const push = (e: Omit<CreditEvent, 'id' | 'accountId' | 'at'>) => events.push({ ...e, id: id(), accountId, at: at(t) } as CreditEvent)
    push({ type: 'SubscriptionStarted', data: { plan: LIFECYCLE_PLANS[2]! } })
    for (let month = 0; month < 30; month++) {
      t += 3 * 86_400_000
      push({ type: 'CreditsConsumed', data: { amount: month % 4 === 0 ? 30_000 : 7_000 } }) // a deficit every 4th month
      t += 86_400_000
      if (month % 6 === 1) push({ type: 'PlanChangeScheduled', data: { plan: LIFECYCLE_PLANS[month % 3]! } })
      if (month % 6 === 2) push({ type: 'PlanUpgraded', data: { plan: LIFECYCLE_PLANS[3]! } })
      if (month % 6 === 3) push({ type: 'SubscriptionCancelled', data: { mode: 'periodEnd' } })
      if (month % 6 === 4) {
        t += 40 * 86_400_000 // past the end
        push({ type: 'SubscriptionStarted', data: { plan: LIFECYCLE_PLANS[month % 2]! } })
      }
      if (month % 6 === 5) push({ type: 'SubscriptionCancelled', data: { mode: 'immediate' } })
      if (month % 6 === 0 && month > 0) push({ type: 'SubscriptionStarted', data: { plan: LIFECYCLE_PLANS[1]! } })
      t += 27 * 86_400_000
    }
    const state = replay(events)
    // the history does roll credits over at renewals (so the comparison covers the caps)
    expect([...statement(events)].filter((e) => e.kind === 'rollover' && e.eventId === null).length).toBeGreaterThan(10)
    expectSame(state, events)
  })

  it('100 accounts interleaved by time, as replayAll sees them', () => {
    const all: CreditEvent[] = []
    for (let i = 0; i < 100; i++) all.push(...generateAccount(`acc-${i}`, 300, 100 + i, Date.UTC(2021, 0, 1) + i * 1_000))
    all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    const states = replayAll(all)
    const refs = referenceReplayAll(all)
    expect(refs.size).toBe(states.size)
    for (const [accountId, state] of states) {
      const ref = refs.get(accountId)!.summary()
      expect([ref.available, ref.deficit, ref.granted, ref.consumed, ref.expired]).toEqual([
        balance(state).available,
        state.deficit,
        state.totals.granted,
        state.totals.consumed,
        state.totals.expired,
      ])
    }
  })
})

describe('bench/reference-fold floorReplay (the floor: pre-parsed times, no window)', () => {
  it.each([
    [1, 2_000],
    [5, 30_000],
  ])('gives the balances of replay and of the reference, keeping no ids (seed %i, %i events)', (seed, count) => {
    const events = generateAccount(`acc-${seed}`, count, seed)
    const floor = floorReplay(events, epochTimes(events)).summary()
    const ref = referenceReplay(events).summary()
    expect(floor).toEqual({ ...ref, windowSize: 0 })
    const state = replay(events)
    expect([floor.available, floor.deficit, floor.consumed, floor.expired, floor.clockMs]).toEqual([
      balance(state).available,
      state.deficit,
      state.totals.consumed,
      state.totals.expired,
      Date.parse(state.clock!),
    ])
  })

  it('uses the times it is given, not the events\' own', () => {
    const events = generateAccount('acc-t', 500, 9)
    const times = epochTimes(events).map((t) => t + 40 * 86_400_000)
    expect(floorReplay(events, times).summary().clockMs).toBe(Date.parse(events.at(-1)!.at) + 40 * 86_400_000)
  })
})

describe('bench/reference-fold instant()', () => {
  it('reads the canonical form like Date.parse', async () => {
    const { instant } = await import('../../bench/reference-fold.js')
    for (const ms of [0, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2000, 0, 1), Date.UTC(1999, 11, 31, 12), Date.UTC(2100, 2, 1, 1, 2, 3, 4), Date.UTC(1900, 1, 28)]) {
      const text = new Date(ms).toISOString()
      expect(instant(text)).toBe(ms)
    }
    for (let ms = Date.UTC(1990, 0, 1); ms < Date.UTC(2060, 0, 1); ms += 86_400_000 * 17 + 3_723_456) expect(instant(new Date(ms).toISOString())).toBe(ms)
    expect(instant('2024-01-31T10:00:00-05:00')).toBe(Date.parse('2024-01-31T15:00:00Z'))
  })
})

describe('bench/reference-fold with the corrections of contract v4', () => {
  it.each([
    [5, 3_000],
    [6, 40_000],
  ])('generated history with reversals, refunds, promotions and voids, seed %i, %i events', (seed, count) => {
    const events = generateAccountWithCorrections(`acc-${seed}`, count, seed)
    const types = new Set(events.map((e) => e.type))
    for (const type of ['ConsumptionReversed', 'ExtraCreditsRefunded', 'PromotionalCreditsGranted', 'PromotionalCreditsVoided']) expect(types).toContain(type)
    const state = replay(events)
    expectSame(state, events)
    const ref = referenceReplay(events).summary()
    expect({ reversed: ref.reversed, voided: ref.voided, refunded: ref.refunded, refundedMoney: ref.refundedCents, consumptions: ref.consumptions }).toEqual({
      reversed: state.totals.reversed,
      voided: state.totals.voided,
      refunded: state.totals.refunded,
      refundedMoney: state.totals.refundedMoney?.amount ?? 0,
      consumptions: state.consumptions.flat().length,
    })
  })
})
