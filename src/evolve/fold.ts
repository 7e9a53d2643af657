import type { Draft } from 'immer'
import {
  AccountMismatchError,
  AmountOverflowError,
  CurrencyMismatchError,
  DuplicateEventError,
  InvalidEventError,
  NoSubscriptionError,
  OutOfOrderError,
  SubscriptionActiveError,
  nameOf,
  show,
} from '../errors.js'
import type { CreditEvent, Plan } from '../events/index.js'
import { addMoney, canonicalMoney, MoneyOverflow, multiplyMoney, type Money } from '../money/money.js'
import {
  WINDOW_PAGE_SIZE,
  type AccountState,
  type Bucket,
  type BucketSource,
  type Subscription,
  type Totals,
  type WindowEntry,
} from '../state/types.js'
import { anniversary } from '../time/anniversary.js'
import { formatInstant, isCanonical, parseInstant } from '../time/instant.js'
import type { MovementKind, MovementSink } from './movement.js'
import { FoldList } from './foldList.js'
import { PagedList } from './pagedList.js'
import type { FoldOptions } from './options.js'

type W = Draft<AccountState>

/**
 * How a fold works on its state:
 * - `replay`: a private mutable copy that folds many events;
 * - `draft`: an immer draft for one event or one move of the clock;
 * - `scratch`: a draft whose result is thrown away (`decide`'s what-if),
 *   whose window the caller has already checked: it leaves the window (and
 *   its index) as they are, so a what-if far ahead of the clock does not
 *   pay for forgetting ids.
 */
export type FoldMode = 'replay' | 'draft' | 'scratch'

/**
 * The rules of SPEC §2–4, written once as recipes over a working state: an
 * immer draft (`evolve`, `advanceTo`) or a private mutable copy (`replay`
 * and everything built on it).
 *
 * The two lists that grow with the account are owned by the fold, copied
 * on first write from the state it started from, consumed from the front,
 * and given back to the working state by `commit()`: the buckets, one
 * `FoldList` (SPEC §5 makes them one list in consumption order), and the
 * window's ids, a `PagedList` (pages of at most 256 ids, so that an event
 * copies one page, not the window). In a draft, bucket objects are shared
 * with the state it started from, so a change replaces the object (frozen);
 * a private copy owns its buckets and changes them in place. So an immer
 * producer pays at most one shallow copy of the bucket list and no proxy
 * per bucket, and a replay allocates nothing per consumption. The window's
 * entries are also kept in a `Map` by id, so a duplicate check does not
 * scan the window.
 */
export class Fold {
  /** The working state. Its `buckets` and `window` are current after `commit()`. */
  readonly s: W
  private readonly windowMs: number
  private readonly sink: MovementSink | null
  private readonly frozenValues: boolean
  private readonly buckets: FoldList<Bucket>
  private readonly window: PagedList<WindowEntry>
  private readonly ids: Map<string, WindowEntry>
  private clockMs: number
  private anchorMs: number
  /** When the window's first entry was applied (NaN until read: each entry is parsed once, when it comes first). */
  private frontMs = NaN
  private eventId: string | null = null
  /**
   * The totals and the subscription, as plain objects, so that a draft makes
   * no proxy for them: the state's own until the first write, which in a
   * draft puts a copy into it (a private copy owns them from the start).
   */
  private totalsNow: Mutable<Totals>
  private subscriptionNow: Mutable<Subscription> | null
  private ownTotals: boolean
  private ownSubscription: boolean

  /**
   * @param s - the working state
   * @param read - the state the working state started from (its lists are not modified)
   * @param mode - see `FoldMode`
   */
  constructor(s: W, read: AccountState, options: FoldOptions, sink: MovementSink | null, private readonly mode: FoldMode) {
    const indexed = mode === 'replay'
    this.s = s
    this.windowMs = options.idempotencyWindowMs
    this.sink = sink
    this.frozenValues = !indexed
    // A private copy owns its bucket objects, and changes them in place; a draft replaces them.
    this.buckets = new FoldList(indexed ? read.buckets.map(copyBucket) : read.buckets, indexed)
    this.window = new PagedList(read.window, indexed, WINDOW_PAGE_SIZE)
    this.clockMs = read.clock === null ? -Infinity : parseInstant(read.clock)
    this.anchorMs = read.subscription === null ? NaN : parseInstant(read.subscription.anchor)
    this.ids = mode === 'scratch' ? new Map() : takeIndex(read.window)
    // A private copy is its own `read` (see AccountFold).
    this.totalsNow = read.totals as Mutable<Totals>
    this.subscriptionNow = read.subscription as Mutable<Subscription> | null
    this.ownTotals = this.ownSubscription = indexed
  }

