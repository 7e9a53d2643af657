/** SPEC §5: replayAll over many interleaved accounts; replay's from. */
import { describe, expect, it } from 'vitest'
import { replay, replayAll, type CreditEvent } from '../../src/index.js'
import { expectError, expectRejection } from '../support/assertions.js'
import { consumed, purchased, started, upgraded, wire } from '../support/events.js'
import { BASIC, PRO } from '../support/plans.js'

const a: CreditEvent[] = [
  started('a1', '2025-01-10T09:00:00Z', BASIC, { accountId: 'A' }),
  consumed('a2', '2025-01-15T00:00:00Z', 30, { accountId: 'A' }),
  upgraded('a3', '2025-02-20T00:00:00Z', PRO, { accountId: 'A' }),
]
const b: CreditEvent[] = [
  purchased('b1', '2025-01-01T00:00:00Z', 10, undefined, { accountId: 'B' }),
  // same ids in another account are fine
  consumed('a2', '2025-03-01T00:00:00Z', 15, { accountId: 'B' }),
]
// Interleaved: B's events in between A's, out of global time order.
const interleaved = [a[0]!, b[0]!, a[1]!, a[2]!, b[1]!]

describe('replayAll', () => {
  it('folds an Iterable into a Map of states, one per account, equal to replay', () => {
    const states = replayAll(interleaved.map(wire))
    expect(states).toBeInstanceOf(Map)
    expect([...states.keys()].sort()).toEqual(['A', 'B'])
    expect(states.get('A')).toEqual(replay(a))
    expect(states.get('B')).toEqual(replay(b))
    expect(states.get('B')!.deficit).toBe(5)
  })

  it('folds an AsyncIterable into a Promise of the same Map', async () => {
    async function* stream() {
      for (const event of interleaved) yield wire(event)
    }
    const result = replayAll(stream())
    expect(result).toBeInstanceOf(Promise)
    const states = await result
    expect(states).toEqual(replayAll(interleaved.map(wire)))
  })

  it('validates each event\'s shape by default, and the async form rejects', async () => {
    const bad = { ...wire(a[1]!), data: { amount: 30, extra: true } }
    const error = expectError(() => replayAll([wire(a[0]!), bad]), 'INVALID_EVENT')
    expect(error).toMatchObject({ eventId: 'a2', field: 'data.extra' })
    async function* stream() {
      yield wire(a[0]!)
      yield bad
    }
    await expectRejection(replayAll(stream()), 'INVALID_EVENT')
  })

  it('{ trusted: true } skips the shape validation', () => {
    const loose = { ...wire(a[1]!), data: { amount: 30, extra: true } }
    const states = replayAll([wire(a[0]!), loose], { trusted: true })
    expect(states.get('A')!.totals.consumed).toBe(30)
  })

  it('continues from a map of states', () => {
    const head = replayAll([a[0]!, b[0]!, a[1]!].map(wire))
    const states = replayAll([a[2]!, b[1]!].map(wire), { from: head })
    expect(states).toEqual(replayAll(interleaved.map(wire)))
    // accounts of `from` with no events are kept
    const only = replayAll([b[1]!].map(wire), { from: head })
    expect(only.get('A')).toBe(head.get('A'))
  })

  it('checks order within an account, not across accounts', () => {
    expectError(() => replayAll([a[1]!, a[0]!].map(wire)), 'OUT_OF_ORDER')
  })

  it('refuses something that is not iterable with INVALID_ARGUMENT', () => {
    expectError(() => replayAll(42 as unknown as Iterable<unknown>), 'INVALID_ARGUMENT')
  })
})

describe('replay from a state', () => {
  it('replay(tail, from) equals replay(all)', () => {
    expect(replay(a.slice(2), replay(a.slice(0, 2)))).toEqual(replay(a))
  })

  it('refuses a from of another account with ACCOUNT_MISMATCH', () => {
    const error = expectError(() => replay(b, replay(a)), 'ACCOUNT_MISMATCH')
    expect(error.eventId).toBe('b1')
  })

  it('replay of nothing returns the from state unchanged', () => {
    const from = replay(a)
    expect(replay([], from)).toEqual(from)
  })
})
