import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { balance, createLedger, replay, statement, type CreditEvent, type StatementEntry } from '../../src/index.js'
import { buy, consume, interleavedHistories, start, starter, toAsync, upgrade, usd } from './histories.js'

const pick = ({ at, eventId, kind, source, bucketId, credits, balanceAfter }: StatementEntry) => ({
  at,
  eventId,
  kind,
  source,
  bucketId,
  credits,
  balanceAfter,
})

describe('statement', () => {
  it('writes one entry per bucket moved, with the balance after it and time-driven entries without an event', () => {
    const events = [
      start('a', '2025-01-10T09:00:00Z'), // b1: 100 subscription
      consume('a', '2025-01-11T00:00:00Z', 30),
      buy('a', '2025-01-12T00:00:00Z', 50), // b2: 50 extra
      consume('a', '2025-01-13T00:00:00Z', 100), // 70 from b1, 30 from b2
      consume('a', '2025-02-10T09:00:00.000Z', 5), // renewal first: b3
    ]
    const entries = [...statement(events)]
    expect(entries.map(pick)).toEqual([
      { at: '2025-01-10T09:00:00.000Z', eventId: events[0]!.id, kind: 'grant', source: 'subscription', bucketId: 'b1', credits: 100, balanceAfter: 100 },
      { at: '2025-01-11T00:00:00.000Z', eventId: events[1]!.id, kind: 'consume', source: 'subscription', bucketId: 'b1', credits: -30, balanceAfter: 70 },
      { at: '2025-01-12T00:00:00.000Z', eventId: events[2]!.id, kind: 'grant', source: 'extra', bucketId: 'b2', credits: 50, balanceAfter: 120 },
      { at: '2025-01-13T00:00:00.000Z', eventId: events[3]!.id, kind: 'consume', source: 'subscription', bucketId: 'b1', credits: -70, balanceAfter: 50 },
      { at: '2025-01-13T00:00:00.000Z', eventId: events[3]!.id, kind: 'consume', source: 'extra', bucketId: 'b2', credits: -30, balanceAfter: 20 },
      { at: '2025-02-10T09:00:00.000Z', eventId: null, kind: 'grant', source: 'subscription', bucketId: 'b3', credits: 100, balanceAfter: 120 },
      { at: '2025-02-10T09:00:00.000Z', eventId: events[4]!.id, kind: 'consume', source: 'subscription', bucketId: 'b3', credits: -5, balanceAfter: 115 },
    ])
    expect(entries.every((e) => e.accountId === 'a')).toBe(true)
    // Charges: the start, the purchase and the renewal carry them; nothing else does.
    expect(entries.map((e) => e.charged)).toEqual([usd(1000), null, usd(6250), null, null, usd(1000), null])
    // No key holds undefined.
    for (const entry of entries) expect(Object.values(entry)).not.toContain(undefined)
  })

  it('writes expiries with eventId null and the remaining credits', () => {
    const events = [start('a', '2025-01-10T09:00:00Z'), consume('a', '2025-01-20T00:00:00Z', 40), consume('a', '2025-02-11T00:00:00Z', 1)]
    const entries = [...statement(events)].map(pick)
    expect(entries[2]).toEqual({ at: '2025-02-10T09:00:00.000Z', eventId: null, kind: 'expire', source: 'subscription', bucketId: 'b1', credits: -60, balanceAfter: 0 })
    expect(entries[3]).toMatchObject({ eventId: null, kind: 'grant', bucketId: 'b2', credits: 100, balanceAfter: 100 })
  })

  it('writes a shortfall as a deficit entry, and a repaying grant as two grant entries', () => {
    const events = [consume('d', '2025-01-01T00:00:00Z', 50), buy('d', '2025-01-02T00:00:00Z', 80)]
    const entries = [...statement(events)]
    expect(entries.map(pick)).toEqual([
      { at: '2025-01-01T00:00:00.000Z', eventId: events[0]!.id, kind: 'consume', source: 'deficit', bucketId: null, credits: -50, balanceAfter: -50 },
      { at: '2025-01-02T00:00:00.000Z', eventId: events[1]!.id, kind: 'grant', source: 'deficit', bucketId: null, credits: 50, balanceAfter: 0 },
      { at: '2025-01-02T00:00:00.000Z', eventId: events[1]!.id, kind: 'grant', source: 'extra', bucketId: 'b1', credits: 30, balanceAfter: 30 },
    ])
    expect(entries[1]!.charged).toEqual(usd(10000))
    expect(entries[2]!.charged).toBeNull()
  })

  it('writes an upgrade as a − entry per carried bucket and one + entry into the rollover bucket', () => {
    const events = [
      start('u', '2025-01-10T09:00:00Z'),
      consume('u', '2025-01-11T00:00:00Z', 30),
      upgrade('u', '2025-01-20T00:00:00Z'),
      upgrade('u', '2025-01-25T00:00:00Z'),
    ]
    const entries = [...statement(events)].filter((e) => e.eventId === events[3]!.id).map(pick)
    expect(entries).toEqual([
      { at: '2025-01-25T00:00:00.000Z', eventId: events[3]!.id, kind: 'rollover', source: 'rollover', bucketId: 'b2', credits: -70, balanceAfter: 500 },
      { at: '2025-01-25T00:00:00.000Z', eventId: events[3]!.id, kind: 'rollover', source: 'subscription', bucketId: 'b3', credits: -500, balanceAfter: 0 },
      { at: '2025-01-25T00:00:00.000Z', eventId: events[3]!.id, kind: 'rollover', source: 'rollover', bucketId: 'b4', credits: 570, balanceAfter: 570 },
      { at: '2025-01-25T00:00:00.000Z', eventId: events[3]!.id, kind: 'grant', source: 'subscription', bucketId: 'b5', credits: 500, balanceAfter: 1070 },
    ])
  })

  it('starts the running balance from the from-state', () => {
    const head = [start('a', '2025-01-10T09:00:00Z'), consume('a', '2025-01-11T00:00:00Z', 130)]
    const from = replay(head)
    const entries = [...statement([buy('a', '2025-01-12T00:00:00Z', 10)], { from: new Map([['a', from]]) })]
    expect(entries.map((e) => [e.source, e.credits, e.balanceAfter])).toEqual([['deficit', 10, -20]])
  })

  it('is lazy: reads the input only as far as the entries asked for', () => {
    let read = 0
    function* events(): Generator<CreditEvent> {
      yield start('a', '2025-01-10T09:00:00Z')
      for (let i = 1; ; i++) {
        read++
        yield consume('a', new Date(Date.UTC(2025, 0, 10, 10, i)).toISOString(), 1)
      }
    }
    const iterator = statement(events())[Symbol.iterator]()
    for (let i = 0; i < 4; i++) iterator.next()
    expect(read).toBe(3)
  })

  it('accepts an AsyncIterable and returns an AsyncIterable', async () => {
    const events = [start('a', '2025-01-10T09:00:00Z'), consume('a', '2025-01-11T00:00:00Z', 30)]
    const out = statement(toAsync(events))
    expect(typeof out[Symbol.asyncIterator]).toBe('function')
    const entries: StatementEntry[] = []
    for await (const entry of out) entries.push(entry)
    expect(entries).toEqual([...statement(events)])
  })

  it('validates events unless trusted', () => {
    const bad = { ...start('a', '2025-01-10T09:00:00Z'), extra: 1 }
    expect(() => [...statement([bad])]).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }))
    expect([...statement([bad], { trusted: true })]).toHaveLength(1)
    expect(() => statement(42 as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })

  it('yields none of the entries of an event refused mid-way', async () => {
    // The renewal (expire + grant) happens before the purchase overflows.
    const events = [
      start('a', '2025-01-10T09:00:00Z'),
      buy('a', '2025-03-01T00:00:00Z', Number.MAX_SAFE_INTEGER, usd(125)),
    ]
    const seen: StatementEntry[] = []
    expect(() => {
      for (const entry of statement(events)) seen.push(entry)
    }).toThrow(expect.objectContaining({ code: 'AMOUNT_OVERFLOW' }))
    expect(seen).toHaveLength(1)
    const seenAsync: StatementEntry[] = []
    await expect(async () => {
      for await (const entry of statement(toAsync(events))) seenAsync.push(entry)
    }).rejects.toMatchObject({ code: 'AMOUNT_OVERFLOW' })
    expect(seenAsync).toHaveLength(1)
  })

  it('uses the fold options it is given', () => {
    const a = start('a', '2025-01-10T09:00:00Z')
    const again = { ...consume('a', '2025-01-10T10:00:00Z', 1), id: a.id }
    expect(() => [...statement([a, again])]).toThrow(expect.objectContaining({ code: 'DUPLICATE_EVENT' }))
    expect([...createLedger({ idempotencyWindowMs: 60_000 }).statement([a, again])]).toHaveLength(2)
  })

  it('sums to available − deficit, and per bucket to its remaining (property)', () => {
    fc.assert(
      fc.property(interleavedHistories, (events) => {
        const entries = [...statement(events)]
        const byAccount = new Map<string, CreditEvent[]>()
        for (const e of events) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e])
        for (const [accountId, history] of byAccount) {
          const state = replay(history)
          const b = balance(state)
          const mine = entries.filter((e) => e.accountId === accountId)
          expect(mine.every((e) => e.credits !== 0)).toBe(true)
          expect(mine.reduce((s, e) => s + e.credits, 0)).toBe(b.available - b.deficit)
          expect(mine.at(-1)?.balanceAfter ?? 0).toBe(b.available - b.deficit)
          const perBucket = new Map<string, number>()
          for (const e of mine) if (e.bucketId !== null) perBucket.set(e.bucketId, (perBucket.get(e.bucketId) ?? 0) + e.credits)
          for (const bucket of state.buckets) expect(perBucket.get(bucket.id)).toBe(bucket.remaining)
          for (const [id, sum] of perBucket) if (!state.buckets.some((bk) => bk.id === id)) expect(sum).toBe(0)
          // Entries are in time order within the account.
          for (let i = 1; i < mine.length; i++) expect(mine[i]!.at >= mine[i - 1]!.at).toBe(true)
        }
      }),
      { numRuns: 200 },
    )
  })
})

void starter
