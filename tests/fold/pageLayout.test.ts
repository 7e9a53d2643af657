/**
 * `PageLayout` keeps the pages of a `PagedList` as sizes alone, so that a
 * replay can keep its window's items in one flat array and still hand out
 * the pages a draft would have made (SPEC §5: a state's lists are in pages).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PageLayout } from '../../src/fold/pageLayout.js'
import { PagedList } from '../../src/fold/pagedList.js'

/** Runs `ops` (true: push, false: shift if any item is live) on a PagedList and a PageLayout from the same pages. */
function both(start: number[][], ops: boolean[], pageSize: number) {
  const list = new PagedList<number>(start, false, pageSize)
  const layout = new PageLayout(pageSize)
  const items = start.flat()
  for (const page of start) layout.addPage(page.length)
  let head = 0
  let next = items.length
  for (const op of ops) {
    if (op) {
      list.push(next)
      layout.push()
      items.push(next++)
    } else if (head < items.length) {
      list.shift()
      layout.shift()
      head++
    }
  }
  list.commit()
  return { expected: list.pages, actual: layout.pages(head, (i) => items[i]!) }
}

describe('PageLayout', () => {
  it('makes the pages a PagedList makes, for any run of pushes and shifts from any starting pages', () => {
    const pages = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }).map((sizes) => {
      let n = 0
      return sizes.map((size) => Array.from({ length: size }, () => n++))
    })
    fc.assert(
      fc.property(pages, fc.array(fc.boolean(), { maxLength: 60 }), (start, ops) => {
        const { expected, actual } = both(start, ops, 4)
        expect(actual).toEqual(expected)
      }),
      { numRuns: 500 },
    )
  })

  it('a first page that is also the last takes items while it holds fewer than pageSize live ones, gone ones not counted', () => {
    const { expected, actual } = both([[0, 1, 2, 3]], [false, false, true, true, true], 4)
    expect(actual).toEqual([[2, 3, 4, 5], [6]])
    expect(actual).toEqual(expected)
  })

  it('a page that empties leaves, and the next item opens a new one', () => {
    const { actual } = both([[0, 1], [2]], [false, false, false, true], 4)
    expect(actual).toEqual([[3]])
  })

  it('compact forgets the sizes of the pages that are gone and keeps the layout', () => {
    const layout = new PageLayout(2)
    const items = [0, 1, 2, 3, 4]
    for (let i = 0; i < items.length; i++) layout.push()
    layout.shift()
    layout.shift()
    layout.shift()
    expect(layout.pages(3, (i) => items[i]!)).toEqual([[3], [4]])
    layout.compact()
    expect(layout.pages(0, (i) => items.slice(3)[i]!)).toEqual([[3], [4]])
  })
})
