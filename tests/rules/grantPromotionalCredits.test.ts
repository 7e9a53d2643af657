import { describe, expect, it } from 'vitest'
import { advanceTo, balance, evolve, parseEvent, replay } from '../../src/index.js'
import { expectConservation, expectError } from '../support/assertions.js'
import { consumed, promoted, purchased, started, upgraded, wire } from '../support/events.js'
import { BASIC, PRO } from '../support/plans.js'

// BASIC: 100 credits a month for USD 29, anchored 2025-01-10T09:00Z (period 1 ends 2025-02-10T09:00Z).
const start = started('s', '2025-01-10T09:00:00Z', BASIC)

describe('PromotionalCreditsGranted', () => {
  it('adds a promotional bucket with its own expiry, drawn by expiry: before the subscription credits that expire later', () => {
    const state = replay([
      start,
      promoted('g', '2025-01-12T00:00:00Z', 50, '2025-01-25T00:00:00+01:00', 'trial'),
      // 60 = 50 from the promotion (expires 01-24T23:00Z) + 10 from b1 (expires 02-10).
      consumed('c', '2025-01-13T00:00:00Z', 60),
    ])
    expect(state.buckets).toEqual([
      {
        id: 'b1',
        source: 'subscription',
        granted: 100,
        remaining: 90,
        grantedAt: '2025-01-10T09:00:00.000Z',
        expiresAt: '2025-02-10T09:00:00.000Z',
        unitPrice: null,
        grantedBy: 's',
      },
    ])
    // granted 100 + 50; consumed 60; nothing charged for the promotion.
    expect(state.totals).toMatchObject({ granted: 150, consumed: 60, expired: 0, charged: { amount: 2900, currency: 'USD' } })
    expectConservation(state)
  })

  it('keeps the id of the grant in grantedBy and the expiry in canonical form', () => {
    const state = replay([start, promoted('g', '2025-01-12T00:00:00Z', 50, '2025-01-25T00:00:00+01:00')])
    expect(state.buckets[0]).toMatchObject({ id: 'b2', source: 'promotional', grantedBy: 'g', expiresAt: '2025-01-24T23:00:00.000Z', unitPrice: null })
    expect(balance(state).bySource).toEqual({ subscription: 100, rollover: 0, extra: 0, promotional: 50 })
  })

  it('never-expiring promotional credits are drawn last, after the extra credits granted before them', () => {
    const state = replay([
      start,
      purchased('p', '2025-01-11T00:00:00Z', 10),
      promoted('g', '2025-01-12T00:00:00Z', 20, null),
      // 115 = 100 from b1, then 10 from the extra bucket b2 (older), then 5 from the promotion b3.
      consumed('c', '2025-01-13T00:00:00Z', 115),
    ])
    expect(state.buckets.map((b) => [b.id, b.source, b.remaining])).toEqual([['b3', 'promotional', 15]])
  })

  it('is a grant: it repays a deficit first, and its bucket keeps the whole grant as granted', () => {
    // 130 consumed of 100: deficit 30. The promotion of 50 repays 30 and keeps 20.
    const state = replay([start, consumed('c', '2025-01-11T00:00:00Z', 130), promoted('g', '2025-01-12T00:00:00Z', 50, null)])
    expect(state.deficit).toBe(0)
    expect(state.buckets).toMatchObject([{ id: 'b2', source: 'promotional', granted: 50, remaining: 20 }])
    expect(state.totals).toMatchObject({ granted: 150, consumed: 130 })
    expectConservation(state)
  })

  it('survives an upgrade (only subscription and rollover credits are carried) and expires into expired.promotional at its expiry', () => {
    const state = replay([
      start,
      promoted('g', '2025-01-12T00:00:00Z', 50, '2025-03-01T00:00:00Z'),
      upgraded('u', '2025-01-20T00:00:00Z', PRO),
    ])
    // b1's 100 move into the rollover b3; PRO's 500 in b4 (both expire 02-20); the promotion b2 stays as it was (03-01).
    expect(state.buckets.map((b) => [b.id, b.source, b.remaining, b.grantedBy])).toEqual([
      ['b3', 'rollover', 100, 'u'],
      ['b4', 'subscription', 500, 'u'],
      ['b2', 'promotional', 50, 'g'],
    ])
    // 02-20: the rollover's 100 and the subscription's 500 expire, PRO renews (b5); 03-01: the promotion's 50 expire.
    const later = advanceTo(state, '2025-03-01T00:00:00Z')
    expect(later.buckets.some((b) => b.source === 'promotional')).toBe(false)
    expect(later.totals.expired).toBe(650)
    expectConservation(later)
  })

  it('refuses an expiry at or before at (INVALID_EVENT naming data.expiresAt), in parseEvent and in the fold', () => {
    const at = '2025-01-12T00:00:00Z'
    for (const expiresAt of ['2025-01-12T00:00:00.000Z', '2025-01-12T01:00:00+02:00', '2025-01-11T00:00:00Z']) {
      const event = promoted('g', at, 50, expiresAt)
      expect(expectError(() => parseEvent(wire(event)), 'INVALID_EVENT').field).toBe('data.expiresAt')
      const error = expectError(() => evolve(replay([start]), event), 'INVALID_EVENT')
      expect(error).toMatchObject({ eventId: 'g', field: 'data.expiresAt', value: expiresAt })
      expect(error.message).toContain('"g"')
    }
  })

  it('refuses a blank reason, a zero amount and an unreadable expiry in the fold (cheap guards), before the account check', () => {
    const state = replay([start])
    const other = { accountId: 'acc-2' }
    expect(expectError(() => evolve(state, promoted('g', '2025-01-12T00:00:00Z', 50, null, ' ', other)), 'INVALID_EVENT').field).toBe('data.reason')
    expect(expectError(() => evolve(state, promoted('g', '2025-01-12T00:00:00Z', 0, null)), 'INVALID_EVENT').field).toBe('data.amount')
    expect(expectError(() => evolve(state, promoted('g', '2025-01-12T00:00:00Z', 5, '2025-02-30T00:00:00Z')), 'INVALID_EVENT').field).toBe('data.expiresAt')
  })

  it('a grant that would take granted past the safe integer range is AMOUNT_OVERFLOW naming data.amount', () => {
    const error = expectError(() => evolve(replay([start]), promoted('g', '2025-01-12T00:00:00Z', Number.MAX_SAFE_INTEGER, null)), 'AMOUNT_OVERFLOW')
    expect(error).toMatchObject({ eventId: 'g', field: 'data.amount' })
  })
})
