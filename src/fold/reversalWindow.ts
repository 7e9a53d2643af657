import type { AccountState, ConsumptionRecord } from '../state/types.js'
import { CONSUMPTION_PAGE_SIZE } from '../state/types.js'
import { parseInstant } from '../time/instant.js'
import { IndexHandOver } from './indexHandOver.js'
import { FlatPages } from './flatPages.js'
import { PagedList } from './pagedList.js'

type Consumptions = AccountState['consumptions']

/**
 * The reversal window of a working account (SPEC §9.1): the consumptions
 * applied in the last `reversalWindowMs` of the clock, oldest first, with
 * their draws, and an index by id. Like `IdempotencyWindow`, an entry
 * applied at `t` is forgotten when the clock reaches `t + window`, on every
 * move of the clock, so a full replay and a replay from a snapshot hold the
 * same entries. Two ways to keep it, one contract: `PagedReversals` for one
 * event on a draft, `ReplayReversals` for a fold of many events.
 *
 * The index is built only when a look-up needs it: a reversal usually
 * refers to a recent consumption, found by scanning back from the newest;
 * a scan longer than `SCAN_LIMIT` builds the index, which is then kept up
 * (and handed from state to state like the idempotency window's). So the
 * hot path of a replay, a consumption, pays no Map insertion.
 */
export interface ReversalWindow {
  /** The record of consumption `id`, if the list still holds it (the caller judges the window). */
  find(id: string): ConsumptionRecord | undefined
  /** Remembers a consumption just applied (its instant in ms beside it). */
  remember(record: ConsumptionRecord, atMs: number): void
  /** Replaces `record` by `next` (the same consumption, more of it reversed). */
  update(record: ConsumptionRecord, next: ConsumptionRecord): void
  /** Forgets the consumptions applied at or before `clockMs − windowMs`. */
  forget(clockMs: number, windowMs: number): void
  /** The window's pages as they are now, for the working state; `null` when they did not change. */
  commit(): Consumptions | null
  /** The window's pages, frozen, for the final state; the index (if one was built) goes on with them. */
  seal(): Consumptions
}

/**
 * The reversal window of a draft (`evolve`, `advanceTo`, `decide`'s
 * what-ifs): the state's pages (`PagedList`: a consumption copies a page,
 * not the list) and the index handed on from the state, if any. A what-if
 * thrown away (`handOn` false) takes no index and hands none on.
 */
export class PagedReversals implements ReversalWindow {
  readonly pages: PagedList<ConsumptionRecord>
  private ids: Map<string, ConsumptionRecord> | null
  /** The instant of the oldest consumption still in the list, `Infinity` when none is: `forget` does nothing before it leaves. */
  private oldestMs = Infinity

  constructor(
    consumptions: Consumptions,
    private readonly handOn: boolean,
  ) {
    this.pages = new PagedList(consumptions, false, CONSUMPTION_PAGE_SIZE)
    this.ids = handOn ? (consumptionIndex.take(consumptions) ?? null) : null
    const first = this.pages.first()
    if (first !== undefined) this.oldestMs = parseInstant(first.at)
  }

  find(id: string): ConsumptionRecord | undefined {
    if (this.ids !== null) return this.ids.get(id)
    const { pages } = this.pages
    let scanned = 0
    for (let p = pages.length - 1; p >= 0; p--) {
      const page = pages[p]!
      for (let i = page.length - 1; i >= (p === 0 ? this.pages.head : 0); i--) {
        // Past the newest SCAN_LIMIT, with more to go: the index.
        if (scanned++ === SCAN_LIMIT) return (this.ids = this.live()).get(id)
        if (page[i]!.id === id) return page[i]
      }
    }
    return undefined
  }

  remember(record: ConsumptionRecord, atMs: number): void {
    this.pages.push(record)
    this.ids?.set(record.id, record)
    if (this.oldestMs === Infinity) this.oldestMs = atMs
  }

  update(record: ConsumptionRecord, next: ConsumptionRecord): void {
    this.pages.replace(record, next)
    this.ids?.set(next.id, next)
  }

