/**
 * The bucket queue of the fold (the `BucketQueue` the rules see), in both of
 * its ways to hold buckets: `own` (replay's private copy, changed in place)
 * and shared (evolve's draft: the state's buckets are never touched; a
 * changed bucket is replaced by a frozen copy).
 */
import { describe, expect, it } from 'vitest'
import { BucketList } from '../../src/fold/bucketList.js'
import type { Bucket } from '../../src/index.js'

const JAN = '2025-01-10T09:00:00.000Z'
const FEB = '2025-02-10T09:00:00.000Z'
const MAR = '2025-03-10T09:00:00.000Z'

/** Hands out b1, b2, … like a state's counter, at a fixed instant. */
function owner(next = 1, now = JAN) {
  return { now, eventId: null, nextBucketId: () => `b${next++}` }
}

function bucket(id: string, remaining: number, expiresAt: string | null, source: Bucket['source'] = 'subscription'): Bucket {
  return Object.freeze({ id, source, granted: remaining, remaining, grantedAt: JAN, expiresAt, unitPrice: null, grantedBy: null })
}

/** A draw of `credits` from `b`, as a consumption record keeps it (what `restore` gives back from). */
function draw(b: Bucket, credits: number) {
  return { ...b, bucketId: b.id, credits }
}

/** The live buckets, front first, as `id:remaining`. */
function live(list: BucketList): string[] {
  return list.items.slice(list.head).map((b) => `${b.id}:${b.remaining}`)
}

