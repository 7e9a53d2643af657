/**
 * Cheap guards of every field the fold reads of an event (SPEC §5, amended in
 * contract v4): no zod, no allocation on the happy path, a few tens of
 * nanoseconds per event. They run on every event of `replay` and `evolve`,
 * which take events typed as the library's but may be handed JSON cast to
 * them: a field of the wrong type, sign or range is refused here with
 * `INVALID_EVENT` naming the field, before it can reach a total, a bucket or
 * dinero.js. The full validation (strict keys, `meta`) stays at the edges
 * (`parseEvent`).
 *
 * One data guard per event type, each next to nothing but the shared field
 * guards, so that it can move next to its schema; a new event type adds its
 * data guard to {@link DATA_GUARDS} (the compiler insists: the table is keyed
 * by every `CreditEventType`).
 */
import { guardCancellationRevokedData } from './cancellationRevoked.js'
import { guardConsumptionReversedData } from './consumptionReversed.js'
import { guardCreditsConsumedData } from './creditsConsumed.js'
import { guardExtraCreditsPurchasedData } from './extraCreditsPurchased.js'
import { guardExtraCreditsRefundedData } from './extraCreditsRefunded.js'
import { isIdentifier, refuse } from './guardFields.js'
import type { CreditEvent, CreditEventType } from './index.js'
import { parseEvent } from './parseEvent.js'
import { guardPlanChangeScheduledData } from './planChangeScheduled.js'
import { guardPlanChangeUnscheduledData } from './planChangeUnscheduled.js'
import { guardPlanUpgradedData } from './planUpgraded.js'
import { guardPromotionalCreditsGrantedData } from './promotionalCreditsGranted.js'
import { guardPromotionalCreditsVoidedData } from './promotionalCreditsVoided.js'
import { guardSubscriptionCancelledData } from './subscriptionCancelled.js'
import { guardSubscriptionStartedData } from './subscriptionStarted.js'

/**
 * Checks the `data` of one event type; throws `INVALID_EVENT` naming
 * `data.<field>` and the value.
 * @param data - the event's `data`, known to be a non-null object
 * @param eventId - the event's id, for the message
 */
export type DataGuard = (data: object, eventId: string) => void

/** The data guard of every event type (keyed by every `CreditEventType`: a new type cannot be forgotten). */
export const DATA_GUARDS: { readonly [T in CreditEventType]: DataGuard } = {
  SubscriptionStarted: guardSubscriptionStartedData,
  CreditsConsumed: guardCreditsConsumedData,
  ExtraCreditsPurchased: guardExtraCreditsPurchasedData,
  PlanUpgraded: guardPlanUpgradedData,
  SubscriptionCancelled: guardSubscriptionCancelledData,
  CancellationRevoked: guardCancellationRevokedData,
  PlanChangeScheduled: guardPlanChangeScheduledData,
  PlanChangeUnscheduled: guardPlanChangeUnscheduledData,
  PromotionalCreditsGranted: guardPromotionalCreditsGrantedData,
  PromotionalCreditsVoided: guardPromotionalCreditsVoidedData,
  ConsumptionReversed: guardConsumptionReversedData,
  ExtraCreditsRefunded: guardExtraCreditsRefundedData,
}

/** The same table as a Map: a lookup of an unknown or hostile `type` (`"__proto__"`, `"toString"`) finds nothing. */
const GUARD_OF = new Map<string, DataGuard>(Object.entries(DATA_GUARDS))
const KNOWN_TYPES = [...GUARD_OF.keys()].join(', ')

// ── the event ─────────────────────────────────────────────────────────

/**
 * Checks every field the fold reads of an event: the envelope (an object, a
 * known `type`, `id` and `accountId` non-blank strings of at most 256
 * characters, `at` a string — the fold reads it strictly —, `data` an
 * object) and the `data` of its type (integers, signs, safe ranges, money,
 * plans). It does not check unknown keys nor `meta` (see `parseEvent`), and
 * never changes, copies or freezes the event.
 *
 * @param input - anything, typically an event typed as the library's but of unknown origin
 * @throws InvalidEventError (`INVALID_EVENT`) with `eventId` (when `id` is a string), `field` (a dotted path
 *   such as `data.plan.price.amount`) and `value`; the message quotes at most 64 characters of the value
 * @example
 * guardEvent(event) // throws on { type: 'CreditsConsumed', …, data: { amount: -5 } }
 * state = fold(state, event) // event is a CreditEvent from here on
 */
export function guardEvent(input: unknown): asserts input is CreditEvent {
  if (typeof input !== 'object' || input === null) refuse(null, '(root)', 'must be an event object', input)
  const { type, id, accountId, at, data } = input as {
    type?: unknown
    id?: unknown
    accountId?: unknown
    at?: unknown
    data?: unknown
  }
  const eventId = typeof id === 'string' ? id : null
  const guard = typeof type === 'string' ? GUARD_OF.get(type) : undefined
  if (guard === undefined) refuse(eventId, 'type', `must be one of ${KNOWN_TYPES}`, type)
  if (!isIdentifier(id)) refuse(eventId, 'id', 'must be a non-blank string of at most 256 characters', id)
  if (!isIdentifier(accountId)) refuse(id, 'accountId', 'must be a non-blank string of at most 256 characters', accountId)
  if (typeof at !== 'string') refuse(id, 'at', 'must be an ISO-8601 timestamp with an offset (a string)', at)
  if (typeof data !== 'object' || data === null || Array.isArray(data)) refuse(id, 'data', 'must be an object', data)
  guard(data, id)
}

/**
 * How the edges read an event: validated in full by `parseEvent`, or, when
 * the caller vouches for it (`trusted: true`), only through the cheap guards
 * (which the fold runs anyway), so a trusted input still cannot corrupt a
 * state or escape as a `TypeError`.
 */
export function eventReader(trusted: boolean | undefined): (input: unknown) => CreditEvent {
  return trusted === true ? readTrusted : parseEvent
}

function readTrusted(input: unknown): CreditEvent {
  guardEvent(input)
  return input
}
