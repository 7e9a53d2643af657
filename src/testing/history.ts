import { addMonths } from 'date-fns'
import { utc } from '@date-fns/utc'
import { InvalidArgumentError, show } from '../errors.js'
import type { CancellationMode, CreditEvent, Plan } from '../events/index.js'
import { parseEvent } from '../events/parseEvent.js'
import type { Ledger } from '../ledger/createLedger.js'
import type { AccountState } from '../state/types.js'
import { formatInstant, parseInstant } from '../time/instant.js'
import { toLedger, type LedgerLike } from './ledger.js'
import { referencedAccountOf } from '../fold/stateAccount.js'

/** Where a history starts when its first call gives no `at`. */
export const DEFAULT_HISTORY_START = '2025-01-01T00:00:00.000Z'

/** Options of `history(accountId, options)`. */
export interface HistoryOptions {
  /** The ledger (or its options) that prices `buyExtra` and folds the history (default: the default ledger). */
  readonly ledger?: LedgerLike
}

/**
 * An instant: absolute (ISO-8601 with an offset, kept as written) or relative
 * to the previous event: `+<n><unit>` with unit `ms s min h d w mo`
 * (`mo` = calendar months in UTC, clamped to the month's last day).
 */
export type At = string

interface Node {
  readonly parent: Node | null
  readonly event: CreditEvent
  readonly n: number
  readonly ms: number
  readonly state: AccountState
}

const RELATIVE = /^\+(\d+)(ms|s|min|h|d|w|mo)$/
const UNIT_MS = { ms: 1, s: 1_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const

/** Resolves `at` against the previous instant: the event's `at` string and its epoch ms. */
function resolveAt(at: At | undefined, previousMs: number | null): { at: string; ms: number } {
  const base = previousMs ?? Date.parse(DEFAULT_HISTORY_START)
  if (at === undefined) {
    const ms = previousMs === null ? base : base + 60_000
    return { at: formatInstant(ms), ms }
  }
  if (typeof at !== 'string') {
    throw new InvalidArgumentError(`history: at must be a string (got ${show(at)})`, { field: 'at', value: at })
  }
  const relative = RELATIVE.exec(at)
  if (relative !== null) {
    const n = Number(relative[1])
    const unit = relative[2] as keyof typeof UNIT_MS | 'mo'
    const ms = unit === 'mo' ? addMonths(base, n, { in: utc }).getTime() : base + n * UNIT_MS[unit]
    if (!Number.isSafeInteger(ms) || Number.isNaN(parseInstant(formatInstant(ms)))) {
      throw new InvalidArgumentError(`history: at ${show(at)} leaves the years 0001–9998`, { field: 'at', value: at })
    }
    return { at: formatInstant(ms), ms }
  }
  const ms = parseInstant(at)
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError(
      `history: at must be an ISO-8601 timestamp with an offset, or relative like '+5d' (units ms s min h d w mo) (got ${show(at)})`,
      { field: 'at', value: at },
    )
  }
  return { at, ms }
}

/**
 * A builder of valid histories of one account: generated ids
 * (`${accountId}-1`, `-2`, …) and increasing timestamps. Each call returns a
 * new builder (the old one is unchanged, so a history can branch); each
 * event is validated and folded as it is added, and the call that would make
 * the history invalid throws the library's error (`NO_SUBSCRIPTION`,
 * `OUT_OF_ORDER`, …). The events are facts: a consumption beyond the
 * available credits is recorded as a deficit, as `evolve` would.
 */
export class HistoryBuilder {
  readonly #accountId: string
  readonly #ledger: Ledger
  readonly #last: Node | null

  /** @internal use `history(accountId)` */
  constructor(accountId: string, ledger: Ledger, last: Node | null) {
    this.#accountId = accountId
    this.#ledger = ledger
    this.#last = last
  }

  /** A subscription to `plan` starts (`SubscriptionStarted`). */
  start(plan: Plan, at?: At): HistoryBuilder {
    return this.#add(at, (base) => ({ type: 'SubscriptionStarted', ...base, data: { plan } }))
  }

