/**
 * A list a fold consumes from the front and appends to: the live items are
 * `items[head…]`. It starts on the frozen list of the state the fold began
 * from and copies it on the first write (`writable()`), so a fold that
 * changes nothing copies nothing, and one that changes something copies the
 * list once. Items that are gone stay before `head` until `compact()` cuts
 * them off in one splice, so a fold of many events never pays a splice per
 * event. The fold's bucket list is one of these.
 */
export class FoldList<T> {
  items: T[]
  head = 0
  private own: boolean

  /**
   * @param items - the list of the state the fold starts from
   * @param own - copy it now and own it (a fold of many events), or only on the first write
   */
  constructor(items: readonly T[], own: boolean) {
    this.items = own ? tail(items, 0) : (items as T[])
    this.own = own
  }

  /** The list to change in place, copied first if it is still the state's (this may move `head`). */
  writable(): T[] {
    if (!this.own) {
      this.items = tail(this.items, this.head)
      this.head = 0
      this.own = true
    }
    return this.items
  }

  /** Cuts off the items that are gone. */
  compact(): void {
    const gone = this.head
    if (gone > 0) {
      if (this.own) this.items.splice(0, gone)
      else this.items = tail(this.items, gone)
      this.own = true
      this.head = 0
    }
  }

  /** Whether most of the list is gone (then a fold of many events compacts it: amortised O(1) per item). */
  mostlyGone(): boolean {
    return this.head > 64 && this.head * 2 > this.items.length
  }

  /** Whether the list is no longer the state's own (it was written to or compacted). */
  get changed(): boolean {
    return this.own
  }

  /** Freezes the list and hands it over: the next write copies it again. */
  freeze(): readonly T[] {
    this.own = false
    return Object.freeze(this.items)
  }
}

/**
 * A mutable copy of `list` from `start` on. Spread, then splice: V8 copies a
 * frozen array with `slice` element by element (about 100× slower).
 */
function tail<T>(list: readonly T[], start: number): T[] {
  const copy = [...list]
  if (start > 0) copy.splice(0, start)
  return copy
}