  /** The totals, to change (in a draft, a copy put into it on the first call). */
  private totals(): Mutable<Totals> {
    if (!this.ownTotals) {
      const { granted, consumed, expired, charged } = this.totalsNow
      this.totalsNow = this.s.totals = { granted, consumed, expired, charged }
      this.ownTotals = true
    }
    return this.totalsNow
  }

  /** The active subscription, to change (in a draft, a copy put into it on the first call). */
  private subscription(): Mutable<Subscription> {
    const sub = this.subscriptionNow!
    if (!this.ownSubscription) {
      const { plan, anchor, period, periodStart, periodEnd } = sub
      this.setSubscription({ plan, anchor, period, periodStart, periodEnd })
    }
    return this.subscriptionNow!
  }

  private setSubscription(sub: Mutable<Subscription>): void {
    this.subscriptionNow = this.s.subscription = sub
    this.ownSubscription = true
  }

  // ── events ──────────────────────────────────────────────────────────

  /** Checks `event` against the state (SPEC §4 order of precedence) and applies it. */
  apply(event: CreditEvent): void {
    const atMs = parseInstant(event.at)
    if (Number.isNaN(atMs)) {
      throw new InvalidEventError(
        `${nameOf(event.id)}: at must be an ISO-8601 timestamp with an offset of a real date (got ${show(event.at)})`,
        { eventId: event.id, field: 'at', value: event.at },
      )
    }
    this.check(event, atMs)
    const at = isCanonical(event.at) ? event.at : formatInstant(atMs)
    this.eventId = event.id
    if (this.s.accountId === null) this.s.accountId = event.accountId
    this.advance(atMs, at)
    switch (event.type) {
      case 'SubscriptionStarted':
        this.start(event.data.plan, atMs, at)
        break
      case 'CreditsConsumed':
        this.consume(event.data.amount, at)
        break
      case 'ExtraCreditsPurchased':
        this.purchase(event.data.quantity, event.data.unitPrice, at)
        break
      case 'PlanUpgraded':
        this.upgrade(event.data.plan, atMs, at)
        break
      default: {
        const never: never = event
        throw new InvalidEventError(`unknown event type ${show((never as CreditEvent).type)}`)
      }
    }
    if (this.mode !== 'scratch') this.remember(event, at)
    this.eventId = null
  }

  /** Account, duplicate, order, subscription and currency: every refusal that comes before a change. */
  private check(event: CreditEvent, atMs: number): void {
    const { s } = this
    const id = event.id
    if (s.accountId !== null && event.accountId !== s.accountId) {
      throw new AccountMismatchError(
        `${nameOf(id)}: accountId ${show(event.accountId)} is not this state's account ${show(s.accountId)}`,
        { eventId: id, field: 'accountId', value: event.accountId },
      )
    }
    const seenAt = this.seenAt(id)
    if (seenAt !== undefined && seenAt + this.windowMs > Math.max(this.clockMs, atMs)) {
      throw new DuplicateEventError(
        `${nameOf(id)}: id was already applied at ${formatInstant(seenAt)}, within the idempotency window`,
        { eventId: id, field: 'id', value: id },
      )
    }
    if (atMs < this.clockMs) {
      throw new OutOfOrderError(`${nameOf(id)}: at ${show(event.at)} is before the account's clock ${s.clock}`, {
        eventId: id,
        field: 'at',
        value: event.at,
      })
    }
    let money: Money
    switch (event.type) {
      case 'SubscriptionStarted':
        if (this.subscriptionNow !== null) {
          throw new SubscriptionActiveError(
            `${nameOf(id)}: type SubscriptionStarted while a subscription to plan ${show(this.subscriptionNow.plan.id)} is active`,
            { eventId: id, field: 'type', value: event.type },
          )
        }
        money = event.data.plan.price
        break
      case 'PlanUpgraded':
        if (this.subscriptionNow === null) {
          throw new NoSubscriptionError(`${nameOf(id)}: PlanUpgraded needs an active subscription`, {
            eventId: id,
            field: 'type',
            value: event.type,
          })
        }
        money = event.data.plan.price
        break
      case 'ExtraCreditsPurchased':
        money = event.data.unitPrice
        break
      case 'CreditsConsumed':
        return
      default: {
        const never: never = event
        return never
      }
    }
    const currency = this.totalsNow.charged?.currency
    if (currency !== undefined && money.currency !== currency) {
      const field = event.type === 'ExtraCreditsPurchased' ? 'data.unitPrice.currency' : 'data.plan.price.currency'
      throw new CurrencyMismatchError(
        `${nameOf(id)}: ${field} ${show(money.currency)} is not the account's currency ${show(currency)}`,
        { eventId: id, field, value: money.currency },
      )
    }
  }

