import {
  AccountMismatchError,
  CurrencyMismatchError,
  DuplicateEventError,
  NoPendingCancellationError,
  NoPendingPlanChangeError,
  NoSubscriptionError,
  OutOfOrderError,
  SubscriptionActiveError,
  show,
  NothingToVoidError,
  RefundExceedsRemainingError,
  ReversalExceedsConsumptionError,
  UnknownConsumptionError,
  UnknownPurchaseError,
} from '../errors.js'
import { refuse } from '../events/guardFields.js'
import type { CreditEvent } from '../events/index.js'
import type { Money } from '../money/money.js'
import type { Bucket, BucketSource, ConsumptionRecord, Subscription } from '../state/types.js'
import { formatInstant, parseInstant } from '../time/instant.js'

/**
 * What the checks of an event read of an account: the same for the fold
 * (which checks every event it applies) and for `decide` (which checks the
 * event a command would record).
 */
export interface CheckedAccount {
  readonly accountId: string | null
  /** The clock, canonical, or `null` before the first event. */
  readonly clock: string | null
  /** The clock in epoch ms (−Infinity before the first event). */
  readonly clockMs: number
  /** The subscription active at the event's `at`. */
  readonly subscription: Subscription | null
  /** The account's currency (of its first charge), or `null`. */
  readonly currency: string | null
}

/** The ids an account remembers (the fold's idempotency window). */
export interface RememberedIds {
  /** How long an applied id is remembered, in ms. */
  readonly windowMs: number
  /** When `id` was applied (epoch ms), if it is still remembered. */
  seenAt(id: string): number | undefined
}

/**
 * The checks that come before any change (SPEC §4), in their order of
 * precedence: account, duplicate, order, subscription, currency. Each
 * throws the error of its code, naming the event (or the command, `what`),
 * the field and the value.
 */