describe.each([
  ['own (replay)', true],
  ['shared (evolve)', false],
] as const)('BucketList, %s', (_mode, own) => {
  it('draws from the front; a bucket taken to exactly zero leaves, and the next one is the front', () => {
    const state = Object.freeze([bucket('b1', 10, FEB), bucket('b2', 5, null, 'extra')])
    const list = new BucketList(state, own, owner(3))
    const first = list.front()!
    expect(first.id).toBe('b1')
    list.take(first, 4)
    expect(list.front()).toMatchObject({ id: 'b1', remaining: 6 })
    list.take(list.front()!, 6)
    expect(list.front()).toMatchObject({ id: 'b2', remaining: 5 })
    list.take(list.front()!, 5)
    expect(list.front()).toBeUndefined()
    // The state's buckets are never changed, whichever way the list holds them.
    expect(state.map((b) => b.remaining)).toEqual([10, 5])
  })

  it('gives credits back into a live bucket at its place; a gone one is re-created at its place by expiry, then by its id\'s number', () => {
    const b2 = bucket('b2', 5, FEB)
    const b9 = bucket('b9', 5, MAR)
    const b11 = bucket('b11', 5, MAR)
    const b12 = bucket('b12', 5, null, 'extra')
    const state = Object.freeze([b2, b9, b11, b12])
    const list = new BucketList(state, own, owner(13))
    expect(list.inserted).toBe(false)
    // A live bucket: its credits go back, nothing is inserted.
    const restored = list.restore(draw(b9, 3), 3)
    expect(restored).toMatchObject({ id: 'b9', remaining: 8 })
    expect(list.inserted).toBe(false)
    expect(live(list)).toEqual(['b2:5', 'b9:8', 'b11:5', 'b12:5'])
    expect(b9.remaining).toBe(5) // the state's bucket as it was
    // Gone buckets: b10 between b9 and b11 (10 as a number, not as text), b1 first (it expires first), b13 last (never expires, newest).
    list.restore(draw(bucket('b10', 4, MAR), 4), 2)
    expect(list.inserted).toBe(true)
    list.restore(draw(bucket('b1', 4, JAN), 4), 1)
    list.restore(draw(bucket('b13', 4, null, 'extra'), 4), 4)
    list.restore(draw(bucket('b3', 4, null, 'extra'), 4), 4)
    expect(live(list)).toEqual(['b1:1', 'b2:5', 'b9:8', 'b10:2', 'b11:5', 'b3:4', 'b12:5', 'b13:4'])
    expect(list.restore(draw(bucket('b10', 4, MAR), 4), 1)).toMatchObject({ id: 'b10', remaining: 3 })
    expect(state.map((b) => b.remaining)).toEqual([5, 5, 5, 5])
  })

  it('re-creates a gone bucket among the live ones only, once the front ones have left', () => {
    const list = new BucketList([bucket('b1', 2, JAN), bucket('b2', 2, FEB), bucket('b4', 2, MAR)], own, owner(5))
    list.take(list.front()!, 2)
    list.take(list.front()!, 2)
    list.restore(draw(bucket('b3', 2, MAR), 2), 2)
    expect(live(list)).toEqual(['b3:2', 'b4:2'])
  })

  it('takes from a bucket behind the front: part of it, then the rest (it leaves, the others keep their order)', () => {
    const list = new BucketList([bucket('b1', 10, FEB), bucket('b2', 20, MAR), bucket('b3', 30, null, 'extra')], own, owner(4))
    const middle = list.items[1]!
    list.take(middle, 15)
    expect(live(list)).toEqual(['b1:10', 'b2:5', 'b3:30'])
    list.take(list.items[1]!, 5)
    expect(live(list)).toEqual(['b1:10', 'b3:30'])
  })

  it('takes from a bucket behind the front after the front has left', () => {
    const list = new BucketList([bucket('b1', 10, FEB), bucket('b2', 20, MAR), bucket('b3', 30, null, 'extra')], own, owner(4))
    list.take(list.front()!, 10)
    const last = list.items.find((b) => b.id === 'b3')!
    list.take(last, 30)
    expect(live(list)).toEqual(['b2:20'])
    list.take(list.front()!, 1)
    expect(live(list)).toEqual(['b2:19'])
  })

  it('adds a bucket with the next id, granted now, at its place in consumption order', () => {
    const list = new BucketList([bucket('b1', 10, FEB), bucket('b2', 20, MAR), bucket('b3', 30, null, 'extra')], own, owner(4, '2025-01-20T00:00:00.000Z'))
    const added = list.add({ source: 'rollover', granted: 7, remaining: 7, expiresAt: FEB, unitPrice: null })
    expect(added).toEqual({
      id: 'b4',
      source: 'rollover',
      granted: 7,
      remaining: 7,
      grantedAt: '2025-01-20T00:00:00.000Z',
      expiresAt: FEB,
      unitPrice: null,
      grantedBy: null,
    })
    // Equal expiry: after the older grant. Never expiring: after everything, oldest first.
    list.add({ source: 'extra', granted: 1, remaining: 1, expiresAt: null, unitPrice: { amount: 125, currency: 'USD' } })
    // Sooner than every bucket: first.
    list.add({ source: 'promotional', granted: 2, remaining: 2, expiresAt: '2025-01-31T00:00:00.000Z', unitPrice: null })
    // Between two expiries.
    list.add({ source: 'promotional', granted: 3, remaining: 3, expiresAt: '2025-02-20T00:00:00.000Z', unitPrice: null })
    // Later than every expiring bucket, before those that never expire.
    list.add({ source: 'promotional', granted: 4, remaining: 4, expiresAt: '2025-04-01T00:00:00.000Z', unitPrice: null })
    expect(live(list)).toEqual(['b6:2', 'b1:10', 'b4:7', 'b7:3', 'b2:20', 'b8:4', 'b3:30', 'b5:1'])
  })

  it('places a new bucket among the live buckets only, once the front ones have left', () => {
    const list = new BucketList([bucket('b1', 1, FEB), bucket('b2', 1, FEB), bucket('b3', 1, MAR)], own, owner(4))
    list.take(list.front()!, 1)
    list.take(list.front()!, 1)
    list.add({ source: 'promotional', granted: 5, remaining: 5, expiresAt: JAN, unitPrice: null })
    expect(live(list)).toEqual(['b4:5', 'b3:1'])
    expect(list.front()!.id).toBe('b4')
  })

  it('adds into an empty queue, and after the last bucket has left', () => {
    const empty = new BucketList([], own, owner())
    empty.add({ source: 'subscription', granted: 100, remaining: 100, expiresAt: FEB, unitPrice: null })
    expect(live(empty)).toEqual(['b1:100'])
    empty.take(empty.front()!, 100)
    empty.add({ source: 'extra', granted: 3, remaining: 3, expiresAt: null, unitPrice: null })
    expect(live(empty)).toEqual(['b2:3'])
  })

  it('removes the matching buckets that expire at or before an instant, in order, and keeps the others in place', () => {
    const list = new BucketList(
      [
        bucket('b1', 1, JAN, 'promotional'),
        bucket('b2', 2, FEB, 'subscription'),
        bucket('b3', 3, FEB, 'promotional'),
        bucket('b4', 4, FEB, 'rollover'),
        bucket('b5', 5, MAR, 'subscription'),
        bucket('b6', 6, null, 'extra'),
      ],
      own,
      owner(7),
    )
    const removed = list.removeExpiring(FEB, (b) => b.source !== 'promotional')
    expect(removed.map((b) => b.id)).toEqual(['b2', 'b4'])
    expect(live(list)).toEqual(['b1:1', 'b3:3', 'b5:5', 'b6:6'])
    // Nothing matches: nothing moves.
    expect(list.removeExpiring(MAR, () => false)).toEqual([])
    expect(live(list)).toEqual(['b1:1', 'b3:3', 'b5:5', 'b6:6'])
    // A bucket that never expires is never removed, however late the instant.
    expect(list.removeExpiring('9999-12-31T23:59:59.999Z', () => true).map((b) => b.id)).toEqual(['b1', 'b3', 'b5'])
    expect(live(list)).toEqual(['b6:6'])
  })

  it('removes expiring buckets from the live ones only', () => {
    const list = new BucketList([bucket('b1', 1, JAN), bucket('b2', 2, FEB), bucket('b3', 3, MAR)], own, owner(4))
    list.take(list.front()!, 1)
    expect(list.removeExpiring(FEB, () => true).map((b) => b.id)).toEqual(['b2'])
    expect(live(list)).toEqual(['b3:3'])
  })
})

