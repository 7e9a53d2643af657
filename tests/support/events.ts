/**
 * A small factory of wire events (v1) for tests. Every function returns a
 * fresh, unfrozen plain object, so a test can check that the library neither
 * mutates nor freezes its input.
 */
import type {
  CreditEvent,
  CreditsConsumed,
  ExtraCreditsPurchased,
  Money,
  Plan,
  PlanUpgraded,
  SubscriptionStarted,
  PromotionalCreditsGranted,
  PromotionalCreditsVoided,
  ConsumptionReversed,
  ExtraCreditsRefunded,
} from '../../src/index.js'
import { EXTRA_CREDIT_PRICE } from './plans.js'

/** The account the factory uses unless told otherwise. */
export const ACCOUNT = 'acc-1'

/** Optional envelope fields. */
export interface EnvelopeOptions {
  readonly accountId?: string
  readonly meta?: Record<string, unknown>
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function envelope(id: string, at: string, options: EnvelopeOptions) {
  const base = { id, accountId: options.accountId ?? ACCOUNT, at }
  return options.meta === undefined ? base : { ...base, meta: clone(options.meta) }
}

/** `SubscriptionStarted` of `plan` at `at`. */
export function started(id: string, at: string, plan: Plan, options: EnvelopeOptions = {}): SubscriptionStarted {
  return { type: 'SubscriptionStarted', ...envelope(id, at, options), data: { plan: clone(plan) } }
}

/** `CreditsConsumed` of `amount` credits at `at`. */
export function consumed(id: string, at: string, amount: number, options: EnvelopeOptions & { reason?: string } = {}): CreditsConsumed {
  const data = options.reason === undefined ? { amount } : { amount, reason: options.reason }
  return { type: 'CreditsConsumed', ...envelope(id, at, options), data }
}

/** `ExtraCreditsPurchased` of `quantity` credits at `unitPrice` (default USD 1.25). */
export function purchased(
  id: string,
  at: string,
  quantity: number,
  unitPrice: Money = EXTRA_CREDIT_PRICE,
  options: EnvelopeOptions = {},
): ExtraCreditsPurchased {
  return { type: 'ExtraCreditsPurchased', ...envelope(id, at, options), data: { quantity, unitPrice: clone(unitPrice) } }
}

/** `PlanUpgraded` to `plan` at `at`. */
export function upgraded(id: string, at: string, plan: Plan, options: EnvelopeOptions = {}): PlanUpgraded {
  return { type: 'PlanUpgraded', ...envelope(id, at, options), data: { plan: clone(plan) } }
}

/** `SubscriptionCancelled` at `at` (contract v4). */
export function cancelled(id: string, at: string, mode: 'periodEnd' | 'immediate' = 'periodEnd', options: EnvelopeOptions = {}): CreditEvent {
  return { type: 'SubscriptionCancelled', ...envelope(id, at, options), data: { mode } }
}

/** `CancellationRevoked` at `at` (contract v4). */
export function revoked(id: string, at: string, options: EnvelopeOptions = {}): CreditEvent {
  return { type: 'CancellationRevoked', ...envelope(id, at, options), data: {} }
}

/** `PlanChangeScheduled` of `plan` at `at` (contract v4). */
export function scheduled(id: string, at: string, plan: Plan, options: EnvelopeOptions = {}): CreditEvent {
  return { type: 'PlanChangeScheduled', ...envelope(id, at, options), data: { plan: clone(plan) } }
}

/** `PlanChangeUnscheduled` at `at` (contract v4). */
export function unscheduled(id: string, at: string, options: EnvelopeOptions = {}): CreditEvent {
  return { type: 'PlanChangeUnscheduled', ...envelope(id, at, options), data: {} }
}

/** `PromotionalCreditsGranted` of `amount` credits expiring at `expiresAt` (or never). */
export function promoted(
  id: string,
  at: string,
  amount: number,
  expiresAt: string | null,
  reason = 'goodwill',
  options: EnvelopeOptions = {},
): PromotionalCreditsGranted {
  return { type: 'PromotionalCreditsGranted', ...envelope(id, at, options), data: { amount, expiresAt, reason } }
}

/** `PromotionalCreditsVoided` of the grant `grantId`. */
export function voided(id: string, at: string, grantId: string, options: EnvelopeOptions = {}): PromotionalCreditsVoided {
  return { type: 'PromotionalCreditsVoided', ...envelope(id, at, options), data: { grantId } }
}

/** `ConsumptionReversed` of `amount` credits of the consumption `consumptionId`. */
export function reversed(id: string, at: string, consumptionId: string, amount: number, options: EnvelopeOptions = {}): ConsumptionReversed {
  return { type: 'ConsumptionReversed', ...envelope(id, at, options), data: { consumptionId, amount } }
}

/** `ExtraCreditsRefunded` of `quantity` credits of the purchase `purchaseId`. */
export function refunded(id: string, at: string, purchaseId: string, quantity: number, options: EnvelopeOptions = {}): ExtraCreditsRefunded {
  return { type: 'ExtraCreditsRefunded', ...envelope(id, at, options), data: { purchaseId, quantity } }
}

/** A deep copy of an event as plain JSON (what a store would hand back). */
export function wire(event: CreditEvent): Record<string, unknown> {
  return clone(event) as unknown as Record<string, unknown>
}