export const check = {
  /** The event must be of the state's account (a fresh state takes the first account it sees). */
  account(account: CheckedAccount, event: Pick<CreditEvent, 'id' | 'accountId'>, what: Subject): void {
    if (account.accountId !== null && event.accountId !== account.accountId) {
      throw new AccountMismatchError(
        `${what} ${show(event.id)}: accountId ${show(event.accountId)} is not this state's account ${show(account.accountId)}`,
        { eventId: event.id, field: 'accountId', value: event.accountId },
      )
    }
  },

  /**
   * An id is refused while it is in the idempotency window, which is judged
   * at the later of the clock and the event's `at`.
   */
  duplicate(account: CheckedAccount & RememberedIds, id: string, atMs: number): void {
    const seenAtMs = account.seenAt(id)
    if (seenAtMs !== undefined && seenAtMs + account.windowMs > Math.max(account.clockMs, atMs)) {
      throw new DuplicateEventError(
        `event ${show(id)}: id was already applied at ${formatInstant(seenAtMs)}, within the idempotency window`,
        { eventId: id, field: 'id', value: id },
      )
    }
  },

  /** An event earlier than the account's clock is refused (equal is fine). */
  order(account: CheckedAccount, event: Pick<CreditEvent, 'id' | 'at'>, atMs: number, what: Subject): void {
    if (atMs < account.clockMs) {
      throw new OutOfOrderError(`${what} ${show(event.id)}: at ${show(event.at)} is before the account's clock ${account.clock}`, {
        eventId: event.id,
        field: 'at',
        value: event.at,
      })
    }
  },

  /**
   * A start needs no active subscription; an upgrade, a cancellation and a
   * plan change need one; a revocation needs a pending period-end
   * cancellation, an unscheduling a scheduled plan change (SPEC §9.2).
   *
   * @param atMs - the event's `at` in epoch ms, when the account's clock is
   *   still before it (the fold checks before time passes): the answer is
   *   then given as of `at` — a subscription whose period-end cancellation
   *   falls at or before `at` has ended by then, and a change scheduled for
   *   an anniversary at or before `at` has taken effect. Omitted, the
   *   account is taken as of `at` already (`decide` advances it first).
   */
  subscription(account: CheckedAccount, event: CreditEvent, what: Subject, atMs?: number): void {
    if (event.type === 'CreditsConsumed' || event.type === 'ExtraCreditsPurchased') return
    const active = subscriptionAt(account.subscription, atMs)
    if (event.type === 'SubscriptionStarted' && active !== null) {
      throw new SubscriptionActiveError(
        `${what} ${show(event.id)}: type SubscriptionStarted while a subscription to plan ${show(active.plan.id)} is active`,
        { eventId: event.id, field: 'type', value: event.type },
      )
    }
    if (event.type === 'PlanUpgraded' && active === null) {
      throw new NoSubscriptionError(`${what} ${show(event.id)}: PlanUpgraded needs an active subscription`, {
        eventId: event.id,
        field: 'type',
        value: event.type,
      })
    }
    if ((event.type === 'SubscriptionCancelled' || event.type === 'PlanChangeScheduled') && active === null) {
      throw new NoSubscriptionError(`${what} ${show(event.id)}: ${event.type} needs an active subscription`, {
        eventId: event.id,
        field: 'type',
        value: event.type,
      })
    }
    if (event.type === 'CancellationRevoked' && (active === null || !active.cancelAtPeriodEnd)) {
      throw new NoPendingCancellationError(
        active === null
          ? `${what} ${show(event.id)}: CancellationRevoked needs a pending period-end cancellation, and no subscription is active at ${show(event.at)}`
          : `${what} ${show(event.id)}: CancellationRevoked needs a pending period-end cancellation of plan ${show(active.plan.id)}, and none is pending`,
        { eventId: event.id, field: 'type', value: event.type },
      )
    }
    if (event.type === 'PlanChangeUnscheduled' && (active === null || active.scheduledPlan === null || anniversaryBefore(active, atMs))) {
      throw new NoPendingPlanChangeError(
        active === null
          ? `${what} ${show(event.id)}: PlanChangeUnscheduled needs a scheduled plan change, and no subscription is active at ${show(event.at)}`
          : `${what} ${show(event.id)}: PlanChangeUnscheduled needs a scheduled plan change of plan ${show(active.plan.id)}, and none is pending`,
        { eventId: event.id, field: 'type', value: event.type },
      )
    }
  },

  /** Money must be in the account's currency: the one it was first charged in. */
  currency(account: CheckedAccount, event: CreditEvent, what: Subject): void {
    const price = priceOf(event)
    if (price === null || account.currency === null || price.money.currency === account.currency) return
    throw new CurrencyMismatchError(
      `${what} ${show(event.id)}: ${price.field} ${show(price.money.currency)} is not the account's currency ${show(account.currency)}`,
      { eventId: event.id, field: price.field, value: price.money.currency },
    )
  },
}

/** Whose id a message names: the event's, or the command's that would record it. */
export type Subject = 'event' | 'command'

/**
 * The subscription active at `atMs` (SPEC §2, §9.2: the clock moves first,
 * then the event): one whose period-end cancellation falls at or before
 * `atMs` has ended by then. Without `atMs`, the subscription as it is.
 */
function subscriptionAt(subscription: Subscription | null, atMs: number | undefined): Subscription | null {
  if (subscription === null || !subscription.cancelAtPeriodEnd) return subscription
  return anniversaryBefore(subscription, atMs) ? null : subscription
}

/** Whether the subscription's anniversary falls at or before `atMs` (so it renews, or ends, before the event). */
function anniversaryBefore(subscription: Subscription, atMs: number | undefined): boolean {
  return atMs !== undefined && parseInstant(subscription.periodEnd) <= atMs
}

/**
 * What the checks of the correction events (SPEC §9.2) read of an account:
 * the consumptions of the reversal window and the live buckets, as of the
 * event's `at` (checks come before the clock moves).
 */
export interface ReferencedAccount {
  /** The consumption `id`, if it is still within the reversal window at `atMs`. */
  consumptionAt(id: string, atMs: number): ConsumptionRecord | undefined
  /** The bucket of `source` that event `eventId` created, if it is still live at `atMs`. */
  bucketAt(eventId: string, source: BucketSource, atMs: number): Bucket | undefined
}

/**
 * The checks of the correction events (SPEC §9.2): the cheap guards of the
 * fields the fold reads (shape, first in precedence), the references
 * (after subscription, before currency), the amounts (after currency).
 */
