/**
 * The reversal window of the fold (SPEC §9.1): the consumptions applied in
 * the last `windowMs` of the clock, oldest first, found by scanning back
 * from the newest until `SCAN_LIMIT` (256), then by an index built once and
 * handed from a state to the state folded from it. Two keepers, one
 * contract: a draft's (`PagedReversals`) and a replay's (`ReplayReversals`).
 */
import { describe, expect, it } from 'vitest'
import { PagedReversals, ReplayReversals, consumptionRecord, takeConsumptionIndex, type ReversalWindow } from '../../src/fold/reversalWindow.js'
import type { ConsumptionPage, ConsumptionRecord } from '../../src/index.js'

const T0 = Date.parse('2025-01-10T09:00:00Z')
const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()

/** Consumption `c<n>`, applied `n` hours after T0. */
const record = (n: number): ConsumptionRecord => ({ id: `c${n}`, at: iso(T0 + n * HOUR), amount: 1, shortfall: 0, reversed: 0, draws: [] })
/** The ids of the window's pages, as the state gets them. */
const ids = (window: ReversalWindow) => window.seal().flatMap((page) => page.map((r) => r.id))

const KEEPERS: [string, (pages: readonly ConsumptionPage[]) => ReversalWindow][] = [
  ['PagedReversals', (pages) => new PagedReversals(pages, true)],
  ['ReplayReversals', (pages) => new ReplayReversals(pages)],
]

