/**
 * The reversal window of the fold (SPEC §9.1): the consumptions applied in
 * the last `windowMs` of the clock, oldest first, found by scanning back
 * from the newest until `SCAN_LIMIT` (256), then by an index built once and
 * handed from a state to the state folded from it.
 */
import { describe, expect, it } from 'vitest'
import { ReversalWindow, consumptionRecord, takeConsumptionIndex } from '../../src/fold/reversalWindow.js'
import type { ConsumptionPage, ConsumptionRecord } from '../../src/index.js'

const T0 = Date.parse('2025-01-10T09:00:00Z')
const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()

/** Consumption `c<n>`, applied `n` hours after T0. */
const record = (n: number): ConsumptionRecord => ({ id: `c${n}`, at: iso(T0 + n * HOUR), amount: 1, shortfall: 0, reversed: 0, draws: [] })
const ids = (window: ReversalWindow) => window.pages.pages.flatMap((page, p) => page.slice(p === 0 ? window.pages.head : 0).map((r) => r.id))

describe('ReversalWindow', () => {
  it('finds a consumption by scanning back, but not one already forgotten from the first page', () => {
    // Two inherited pages: c0 c1 c2 | c3 c4. The clock at 2 h with a 1 h window forgets c0 and c1.
    const window = new ReversalWindow([[record(0), record(1), record(2)], [record(3), record(4)]], false, null)
    window.forget(T0 + 2 * HOUR, HOUR)
    expect(ids(window)).toEqual(['c2', 'c3', 'c4'])
    expect(window.find('c0')).toBeUndefined()
    expect(window.find('c1')).toBeUndefined()
    expect(window.find('c2')).toEqual(record(2))
    expect(window.find('c3')).toEqual(record(3))
    expect(window.find('c4')).toEqual(record(4))
    expect(window.find('nope')).toBeUndefined()
  })

  it('forgets inherited entries by their at, then added ones by the instant they were remembered at, one by one', () => {
    const window = new ReversalWindow([[record(0)]], false, null)
    window.remember(record(1), T0 + HOUR)
    window.remember(record(2), T0 + 2 * HOUR)
    window.remember(record(3), T0 + 3 * HOUR)
    window.forget(T0 + 2 * HOUR, HOUR) // limit T0 + 1 h: c0 and c1 go (at or before it)
    expect(ids(window)).toEqual(['c2', 'c3'])
    window.forget(T0 + 3 * HOUR, HOUR) // limit T0 + 2 h: c2 goes
    expect(ids(window)).toEqual(['c3'])
    window.forget(T0 + 3 * HOUR + HOUR - 1, HOUR) // c3 stays until exactly the window after it
    expect(ids(window)).toEqual(['c3'])
    window.forget(T0 + 4 * HOUR, HOUR)
    expect(ids(window)).toEqual([])
  })

  it('a window without added entries forgets by their at; added ones after the inherited run out', () => {
    const window = new ReversalWindow([], false, null)
    window.remember(record(0), T0)
    window.remember(record(1), T0 + HOUR)
    window.forget(T0 + HOUR, HOUR)
    expect(ids(window)).toEqual(['c1'])
    expect(window.find('c1')).toEqual(record(1))
  })

  it('a short scan builds no index; a scan of SCAN_LIMIT entries builds it of exactly the live entries, kept up and handed on', () => {
    const many: ConsumptionRecord[] = Array.from({ length: 300 }, (_, n) => record(n))
    // Pages of 100, the first two entries forgotten.
    const window = new ReversalWindow([many.slice(0, 100), many.slice(100, 200), many.slice(200)], false, null)
    window.forget(T0 + 1 * HOUR + 10 * HOUR, 10 * HOUR)
    expect(window.find('c299')).toEqual(record(299))
    expect(window.find('c100')).toEqual(record(100)) // 200 scanned: no index yet
    const recent = window.pages.pages
    window.handOver(recent)
    expect(takeConsumptionIndex(recent)).toBeNull()

    expect(window.find('c2')).toEqual(record(2)) // past 256 entries: the index is built
    expect(window.find('c1')).toBeUndefined()
    window.remember(record(300), T0 + 300 * HOUR)
    window.handOver(window.pages.pages)
    const index = takeConsumptionIndex(window.pages.pages)
    expect(index).not.toBeNull()
    expect([...index!.keys()].sort()).toEqual([...many.slice(2), record(300)].map((r) => r.id).sort())
    // Taken once: the next fold from the same window builds its own.
    expect(takeConsumptionIndex(window.pages.pages)).toBeNull()
  })

  it('the index built by a long scan is the one it looks up from then on, and forgetting removes from it', () => {
    const many: ConsumptionRecord[] = Array.from({ length: 300 }, (_, n) => record(n))
    const window = new ReversalWindow([many], false, null)
    expect(window.find('c0')).toEqual(record(0))
    window.forget(T0 + 10 * HOUR, 10 * HOUR)
    expect(window.find('c0')).toBeUndefined()
    expect(window.find('c10')).toEqual(record(10))
    window.handOver(window.pages.pages)
    expect(takeConsumptionIndex(window.pages.pages)!.has('c0')).toBe(false)
  })

  it('a window without an index hands on none: a read of the state builds one', () => {
    const pages: ConsumptionPage[] = [[record(0), record(1)]]
    const window = new ReversalWindow(pages, false, null)
    window.handOver(pages)
    expect(consumptionRecord(pages, 'c1')).toEqual(record(1))
    expect(consumptionRecord(pages, 'c9')).toBeUndefined()
    // The read kept the index it built for the next fold.
    expect([...takeConsumptionIndex(pages)!.keys()]).toEqual(['c0', 'c1'])
  })

  it('a window handed an index looks up from it', () => {
    const pages: ConsumptionPage[] = [[record(0)]]
    const index = new Map([['c0', record(0)]])
    const window = new ReversalWindow(pages, false, index)
    expect(window.find('c0')).toEqual(record(0))
    window.remember(record(1), T0 + HOUR)
    expect(index.get('c1')).toEqual(record(1))
  })
})
