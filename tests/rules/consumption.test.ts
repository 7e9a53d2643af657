/** SPEC §3: buckets, the order of consumption, deterministic ids. */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, replay } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

const ids = (state: ReturnType<typeof replay>) => state.buckets.map((b) => `${b.id}:${b.source}:${b.remaining}`)

describe('order of consumption', () => {
  it('spends subscription credits (which expire) before extra credits (which never do)', () => {
    // Extra bought before the subscription started: older, but never expires.
    const state = replay([
      purchased('p', '2025-01-09T00:00:00Z', 10),
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c', '2025-01-11T00:00:00Z', 105),
    ])
    expect(ids(state)).toEqual(['b1:extra:5'])
  })

  it('spends extra buckets oldest first', () => {
    const state = replay([
      purchased('p1', '2025-01-01T00:00:00Z', 10),
      purchased('p2', '2025-01-02T00:00:00Z', 10, usd(100)),
      purchased('p3', '2025-01-03T00:00:00Z', 10, usd(150)),
      consumed('c', '2025-01-04T00:00:00Z', 15),
    ])
    expect(ids(state)).toEqual(['b2:extra:5', 'b3:extra:10'])
    expect(state.buckets.map((b) => b.unitPrice)).toEqual([usd(100), usd(150)])
  })

  it('after an upgrade: rollover, then the new subscription bucket, then extra oldest first', () => {
    const history = [
      started('s', '2025-01-10T09:00:00Z', BASIC), // b1
      purchased('p1', '2025-01-11T00:00:00Z', 10), // b2
      purchased('p2', '2025-01-12T00:00:00Z', 5), // b3
      consumed('c1', '2025-01-13T00:00:00Z', 30), // b1: 70
      upgraded('u', '2025-01-14T00:00:00Z', PRO), // b4 rollover 70, b5 subscription 500
    ]
    const state = replay(history)
    expect(ids(state)).toEqual(['b4:rollover:70', 'b5:subscription:500', 'b2:extra:10', 'b3:extra:5'])
    // Rollover and subscription share the expiry; the rollover is the older grant.
    expect(state.buckets[0]!.expiresAt).toBe(state.buckets[1]!.expiresAt)

    expect(ids(replay([...history, consumed('c2', '2025-01-15T00:00:00Z', 69)]))).toEqual([
      'b4:rollover:1',
      'b5:subscription:500',
      'b2:extra:10',
      'b3:extra:5',
    ])
    expect(ids(replay([...history, consumed('c2', '2025-01-15T00:00:00Z', 571)]))).toEqual(['b2:extra:9', 'b3:extra:5'])
    expect(ids(replay([...history, consumed('c2', '2025-01-15T00:00:00Z', 580)]))).toEqual(['b3:extra:5'])
  })

  it('a consumption spanning every bucket empties them all and keeps none', () => {
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', BASIC),
      purchased('p', '2025-01-11T00:00:00Z', 10),
      consumed('c', '2025-01-12T00:00:00Z', 110),
    ])
    expect(state.buckets).toEqual([])
    expect(balance(state)).toMatchObject({ available: 0, deficit: 0 })
    expectConservation(state)
  })
})

describe('bucket ids', () => {
  it('count b1, b2, … across renewals, purchases and upgrades, and are deterministic', () => {
    const history = [
      started('s', '2025-01-10T09:00:00Z', BASIC), // b1
      purchased('p', '2025-01-11T00:00:00Z', 10), // b2
      consumed('c', '2025-01-12T00:00:00Z', 5),
      upgraded('u', '2025-03-01T00:00:00Z', PRO), // renewal at 02-10: b3; upgrade: b4 rollover, b5 subscription
    ]
    const state = replay(history)
    expect(state.buckets.map((b) => b.id)).toEqual(['b4', 'b5', 'b2'])
    expect(state.nextBucket).toBe(6)
    expect(replay(history)).toEqual(state)
    const renewed = advanceTo(state, '2025-04-01T00:00:00Z')
    expect(renewed.buckets.map((b) => b.id)).toEqual(['b6', 'b2'])
  })

  it('no bucket is created for an upgrade with nothing to carry', () => {
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c', '2025-01-12T00:00:00Z', 100),
      upgraded('u', '2025-01-13T00:00:00Z', PRO),
    ])
    expect(ids(state)).toEqual(['b2:subscription:500'])
    expect(state.buckets.some((b) => b.source === 'rollover')).toBe(false)
  })
})
