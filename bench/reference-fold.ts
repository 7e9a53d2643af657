import { addMonths } from 'date-fns'
import { utc } from '@date-fns/utc'
import type { CreditEvent, Plan } from '../src/index.js'

/**
 * The speed limit: a plain, hand-written, mutable fold of the same rules
 * (SPEC §2–4), with none of the library's guarantees that cost time
 * (no immer, no zod, no dinero.js, no frozen output, no movements).
 *
 * - buckets that expire sit in one queue sorted by (expiry, creation), and
 *   extra buckets (which never expire) in a FIFO queue after them; both are
 *   arrays with a head index, so consumption takes from the front and expiry
 *   looks only at the front of the expiring queue;
 * - renewals are anchored: period k ends at `addMonths(anchor, k, { in: utc })`;
 * - an upgrade moves every expiring bucket (v1 has only subscription and
 *   rollover ones) into one rollover bucket created before the new grant;
 * - the deficit is repaid first by every grant;
 * - the idempotency window is a Map of id → time plus a queue for pruning;
 * - money is an integer of cents (minor units; the bench only uses USD
 *   without `scale`).
 *
 * - contract v4, part 1: a period-end cancellation (no renewal at the end,
 *   every plan credit expires), an immediate one, revocations, scheduled
 *   plan changes (at the next anniversary, rolling over by the old plan's
 *   policy) and the rollover cap at each renewal (the capped part of the
 *   unused plan credits moves into one rollover bucket, the rest expire).
 * - contract v4, part 2: promotional buckets (their own expiry; they stay
 *   through upgrades and renewals), voids, refunds of extra credits at their
 *   unit price, and reversals (shortfall first, then the draws last first,
 *   each into the bucket it came from) within a reversal window.
 *
 * It checks account, duplicate, order, subscription and safe integers like
 * the library (so the comparison is fair), but throws plain Errors.
 * It exists to measure the library against, and its balances are checked
 * against `replay` by tests/bench/reference-fold.test.ts.
 *
 * `npm run bench` never runs this file through tsx: bench/prepare.ts
 * compiles it (with the rest of the bench) to plain JavaScript first, so the
 * limit runs as fast as it can (loaded through tsx it ran ~2× slower).
 *
 * The **floor** (`floorReplay`) is the same fold with less to do: epoch ms
 * parsed before it starts (no ISO parsing) and no idempotency window (no
 * duplicate check, no ids kept). No contract-keeping fold can beat it.
 */

interface RefBucket {
  n: number
  source: 'subscription' | 'rollover' | 'extra' | 'promotional'
  granted: number
  remaining: number
  expiresMs: number // Infinity for never
  /** Contract v4: the unit price in cents (extra), and whether the bucket is in its queue (a reversal re-inserts it). */
  unitCents: number
  queued: boolean
}

/** Contract v4: a consumption of the reversal window: its draws as pairs (bucket, credits) and its shortfall. */
interface RefConsumption {
  amount: number
  shortfall: number
  reversed: number
  draws: (RefBucket | number)[]
}

export interface RefSummary {
  accountId: string | null
  clockMs: number
  available: number
  deficit: number
  granted: number
  consumed: number
  expired: number
  chargedCents: number
  liveBuckets: number
  nextBucket: number
  windowSize: number
  reversed: number
  voided: number
  refunded: number
  refundedCents: number
  consumptions: number
}

const DAY = 86_400_000

export class ReferenceFold {
  accountId: string | null = null
  clockMs = -Infinity
  // subscription
  active = false
  monthlyCredits = 0
  priceCents = 0
  anchorMs = 0
  period = 0
  periodEndMs = Infinity
  // contract v4: the current plan's rollover cap, a pending cancellation, a scheduled plan
  rolloverCap = 0
  cancelAtPeriodEnd = false
  scheduled: Plan | null = null
  // buckets
  expiring: RefBucket[] = []
  expHead = 0
  extras: RefBucket[] = []
  extraHead = 0
  nextBucket = 1
  // totals
  deficit = 0
  granted = 0
  consumed = 0
  expired = 0
  chargedCents = 0
  currency: string | null = null
  // idempotency window (none when `windowed` is false: the floor)
  readonly windowMs: number
  readonly windowed: boolean
  seen = new Map<string, number>()
  winIds: string[] = []
  winTimes: number[] = []
  winHead = 0
  // contract v4: corrections (SPEC §9)
  reversed = 0
  voided = 0
  refunded = 0
  refundedCents = 0
  /** Promotional and extra buckets by the id of the event that created them. */
  grants = new Map<string, RefBucket>()
  readonly reversalMs: number
  records = new Map<string, RefConsumption>()
  recIds: string[] = []
  recTimes: number[] = []
  recHead = 0
  /** The event being applied (for `grantedBy`). */
  private eventId: string | null = null

