import type { AccountState, ConsumptionRecord } from '../state/types.js'
import { CONSUMPTION_PAGE_SIZE } from '../state/types.js'
import { parseInstant } from '../time/instant.js'
import { IndexHandOver } from './indexHandOver.js'
import { PagedList } from './pagedList.js'

type Consumptions = AccountState['consumptions']

/**
 * The reversal window of a working account (SPEC §9.1): the consumptions
 * applied in the last `reversalWindowMs` of the clock, oldest first, with
 * their draws, in pages (`PagedList`: a consumption copies a page, not the
 * list), and an index by id. Like `IdempotencyWindow`, an entry applied at
 * `t` is forgotten when the clock reaches `t + window`, on every move of the
 * clock, so a full replay and a replay from a snapshot hold the same entries.
 *
 * The index is built only when a look-up needs it: a reversal usually
 * refers to a recent consumption, found by scanning back from the newest;
 * a scan longer than `SCAN_LIMIT` builds the index, which is then kept up
 * (and handed from state to state like the idempotency window's). So the
 * hot path of a replay, a consumption, pays no Map insertion.
 * A `scratch` fold (`decide`'s what-if) records nothing.
 */
export class ReversalWindow {
  readonly pages: PagedList<ConsumptionRecord>
  private ids: Map<string, ConsumptionRecord> | null
  /** Entries of the starting window still in the list (they come before the added ones). */
  private inherited: number
  /** The instants of the entries added by this fold, in order, from `addedHead` on. */
  private readonly addedMs: number[] = []
  private addedHead = 0
  /** The instant of the oldest consumption still in the list, `Infinity` when none is: `forget` does nothing before it leaves. */
  private oldestMs = Infinity

  /**
   * @param consumptions - the window of the state the fold starts from
   * @param own - copy its pages now and own them (a fold of many events), or each on its first write
   * @param ids - the index of `consumptions` (id → record), or `null` when it has none yet
   */
  constructor(consumptions: Consumptions, own: boolean, ids: Map<string, ConsumptionRecord> | null) {
    this.pages = new PagedList(consumptions, own, CONSUMPTION_PAGE_SIZE)
    this.ids = ids
    let inherited = 0
    for (const page of consumptions) inherited += page.length
    this.inherited = inherited
    const first = this.pages.first()
    if (first !== undefined) this.oldestMs = parseInstant(first.at)
  }

  /** The record of consumption `id`, if the list still holds it (the caller judges the window). */
  find(id: string): ConsumptionRecord | undefined {
    if (this.ids !== null) return this.ids.get(id)
    const { pages } = this.pages
    let scanned = 0
    for (let p = pages.length - 1; p >= 0; p--) {
      const page = pages[p]!
      for (let i = page.length - 1; i >= (p === 0 ? this.pages.head : 0); i--) {
        if (page[i]!.id === id) return page[i]
        if (++scanned === SCAN_LIMIT) {
          const ids = new Map<string, ConsumptionRecord>()
          for (let q = 0; q < pages.length; q++) {
            const items = pages[q]!
            for (let j = q === 0 ? this.pages.head : 0; j < items.length; j++) ids.set(items[j]!.id, items[j]!)
          }
          this.ids = ids
          return ids.get(id)
        }
      }
    }
    return undefined
  }

  /** Remembers a consumption just applied (its instant in ms beside it). */
  remember(record: ConsumptionRecord, atMs: number): void {
    this.pages.push(record)
    this.ids?.set(record.id, record)
    this.addedMs.push(atMs)
    if (this.oldestMs === Infinity) this.oldestMs = atMs
  }

  /** Replaces `record` by `next` (the same consumption, more of it reversed). */
  update(record: ConsumptionRecord, next: ConsumptionRecord): void {
    this.pages.replace(record, next)
    this.ids?.set(next.id, next)
  }

  /** Forgets the consumptions applied at or before `clockMs − windowMs`. */
  forget(clockMs: number, windowMs: number): void {
    const limit = clockMs - windowMs
    if (this.oldestMs > limit) return
    const { pages, ids } = this
    this.oldestMs = Infinity
    for (let record = pages.first(); record !== undefined; record = pages.first()) {
      const ms = this.inherited > 0 ? parseInstant(record.at) : this.addedMs[this.addedHead]!
      if (ms > limit) {
        this.oldestMs = ms
        break
      }
      if (this.inherited > 0) this.inherited--
      else this.addedHead++
      ids?.delete(record.id)
      pages.shift()
    }
    if (this.addedHead > 1024 && this.addedHead * 2 > this.addedMs.length) {
      this.addedMs.splice(0, this.addedHead)
      this.addedHead = 0
    }
  }

  /** Hands the index on to the state whose window is `consumptions` (the next fold from it takes it). */
  handOver(consumptions: Consumptions): void {
    if (this.ids !== null) consumptionIndex.handOn(consumptions, this.ids)
  }
}

/** How far back a look-up scans before it builds the index. */
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
