/**
 * A list of a state kept in pages (the idempotency window, the reversal
 * window), held by a fold of many events the way a hand-written fold holds
 * it: the items and their instants (epoch ms) in two flat arrays consumed
 * from a head index, and the layout of the pages as their sizes alone. The
 * pages themselves are cut only when the state is read (`pages`). The
 * replay's windows (`ReplayWindow`, `ReplayReversals`) are made of one.
 *
 * The layout follows `PagedList`'s rules, so a replay and a draft make the
 * same pages: an item goes into the last page while that page holds fewer
 * than `pageSize` live items, else into a new page; a page leaves when its
 * last item does. The size of the last page is a field, so that the hot path
 * (one `push` per event) writes no array of sizes.
 */
export class FlatPages<T> {
  /** The items, oldest first; those before `head` are gone. */
  protected readonly items: T[] = []
  private readonly ms: number[] = []
  protected head = 0
  /** How many items were cut off the front of the arrays: item `i` is the `dropped + i`-th ever pushed. */
  private dropped = 0
  /** The sizes of the pages before the last one, from `firstPage`. */
  private readonly sizes: number[] = []
  private firstPage = 0
  /** The size of the last page (which is the first one too when `firstPage === sizes.length`); 0 when there is no page. */
  private lastSize = 0
  /** How many items of the first page are gone. */
  private pageHead = 0
  /** The instant of the oldest live item, `Infinity` when there is none: `dropUntil` does nothing before it. */
  oldestMs = Infinity

  /**
   * @param pages - the pages of the state the fold starts from (never empty ones)
   * @param at - the instant of an item of theirs, in epoch ms
   */
  constructor(
    pages: readonly (readonly T[])[],
    at: (item: T) => number,
    private readonly pageSize: number,
  ) {
    for (const page of pages) {
      for (const item of page) {
        this.items.push(item)
        this.ms.push(at(item))
      }
      if (this.lastSize > 0) this.sizes.push(this.lastSize)
      this.lastSize = page.length
    }
    if (this.ms.length > 0) this.oldestMs = this.ms[0]!
  }

  /** Appends an item applied at `atMs`: to the last page while it has room, else on a new page. */
  push(item: T, atMs: number): void {
    this.items.push(item)
    this.ms.push(atMs)
    if (this.oldestMs === Infinity) this.oldestMs = atMs
    // With no page, `lastSize` and `pageHead` are 0: the item opens the first page.
    const live = this.lastSize - (this.firstPage === this.sizes.length ? this.pageHead : 0)
    if (live < this.pageSize) {
      this.lastSize++
    } else {
      this.sizes.push(this.lastSize)
      this.lastSize = 1
    }
  }

  /**
   * Drops the items applied at or before `limitMs`, oldest first, each
   * handed to `drop` as it goes; cuts off the arrays once most of them are
   * gone (amortised O(1) per item).
   * @returns whether any item was dropped (none is before `oldestMs` passes)
   */
  dropUntil(limitMs: number, drop: (item: T) => void): boolean {
    if (this.oldestMs > limitMs) return false
    const { items, ms } = this
    do {
      drop(items[this.head]!)
      this.head++
      this.shiftPage()
    } while (this.head < ms.length && ms[this.head]! <= limitMs)
    this.oldestMs = this.head < ms.length ? ms[this.head]! : Infinity
    if (this.head > 1024 && this.head * 2 > ms.length) {
      items.splice(0, this.head)
      ms.splice(0, this.head)
      this.dropped += this.head
      this.sizes.splice(0, this.firstPage)
      this.firstPage = 0
      this.head = 0
    }
    return true
  }

  /** Cuts the live items into pages, each item as `item(i)` makes it from its index in `items`. */
  pages<U>(item: (i: number) => U): U[][] {
    const pages: U[][] = []
    let i = this.head
    const count = this.sizes.length - this.firstPage + (this.lastSize > 0 ? 1 : 0)
    for (let p = 0; p < count; p++) {
      const at = this.firstPage + p
      const size = (at < this.sizes.length ? this.sizes[at]! : this.lastSize) - (p === 0 ? this.pageHead : 0)
      const page: U[] = new Array(size)
      for (let k = 0; k < size; k++, i++) page[k] = item(i)
      pages.push(page)
    }
    return pages
  }

  /** The same pages, frozen with the list of pages, for a final state. */
  frozenPages<U>(item: (i: number) => U): readonly (readonly U[])[] {
    const pages = this.pages(item)
    for (const page of pages) Object.freeze(page)
    return Object.freeze(pages)
  }

  /**
   * The position the next item pushed will have, counting every item ever
   * pushed: a small integer that stays with the item when the arrays are cut
   * (a Map keeps it as is; an instant in ms it would box).
   */
  protected nextPosition(): number {
    return this.dropped + this.items.length
  }

  /** The instant of the item at `position` (see `nextPosition`), which must not be dropped. */
  protected msAt(position: number): number {
    return this.ms[position - this.dropped]!
  }

  /** The first live item has left its page: the page leaves with its last item. */
  private shiftPage(): void {
    const onLast = this.firstPage === this.sizes.length
    if (++this.pageHead < (onLast ? this.lastSize : this.sizes[this.firstPage]!)) return
    this.pageHead = 0
    if (onLast) this.lastSize = 0
    else this.firstPage++
  }
}