  /**
   * @param windowMs the idempotency window, or `null` for none (the floor: no duplicate check, no ids kept)
   * @param reversalMs the reversal window (contract v4)
   */
  constructor(windowMs: number | null = DAY, reversalMs = 30 * DAY) {
    this.windowMs = windowMs ?? 0
    this.windowed = windowMs !== null
    this.reversalMs = reversalMs
  }

  apply(e: CreditEvent): void {
    const at = instant(e.at)
    if (Number.isNaN(at)) throw new Error(`${e.id}: bad at`)
    this.applyAt(e, at)
  }

  /** `apply` with the event's time already parsed to epoch ms. */
  applyAt(e: CreditEvent, at: number): void {
    if (this.accountId !== null && e.accountId !== this.accountId) throw new Error(`${e.id}: ACCOUNT_MISMATCH`)
    if (this.windowed) {
      const seenAt = this.seen.get(e.id)
      if (seenAt !== undefined && seenAt + this.windowMs > Math.max(this.clockMs, at)) throw new Error(`${e.id}: DUPLICATE_EVENT`)
    }
    if (at < this.clockMs) throw new Error(`${e.id}: OUT_OF_ORDER`)
    // A period-end cancellation that falls at or before `at` has ended the subscription by then.
    const active = this.active && !(this.cancelAtPeriodEnd && this.periodEndMs <= at)
    if (e.type === 'SubscriptionStarted' && active) throw new Error(`${e.id}: SUBSCRIPTION_ACTIVE`)
    if (e.type === 'PlanUpgraded' && !active) throw new Error(`${e.id}: NO_SUBSCRIPTION`)
    if ((e.type === 'SubscriptionCancelled' || e.type === 'PlanChangeScheduled') && !active) throw new Error(`${e.id}: NO_SUBSCRIPTION`)
    if (e.type === 'CancellationRevoked' && !(active && this.cancelAtPeriodEnd)) throw new Error(`${e.id}: NO_PENDING_CANCELLATION`)
    if (e.type === 'PlanChangeUnscheduled' && !(active && this.scheduled !== null && this.periodEndMs > at)) throw new Error(`${e.id}: NO_PENDING_PLAN_CHANGE`)
    if (e.type === 'PlanChangeScheduled' && this.currency !== null && e.data.plan.price.currency !== this.currency) throw new Error('CURRENCY_MISMATCH')
    this.checkReference(e, at)
    this.accountId = e.accountId
    this.advance(at)
    this.eventId = e.id
    switch (e.type) {
      case 'SubscriptionStarted':
      case 'PlanUpgraded': {
        const plan = e.data.plan
        let carried = 0
        if (e.type === 'PlanUpgraded') {
          // Subscription and rollover credits move; promotional buckets stay (contract v4).
          const kept: RefBucket[] = []
          for (let i = this.expHead; i < this.expiring.length; i++) {
            const b = this.expiring[i]!
            if (b.source === 'promotional') {
              kept.push(b)
            } else {
              carried += b.remaining
              b.remaining = 0
              b.queued = false
            }
          }
          this.expiring = kept
          this.expHead = 0
        }
        this.active = true
        this.cancelAtPeriodEnd = false
        this.scheduled = null
        this.setPlan(plan)
        this.anchorMs = at
        this.period = 1
        this.periodEndMs = anniversary(at, 1)
        if (carried > 0) {
          this.insert({ n: this.nextBucket++, source: 'rollover', granted: carried, remaining: carried, expiresMs: this.periodEndMs, unitCents: 0, queued: true })
        }
        this.charge(this.priceCents, plan.price.currency)
        this.grant('subscription', plan.monthlyCredits, this.periodEndMs)
        break
      }
      case 'CreditsConsumed':
        this.consume(e.id, at, e.data.amount)
        break
      case 'ExtraCreditsPurchased': {
        const p = e.data.unitPrice
        const unit = cents(p.amount, p.currency, p.scale)
        this.charge(unit * e.data.quantity, p.currency)
        this.grant('extra', e.data.quantity, Infinity, unit)
        break
      }
      case 'SubscriptionCancelled':
        if (e.data.mode === 'immediate') this.endSubscription()
        else if (!this.cancelAtPeriodEnd) {
          this.cancelAtPeriodEnd = true
          this.scheduled = null
        }
        break
      case 'CancellationRevoked':
        this.cancelAtPeriodEnd = false
        break
      case 'PlanChangeScheduled':
        this.scheduled = e.data.plan
        break
      case 'PlanChangeUnscheduled':
        this.scheduled = null
        break
      case 'PromotionalCreditsGranted':
        this.grant('promotional', e.data.amount, e.data.expiresAt === null ? Infinity : instant(e.data.expiresAt))
        break
      case 'PromotionalCreditsVoided': {
        const b = this.grants.get(e.data.grantId)!
        safe(this.voided + b.remaining)
        this.voided += b.remaining
        b.remaining = 0
        this.grants.delete(e.data.grantId)
        break
      }
      case 'ExtraCreditsRefunded': {
        const b = this.grants.get(e.data.purchaseId)!
        const q = e.data.quantity
        safe(this.refunded + q)
        safe(b.unitCents * q)
        safe(this.refundedCents + b.unitCents * q)
        this.refunded += q
        this.refundedCents += b.unitCents * q
        b.remaining -= q
        if (b.remaining === 0) this.grants.delete(e.data.purchaseId)
        break
      }
      case 'ConsumptionReversed':
        this.reverse(e.data.consumptionId, e.data.amount, at)
        break
    }
    this.eventId = null
    if (this.windowed) {
      this.seen.set(e.id, at)
      this.winIds.push(e.id)
      this.winTimes.push(at)
    }
  }