  /** When `id` was applied, if it is still in the window. */
  private seenAt(id: string): number | undefined {
    const entry = this.ids.get(id)
    return entry === undefined ? undefined : parseInstant(entry.at)
  }

  private remember(event: CreditEvent, at: string): void {
    const entry: WindowEntry = { id: event.id, at, command: commandKey(event) }
    this.window.push(this.frozenValues ? Object.freeze(entry) : entry)
    this.ids.set(event.id, entry)
  }

  // ── time ────────────────────────────────────────────────────────────

  /**
   * Moves the clock to `toMs`, applying in time order every bucket expiry
   * and every renewal up to and including it (an expiry at an anniversary
   * comes before the renewal's grant), and forgets the ids that leave the
   * idempotency window. Does nothing for an instant at or before the clock.
   */
  advance(toMs: number, to: string): void {
    if (toMs <= this.clockMs) return
    const { s } = this
    for (;;) {
      const { items, head } = this.buckets
      const front = head < items.length ? items[head]!.expiresAt : null
      const due = this.subscriptionNow === null ? null : this.subscriptionNow.periodEnd
      if (front !== null && front <= to && (due === null || front <= due)) this.expireFront(front)
      else if (due !== null && due <= to) this.renew(due)
      else break
    }
    s.clock = to
    this.clockMs = toMs
    if (this.mode !== 'scratch') this.forgetIds(toMs)
  }

  /** Forgets the ids applied at or before `clockMs − window`. */
  private forgetIds(clockMs: number): void {
    const { window, ids } = this
    const limit = clockMs - this.windowMs
    for (let entry = window.first(); entry !== undefined; entry = window.first()) {
      if (Number.isNaN(this.frontMs)) this.frontMs = parseInstant(entry.at)
      if (this.frontMs > limit) break
      this.frontMs = NaN
      ids.delete(entry.id)
      window.shift()
    }
  }

  private expireFront(at: string): void {
    const bucket = this.buckets.items[this.buckets.head]!
    const credits = bucket.remaining
    this.totals().expired += credits
    this.buckets.head++
    this.emit(at, null, 'expire', bucket.source, bucket.id, -credits)
  }

  private renew(at: string): void {
    const sub = this.subscription()
    const period = sub.period + 1
    const endMs = anniversary(this.anchorMs, period)
    const end = formatInstant(endMs)
    sub.period = period
    sub.periodStart = at
    sub.periodEnd = end
    const saved = this.eventId
    this.eventId = null
    const charged = this.charge(sub.plan.price, 'data.plan.price.amount')
    this.grant('subscription', sub.plan.monthlyCredits, at, end, null, charged)
    this.eventId = saved
  }

  // ── recipes ─────────────────────────────────────────────────────────

  private start(plan: Plan, atMs: number, at: string): void {
    const kept = this.copyPlan(plan)
    const end = formatInstant(anniversary(atMs, 1))
    this.anchorMs = atMs
    this.setSubscription({ plan: kept, anchor: at, period: 1, periodStart: at, periodEnd: end })
    const charged = this.charge(kept.price, 'data.plan.price.amount')
    this.grant('subscription', kept.monthlyCredits, at, end, null, charged)
  }

  private consume(amount: number, at: string): void {
    const { s } = this
    this.ensureSafe(this.totalsNow.consumed + amount, 'data.amount', amount, 'consumed credits')
    const buckets = this.buckets
    let left = amount
    while (left > 0 && buckets.head < buckets.items.length) {
      const bucket = buckets.items[buckets.head]!
      if (bucket.remaining <= left) {
        left -= bucket.remaining
        buckets.head++
        this.emit(at, this.eventId, 'consume', bucket.source, bucket.id, -bucket.remaining)
      } else {
        this.replaceFront(bucket.remaining - left)
        this.emit(at, this.eventId, 'consume', bucket.source, bucket.id, -left)
        left = 0
      }
    }
    if (left > 0) {
      s.deficit += left
      this.emit(at, this.eventId, 'consume', 'deficit', null, -left)
    }
    this.totals().consumed += amount
    if (buckets.mostlyGone()) buckets.compact()
  }

