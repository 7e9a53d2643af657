/**
 * `FlatPages` keeps a list of a state in two flat arrays and the layout of
 * its pages as sizes alone, so that a replay hands out the pages a draft's
 * `PagedList` would have made (SPEC §5: a state's windows are in pages).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FlatPages } from '../../src/fold/flatPages.js'
import { PagedList } from '../../src/fold/pagedList.js'

/** Items are numbers that are their own instant (ms). */
const flat = (pages: number[][], pageSize: number) => new FlatPages<number>(pages, (n) => n, pageSize)
const pagesOf = (list: FlatPages<number>) => list.pages((i) => (list as unknown as { items: number[] }).items[i]!)

/** Runs `ops` (0: push the next item; n > 0: drop the n oldest items, as far as there are any) on a PagedList and a FlatPages. */
function both(start: number[][], ops: number[], pageSize: number) {
  const paged = new PagedList<number>(start, false, pageSize)
  const list = flat(start, pageSize)
  const live = start.flat()
  let next = live.length
  for (const op of ops) {
    if (op === 0) {
      paged.push(next)
      list.push(next, next)
      live.push(next++)
    } else {
      const gone = live.splice(0, op)
      for (let k = 0; k < gone.length; k++) paged.shift()
      const dropped: number[] = []
      const any = list.dropUntil(gone.length > 0 ? gone.at(-1)! : -1, (n) => dropped.push(n))
      expect(dropped).toEqual(gone)
      expect(any).toBe(gone.length > 0)
    }
    expect(list.oldestMs).toBe(live[0] ?? Infinity)
  }
  paged.commit()
  return { expected: paged.pages, actual: pagesOf(list) }
}

describe('FlatPages', () => {
  it('makes the pages a PagedList makes, for any run of pushes and drops from any starting pages', () => {
    const pages = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }).map((sizes) => {
      let n = 0
      return sizes.map((size) => Array.from({ length: size }, () => n++))
    })
    const ops = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 6 })), { maxLength: 60 })
    fc.assert(
      fc.property(pages, ops, (start, run) => {
        const { expected, actual } = both(start, run, 4)
        expect(actual).toEqual(expected)
      }),
      { numRuns: 500 },
    )
  })

  it('a first page that is also the last takes items while it holds fewer than pageSize live ones, gone ones not counted', () => {
    const { expected, actual } = both([[0, 1, 2, 3]], [2, 0, 0, 0], 4)
    expect(actual).toEqual([[2, 3, 4, 5], [6]])
    expect(actual).toEqual(expected)
  })

  it('a page that empties leaves, and the next item opens a new one', () => {
    const { actual } = both([[0, 1], [2]], [3, 0], 4)
    expect(actual).toEqual([[3]])
  })

  it('drops nothing before the oldest instant, and exactly the items at or before the limit', () => {
    const list = flat([], 4)
    expect(list.dropUntil(Number.MAX_SAFE_INTEGER, () => expect.unreachable())).toBe(false)
    list.push(10, 10)
    list.push(20, 20)
    expect(list.dropUntil(9, () => expect.unreachable())).toBe(false)
    const dropped: number[] = []
    expect(list.dropUntil(10, (n) => dropped.push(n))).toBe(true)
    expect(dropped).toEqual([10])
    expect(list.oldestMs).toBe(20)
  })

  it('cuts off its arrays once most items are gone, and keeps the layout', () => {
    const list = flat([], 256)
    for (let n = 0; n < 3000; n++) list.push(n, n)
    list.dropUntil(2000, () => {})
    const { items } = list as unknown as { items: number[] }
    expect(items.length).toBe(999)
    expect(pagesOf(list)).toEqual(both([], [...Array(3000).fill(0), 2001], 256).expected)
    list.push(3000, 3000)
    expect(pagesOf(list).flat()).toEqual(Array.from({ length: 1000 }, (_, k) => 2001 + k))
  })
})