  /** Every expiry and renewal up to and including `to`, in time order (expiry first at equal times). */
  advance(to: number): void {
    if (to <= this.clockMs) return
    for (;;) {
      const front = this.expHead < this.expiring.length ? this.expiring[this.expHead]!.expiresMs : Infinity
      const due = this.active ? this.periodEndMs : Infinity
      if (front <= to && front < due) {
        const b = this.expiring[this.expHead++]!
        this.expired += b.remaining
        b.remaining = 0
        b.queued = false
      } else if (due <= to) {
        this.renew()
      } else break
    }
    if (this.expHead > 64 && this.expHead * 2 > this.expiring.length) {
      this.expiring.splice(0, this.expHead)
      this.expHead = 0
    }
    this.clockMs = to
    const recLimit = to - this.reversalMs
    const recTimes = this.recTimes
    while (this.recHead < recTimes.length && recTimes[this.recHead]! <= recLimit) this.records.delete(this.recIds[this.recHead++]!)
    if (this.recHead > 1024 && this.recHead * 2 > recTimes.length) {
      this.recIds.splice(0, this.recHead)
      recTimes.splice(0, this.recHead)
      this.recHead = 0
    }
    if (!this.windowed) return
    const limit = to - this.windowMs
    const times = this.winTimes
    while (this.winHead < times.length && times[this.winHead]! <= limit) this.seen.delete(this.winIds[this.winHead++]!)
    if (this.winHead > 1024 && this.winHead * 2 > times.length) {
      this.winIds.splice(0, this.winHead)
      times.splice(0, this.winHead)
      this.winHead = 0
    }
  }

  /**
   * The anniversary: every expiring bucket is a plan credit that ends now
   * (subscription or rollover). After a period-end cancellation they all
   * expire and the subscription ends; else up to the old plan's cap move
   * into one rollover bucket, the rest expire, the scheduled plan (if any)
   * takes over, and its credits are granted.
   */
  private renew(): void {
    if (this.cancelAtPeriodEnd) {
      this.endSubscription()
      return
    }
    const unused = this.takePlanCredits()
    const rolled = unused < this.rolloverCap ? unused : this.rolloverCap
    this.expired += unused - rolled
    this.period++
    this.periodEndMs = anniversary(this.anchorMs, this.period)
    if (this.scheduled !== null) {
      this.setPlan(this.scheduled)
      this.scheduled = null
    }
    if (rolled > 0) {
      this.insert({ n: this.nextBucket++, source: 'rollover', granted: rolled, remaining: rolled, expiresMs: this.periodEndMs, unitCents: 0, queued: true })
    }
    this.charge(this.priceCents, this.currency!)
    this.grant('subscription', this.monthlyCredits, this.periodEndMs)
  }

