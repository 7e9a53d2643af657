import { commandKey } from '../events/commandKey.js'
import type { CreditEvent } from '../events/index.js'
import { WINDOW_PAGE_SIZE, type AccountState, type WindowEntry } from '../state/types.js'
import { parseInstant } from '../time/instant.js'
import { buildIndex, IndexHandOver } from './indexHandOver.js'
import { FlatPages } from './flatPages.js'
import { PagedList } from './pagedList.js'

type Window = AccountState['window']

/**
 * The idempotency window of a working account (SPEC §4): the ids applied in
 * the last `windowMs` of the clock, oldest first. Two ways to keep it, one
 * contract: `PagedWindow` for one event on a draft, `ReplayWindow` for a
 * fold of many events.
 */
export interface IdempotencyWindow {
  /** When `id` was applied (epoch ms), if it is still in the window's list (the caller judges the window). */
  seenAt(id: string): number | undefined
  /** Remembers an applied event at its canonical instant `at` (`atMs`). */
  remember(event: CreditEvent, at: string, atMs: number): void
  /** Forgets the ids applied at or before `clockMs − windowMs`. */
  forget(clockMs: number): void
  /** The window's pages as they are now, for the working state; `null` when they did not change. */
  commit(): Window | null
  /** The window's pages, frozen with their entries, for the final state (a draft's keeps its index for the next fold from it). */
  seal(): Window
}

/**
 * The window of a draft (`evolve`, `advanceTo`, `decide`'s what-ifs): the
 * state's pages (`PagedList`, so an event copies a page, not the window) and
 * an index by id, handed from each state to the state folded from it.
 */
export class PagedWindow implements IdempotencyWindow {
  private readonly pages: PagedList<WindowEntry>
  private readonly ids: Map<string, WindowEntry>

  /** @param handOn - whether the index goes on to the new state (not for a what-if thrown away) */
  constructor(
    window: Window,
    private readonly windowMs: number,
    private readonly handOn: boolean,
  ) {
    this.pages = new PagedList(window, false, WINDOW_PAGE_SIZE)
    this.ids = handOn ? (windowIndex.take(window) ?? buildIndex(window)) : new Map()
  }

  seenAt(id: string): number | undefined {
    const entry = this.ids.get(id)
    return entry === undefined ? undefined : parseInstant(entry.at)
  }

  remember(event: CreditEvent, at: string): void {
    const entry = windowEntryOf(event, at)
    this.pages.push(entry)
    this.ids.set(event.id, entry)
  }

  forget(clockMs: number): void {
    const { pages, ids } = this
    const limit = clockMs - this.windowMs
    for (let entry = pages.first(); entry !== undefined && parseInstant(entry.at) <= limit; entry = pages.first()) {
      ids.delete(entry.id)
      pages.shift()
    }
  }

  commit(): Window | null {
    const window = this.pages.changed ? this.pages.freeze() : null
    if (this.handOn) windowIndex.handOn(window ?? this.pages.pages, this.ids)
    return window
  }

  seal(): Window {
    return this.commit() ?? this.pages.pages
  }
}

/**
 * The window of a fold of many events (`replay`, `replayAll`, statements,
 * reports), kept the way a hand-written fold keeps it (`FlatPages`): the
 * events and their instants in arrays, and a `Map` of id → position in them.
 * An event at a canonical instant gets no entry object as it arrives: its
 * entry is made when the window is read (`commit`, `seal`), if it is still in it.
 */
export class ReplayWindow extends FlatPages<WindowEntry | CreditEvent> implements IdempotencyWindow {
  private readonly ids = new Map<string, number>()
  private changed = false

  constructor(
    window: Window,
    private readonly windowMs: number,
  ) {
    super(window, (entry) => parseInstant((entry as WindowEntry).at), WINDOW_PAGE_SIZE)
    for (let i = 0; i < this.items.length; i++) this.ids.set(this.items[i]!.id, i)
  }

  seenAt(id: string): number | undefined {
    const position = this.ids.get(id)
    return position === undefined ? undefined : this.msAt(position)
  }

  /**
   * An event whose `at` is canonical is kept as it is, its entry made when
   * the window is read (most leave the window before); one whose `at` is not
   * gets its entry now, so that an event kept is known to be canonical.
   */
  remember(event: CreditEvent, at: string, atMs: number): void {
    this.ids.set(event.id, this.nextPosition())
    this.push(at === event.at ? event : windowEntryOf(event, at), atMs)
    this.changed = true
  }

  forget(clockMs: number): void {
    if (this.dropUntil(clockMs - this.windowMs, this.forgetId)) this.changed = true
  }

  commit(): Window | null {
    if (!this.changed) return null
    this.changed = false
    return this.pages((i) => this.entry(i))
  }

  /**
   * No index goes with the sealed window: most states a replay makes are
   * never evolved (`replayAll` makes one per account), and the first fold
   * from one builds it, as it does from a state read back by `parseState`.
   */
  seal(): Window {
    return this.frozenPages((i) => this.entry(i))
  }

  private readonly forgetId = (item: WindowEntry | CreditEvent): void => {
    this.ids.delete(item.id)
  }

  private entry(i: number): WindowEntry {
    const item = this.items[i]!
    if (!('type' in item)) return item
    const entry = windowEntryOf(item, item.at)
    this.items[i] = entry
    return entry
  }
}

/** The window's entry of an event applied at `at` (canonical). */
function windowEntryOf(event: CreditEvent, at: string): WindowEntry {
  return Object.freeze({ id: event.id, at, command: commandKey(event) })
}

/** The index of each state's window, handed on from state to state (a draft's, see `PagedWindow`). */
const windowIndex = /* @__PURE__ */ new IndexHandOver<WindowEntry>()

/**
 * The entry of `id`, if the window holds it (a read that leaves the index in
 * place for the next fold; built and kept if missing). The caller judges
 * whether it is still within the window.
 */
export function windowEntry(window: Window, id: string): WindowEntry | undefined {
  return windowIndex.find(window, id)
}