  private purchase(quantity: number, unitPrice: Money, at: string): void {
    let cost: Money
    try {
      cost = multiplyMoney(unitPrice, quantity)
    } catch (error) {
      throw this.overflow(error, 'data.quantity', quantity, 'unitPrice × quantity')
    }
    const charged = this.charge(cost, 'data.quantity')
    this.grant('extra', quantity, at, null, canonicalMoney(unitPrice), charged)
  }

  private upgrade(plan: Plan, atMs: number, at: string): void {
    const kept = this.copyPlan(plan)
    const end = formatInstant(anniversary(atMs, 1))
    // Unused subscription and rollover credits: the buckets that expire, at the front.
    const buckets = this.buckets.writable()
    let carried = 0
    let keep = this.buckets.head
    let i = keep
    for (; i < buckets.length && buckets[i]!.expiresAt !== null; i++) {
      const bucket = buckets[i]!
      if (bucket.source === 'subscription' || bucket.source === 'rollover') {
        carried += bucket.remaining
        this.emit(at, this.eventId, 'rollover', bucket.source, bucket.id, -bucket.remaining)
      } else {
        buckets[keep++] = bucket
      }
    }
    if (keep < i) buckets.splice(keep, i - keep)
    this.anchorMs = atMs
    this.setSubscription({ plan: kept, anchor: at, period: 1, periodStart: at, periodEnd: end })
    if (carried > 0) {
      const bucket = this.newBucket('rollover', carried, carried, at, end, null)
      this.emit(at, this.eventId, 'rollover', 'rollover', bucket.id, carried)
    }
    const charged = this.charge(kept.price, 'data.plan.price.amount')
    this.grant('subscription', kept.monthlyCredits, at, end, null, charged)
  }

  // ── buckets and money ───────────────────────────────────────────────

  /** Grants credits: the deficit is repaid first, the rest goes into a new bucket. */
  private grant(
    source: BucketSource,
    credits: number,
    at: string,
    expiresAt: string | null,
    unitPrice: Money | null,
    charged: Money | null,
  ): void {
    const { s } = this
    const field = source === 'extra' ? 'data.quantity' : 'data.plan.monthlyCredits'
    this.ensureSafe(this.totalsNow.granted + credits, field, credits, 'granted credits')
    this.totals().granted += credits
    const repaid = s.deficit < credits ? s.deficit : credits
    if (repaid > 0) {
      s.deficit -= repaid
      this.emit(at, this.eventId, 'grant', 'deficit', null, repaid, charged, source)
      charged = null
    }
    if (credits > repaid) {
      const bucket = this.newBucket(source, credits, credits - repaid, at, expiresAt, unitPrice)
      this.emit(at, this.eventId, 'grant', source, bucket.id, credits - repaid, charged, source)
    }
  }

