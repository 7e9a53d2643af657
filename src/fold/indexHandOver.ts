/** The pages of a list of a state: the idempotency window, the reversal window. */
type Pages<T> = readonly (readonly T[])[]

/**
 * The indexes (id → item) of a paged list of states, each handed from a
 * state to the state folded from it, so that a chain of `evolve` calls finds
 * an id in O(1) without rebuilding a `Map` of the list every time. A fold
 * takes the index out when it starts (a second fold from the same state
 * builds its own) and hands it on under its new list when it commits.
 */
export class IndexHandOver<T extends { readonly id: string }> {
  private readonly indexes = new WeakMap<Pages<T>, Map<string, T>>()

  /** Takes the index of `pages` for a fold that will change them, if one was handed on. */
  take(pages: Pages<T>): Map<string, T> | undefined {
    const index = this.indexes.get(pages)
    if (index !== undefined) this.indexes.delete(pages)
    return index
  }

  /** Hands `index` on to the state whose list is `pages` (the next fold from it takes it). */
  handOn(pages: Pages<T>, index: Map<string, T>): void {
    this.indexes.set(pages, index)
  }

  /**
   * The item of `id`, if `pages` hold it: a read that leaves the index in
   * place for the next fold (built and kept if missing). The caller judges
   * whether it is still within its window.
   */
  find(pages: Pages<T>, id: string): T | undefined {
    let index = this.indexes.get(pages)
    if (index === undefined) {
      index = buildIndex(pages)
      this.indexes.set(pages, index)
    }
    return index.get(id)
  }
}

/** A new index of every item of `pages`. */
export function buildIndex<T extends { readonly id: string }>(pages: Pages<T>): Map<string, T> {
  const built = new Map<string, T>()
  for (const page of pages) for (const item of page) built.set(item.id, item)
  return built
}