describe.each(KEEPERS)('%s', (_, make) => {
  it('finds a consumption by scanning back, but not one already forgotten from the first page', () => {
    // Two inherited pages: c0 c1 c2 | c3 c4. The clock at 2 h with a 1 h window forgets c0 and c1.
    const window = make([[record(0), record(1), record(2)], [record(3), record(4)]])
    window.forget(T0 + 2 * HOUR, HOUR)
    // Looked up before the pages are read: the forgotten ones are still in the first page, behind its head.
    expect(window.find('c0')).toBeUndefined()
    expect(window.find('c1')).toBeUndefined()
    expect(window.find('c2')).toEqual(record(2))
    expect(window.find('c3')).toEqual(record(3))
    expect(window.find('c4')).toEqual(record(4))
    expect(window.find('nope')).toBeUndefined()
    expect(ids(window)).toEqual(['c2', 'c3', 'c4'])
  })

  it('forgets inherited and added entries one by one, each once the window after it has passed', () => {
    const window = make([[record(0)]])
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
    const window = make([])
    window.remember(record(0), T0)
    window.remember(record(1), T0 + HOUR)
    window.forget(T0 + HOUR, HOUR)
    expect(ids(window)).toEqual(['c1'])
    expect(window.find('c1')).toEqual(record(1))
  })

  it('a scan past SCAN_LIMIT entries builds an index of exactly the live entries, kept up and handed on', () => {
    const many: ConsumptionRecord[] = Array.from({ length: 300 }, (_, n) => record(n))
    // Pages of 100, the first two entries forgotten.
    const window = make([many.slice(0, 100), many.slice(100, 200), many.slice(200)])
    window.forget(T0 + 1 * HOUR + 10 * HOUR, 10 * HOUR)
    expect(window.find('c299')).toEqual(record(299))
    expect(window.find('c100')).toEqual(record(100)) // 200 scanned: no index yet
    expect(window.find('c2')).toEqual(record(2)) // past 256 entries: the index is built, of the live entries only
    expect(window.find('c1')).toBeUndefined()
    window.remember(record(300), T0 + 300 * HOUR)
    const sealed = window.seal()
    const index = takeConsumptionIndex(sealed)
    expect(index).not.toBeNull()
    expect([...index!.keys()].sort()).toEqual([...many.slice(2), record(300)].map((r) => r.id).sort())
    // Taken once: the next fold from the same window builds its own.
    expect(takeConsumptionIndex(sealed)).toBeNull()
  })

  it('the index built by a long scan is the one it looks up from then on, and forgetting removes from it', () => {
    const many: ConsumptionRecord[] = Array.from({ length: 300 }, (_, n) => record(n))
    const window = make([many])
    expect(window.find('c0')).toEqual(record(0))
    window.forget(T0 + 10 * HOUR, 10 * HOUR)
    expect(window.find('c0')).toBeUndefined()
    expect(window.find('c10')).toEqual(record(10))
    expect(takeConsumptionIndex(window.seal())!.has('c0')).toBe(false)
  })

  it('a short scan, even one that finds nothing, builds no index: the pages go on without one', () => {
    const many: ConsumptionRecord[] = Array.from({ length: 256 }, (_, n) => record(n))
    const window = make([many])
    expect(window.find('c0')).toEqual(record(0)) // all 256 scanned
    expect(window.find('nope')).toBeUndefined()
    window.remember(record(256), T0 + 256 * HOUR)
    expect(takeConsumptionIndex(window.seal())).toBeNull()
  })

  it('commits its pages when a record came, went or changed, and nothing otherwise', () => {
    const window = make([[record(0)]])
    expect(window.commit()).toBeNull()
    window.remember(record(1), T0 + HOUR)
    expect(window.commit()!.flat().map((r) => r.id)).toEqual(['c0', 'c1'])
    expect(window.commit()).toBeNull()
    window.forget(T0 + HOUR, HOUR)
    expect(window.commit()!.flat().map((r) => r.id)).toEqual(['c1'])
    window.forget(T0 + HOUR + 1, HOUR)
    expect(window.commit()).toBeNull()
    const reversed = { ...record(1), reversed: 1 }
    window.update(window.find('c1')!, reversed)
    expect(window.commit()).toEqual([[reversed]])
  })

  it('a window without an index hands on none: a read of the state builds one', () => {
    const pages: ConsumptionPage[] = [[record(0), record(1)]]
    const sealed = make(pages).seal()
    expect(consumptionRecord(sealed, 'c1')).toEqual(record(1))
    expect(consumptionRecord(sealed, 'c9')).toBeUndefined()
    // The read kept the index it built for the next fold.
    expect([...takeConsumptionIndex(sealed)!.keys()]).toEqual(['c0', 'c1'])
  })

  it('a window takes the index handed on with its pages, keeps it up, and hands it on', () => {
    const pages: ConsumptionPage[] = [[record(0)]]
    expect(consumptionRecord(pages, 'c0')).toEqual(record(0)) // a read builds an index and leaves it with the pages
    const window = make(pages)
    expect(takeConsumptionIndex(pages)).toBeNull() // taken by the window
    expect(window.find('c0')).toEqual(record(0))
    window.remember(record(1), T0 + HOUR)
    expect([...takeConsumptionIndex(window.seal())!.keys()]).toEqual(['c0', 'c1'])
  })

  it('a window that takes an index and changes nothing hands it on with its pages', () => {
    const pages: ConsumptionPage[] = [[record(0)]]
    expect(consumptionRecord(pages, 'c0')).toEqual(record(0))
    const window = make(pages)
    expect(window.find('c0')).toEqual(record(0))
    expect(window.commit()).toBeNull()
    expect([...takeConsumptionIndex(window.seal())!.keys()]).toEqual(['c0'])
  })

  it('cuts its records into the pages a PagedList makes, across page boundaries, as records come and go', () => {
    const draft = new PagedReversals([], true)
    const window = make([])
    let pages = draft.seal()
    for (let n = 0; n < 700; n++) {
      draft.remember(record(n), T0 + n * HOUR)
      window.remember(record(n), T0 + n * HOUR)
      if (n % 97 === 0) {
        // Forget a burst (the first 40 h of what is there), sometimes a whole page.
        draft.forget(T0 + (n - 300) * HOUR, 0)
        window.forget(T0 + (n - 300) * HOUR, 0)
      }
      if (n % 50 === 0) {
        pages = draft.seal()
        expect(window.seal()).toEqual(pages)
      }
    }
    expect(window.seal()).toEqual(draft.seal())
    expect(pages.length).toBeGreaterThan(1)
  })
})

describe('PagedReversals of a what-if (handOn false)', () => {
  it('takes no index and hands none on', () => {
    const pages: ConsumptionPage[] = [[record(0)]]
    expect(consumptionRecord(pages, 'c0')).toEqual(record(0)) // an index kept with the pages
    const window = new PagedReversals(pages, false)
    window.remember(record(1), T0 + HOUR)
    const committed = window.commit()!
    expect(takeConsumptionIndex(committed)).toBeNull()
    expect([...takeConsumptionIndex(pages)!.keys()]).toEqual(['c0']) // the state's own, untouched
  })
})