  /**
   * Takes the plan credits (subscription and rollover) out of the expiring
   * queue: those that expire by the period's end, which is all of them.
   * Promotional buckets stay (a promotion expiring at the anniversary
   * expires just after the renewal). Returns how many credits they held.
   */
  private takePlanCredits(): number {
    const q = this.expiring
    const kept: RefBucket[] = []
    let unused = 0
    let i = this.expHead
    for (; i < q.length && q[i]!.expiresMs <= this.periodEndMs; i++) {
      const b = q[i]!
      if (b.source === 'promotional') {
        kept.push(b)
      } else {
        unused += b.remaining
        b.remaining = 0
        b.queued = false
      }
    }
    q.splice(this.expHead, i - this.expHead, ...kept)
    return unused
  }

  /** Every plan credit expires now and the subscription ends. */
  private endSubscription(): void {
    this.expired += this.takePlanCredits()
    this.active = false
    this.cancelAtPeriodEnd = false
    this.scheduled = null
    this.periodEndMs = Infinity
  }

  private setPlan(plan: Plan): void {
    this.monthlyCredits = plan.monthlyCredits
    this.priceCents = cents(plan.price.amount, plan.price.currency, plan.price.scale)
    const policy = plan.rollover
    let cap = policy === undefined ? 0 : (policy.maxCredits ?? Infinity)
    if (policy?.maxPercent !== undefined) cap = Math.min(cap, Math.floor((policy.maxPercent * plan.monthlyCredits) / 100))
    this.rolloverCap = cap
  }

  /** The refusals of contract v4 (reference, then amount), as of `at` (before the clock moves). */
  private checkReference(e: CreditEvent, at: number): void {
    if (e.type === 'ConsumptionReversed') {
      const r = this.records.get(e.data.consumptionId)
      if (r === undefined || this.recTimes[this.recIndex(e.data.consumptionId)]! + this.reversalMs <= at) throw new Error(`${e.id}: UNKNOWN_CONSUMPTION`)
      if (e.data.amount > r.amount - r.reversed) throw new Error(`${e.id}: REVERSAL_EXCEEDS_CONSUMPTION`)
    } else if (e.type === 'PromotionalCreditsVoided') {
      const b = this.grants.get(e.data.grantId)
      if (b === undefined || b.source !== 'promotional' || b.remaining === 0 || b.expiresMs <= at) throw new Error(`${e.id}: NOTHING_TO_VOID`)
    } else if (e.type === 'ExtraCreditsRefunded') {
      const b = this.grants.get(e.data.purchaseId)
      if (b === undefined || b.source !== 'extra' || b.remaining === 0) throw new Error(`${e.id}: UNKNOWN_PURCHASE`)
      if (e.data.quantity > b.remaining) throw new Error(`${e.id}: REFUND_EXCEEDS_REMAINING`)
    }
  }

  /** The position of a consumption in the pruning queue (rare: reversals only). */
  private recIndex(id: string): number {
    for (let i = this.recTimes.length - 1; i >= this.recHead; i--) if (this.recIds[i] === id) return i
    return -1
  }

  /** Shortfall first (while owed), then the draws last first, each into its bucket (re-queued if gone). */
  private reverse(id: string, amount: number, at: number): void {
    const r = this.records.get(id)!
    let skip = r.reversed
    let left = amount
    const next = (credits: number) => {
      const skipped = skip < credits ? skip : credits
      skip -= skipped
      const given = Math.min(left, credits - skipped)
      left -= given
      return given
    }
    const owed = Math.min(next(r.shortfall), this.deficit)
    this.deficit -= owed
    this.reversed += owed
    for (let i = r.draws.length - 2; i >= 0 && left > 0; i -= 2) {
      const b = r.draws[i] as RefBucket
      const credits = next(r.draws[i + 1] as number)
      if (credits === 0) continue
      this.reversed += credits
      if (b.expiresMs <= at) {
        this.expired += credits
      } else if (b.queued && b.remaining > 0) {
        b.remaining += credits
      } else {
        b.remaining = credits
        if (!b.queued) {
          b.queued = true
          if (b.expiresMs === Infinity) this.insertExtra(b)
          else this.insert(b)
        }
        if (b.source === 'extra' || b.source === 'promotional') this.grants.set(this.grantIdOf(b), b)
      }
    }
    r.reversed += amount
  }

