/**
 * The list a fold consumes from the front and appends to (under the bucket
 * queue): the live items are `items[head…]`; the state's list is copied on
 * the first write, and never changed.
 */
import { describe, expect, it } from 'vitest'
import { FoldList } from '../../src/fold/foldList.js'

const live = (list: FoldList<number>) => list.items.slice(list.head)

describe('FoldList', () => {
  it('shared: the first write copies the live items once; the state’s list is never changed', () => {
    const state = Object.freeze([1, 2, 3, 4])
    const list = new FoldList(state, false)
    expect(list.changed).toBe(false)
    list.head = 2 // two items are gone
    const items = list.writable()
    expect(items).toEqual([3, 4])
    expect(list.head).toBe(0)
    expect(list.changed).toBe(true)
    items.push(5)
    expect(list.writable()).toBe(items)
    expect(state).toEqual([1, 2, 3, 4])
  })

  it('own: copies the list at once and writes in place', () => {
    const state = Object.freeze([1, 2, 3])
    const list = new FoldList(state, true)
    expect(list.items).not.toBe(state)
    expect(list.changed).toBe(true)
    list.head = 1
    const items = list.writable()
    expect(items).toBe(list.items)
    expect(live(list)).toEqual([2, 3])
  })

  it('compact cuts off the items that are gone, owned or not', () => {
    for (const own of [true, false]) {
      const state = Object.freeze([1, 2, 3, 4])
      const list = new FoldList(state, own)
      list.head = 3
      list.compact()
      expect(list.items).toEqual([4])
      expect(list.head).toBe(0)
      expect(list.changed).toBe(true)
      expect(state).toEqual([1, 2, 3, 4])
    }
  })

  it('compact with nothing gone changes nothing (a fold that changed nothing copies nothing)', () => {
    const state = Object.freeze([1, 2])
    const list = new FoldList(state, false)
    list.compact()
    expect(list.items).toBe(state)
    expect(list.changed).toBe(false)
  })

  it('hands over a frozen list; the next write copies it again', () => {
    const list = new FoldList<number>([], true)
    list.writable().push(1, 2)
    const handed = list.freeze()
    expect(Object.isFrozen(handed)).toBe(true)
    expect(list.changed).toBe(false)
    list.writable().push(3)
    expect(handed).toEqual([1, 2])
    expect(live(list)).toEqual([1, 2, 3])
  })
})
