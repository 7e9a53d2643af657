/**
 * The paged list under the idempotency window: pages of at most `pageSize`
 * live items, consumed from the front, appended at the back, copied on the
 * first write so that the state it started from is never changed and a fold
 * that appends one item copies one page, not the list.
 */
import { describe, expect, it } from 'vitest'
import { PagedList } from '../../src/fold/pagedList.js'

const frozen = (pages: number[][]): readonly (readonly number[])[] => Object.freeze(pages.map((page) => Object.freeze(page)))

function drain(list: PagedList<number>): number[] {
  const out: number[] = []
  for (let item = list.first(); item !== undefined; item = list.first()) {
    out.push(item)
    list.shift()
  }
  return out
}

describe.each([
  ['own (replay)', true],
  ['shared (evolve)', false],
] as const)('PagedList, %s', (_mode, own) => {
  it('fills the last page up to the page size, then starts a new page', () => {
    const list = new PagedList<number>([], own, 3)
    expect(list.first()).toBeUndefined()
    for (let i = 1; i <= 7; i++) list.push(i)
    expect(list.freeze()).toEqual([[1, 2, 3], [4, 5, 6], [7]])
  })

  it('reads and drops items from the front; a page leaves with its last item', () => {
    const list = new PagedList(frozen([[1, 2, 3], [4, 5]]), own, 3)
    expect(list.first()).toBe(1)
    list.shift()
    list.shift()
    expect(list.first()).toBe(3)
    list.shift() // the first page's last item: the page leaves
    expect(list.first()).toBe(4)
    expect(list.freeze()).toEqual([[4, 5]])
  })

  it('counts only the live items of the first page: an item goes there while fewer than the page size are live', () => {
    const list = new PagedList(frozen([[1, 2, 3]]), own, 3)
    list.shift()
    list.shift() // one live item left: [3]
    list.push(4)
    list.push(5) // [3, 4, 5] is full
    list.push(6)
    expect(list.freeze()).toEqual([[3, 4, 5], [6]])
  })

  it('makes the same pages whether the dead items are cut after every push or once at the end', () => {
    const everyStep = new PagedList<number>([], own, 4)
    let pages = everyStep.freeze()
    const atEnd = new PagedList<number>([], own, 4)
    for (let i = 1; i <= 30; i++) {
      const step = new PagedList(pages, own, 4)
      step.push(i)
      atEnd.push(i)
      if (i % 3 === 0) {
        step.shift()
        step.shift()
        atEnd.shift()
        atEnd.shift()
      }
      pages = step.freeze()
    }
    expect(atEnd.freeze()).toEqual(pages)
    expect(pages.flat()).toEqual(drain(new PagedList(pages, own, 4)))
  })

  it('tells whether an item came or went', () => {
    const pages = frozen([[1, 2]])
    expect(new PagedList(pages, false, 3).changed).toBe(false)
    const shifted = new PagedList(pages, own, 3)
    shifted.shift()
    expect(shifted.changed).toBe(true)
    const pushed = new PagedList(pages, false, 3)
    pushed.push(3)
    expect(pushed.changed).toBe(true)
  })

  it('commit cuts the first page’s dead items, so that the pages hold the live items only', () => {
    const list = new PagedList(frozen([[1, 2, 3], [4]]), own, 3)
    list.shift()
    list.commit()
    expect(list.pages).toEqual([[2, 3], [4]])
    expect(list.first()).toBe(2)
    list.commit() // nothing more to cut
    expect(list.pages).toEqual([[2, 3], [4]])
  })

  it('hands over frozen pages, and copies again on the next write', () => {
    const list = new PagedList<number>([], own, 2)
    list.push(1)
    const first = list.freeze()
    expect(Object.isFrozen(first)).toBe(true)
    expect(first.every((page) => Object.isFrozen(page))).toBe(true)
    list.push(2)
    list.push(3)
    expect(first).toEqual([[1]])
    expect(list.freeze()).toEqual([[1, 2], [3]])
  })

  it('never changes the pages it started from', () => {
    const pages = frozen([[1, 2, 3], [4, 5]])
    const list = new PagedList(pages, own, 3)
    list.shift()
    list.push(6)
    list.push(7)
    list.commit()
    expect(list.freeze()).toEqual([[2, 3], [4, 5, 6], [7]])
    expect(pages).toEqual([[1, 2, 3], [4, 5]])
  })
})

describe('PagedList, shared with the state (evolve)', () => {
  it('copies only the page it appends to: the other pages stay shared with the state', () => {
    const pages = frozen([[1, 2], [3, 4], [5]])
    const list = new PagedList(pages, false, 2)
    list.push(6)
    const next = list.freeze()
    expect(next).toEqual([[1, 2], [3, 4], [5, 6]])
    expect(next[0]).toBe(pages[0])
    expect(next[1]).toBe(pages[1])
    expect(next[2]).not.toBe(pages[2])
  })

  it('a new page of its own is written in place until it is handed over', () => {
    const list = new PagedList(frozen([[1, 2]]), false, 2)
    list.push(3) // a new page, made by this fold
    const page = list.pages[1]
    list.push(4)
    expect(list.pages[1]).toBe(page)
    expect(list.freeze()).toEqual([[1, 2], [3, 4]])
  })

  it('a page it copied is written in place afterwards, not copied again', () => {
    const list = new PagedList(frozen([[1]]), false, 4)
    list.push(2)
    const copy = list.pages[0]
    list.push(3)
    list.shift()
    list.commit()
    expect(list.pages[0]).toBe(copy)
    expect(list.freeze()).toEqual([[2, 3]])
  })

  it('a copied page that leaves is no longer its own: after handing over, a write copies again', () => {
    const list = new PagedList(frozen([[1], [2]]), false, 1)
    list.push(3) // new page [3]
    list.shift() // [1] leaves
    const handed = list.freeze()
    expect(handed).toEqual([[2], [3]])
    const again = new PagedList(handed, false, 2)
    again.push(4)
    expect(again.freeze()).toEqual([[2], [3, 4]])
    expect(handed).toEqual([[2], [3]])
  })
})