describe('BucketList, shared with the state (evolve)', () => {
  it('replaces a bucket it draws from by a frozen copy and leaves the state’s bucket and list as they were', () => {
    const b1 = bucket('b1', 10, FEB)
    const state = Object.freeze([b1, bucket('b2', 5, null, 'extra')])
    const list = new BucketList(state, false, owner(3))
    list.take(b1, 4)
    const copy = list.front()!
    expect(copy).not.toBe(b1)
    expect(copy).toEqual({ ...b1, remaining: 6 })
    expect(Object.isFrozen(copy)).toBe(true)
    expect(b1.remaining).toBe(10)
    expect(state).toHaveLength(2)
  })

  it('freezes the buckets it adds', () => {
    const list = new BucketList([], false, owner())
    expect(Object.isFrozen(list.add({ source: 'extra', granted: 1, remaining: 1, expiresAt: null, unitPrice: null }))).toBe(true)
  })
})

describe('BucketList, owning its buckets (replay)', () => {
  it('copies the state’s buckets once and then changes its own copies in place', () => {
    const b1 = bucket('b1', 10, FEB)
    const list = new BucketList([b1], true, owner(2))
    const mine = list.front()!
    expect(mine).not.toBe(b1)
    expect(mine).toEqual(b1)
    list.take(mine, 4)
    expect(list.front()).toBe(mine)
    expect(mine.remaining).toBe(6)
    expect(b1.remaining).toBe(10)
    expect(Object.isFrozen(list.add({ source: 'extra', granted: 1, remaining: 1, expiresAt: null, unitPrice: null }))).toBe(false)
  })
})
