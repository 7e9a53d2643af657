import type { Draft } from 'immer'
import { AmountOverflowError, InvalidEventError, nameOf, show } from '../errors.js'
import { guardEvent } from '../events/guards.js'
import type { CreditEvent, Plan } from '../events/index.js'
import { addMoney, canonicalMoney, MoneyOverflow, MoneyTotal, multiplyMoney, type Money } from '../money/money.js'
import type { Account, CreditTotal, GrantDetails } from '../rules/account.js'
import { applyEvent } from '../rules/applyEvent.js'
import { check, checkCorrection, type CheckedAccount, type ReferencedAccount, type RememberedIds } from '../rules/check.js'
import type { MovementKind, MovementSink } from '../rules/movement.js'
import { passTime } from '../rules/passTime.js'
import { freezeConsumption } from '../state/copy.js'
import type { AccountState, Bucket, BucketSource, ConsumptionRecord, Draw, Subscription } from '../state/types.js'
import type { ConsumptionLog } from '../rules/account.js'
import { anniversary } from '../time/anniversary.js'
import { canonicalInstant, formatInstant, parseInstant } from '../time/instant.js'
import { BucketList } from './bucketList.js'
import { PagedWindow, ReplayWindow, type IdempotencyWindow } from './idempotencyWindow.js'
import type { FoldOptions } from './options.js'
import { liveAt, reversibleAt } from './stateAccount.js'
import { PagedReversals, ReplayReversals, type ReversalWindow } from './reversalWindow.js'