  /** Buckets carry no id of their grant in this fold: the map is searched (reversals into emptied grants only). */
  private grantIdOf(b: RefBucket): string {
    return this.grantedBy.get(b)!
  }

  /** The event that created each promotional or extra bucket. */
  private grantedBy = new Map<RefBucket, string>()

  /** Into the never-expiring queue at its place by creation (a re-created bucket). */
  private insertExtra(b: RefBucket): void {
    const q = this.extras
    let lo = this.extraHead
    let hi = q.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (q[mid]!.n < b.n) lo = mid + 1
      else hi = mid
    }
    q.splice(lo, 0, b)
  }

  private consume(id: string, at: number, amount: number): void {
    safe(this.consumed + amount)
    this.consumed += amount
    let left = amount
    const draws: (RefBucket | number)[] = []
    while (left > 0 && this.expHead < this.expiring.length) {
      const b = this.expiring[this.expHead]!
      const take = b.remaining < left ? b.remaining : left
      if (take > 0) draws.push(b, take)
      b.remaining -= take
      left -= take
      if (b.remaining === 0) {
        b.queued = false
        this.expHead++
      }
    }
    while (left > 0 && this.extraHead < this.extras.length) {
      const b = this.extras[this.extraHead]!
      const take = b.remaining < left ? b.remaining : left
      if (take > 0) draws.push(b, take)
      b.remaining -= take
      left -= take
      if (b.remaining === 0) {
        b.queued = false
        this.extraHead++
      }
    }
    this.records.set(id, { amount, shortfall: left, reversed: 0, draws })
    this.recIds.push(id)
    this.recTimes.push(at)
    if (this.extraHead > 64 && this.extraHead * 2 > this.extras.length) {
      this.extras.splice(0, this.extraHead)
      this.extraHead = 0
    }
    this.deficit += left
  }

  private grant(source: RefBucket['source'], credits: number, expiresMs: number, unitCents = 0): void {
    safe(this.granted + credits)
    this.granted += credits
    const repaid = this.deficit < credits ? this.deficit : credits
    this.deficit -= repaid
    if (credits > repaid) {
      const b: RefBucket = { n: this.nextBucket++, source, granted: credits, remaining: credits - repaid, expiresMs, unitCents, queued: true }
      if (expiresMs === Infinity) this.extras.push(b)
      else this.insert(b)
      if ((source === 'extra' || source === 'promotional') && this.eventId !== null) {
        this.grants.set(this.eventId, b)
        this.grantedBy.set(b, this.eventId)
      }
    }
  }

  /** Into the expiring queue, after every bucket that expires sooner, or as soon and was created before. */
  private insert(b: RefBucket): void {
    const q = this.expiring
    let lo = this.expHead
    let hi = q.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const o = q[mid]!
      if (o.expiresMs < b.expiresMs || (o.expiresMs === b.expiresMs && o.n < b.n)) lo = mid + 1
      else hi = mid
    }
    if (lo === q.length) q.push(b)
    else q.splice(lo, 0, b)
  }

  private charge(amountCents: number, currency: string): void {
    if (this.currency !== null && this.currency !== currency) throw new Error('CURRENCY_MISMATCH')
    this.currency = currency
    safe(amountCents)
    safe(this.chargedCents + amountCents)
    this.chargedCents += amountCents
  }

  summary(): RefSummary {
    let available = 0
    let live = 0
    for (let i = this.expHead; i < this.expiring.length; i++) {
      const r = this.expiring[i]!.remaining
      if (r > 0) live++
      available += r
    }
    for (let i = this.extraHead; i < this.extras.length; i++) {
      const r = this.extras[i]!.remaining
      if (r > 0) live++
      available += r
    }
    return {
      accountId: this.accountId,
      clockMs: this.clockMs,
      available,
      deficit: this.deficit,
      granted: this.granted,
      consumed: this.consumed,
      expired: this.expired,
      chargedCents: this.chargedCents,
      liveBuckets: live,
      nextBucket: this.nextBucket,
      windowSize: this.winTimes.length - this.winHead,
      reversed: this.reversed,
      voided: this.voided,
      refunded: this.refunded,
      refundedCents: this.refundedCents,
      consumptions: this.recTimes.length - this.recHead,
    }
  }

  /** A deep copy (so a bench can time the same starting state several times). */
  clone(): ReferenceFold {
    const c = new ReferenceFold(this.windowed ? this.windowMs : null, this.reversalMs)
    Object.assign(c, this)
    // Buckets are shared by the queues, the grants and the draws: each is copied once.
    const copies = new Map<RefBucket, RefBucket>()
    const copy = (b: RefBucket) => {
      let d = copies.get(b)
      if (d === undefined) copies.set(b, (d = { ...b }))
      return d
    }
    c.expiring = this.expiring.slice(this.expHead).map(copy)
    c.expHead = 0
    c.extras = this.extras.slice(this.extraHead).map(copy)
    c.extraHead = 0
    c.grants = new Map([...this.grants].map(([id, b]) => [id, copy(b)]))
    c.grantedBy = new Map([...this.grantedBy].map(([b, id]) => [copy(b), id]))
    c.records = new Map(
      [...this.records].map(([id, r]) => [id, { ...r, draws: r.draws.map((d) => (typeof d === 'number' ? d : copy(d))) }]),
    )
    c.recIds = this.recIds.slice(this.recHead)
    c.recTimes = this.recTimes.slice(this.recHead)
    c.recHead = 0
    c.seen = new Map(this.seen)
    c.winIds = this.winIds.slice(this.winHead)
    c.winTimes = this.winTimes.slice(this.winHead)
    c.winHead = 0
    return c
  }
}

