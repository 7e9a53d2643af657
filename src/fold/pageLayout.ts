/**
 * The layout of a `PagedList` (the pages of a state's idempotency window or
 * reversal window), kept as page sizes alone, for a fold of many events that
 * holds the items themselves in one flat array and cuts them into pages
 * only when the state is read (`ReplayWindow`, `ReplayReversals`).
 *
 * The rules are `PagedList`'s, so both folds make the same pages: an item
 * goes into the last page while that page holds fewer than `pageSize` live
 * items, else into a new page; a page leaves when its last item does.
 *
 * The size of the last page is a field, so that the hot path (one `push` per
 * event) touches no array: `sizes` changes only when a page is opened or
 * leaves.
 */
export class PageLayout {
  /** The sizes of the pages before the last one, from `firstPage`. */
  private readonly sizes: number[] = []
  private firstPage = 0
  /** The size of the last page (which is the first one too when `firstPage === sizes.length`); 0 when there is no page. */
  private lastSize = 0
  /** How many items of the first page are gone. */
  private pageHead = 0

  constructor(private readonly pageSize: number) {}

  /** Adds a page of `size` items, all live (a page of the state a fold starts from: never empty). */
  addPage(size: number): void {
    if (this.lastSize > 0) this.sizes.push(this.lastSize)
    this.lastSize = size
  }

  /** An item is appended: to the last page while it has room, else on a new page. */
  push(): void {
    const live = this.lastSize === 0 ? this.pageSize : this.lastSize - (this.firstPage === this.sizes.length ? this.pageHead : 0)
    if (live < this.pageSize) this.lastSize++
    else this.addPage(1)
  }

  /** The first live item leaves (there must be one). */
  shift(): void {
    const onLast = this.firstPage === this.sizes.length
    if (++this.pageHead < (onLast ? this.lastSize : this.sizes[this.firstPage]!)) return
    this.pageHead = 0
    if (onLast) this.lastSize = 0
    else this.firstPage++
  }

  /** Cuts off the sizes of the pages that are gone. */
  compact(): void {
    this.sizes.splice(0, this.firstPage)
    this.firstPage = 0
  }

  /**
   * Cuts `items` (the live items, from `head`, oldest first) into pages.
   * @param item - the item at index `i` of the flat array, as the page holds it
   */
  pages<T>(head: number, item: (i: number) => T): T[][] {
    const pages: T[][] = []
    let i = head
    const count = this.sizes.length - this.firstPage + (this.lastSize > 0 ? 1 : 0)
    for (let p = 0; p < count; p++) {
      const at = this.firstPage + p
      const size = (at < this.sizes.length ? this.sizes[at]! : this.lastSize) - (p === 0 ? this.pageHead : 0)
      const page: T[] = new Array(size)
      for (let k = 0; k < size; k++, i++) page[k] = item(i)
      pages.push(page)
    }
    return pages
  }
}