type W = Draft<AccountState>
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * How a fold holds its state:
 * - `replay`: a private mutable copy that folds many events, frozen once at the end;
 * - `draft`: an immer draft, for one event or one move of the clock;
 * - `scratch`: a draft whose result is thrown away (`decide`'s what-if),
 *   whose window the caller has already checked: it leaves the window (and
 *   its index) as they are, so a what-if far ahead of the clock does not
 *   pay for forgetting ids.
 */
export type FoldMode = 'replay' | 'draft' | 'scratch'

/** What a working account is made of. */
export interface WorkingAccountSetup {
  /** The working state: an immer draft, or a private copy made by `thaw` (then also `from`). */
  readonly state: W
  /** The state the working state started from (its lists are never modified). */
  readonly from: AccountState
  readonly options: FoldOptions
  /** Receives the movements of credits (statements, reports), or `null`. */
  readonly sink: MovementSink | null
  readonly mode: FoldMode
}

/**
 * The account that the rules (`src/rules/`) work on: the `Account` they see,
 * over a working state (an immer draft or a private copy). It owns the
 * machinery the rules never see: the bucket list and the two windows,
 * copied on first write (a draft) or kept flat (a replay) and handed back by
 * `commit()`; the account id, the clock and the totals as its own fields,
 * and the subscription as a plain object copied into a draft on the first
 * write (so immer makes no proxy for them, and an event writes nothing into
 * the state until `commit()`); the windows' indexes; the clock in ms.
 *
 * `apply` runs one event the way SPEC §4 orders it: checks, time passing to
 * its `at`, its rule, and remembering its id.
 */
export class WorkingAccount implements Account, ConsumptionLog, CheckedAccount, RememberedIds, ReferencedAccount {
  /** The working state. It is current after `commit()`. */
  readonly s: W
  readonly buckets: BucketList
  private readonly window: IdempotencyWindow
  readonly windowMs: number
  private readonly reversals: ReversalWindow
  private readonly reversalWindowMs: number
  /** The reversal window as the rules see it: this account (`remember`, `find`, `markReversed`). */
  readonly consumptions: ConsumptionLog = this
  private readonly sink: MovementSink | null
  private readonly frozenValues: boolean
  now: string
  eventId: string | null = null
  /** The account and the clock (canonical, and in ms): fields, not the state's, so an event writes no state; `commit()` writes them into it. */
  accountId: string | null
  clock: string | null
  clockMs: number
  private anchorMs: number
  private subscriptionNow: Mutable<Subscription> | null
  private ownSubscription: boolean
  /** The totals (SPEC §5) as fields, written into the state as a new `totals` by `commit()` when they changed. */
  private granted: number
  private consumed: number
  private expired: number
  private reversed: number
  private voided: number
  private refunded: number
  private refundedMoney: Money | null
  private totalsChanged = false
  /** All money charged, summed by dinero.js; made wire Money (`chargedMoney`) by `commit()`. */
  private readonly charged: MoneyTotal
  private chargedMoney: Money | null
  private chargedChanged = false
  /** The account's currency: the one of its first charge. */
  currency: string | null

  private readonly mode: FoldMode
  /**
   * Nothing is due before this instant (epoch ms): no bucket expires and no
   * anniversary falls. Known after time has passed (`nextDueMs`), lowered
   * by a new subscription (whose grant may make no bucket: it can go to a
   * deficit); a bucket inserted since (which may expire sooner) sets
   * `buckets.inserted`. Lets the clock move without running `passTime`
   * when it would find nothing to do.
   */
  private quietUntilMs = -Infinity

  constructor({ state: s, from: read, options, sink, mode }: WorkingAccountSetup) {
    this.mode = mode
    const own = mode === 'replay'
    this.s = s
    this.windowMs = options.idempotencyWindowMs
    this.sink = sink
    this.frozenValues = !own
    this.buckets = new BucketList(read.buckets, own, this)
    this.window = own ? new ReplayWindow(read.window, this.windowMs) : new PagedWindow(read.window, this.windowMs, mode === 'draft')
    this.reversalWindowMs = options.reversalWindowMs
    this.reversals = own ? new ReplayReversals(read.consumptions) : new PagedReversals(read.consumptions, mode === 'draft')
    this.accountId = read.accountId
    this.clock = read.clock
    this.now = read.clock ?? ''
    this.clockMs = read.clock === null ? -Infinity : parseInstant(read.clock)
    this.anchorMs = read.subscription === null ? NaN : parseInstant(read.subscription.anchor)
    // A private copy is its own `read` (see AccountFold).
    this.subscriptionNow = read.subscription as Mutable<Subscription> | null
    this.ownSubscription = own
    const { totals } = read
    this.granted = totals.granted
    this.consumed = totals.consumed
    this.expired = totals.expired
    this.reversed = totals.reversed
    this.voided = totals.voided
    this.refunded = totals.refunded
    this.refundedMoney = totals.refundedMoney
    this.charged = new MoneyTotal(totals.charged)
    this.chargedMoney = totals.charged
    this.currency = totals.charged?.currency ?? null
  }

  // ── the machinery's entry points ────────────────────────────────────

  /** Checks `event` against the state (SPEC §4 order of precedence), moves the clock to its `at`, and applies it. */
  apply(event: CreditEvent): void {
    guardEvent(event)
    const atMs = parseInstant(event.at)
    if (Number.isNaN(atMs)) {
      throw new InvalidEventError(
        `${nameOf(event.id)}: at must be an ISO-8601 timestamp with an offset of a real date (got ${show(event.at)})`,
        { eventId: event.id, field: 'at', value: event.at },
      )
    }
    checkCorrection.expiry(event, atMs)
    check.account(this, event, 'event')
    if (this.mode !== 'scratch') check.duplicate(this, event.id, atMs)
    check.order(this, event, atMs, 'event')
    check.subscription(this, event, 'event', atMs)
    checkCorrection.reference(this, event, atMs, 'event')
    check.currency(this, event, 'event')
    checkCorrection.amount(this, event, atMs, 'event')
    const at = canonicalInstant(event.at, atMs)
    this.accountId ??= event.accountId
    this.advance(atMs, at)
    this.eventId = event.id
    applyEvent(this, event)
    this.eventId = null
    if (this.mode !== 'scratch') this.window.remember(event, at, atMs)
  }

  /**
   * Moves the clock to `toMs` (`to` its canonical form), with every expiry
   * and renewal up to and including it, and forgets the ids that leave the
   * idempotency window. Does nothing for an instant at or before the clock.
   */
  advance(toMs: number, to: string): void {
    if (toMs <= this.clockMs) return
    if (toMs < this.quietUntilMs && !this.buckets.inserted) {
      this.moveTo(to) // nothing expires or renews on the way: what `passTime` would find
    } else {
      passTime(this, to)
      this.quietUntilMs = this.nextDueMs()
      this.buckets.inserted = false
    }
    this.clock = to
    this.clockMs = toMs
    if (this.mode !== 'scratch') {
      this.window.forget(toMs)
      this.reversals.forget(toMs, this.reversalWindowMs)
    }
  }

  /**
   * Cuts off the buckets and ids that are gone and hands the lists to the
   * working state. For a draft they are frozen first (so that immer does not
   * walk them) and the window's index is kept for the next fold.
   */
  commit(): void {
    this.commitScalarsAndBuckets()
    const pages = this.window.commit()
    if (pages !== null) this.s.window = pages as W['window']
    const consumptions = this.reversals.commit()
    if (consumptions !== null) this.s.consumptions = consumptions as W['consumptions']
  }

  /**
   * Freezes the lists of a private copy at the end of its fold (their entries
   * and records are frozen as they are made; the buckets are frozen with the
   * state, by `freezeSealed`), and hands on the reversal window's index if
   * the fold built one.
   */
  seal(): void {
    this.commitScalarsAndBuckets()
    this.s.buckets = this.buckets.freeze() as W['buckets']
    this.s.window = this.window.seal() as W['window']
    this.s.consumptions = this.reversals.seal() as W['consumptions']
  }

  private commitScalarsAndBuckets(): void {
    const { s, buckets } = this
    if (s.accountId !== this.accountId) s.accountId = this.accountId
    if (s.clock !== this.clock) s.clock = this.clock
    if (this.totalsChanged) {
      if (this.chargedChanged) this.chargedMoney = this.charged.toMoney()
      const { granted, consumed, expired, chargedMoney: charged, reversed, voided, refunded, refundedMoney } = this
      s.totals = { granted, consumed, expired, charged, reversed, voided, refunded, refundedMoney }
      this.totalsChanged = this.chargedChanged = false
    }
    buckets.compact()
    if (this.frozenValues) {
      if (buckets.changed) s.buckets = buckets.freeze() as W['buckets']
    } else {
      s.buckets = buckets.items as W['buckets']
    }
  }

  /** The first instant at which `passTime` has something to do: the front bucket's expiry or the anniversary. */
  private nextDueMs(): number {
    const expiresAt = this.buckets.front()?.expiresAt ?? null
    const periodEnd = this.subscriptionNow?.periodEnd ?? null
    return Math.min(expiresAt === null ? Infinity : parseInstant(expiresAt), periodEnd === null ? Infinity : parseInstant(periodEnd))
  }

  // ── CheckedAccount ──────────────────────────────────────────────────

  seenAt(id: string): number | undefined {
    return this.window.seenAt(id)
  }

  // ── ReferencedAccount ───────────────────────────────────────────────

  consumptionAt(id: string, atMs: number): ConsumptionRecord | undefined {
    const record = this.reversals.find(id)
    return record !== undefined && reversibleAt(record, this.reversalWindowMs, atMs) ? record : undefined
  }

  bucketAt(eventId: string, source: BucketSource, atMs: number): Bucket | undefined {
    const bucket = this.buckets.createdBy(eventId, source)
    return bucket !== undefined && liveAt(bucket, atMs) ? bucket : undefined
  }

  // ── Account ─────────────────────────────────────────────────────────

  get subscription(): Subscription | null {
    return this.subscriptionNow
  }

  get deficit(): number {
    return this.s.deficit
  }

  moveTo(at: string): void {
    this.now = at
  }

  nextBucketId(): string {
    return `b${this.s.nextBucket++}`
  }

  subscribe(plan: Plan): Subscription {
    const kept = this.keepPlan(plan)
    const anchorMs = parseInstant(this.now)
    this.anchorMs = anchorMs
    const at = this.now
    const periodEndMs = anniversary(anchorMs, 1)
    this.quietUntilMs = Math.min(this.quietUntilMs, periodEndMs)
    return this.setSubscription({
      plan: kept,
      anchor: at,
      period: 1,
      periodStart: at,
      periodEnd: formatInstant(periodEndMs),
      cancelAtPeriodEnd: false,
      scheduledPlan: null,
    })
  }

  nextPeriod(): Subscription {
    const sub = this.writableSubscription()
    sub.period += 1
    sub.periodStart = sub.periodEnd
    sub.periodEnd = formatInstant(anniversary(this.anchorMs, sub.period))
    return sub
  }

  setPendingCancellation(pending: boolean): void {
    this.writableSubscription().cancelAtPeriodEnd = pending
  }

  schedulePlan(plan: Plan | null): void {
    this.writableSubscription().scheduledPlan = plan === null ? null : this.keepPlan(plan)
  }

  changePlan(plan: Plan): Subscription {
    const sub = this.writableSubscription()
    sub.plan = plan
    sub.scheduledPlan = null
    return sub
  }

  endSubscription(): void {
    this.subscriptionNow = this.s.subscription = null
    this.ownSubscription = true
    this.anchorMs = NaN
  }

  owe(credits: number): void {
    this.s.deficit += credits
  }

  repay(credits: number): void {
    this.s.deficit -= credits
  }

  count(total: CreditTotal, credits: number, field: string): void {
    const next = this[total] + credits
    if (!Number.isSafeInteger(next)) throw this.overflow(new MoneyOverflow(), field, credits, `${total} credits`)
    this[total] = next
    this.totalsChanged = true
  }

  charge(price: Money, quantity: number, field: string): Money {
    let amount: Money
    try {
      amount = quantity === 1 ? canonicalMoney(price) : multiplyMoney(price, quantity)
    } catch (error) {
      throw this.overflow(error, field, quantity === 1 ? price.amount : quantity, quantity === 1 ? 'the price in canonical form' : 'unitPrice × quantity')
    }
    try {
      this.charged.add(amount)
    } catch (error) {
      throw this.overflow(error, field, quantity === 1 ? price.amount : quantity, 'money charged')
    }
    this.chargedChanged = this.totalsChanged = true
    this.currency ??= amount.currency
    return amount
  }

  canonical(money: Money, field: string): Money {
    try {
      return canonicalMoney(money)
    } catch (error) {
      throw this.overflow(error, field, money.amount, 'the price in canonical form')
    }
  }

  refund(price: Money, quantity: number, field: string): Money {
    let amount: Money
    try {
      amount = multiplyMoney(price, quantity)
      const refunded = this.refundedMoney
      this.refundedMoney = refunded === null ? amount : addMoney(refunded, amount)
      this.totalsChanged = true
    } catch (error) {
      throw this.overflow(error, field, quantity, 'money refunded')
    }
    return amount
  }

  record(kind: MovementKind, bucket: Bucket | null, credits: number, grant?: GrantDetails): void {
    if (this.sink === null) return
    this.sink({
      at: this.now,
      eventId: this.eventId,
      kind,
      source: bucket === null ? 'deficit' : bucket.source,
      bucketId: bucket === null ? null : bucket.id,
      credits,
      charged: grant?.charged ?? null,
      grantSource: kind === 'grant' ? (grant?.source ?? null) : null,
      refunded: grant?.refunded ?? null,
    })
  }

  // ── copy on first write ─────────────────────────────────────────────

  /** The active subscription, to change (in a draft, a copy put into it on the first call). */
  private writableSubscription(): Mutable<Subscription> {
    const sub = this.subscriptionNow!
    if (!this.ownSubscription) {
      const { plan, anchor, period, periodStart, periodEnd, cancelAtPeriodEnd, scheduledPlan } = sub
      this.setSubscription({ plan, anchor, period, periodStart, periodEnd, cancelAtPeriodEnd, scheduledPlan })
    }
    return this.subscriptionNow!
  }

  /** A plan as a subscription keeps it: its price canonical, its rollover policy (if any) copied key by key. */
  private keepPlan(plan: Plan): Plan {
    const kept: Mutable<Plan> = { id: plan.id, monthlyCredits: plan.monthlyCredits, price: this.canonical(plan.price, 'data.plan.price.amount') }
    const policy = plan.rollover
    if (policy !== undefined) {
      const rollover: Mutable<NonNullable<Plan['rollover']>> = {}
      if (policy.maxCredits !== undefined) rollover.maxCredits = policy.maxCredits
      if (policy.maxPercent !== undefined) rollover.maxPercent = policy.maxPercent
      kept.rollover = rollover
    }
    return kept
  }

  // ── ConsumptionLog (the reversal window as the rules see it) ────────

  /**
   * Records are frozen as they are made (in every mode: a record never
   * changes), so `seal` need not walk them. The draws are kept in an array of
   * their exact length: one grown by `push` keeps room for 17 (V8), 128 bytes
   * more for each consumption the window holds for 30 days. A list of one
   * draw is kept as given (`consume` makes it for one), longer ones are
   * copied.
   */
  remember(amount: number, draws: Draw[], shortfall: number): void {
    if (this.mode === 'scratch') return
    const record = freezeConsumption({ id: this.eventId!, at: this.now, amount, shortfall, reversed: 0, draws: draws.length < 2 ? draws : draws.slice() })
    this.reversals.remember(record, this.clockMsOfNow())
  }

  find(eventId: string): ConsumptionRecord | undefined {
    return this.consumptionAt(eventId, parseInstant(this.now))
  }

  markReversed(consumption: ConsumptionRecord, credits: number): void {
    this.reversals.update(consumption, Object.freeze({ ...consumption, reversed: consumption.reversed + credits }))
  }

  /** `now` in epoch ms: the event being applied is at the clock's instant once time has passed to it. */
  private clockMsOfNow(): number {
    return this.now === this.clock ? this.clockMs : parseInstant(this.now)
  }

  private setSubscription(sub: Mutable<Subscription>): Subscription {
    this.subscriptionNow = this.s.subscription = sub
    this.ownSubscription = true
    return sub
  }

  private overflow(error: unknown, field: string, value: number, what: string): unknown {
    if (!(error instanceof MoneyOverflow)) return error
    return new AmountOverflowError(`${nameOf(this.eventId)}: ${what} would leave the safe integer range (${field} = ${value})`, {
      eventId: this.eventId,
      field,
      value,
    })
  }
}