/**
 * Epoch ms of an ISO instant: a hand-written fast path for the canonical
 * `toISOString()` form (what exports hold), `Date.parse` for the rest.
 * (V8's `Date.parse` costs several hundred ns; a speed limit should not.)
 */
export function instant(text: string): number {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 || text.charCodeAt(19) !== 46) return Date.parse(text)
  const d = (i: number) => text.charCodeAt(i) - 48
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
  const month = d(5) * 10 + d(6)
  const day = d(8) * 10 + d(9)
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const days = era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468
  const ms = (d(11) * 10 + d(12)) * 3_600_000 + (d(14) * 10 + d(15)) * 60_000 + (d(17) * 10 + d(18)) * 1000 + d(20) * 100 + d(21) * 10 + d(22)
  return days * 86_400_000 + ms
}

function anniversary(anchorMs: number, k: number): number {
  return addMonths(anchorMs, k, { in: utc }).getTime()
}

function cents(amount: number, currency: string, scale: number | undefined): number {
  if (scale !== undefined && scale !== 2) throw new Error(`reference fold: only scale 2 is supported (${currency} scale ${scale})`)
  return amount
}

function safe(n: number): void {
  if (!Number.isSafeInteger(n)) throw new Error('AMOUNT_OVERFLOW')
}

/** Folds one account's events. */
export function referenceReplay(events: Iterable<CreditEvent>, from?: ReferenceFold): ReferenceFold {
  const fold = from ?? new ReferenceFold()
  for (const e of events) fold.apply(e)
  return fold
}

/** Folds an interleaved history of many accounts. */
export function referenceReplayAll(events: Iterable<CreditEvent>): Map<string, ReferenceFold> {
  const folds = new Map<string, ReferenceFold>()
  for (const e of events) {
    let f = folds.get(e.accountId)
    if (f === undefined) {
      f = new ReferenceFold()
      folds.set(e.accountId, f)
    }
    f.apply(e)
  }
  return folds
}

/** Epoch ms of every event's `at`, parsed once (the floor's input). */
export function epochTimes(events: readonly CreditEvent[]): Float64Array {
  const times = new Float64Array(events.length)
  for (let i = 0; i < events.length; i++) times[i] = Date.parse(events[i]!.at)
  return times
}

/**
 * The floor: one account's events folded with their times pre-parsed
 * (`times[i]` is `events[i].at` in epoch ms) and no idempotency window.
 */
export function floorReplay(events: readonly CreditEvent[], times: Float64Array): ReferenceFold {
  const fold = new ReferenceFold(null)
  for (let i = 0; i < events.length; i++) fold.applyAt(events[i]!, times[i]!)
  return fold
}