  forget(clockMs: number, windowMs: number): void {
    const limit = clockMs - windowMs
    if (this.oldestMs > limit) return
    const { pages, ids } = this
    this.oldestMs = Infinity
    for (let record = pages.first(); record !== undefined; record = pages.first()) {
      const ms = parseInstant(record.at)
      if (ms > limit) {
        this.oldestMs = ms
        break
      }
      ids?.delete(record.id)
      pages.shift()
    }
  }

  commit(): Consumptions | null {
    const pages = this.pages.changed ? this.pages.freeze() : null
    if (this.handOn && this.ids !== null) consumptionIndex.handOn(pages ?? this.pages.pages, this.ids)
    return pages
  }

  seal(): Consumptions {
    return this.commit() ?? this.pages.pages
  }

  /** An index of the live records. */
  private live(): Map<string, ConsumptionRecord> {
    const { pages, head } = this.pages
    const ids = new Map<string, ConsumptionRecord>()
    for (let p = 0; p < pages.length; p++) {
      const items = pages[p]!
      for (let i = p === 0 ? head : 0; i < items.length; i++) ids.set(items[i]!.id, items[i]!)
    }
    return ids
  }
}

/**
 * The reversal window of a fold of many events (`replay`, `replayAll`,
 * statements, reports), kept the way a hand-written fold keeps it
 * (`FlatPages`): the records and their instants in arrays, cut into the
 * pages that `PagedReversals` would have made only when the state is read.
 */
export class ReplayReversals extends FlatPages<ConsumptionRecord> implements ReversalWindow {
  private ids: Map<string, ConsumptionRecord> | null
  private changed = false

  /** @param consumptions - the window of the state the fold starts from (its index, if one was handed on, is taken) */
  constructor(consumptions: Consumptions) {
    super(consumptions, (record) => parseInstant(record.at), CONSUMPTION_PAGE_SIZE)
    this.ids = consumptionIndex.take(consumptions) ?? null
  }

  find(id: string): ConsumptionRecord | undefined {
    if (this.ids !== null) return this.ids.get(id)
    const { items, head } = this
    const stop = Math.max(head, items.length - SCAN_LIMIT)
    for (let i = items.length - 1; i >= stop; i--) if (items[i]!.id === id) return items[i]
    if (stop === head) return undefined
    const ids = new Map<string, ConsumptionRecord>()
    for (let i = head; i < items.length; i++) ids.set(items[i]!.id, items[i]!)
    this.ids = ids
    return ids.get(id)
  }

  remember(record: ConsumptionRecord, atMs: number): void {
    this.push(record, atMs)
    this.ids?.set(record.id, record)
    this.changed = true
  }

  update(record: ConsumptionRecord, next: ConsumptionRecord): void {
    this.items[this.items.lastIndexOf(record)] = next
    this.ids?.set(next.id, next)
    this.changed = true
  }

  forget(clockMs: number, windowMs: number): void {
    if (this.dropUntil(clockMs - windowMs, this.forgetId)) this.changed = true
  }

  commit(): Consumptions | null {
    if (!this.changed) return null
    this.changed = false
    return this.pages((i) => this.items[i]!)
  }

  seal(): Consumptions {
    const pages = this.frozenPages((i) => this.items[i]!)
    if (this.ids !== null) consumptionIndex.handOn(pages, this.ids)
    return pages
  }

  private readonly forgetId = (record: ConsumptionRecord): void => {
    this.ids?.delete(record.id)
  }
}

/** How many of the newest consumptions a look-up scans; when the one it looks for is older, it builds the index. */
const SCAN_LIMIT = 256

/** The index of each state's reversal window, handed on from state to state once a fold has built one. */
const consumptionIndex = /* @__PURE__ */ new IndexHandOver<ConsumptionRecord>()

/** Takes the index of `consumptions` for a fold that will change it, or `null` when it has none (built on demand). */
export function takeConsumptionIndex(consumptions: Consumptions): Map<string, ConsumptionRecord> | null {
  return consumptionIndex.take(consumptions) ?? null
}

/**
 * The record of consumption `id`, if the state's window holds it (a read that
 * leaves the index in place for the next fold; built and kept if missing).
 * The caller judges whether it is still within the window.
 */
export function consumptionRecord(consumptions: Consumptions, id: string): ConsumptionRecord | undefined {
  return consumptionIndex.find(consumptions, id)
}