export const checkCorrection = {
  /**
   * A promotional grant must expire after its `at` (`INVALID_EVENT`, first in
   * precedence with the guards of its fields, which `guardEvent` has run).
   */
  expiry(event: CreditEvent, atMs: number): void {
    if (event.type !== 'PromotionalCreditsGranted') return
    const { expiresAt } = event.data
    if (expiresAt === null || parseInstant(expiresAt) > atMs) return
    refuse(event.id, 'data.expiresAt', 'must be after at', expiresAt)
  },

  /** The consumption, purchase or grant an event refers to must exist (as of its `at`). */
  reference(account: ReferencedAccount, event: CreditEvent, atMs: number, what: Subject): void {
    switch (event.type) {
      case 'ConsumptionReversed': {
        const { consumptionId } = event.data
        if (account.consumptionAt(consumptionId, atMs) !== undefined) return
        throw new UnknownConsumptionError(
          `${what} ${show(event.id)}: data.consumptionId ${show(short(consumptionId))} is no consumption within the reversal window`,
          { eventId: event.id, field: 'data.consumptionId', value: consumptionId },
        )
      }
      case 'ExtraCreditsRefunded': {
        const { purchaseId } = event.data
        if (account.bucketAt(purchaseId, 'extra', atMs) !== undefined) return
        throw new UnknownPurchaseError(
          `${what} ${show(event.id)}: data.purchaseId ${show(short(purchaseId))} has no extra credits left (no such purchase, or used up)`,
          { eventId: event.id, field: 'data.purchaseId', value: purchaseId },
        )
      }
      case 'PromotionalCreditsVoided': {
        const { grantId } = event.data
        if (account.bucketAt(grantId, 'promotional', atMs) !== undefined) return
        throw new NothingToVoidError(
          `${what} ${show(event.id)}: data.grantId ${show(short(grantId))} has no promotional credits left (used up, expired, or never promotional)`,
          { eventId: event.id, field: 'data.grantId', value: grantId },
        )
      }
      default:
        return
    }
  },

  /** A reversal or a refund may not exceed what is left of what it refers to (the reference is checked). */
  amount(account: ReferencedAccount, event: CreditEvent, atMs: number, what: Subject): void {
    if (event.type === 'ConsumptionReversed') {
      const { amount, consumptionId } = event.data
      const record = account.consumptionAt(consumptionId, atMs)!
      const left = record.amount - record.reversed
      if (amount <= left) return
      throw new ReversalExceedsConsumptionError(
        `${what} ${show(event.id)}: data.amount ${amount} exceeds the ${left} credits of consumption ${show(short(consumptionId))} not yet reversed (of ${record.amount})`,
        { eventId: event.id, field: 'data.amount', value: amount },
      )
    }
    if (event.type === 'ExtraCreditsRefunded') {
      const { quantity, purchaseId } = event.data
      const bucket = account.bucketAt(purchaseId, 'extra', atMs)!
      if (quantity <= bucket.remaining) return
      throw new RefundExceedsRemainingError(
        `${what} ${show(event.id)}: data.quantity ${quantity} exceeds the ${bucket.remaining} unused credits of purchase ${show(short(purchaseId))}`,
        { eventId: event.id, field: 'data.quantity', value: quantity },
      )
    }
  },
}

/** At most the first 64 characters of an id, for a message. */
function short(id: string): string {
  return id.length > 64 ? `${id.slice(0, 64)}…` : id
}

/** The money an event charges, and its field; `null` for an event that charges nothing. */
function priceOf(event: CreditEvent): { money: Money; field: string } | null {
  switch (event.type) {
    case 'SubscriptionStarted':
    case 'PlanUpgraded':
      return { money: event.data.plan.price, field: 'data.plan.price.currency' }
    case 'ExtraCreditsPurchased':
      return { money: event.data.unitPrice, field: 'data.unitPrice.currency' }
    case 'CreditsConsumed':
      return null
    case 'PlanChangeScheduled':
      return { money: event.data.plan.price, field: 'data.plan.price.currency' }
    case 'SubscriptionCancelled':
    case 'CancellationRevoked':
    case 'PlanChangeUnscheduled':
    case 'PromotionalCreditsGranted':
    case 'PromotionalCreditsVoided':
    case 'ConsumptionReversed':
    case 'ExtraCreditsRefunded':
      // A refund pays back at the bucket's own unit price, in the account's currency.
      return null
    default: {
      const never: never = event
      return never
    }
  }
}
