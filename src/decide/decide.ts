import {
  AccountMismatchError,
  CurrencyMismatchError,
  IdempotencyConflictError,
  InsufficientCreditsError,
  InvalidCommandError,
  NoSubscriptionError,
  NotAnUpgradeError,
  OutOfOrderError,
  SubscriptionActiveError,
  show,
} from '../errors.js'
import type { CreditEvent } from '../events/index.js'
import { advanceToWith } from '../evolve/advanceTo.js'
import { evolveWith } from '../evolve/evolve.js'
import { commandKey, windowEntry } from '../evolve/fold.js'
import { DEFAULT_LEDGER_OPTIONS, type ResolvedLedgerOptions } from '../ledger/options.js'
import type { Money } from '../money/money.js'
import type { AccountState } from '../state/types.js'
import { parseInstant } from '../time/instant.js'
import type { CreditCommand } from './commands/index.js'
import { parseCommand } from './parseCommand.js'
import { quantityProblem } from './quantity.js'

/**
 * Decides a command against an account's state, as of the command's `at`:
 * it advances a copy of the state to `command.at` (expiries and renewals
 * included), checks the rules, and returns the events that record the
 * decision. Pure: the time and the id come in the command, `state` is never
 * touched. The events are accepted by `evolve(state, …)`.
 *
 * Checks, the first that fails wins: shape (`INVALID_COMMAND`), account
 * (`ACCOUNT_MISMATCH`), idempotency window (a retry of the same command
 * yields `[]`; another command with that id is `IDEMPOTENCY_CONFLICT`),
 * order (`OUT_OF_ORDER`), subscription (`SUBSCRIPTION_ACTIVE`,
 * `NO_SUBSCRIPTION`), currency (`CURRENCY_MISMATCH`), the command's rule
 * (`NOT_AN_UPGRADE`, `INSUFFICIENT_CREDITS`, purchase bounds
 * `INVALID_COMMAND`), overflow (`AMOUNT_OVERFLOW`).
 *
 * @param command - a command of contract v2 (validated again: commands come from the edge)
 * @param state - the account's state, made by the library
 * @returns the events to append: one per v1 command, or none for a retried command
 * @throws CreditLedgerError when the command is refused; nothing is returned
 * @example
 * const events = decide(
 *   { type: 'ConsumeCredits', id: 'req-42', accountId: 'acc-1', at: '2025-01-02T10:00:00Z', data: { amount: 30 } },
 *   state,
 * )
 * store.append('acc-1', events)
 */
export function decide(command: CreditCommand, state: AccountState): CreditEvent[] {
  return decideWith(DEFAULT_LEDGER_OPTIONS, command, state)
}

