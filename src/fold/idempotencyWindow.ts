import { commandKey } from '../events/commandKey.js'
import type { CreditEvent } from '../events/index.js'
import { WINDOW_PAGE_SIZE, type AccountState, type WindowEntry } from '../state/types.js'
import { parseInstant } from '../time/instant.js'
import { PagedList } from './pagedList.js'

type Window = AccountState['window']

/**
 * The idempotency window of a working account (SPEC §4): the ids applied in
 * the last `windowMs` of the clock, oldest first, in pages (`PagedList`), and
 * an index by id so that a duplicate check does not scan the window.
 *
 * Each entry's instant is parsed at most once: the instants of the entries
 * this fold adds are kept beside them (`addedMs`), and those of the entries
 * it started with are parsed when they reach the front.
 */
export class IdempotencyWindow {
  readonly pages: PagedList<WindowEntry>
  private readonly ids: Map<string, WindowEntry>
  /** Entries of the starting window still in the list (they come before the added ones). */
  private inherited: number
  /** The instants of the entries added by this fold, in order, from `addedHead` on. */
  private readonly addedMs: number[] = []
  private addedHead = 0

  /**
   * @param window - the window of the state the fold starts from
   * @param own - copy its pages now and own them (a fold of many events), or each on its first write
   * @param ids - the index of `window` (id → entry)
   */
  constructor(window: Window, own: boolean, ids: Map<string, WindowEntry>) {
    this.pages = new PagedList(window, own, WINDOW_PAGE_SIZE)
    this.ids = ids
    let inherited = 0
    for (const page of window) inherited += page.length
    this.inherited = inherited
  }

  /** When `id` was applied, if it is still in the list (the caller judges the window). */
  seenAt(id: string): number | undefined {
    const entry = this.ids.get(id)
    return entry === undefined ? undefined : parseInstant(entry.at)
  }

  /** Remembers an applied event: its id, its canonical instant, and what identifies its command. */
  remember(event: CreditEvent, at: string, atMs: number, freeze: boolean): void {
    const entry: WindowEntry = { id: event.id, at, command: commandKey(event) }
    this.pages.push(freeze ? Object.freeze(entry) : entry)
    this.ids.set(event.id, entry)
    this.addedMs.push(atMs)
  }

  /** Forgets the ids applied at or before `clockMs − windowMs`. */
  forget(clockMs: number, windowMs: number): void {
    const { pages, ids } = this
    const limit = clockMs - windowMs
    for (let entry = pages.first(); entry !== undefined; entry = pages.first()) {
      const ms = this.inherited > 0 ? parseInstant(entry.at) : this.addedMs[this.addedHead]!
      if (ms > limit) break
      if (this.inherited > 0) this.inherited--
      else this.addedHead++
      ids.delete(entry.id)
      pages.shift()
    }
    if (this.addedHead > 1024 && this.addedHead * 2 > this.addedMs.length) {
      this.addedMs.splice(0, this.addedHead)
      this.addedHead = 0
    }
  }

  /** Hands the index on to the state whose window is `window` (the next fold from it takes it). */
  handOver(window: Window): void {
    windowIndex.set(window, this.ids)
  }
}

/**
 * The index (id → entry) of a window, handed from each state to the state
 * folded from it, so that a chain of `evolve` calls checks duplicates in
 * O(1) without rebuilding a Map of the window every time. An index is taken
 * out when a fold starts (a second fold from the same state rebuilds its
 * own) and put back under the new window when the fold commits.
 */
const windowIndex = new WeakMap<Window, Map<string, WindowEntry>>()

/** Takes the index of `window` for a fold that will change it (built when missing). */
export function takeIndex(window: Window): Map<string, WindowEntry> {
  const index = windowIndex.get(window)
  if (index === undefined) return buildIndex(window)
  windowIndex.delete(window)
  return index
}

function buildIndex(window: Window): Map<string, WindowEntry> {
  const built = new Map<string, WindowEntry>()
  for (const page of window) for (const entry of page) built.set(entry.id, entry)
  return built
}

/**
 * The entry of `id`, if the window holds it (a read that leaves the index in
 * place for the next fold; built and kept if missing). The caller judges
 * whether it is still within the window.
 */
export function windowEntry(window: Window, id: string): WindowEntry | undefined {
  let index = windowIndex.get(window)
  if (index === undefined) {
    index = buildIndex(window)
    windowIndex.set(window, index)
  }
  return index.get(id)
}
