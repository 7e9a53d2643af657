/**
 * A list kept as pages of at most `pageSize` items, consumed from the front
 * and appended to at the back: the idempotency window of a state. A fold
 * that appends one item copies the last page and the list of pages, not the
 * whole list, so `evolve` pays O(pageSize + items / pageSize) for it.
 *
 * It starts on the frozen pages of the state the fold began from, and copies
 * a page (and the list of pages) on its first write, like `FoldList`. The
 * live items are the items of `pages[0]` from `head` on, then every item of
 * the other pages; `commit()` cuts off the first page's dead items.
 *
 * The layout follows from the history alone, whichever way it is folded:
 * an item goes into the last page while that page holds fewer than
 * `pageSize` live items, else into a new page; a page leaves when its last
 * item does. So `evolve`, which cuts the first page after every event, and
 * `replay`, which cuts it once at the end, make the same pages.
 */
export class PagedList<T> {
  pages: T[][]
  head = 0
  private ownPages: boolean
  /** The pages this fold copied or made, or `null` when it owns them all (a private copy). */
  private owned: Set<T[]> | null

  /**
   * @param pages - the pages of the state the fold starts from
   * @param own - copy them all now and own them (a fold of many events), or each on its first write
   * @param pageSize - the most items a page holds
   */
  constructor(
    pages: readonly (readonly T[])[],
    own: boolean,
    private readonly pageSize: number,
  ) {
    this.pages = own ? pages.map((page) => [...page]) : (pages as T[][])
    this.ownPages = own
    this.owned = own ? null : new Set()
  }

  /** The first live item, if any. */
  first(): T | undefined {
    return this.pages[0]?.[this.head]
  }

  /** Drops the first live item (there must be one). */
  shift(): void {
    const first = this.pages[0]!
    if (++this.head === first.length) {
      this.owned?.delete(first)
      this.writablePages().shift()
      this.head = 0
    }
  }

  /** Appends `item`: to the last page while it has room, else on a new page. */
  push(item: T): void {
    const pages = this.pages
    const last = pages.length - 1
    const live = last < 0 ? this.pageSize : pages[last]!.length - (last === 0 ? this.head : 0)
    if (live < this.pageSize) {
      this.writablePage(last).push(item)
    } else {
      const page = [item]
      this.owned?.add(page)
      this.writablePages().push(page)
    }
  }

  /**
   * Replaces `item` (a live item) by `next`, copying its page first if it is
   * still the state's. It looks from the newest page back: for corrections of
   * recent items, which are rare, not for the hot path.
   * @returns whether `item` was found
   */
  replace(item: T, next: T): boolean {
    for (let p = this.pages.length - 1; p >= 0; p--) {
      const i = this.pages[p]!.indexOf(item, p === 0 ? this.head : 0)
      if (i < 0) continue
      const cut = p === 0 ? this.head : 0
      this.writablePage(p)[i - cut] = next
      return true
    }
    return false
  }

  /** Whether the list is no longer the state's own (an item came or went). */
  get changed(): boolean {
    return this.ownPages || this.head > 0
  }

  /** Cuts off the first page's dead items, so that `pages` holds the live items only. */
  commit(): void {
    if (this.head > 0) this.writablePage(0)
  }

  /** Commits, freezes the pages and hands them over: the next write copies again. */
  freeze(): readonly (readonly T[])[] {
    this.commit()
    if (this.owned === null) for (const page of this.pages) Object.freeze(page)
    else for (const page of this.owned) Object.freeze(page)
    this.owned = new Set()
    this.ownPages = false
    return Object.freeze(this.pages)
  }

  private writablePages(): T[][] {
    if (!this.ownPages) {
      this.pages = [...this.pages]
      this.ownPages = true
    }
    return this.pages
  }

  /** Page `i`, copied first if it is still the state's; the first page loses its dead items. */
  private writablePage(i: number): T[] {
    let page = this.pages[i]!
    const cut = i === 0 ? this.head : 0
    if (this.owned === null || this.owned.has(page)) {
      if (cut > 0) page.splice(0, cut)
    } else {
      page = [...page]
      if (cut > 0) page.splice(0, cut)
      this.owned.add(page)
      this.writablePages()[i] = page
    }
    if (cut > 0) this.head = 0
    return page
  }
}