  /** `amount` credits are consumed (`CreditsConsumed`), with an optional reason. */
  consume(amount: number, at?: At, reason?: string): HistoryBuilder {
    return this.#add(at, (base) => ({
      type: 'CreditsConsumed',
      ...base,
      data: reason === undefined ? { amount } : { amount, reason },
    }))
  }

  /** `quantity` extra credits are bought at the ledger's price (`ExtraCreditsPurchased`). */
  buyExtra(quantity: number, at?: At): HistoryBuilder {
    const unitPrice = { ...this.#ledger.options.extraCreditPrice }
    return this.#add(at, (base) => ({ type: 'ExtraCreditsPurchased', ...base, data: { quantity, unitPrice } }))
  }

  /** The plan changes to `plan` (`PlanUpgraded`); like `evolve`, it does not check that it is bigger. */
  upgrade(plan: Plan, at?: At): HistoryBuilder {
    return this.#add(at, (base) => ({ type: 'PlanUpgraded', ...base, data: { plan } }))
  }

  /**
   * The subscription is cancelled (`SubscriptionCancelled`): at the end of
   * the current period (`'periodEnd'`, the default) or at once (`'immediate'`).
   */
  cancel(mode: CancellationMode = 'periodEnd', at?: At): HistoryBuilder {
    return this.#add(at, (base) => ({ type: 'SubscriptionCancelled', ...base, data: { mode } }))
  }

  /** The pending period-end cancellation is taken back (`CancellationRevoked`). */
  revokeCancellation(at?: At): HistoryBuilder {
    return this.#add(at, (base) => ({ type: 'CancellationRevoked', ...base, data: {} }))
  }

  /**
   * A change to `plan` is scheduled for the next anniversary (`PlanChangeScheduled`);
   * like `evolve`, it does not check that the plan is smaller.
   */
  downgrade(plan: Plan, at?: At): HistoryBuilder {
    return this.#add(at, (base) => ({ type: 'PlanChangeScheduled', ...base, data: { plan } }))
  }

  /** The scheduled plan change is dropped (`PlanChangeUnscheduled`). */
  cancelPlanChange(at?: At): HistoryBuilder {
    return this.#add(at, (base) => ({ type: 'PlanChangeUnscheduled', ...base, data: {} }))
  }

  /**
   * `amount` promotional credits are given (`PromotionalCreditsGranted`),
   * expiring at `expiresAt` (an instant as for `at`, `'+30d'` relative to this
   * event; `null` for never), for `reason` (default `'promotion'`).
   */
  promo(amount: number, expiresAt: At | null, reason = 'promotion', at?: At): HistoryBuilder {
    return this.#add(at, (base, ms) => ({
      type: 'PromotionalCreditsGranted',
      ...base,
      data: { amount, expiresAt: expiresAt === null ? null : resolveAt(expiresAt, ms).at, reason },
    }))
  }

  /** The remaining credits of the promotional grant `grantId` are voided (`PromotionalCreditsVoided`). */
  voidPromo(grantId: string, at?: At): HistoryBuilder {
    return this.#add(at, (base) => ({ type: 'PromotionalCreditsVoided', ...base, data: { grantId } }))
  }

  /**
   * `amount` credits of the consumption `consumptionId` are given back
   * (`ConsumptionReversed`); by default all that is not yet reversed.
   */
  reverse(consumptionId: string, amount?: number, at?: At): HistoryBuilder {
    return this.#add(at, (base, ms) => {
      const record = referencedAccountOf(this.state, this.#ledger.options.reversalWindowMs).consumptionAt(consumptionId, ms)
      // With nothing to reverse, 1: the fold then throws the refusal (UNKNOWN_CONSUMPTION, REVERSAL_EXCEEDS_CONSUMPTION).
      const resolved = amount ?? (record === undefined ? 1 : Math.max(1, record.amount - record.reversed))
      return { type: 'ConsumptionReversed', ...base, data: { consumptionId, amount: resolved } }
    })
  }

  /**
   * `quantity` unused extra credits of the purchase `purchaseId` are refunded
   * (`ExtraCreditsRefunded`); by default all it has left.
   */
  refund(purchaseId: string, quantity?: number, at?: At): HistoryBuilder {
    return this.#add(at, (base, ms) => {
      const bucket = referencedAccountOf(this.state, this.#ledger.options.reversalWindowMs).bucketAt(purchaseId, 'extra', ms)
      return { type: 'ExtraCreditsRefunded', ...base, data: { purchaseId, quantity: quantity ?? bucket?.remaining ?? 1 } }
    })
  }

  /** The events so far, in order (a new array). */
  get events(): CreditEvent[] {
    const out: CreditEvent[] = []
    for (let node = this.#last; node !== null; node = node.parent) out.push(node.event)
    return out.reverse()
  }

  /** The state the events fold to (`initialState` for an empty history). */
  get state(): AccountState {
    return this.#last?.state ?? this.#ledger.initialState
  }

  /** The id the next event will get: `${accountId}-${n}`. */
  get nextId(): string {
    return `${this.#accountId}-${(this.#last?.n ?? 0) + 1}`
  }

  /** The `at` of the last event, or `null` for an empty history. */
  get lastAt(): string | null {
    return this.#last?.event.at ?? null
  }

  #add(at: At | undefined, make: (base: { id: string; accountId: string; at: string }, ms: number) => unknown): HistoryBuilder {
    const last = this.#last
    const when = resolveAt(at, last === null ? null : last.ms)
    const n = (last?.n ?? 0) + 1
    const event = parseEvent(make({ id: `${this.#accountId}-${n}`, accountId: this.#accountId, at: when.at }, when.ms))
    const state = this.#ledger.evolve(this.state, event)
    return new HistoryBuilder(this.#accountId, this.#ledger, { parent: last, event, n, ms: when.ms, state })
  }
}

/**
 * Starts a history of `accountId`.
 *
 * @param accountId - the account (a non-blank string)
 * @param options - `{ ledger }`: the ledger or ledger options that price `buyExtra` and fold the events
 * @returns an empty builder
 * @example
 * const events = history('acc-1')
 *   .start(basic, '2025-01-10T09:00:00Z')
 *   .consume(30, '+5d')
 *   .buyExtra(50)
 *   .upgrade(pro, '+1mo').events
 */
export function history(accountId: string, options: HistoryOptions = {}): HistoryBuilder {
  if (typeof accountId !== 'string' || accountId.trim().length === 0 || accountId.length > 256) {
    throw new InvalidArgumentError(`history: accountId must be a non-blank string of at most 256 characters (got ${show(accountId)})`, {
      field: 'accountId',
      value: accountId,
    })
  }
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(`history: options must be an object { ledger? } (got ${show(options)})`, {
      field: 'options',
      value: options,
    })
  }
  if (options.ledger === null) {
    throw new InvalidArgumentError('history: ledger must be a ledger or ledger options (got null)', { field: 'ledger', value: null })
  }
  return new HistoryBuilder(accountId, toLedger(options.ledger), null)
}