/** `decide` bound to a ledger's options. */
export function decideWith(options: ResolvedLedgerOptions, input: CreditCommand, state: AccountState): CreditEvent[] {
  const command = parseCommand(input)
  const id = command.id
  const subject = `command ${JSON.stringify(id)}`

  if (state.accountId !== null && command.accountId !== state.accountId) {
    throw new AccountMismatchError(
      `${subject}: accountId ${show(command.accountId)} is not this state's account ${show(state.accountId)}`,
      { eventId: id, field: 'accountId', value: command.accountId },
    )
  }

  const event = eventOf(options, command)
  const atMs = parseInstant(command.at)
  const clockMs = state.clock === null ? -Infinity : parseInstant(state.clock)

  // The window before the order: a retry may come after later commands.
  const seen = windowEntry(state.window, id)
  if (seen !== undefined && parseInstant(seen.at) + options.idempotencyWindowMs > Math.max(clockMs, atMs)) {
    if (seen.command === commandKey(event)) return []
    throw new IdempotencyConflictError(
      `${subject}: id was already used at ${seen.at} by another command (${seen.command}); this one is ${commandKey(event)}`,
      { eventId: id, field: 'id', value: id },
    )
  }

  if (atMs < clockMs) {
    throw new OutOfOrderError(`${subject}: at ${show(command.at)} is before the account's clock ${state.clock}`, {
      eventId: id,
      field: 'at',
      value: command.at,
    })
  }
  // What-ifs from here on: the window is checked, and the results are thrown away.
  const now = advanceToWith(options, state, command.at, 'scratch')

  let price: Money | null
  let priceField: string
  switch (command.type) {
    case 'StartSubscription':
      if (now.subscription !== null) {
        throw new SubscriptionActiveError(
          `${subject}: a subscription to plan ${show(now.subscription.plan.id)} is already active`,
          { eventId: id, field: 'type', value: command.type },
        )
      }
      price = command.data.plan.price
      priceField = 'data.plan.price.currency'
      break
    case 'UpgradePlan':
      if (now.subscription === null) {
        throw new NoSubscriptionError(`${subject}: UpgradePlan needs an active subscription`, {
          eventId: id,
          field: 'type',
          value: command.type,
        })
      }
      price = command.data.plan.price
      priceField = 'data.plan.price.currency'
      break
    case 'PurchaseExtraCredits':
      price = options.extraCreditPrice
      priceField = 'extraCreditPrice.currency'
      break
    case 'ConsumeCredits':
      price = null
      priceField = ''
      break
    default: {
      const never: never = command
      return never
    }
  }

  const currency = now.totals.charged?.currency
  if (price !== null && currency !== undefined && price.currency !== currency) {
    const whose = command.type === 'PurchaseExtraCredits' ? "the ledger's extraCreditPrice" : priceField
    throw new CurrencyMismatchError(
      `${subject}: ${whose} is in ${show(price.currency)}, not the account's currency ${show(currency)}`,
      { eventId: id, field: priceField, value: price.currency },
    )
  }

  switch (command.type) {
    case 'UpgradePlan': {
      const current = now.subscription!.plan
      if (command.data.plan.monthlyCredits <= current.monthlyCredits) {
        throw new NotAnUpgradeError(
          `${subject}: plan ${show(command.data.plan.id)} grants ${command.data.plan.monthlyCredits} credits a month, ` +
            `not more than the current plan ${show(current.id)} (${current.monthlyCredits})`,
          { eventId: id, field: 'data.plan.monthlyCredits', value: command.data.plan.monthlyCredits },
        )
      }
      break
    }
    case 'ConsumeCredits': {
      const requested = command.data.amount
      // The conservation law: available − deficit = granted − consumed − expired.
      const { granted, consumed, expired } = now.totals
      const available = granted - consumed - expired + now.deficit
      if (requested > available) {
        throw new InsufficientCreditsError(
          `${subject}: requested ${requested} credits but only ${available} are available at ${command.at}`,
          { eventId: id, field: 'data.amount', value: requested, requested, available },
        )
      }
      break
    }
    case 'PurchaseExtraCredits': {
      const problem = quantityProblem(options, command.data.quantity)
      if (problem !== null) {
        throw new InvalidCommandError(`${subject}: data.quantity ${problem} (got ${command.data.quantity})`, {
          eventId: id,
          field: 'data.quantity',
          value: command.data.quantity,
        })
      }
      break
    }
    case 'StartSubscription':
      break
    default: {
      const never: never = command
      return never
    }
  }

  // Overflow, and the guarantee that evolve accepts what decide returns:
  // fold the event into the advanced copy (thrown away).
  evolveWith(options, now, event, 'scratch')
  return [event]
}

/** The event that records an accepted command: its id, accountId, at and meta, and its data. */
function eventOf(options: ResolvedLedgerOptions, command: CreditCommand): CreditEvent {
  const envelope = { id: command.id, accountId: command.accountId, at: command.at }
  const meta = command.meta === undefined ? {} : { meta: command.meta }
  switch (command.type) {
    case 'StartSubscription':
      return { type: 'SubscriptionStarted', ...envelope, data: { plan: command.data.plan }, ...meta }
    case 'ConsumeCredits': {
      const { amount, reason } = command.data
      return { type: 'CreditsConsumed', ...envelope, data: reason === undefined ? { amount } : { amount, reason }, ...meta }
    }
    case 'PurchaseExtraCredits':
      return {
        type: 'ExtraCreditsPurchased',
        ...envelope,
        data: { quantity: command.data.quantity, unitPrice: { ...options.extraCreditPrice } },
        ...meta,
      }
    case 'UpgradePlan':
      return { type: 'PlanUpgraded', ...envelope, data: { plan: command.data.plan }, ...meta }
    default: {
      const never: never = command
      return never
    }
  }
}