  /** Creates a bucket and puts it in consumption order (SPEC §3). */
  private newBucket(
    source: BucketSource,
    granted: number,
    remaining: number,
    grantedAt: string,
    expiresAt: string | null,
    unitPrice: Money | null,
  ): Bucket {
    const s = this.s
    const bucket: Bucket = { id: `b${s.nextBucket}`, source, granted, remaining, grantedAt, expiresAt, unitPrice }
    if (this.frozenValues) Object.freeze(bucket)
    s.nextBucket++
    const buckets = this.buckets.writable()
    // The newest bucket comes after every bucket that expires no later than it.
    let lo = this.buckets.head
    let hi = buckets.length
    if (expiresAt !== null) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        const other = buckets[mid]!.expiresAt
        if (other !== null && other <= expiresAt) lo = mid + 1
        else hi = mid
      }
    } else {
      lo = hi
    }
    if (lo === buckets.length) buckets.push(bucket)
    else buckets.splice(lo, 0, bucket)
    return bucket
  }

  /** A copy of the plan of an event, its price in canonical form, to keep in the state. */
  private copyPlan(plan: Plan): Plan {
    try {
      return { id: plan.id, monthlyCredits: plan.monthlyCredits, price: canonicalMoney(plan.price) }
    } catch (error) {
      throw this.overflow(error, 'data.plan.price.amount', plan.price.amount, 'the plan price in canonical form')
    }
  }

  /** Adds `money` to the money charged and returns its canonical form. */
  private charge(money: Money, field: string): Money {
    try {
      const amount = canonicalMoney(money)
      const charged = this.totalsNow.charged
      this.totals().charged = charged === null ? amount : addMoney(charged, amount)
      return amount
    } catch (error) {
      throw this.overflow(error, field, money.amount, 'money charged')
    }
  }

  private ensureSafe(total: number, field: string, value: number, what: string): void {
    if (!Number.isSafeInteger(total)) throw this.overflow(new MoneyOverflow(), field, value, what)
  }

  private overflow(error: unknown, field: string, value: number, what: string): unknown {
    if (!(error instanceof MoneyOverflow)) return error
    return new AmountOverflowError(`${nameOf(this.eventId)}: ${what} would leave the safe integer range (${field} = ${value})`, {
      eventId: this.eventId,
      field,
      value,
    })
  }

  private emit(
    at: string,
    eventId: string | null,
    kind: MovementKind,
    source: BucketSource | 'deficit',
    bucketId: string | null,
    credits: number,
    charged: Money | null = null,
    grantSource: BucketSource | null = null,
  ): void {
    if (this.sink !== null) this.sink({ at, eventId, kind, source, bucketId, credits, charged, grantSource })
  }

  // ── housekeeping ────────────────────────────────────────────────────

  /**
   * Sets the remaining credits of the front bucket: in place in a private
   * copy (which owns its buckets), by a frozen copy in a draft (where bucket
   * objects are shared with the state it started from).
   */
  private replaceFront(remaining: number): void {
    const buckets = this.buckets.writable() // may move `head`: read it after
    const head = this.buckets.head
    const target = (this.frozenValues ? copyBucket(buckets[head]!) : buckets[head]!) as Mutable<Bucket>
    target.remaining = remaining
    if (this.frozenValues) buckets[head] = Object.freeze(target)
  }

  /**
   * Cuts off the buckets and ids that are gone and hands the lists to the
   * working state. For a draft they are frozen first (so that immer does not
   * walk them) and the window's index is kept for the next fold.
   */
  commit(): void {
    this.buckets.compact()
    const { s, buckets, window } = this
    if (this.frozenValues) {
      if (buckets.changed) s.buckets = buckets.freeze() as W['buckets']
      if (window.changed) s.window = window.freeze() as W['window']
      if (this.mode === 'draft') windowIndex.set(window.pages, this.ids)
    } else {
      window.commit()
      s.buckets = buckets.items as W['buckets']
      s.window = window.pages as W['window']
    }
  }

  /** Freezes the lists of a private copy at the end of its fold, and keeps the window's index for the next fold. */
  seal(): void {
    this.commit()
    this.s.buckets = this.buckets.freeze() as W['buckets']
    this.s.window = this.window.freeze() as W['window']
    windowIndex.set(this.window.pages, this.ids)
  }


  /** The clock in epoch ms (−Infinity before the first event). */
  get clock(): number {
    return this.clockMs
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

type Window = AccountState['window']

function takeIndex(window: Window): Map<string, WindowEntry> {
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** A copy of a bucket, built field by field (V8 copies a frozen object with spread slowly). */
function copyBucket(bucket: Bucket): Bucket {
  return {
    id: bucket.id,
    source: bucket.source,
    granted: bucket.granted,
    remaining: bucket.remaining,
    grantedAt: bucket.grantedAt,
    expiresAt: bucket.expiresAt,
    unitPrice: bucket.unitPrice,
  }
}



/**
 * What identifies the command behind an event, for retries within the
 * idempotency window: the type and the data a command would repeat (a
 * purchase's unit price comes from the ledger, so it is left out).
 */
export function commandKey(event: CreditEvent): string {
  switch (event.type) {
    case 'CreditsConsumed': {
      const { amount, reason } = event.data
      if (reason !== undefined) return `CreditsConsumed ${amount} ${reason}`
      return amount < CONSUME_KEYS.length ? (CONSUME_KEYS[amount] ??= `CreditsConsumed ${amount}`) : `CreditsConsumed ${amount}`
    }
    case 'ExtraCreditsPurchased':
      return `ExtraCreditsPurchased ${event.data.quantity}`
    case 'SubscriptionStarted':
    case 'PlanUpgraded':
      return `${event.type} ${planKey(event.data.plan)}`
    default: {
      const never: never = event
      return never
    }
  }
}

/** The keys of small consumptions, made once: most events of a history are these. */
const CONSUME_KEYS: (string | undefined)[] = new Array(1024)

function planKey(plan: Plan): string {
  const price = canonicalMoney(plan.price)
  return JSON.stringify([plan.id, plan.monthlyCredits, price.amount, price.currency, price.scale ?? null])
}
