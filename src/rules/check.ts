import {
  AccountMismatchError,
  CurrencyMismatchError,
  DuplicateEventError,
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
import { guardConsumptionReversedData } from '../events/consumptionReversed.js'
import { guardExtraCreditsRefundedData } from '../events/extraCreditsRefunded.js'
import { guardPromotionalCreditsGrantedData } from '../events/promotionalCreditsGranted.js'
import { guardPromotionalCreditsVoidedData } from '../events/promotionalCreditsVoided.js'
import { consumptionRecord } from '../fold/reversalWindow.js'
import type { CreditEvent } from '../events/index.js'
import type { Money } from '../money/money.js'
import type { AccountState, Bucket, BucketSource, ConsumptionRecord, Subscription } from '../state/types.js'
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

/**
 * The checks that come before any change (SPEC §4), in their order of
 * precedence: account, duplicate, order, subscription, currency. Each
 * throws the error of its code, naming `subject` (`event "e-1"` or
 * `command "c-1"`), the field and the value.
 */
export const check = {
  /** The event must be of the state's account (a fresh state takes the first account it sees). */
  account(account: CheckedAccount, event: Pick<CreditEvent, 'id' | 'accountId'>, subject: string): void {
    if (account.accountId !== null && event.accountId !== account.accountId) {
      throw new AccountMismatchError(
        `${subject}: accountId ${show(event.accountId)} is not this state's account ${show(account.accountId)}`,
        { eventId: event.id, field: 'accountId', value: event.accountId },
      )
    }
  },

  /**
   * An id applied at `seenAtMs` is refused while it is in the idempotency
   * window, which is judged at the later of the clock and the event's `at`.
   */
  duplicate(account: CheckedAccount, id: string, atMs: number, seenAtMs: number | undefined, windowMs: number): void {
    if (seenAtMs !== undefined && seenAtMs + windowMs > Math.max(account.clockMs, atMs)) {
      throw new DuplicateEventError(
        `event ${show(id)}: id was already applied at ${formatInstant(seenAtMs)}, within the idempotency window`,
        { eventId: id, field: 'id', value: id },
      )
    }
  },

  /** An event earlier than the account's clock is refused (equal is fine). */
  order(account: CheckedAccount, event: Pick<CreditEvent, 'id' | 'at'>, atMs: number, subject: string): void {
    if (atMs < account.clockMs) {
      throw new OutOfOrderError(`${subject}: at ${show(event.at)} is before the account's clock ${account.clock}`, {
        eventId: event.id,
        field: 'at',
        value: event.at,
      })
    }
  },

  /** A start needs no active subscription; an upgrade needs one. */
  subscription(account: CheckedAccount, event: CreditEvent, subject: string): void {
    const active = account.subscription
    if (event.type === 'SubscriptionStarted' && active !== null) {
      throw new SubscriptionActiveError(
        `${subject}: type SubscriptionStarted while a subscription to plan ${show(active.plan.id)} is active`,
        { eventId: event.id, field: 'type', value: event.type },
      )
    }
    if (event.type === 'PlanUpgraded' && active === null) {
      throw new NoSubscriptionError(`${subject}: PlanUpgraded needs an active subscription`, {
        eventId: event.id,
        field: 'type',
        value: event.type,
      })
    }
  },

  /** Money must be in the account's currency: the one it was first charged in. */
  currency(account: CheckedAccount, event: CreditEvent, subject: string): void {
    const price = priceOf(event)
    if (price === null || account.currency === null || price.money.currency === account.currency) return
    throw new CurrencyMismatchError(
      `${subject}: ${price.field} ${show(price.money.currency)} is not the account's currency ${show(account.currency)}`,
      { eventId: event.id, field: price.field, value: price.money.currency },
    )
  },
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
  /** The fields the fold reads, with the events' own guards (`INVALID_EVENT`); other types pass. */
  data(event: CreditEvent, atMs: number): void {
    switch (event.type) {
      case 'PromotionalCreditsGranted':
        return guardPromotionalCreditsGrantedData(event.data, event.id, atMs)
      case 'PromotionalCreditsVoided':
        return guardPromotionalCreditsVoidedData(event.data, event.id)
      case 'ConsumptionReversed':
        return guardConsumptionReversedData(event.data, event.id)
      case 'ExtraCreditsRefunded':
        return guardExtraCreditsRefundedData(event.data, event.id)
      default:
        return
    }
  },

  /** The consumption, purchase or grant an event refers to must exist (as of its `at`). */
  reference(account: ReferencedAccount, event: CreditEvent, atMs: number, subject: string): void {
    switch (event.type) {
      case 'ConsumptionReversed': {
        const { consumptionId } = event.data
        if (account.consumptionAt(consumptionId, atMs) !== undefined) return
        throw new UnknownConsumptionError(
          `${subject}: data.consumptionId ${show(short(consumptionId))} is no consumption within the reversal window`,
          { eventId: event.id, field: 'data.consumptionId', value: consumptionId },
        )
      }
      case 'ExtraCreditsRefunded': {
        const { purchaseId } = event.data
        if (account.bucketAt(purchaseId, 'extra', atMs) !== undefined) return
        throw new UnknownPurchaseError(
          `${subject}: data.purchaseId ${show(short(purchaseId))} has no extra credits left (no such purchase, or used up)`,
          { eventId: event.id, field: 'data.purchaseId', value: purchaseId },
        )
      }
      case 'PromotionalCreditsVoided': {
        const { grantId } = event.data
        if (account.bucketAt(grantId, 'promotional', atMs) !== undefined) return
        throw new NothingToVoidError(
          `${subject}: data.grantId ${show(short(grantId))} has no promotional credits left (used up, expired, or never promotional)`,
          { eventId: event.id, field: 'data.grantId', value: grantId },
        )
      }
      default:
        return
    }
  },

  /** A reversal or a refund may not exceed what is left of what it refers to (the reference is checked). */
  amount(account: ReferencedAccount, event: CreditEvent, atMs: number, subject: string): void {
    if (event.type === 'ConsumptionReversed') {
      const { amount, consumptionId } = event.data
      const record = account.consumptionAt(consumptionId, atMs)!
      const left = record.amount - record.reversed
      if (amount <= left) return
      throw new ReversalExceedsConsumptionError(
        `${subject}: data.amount ${amount} exceeds the ${left} credits of consumption ${show(short(consumptionId))} not yet reversed (of ${record.amount})`,
        { eventId: event.id, field: 'data.amount', value: amount },
      )
    }
    if (event.type === 'ExtraCreditsRefunded') {
      const { quantity, purchaseId } = event.data
      const bucket = account.bucketAt(purchaseId, 'extra', atMs)!
      if (quantity <= bucket.remaining) return
      throw new RefundExceedsRemainingError(
        `${subject}: data.quantity ${quantity} exceeds the ${bucket.remaining} unused credits of purchase ${show(short(purchaseId))}`,
        { eventId: event.id, field: 'data.quantity', value: quantity },
      )
    }
  },
}

/** At most the first 64 characters of an id, for a message. */
function short(id: string): string {
  return id.length > 64 ? `${id.slice(0, 64)}…` : id
}

/** What the correction checks read of a state (for `decide`), with the ledger's reversal window. */
export function referencedAccountOf(state: AccountState, reversalWindowMs: number): ReferencedAccount {
  return {
    consumptionAt(id, atMs) {
      const record = consumptionRecord(state.consumptions, id)
      return record !== undefined && parseInstant(record.at) + reversalWindowMs > atMs ? record : undefined
    },
    bucketAt(eventId, source, atMs) {
      return state.buckets.find(
        (b) => b.grantedBy === eventId && b.source === source && (b.expiresAt === null || parseInstant(b.expiresAt) > atMs),
      )
    },
  }
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

/** What the checks read of a state (for `decide`, which checks a command against a state it does not fold). */
export function checkedAccountOf(state: AccountState): CheckedAccount {
  return {
    accountId: state.accountId,
    clock: state.clock,
    clockMs: state.clock === null ? -Infinity : parseInstant(state.clock),
    subscription: state.subscription,
    currency: state.totals.charged?.currency ?? null,
  }
}
