import { IdempotencyConflictError, show } from '../errors.js'
import { commandKey } from '../events/commandKey.js'
import type { CreditEvent } from '../events/index.js'
import { advanceToWith } from '../evolve/advanceTo.js'
import { evolveWith } from '../evolve/evolve.js'
import { windowEntry } from '../fold/idempotencyWindow.js'
import { DEFAULT_LEDGER_OPTIONS, type ResolvedLedgerOptions } from '../ledger/options.js'
import { check } from '../rules/check.js'
import { checkedAccountOf } from '../fold/stateAccount.js'
import { readState } from '../state/readState.js'
import type { AccountState } from '../state/types.js'
import { parseInstant } from '../time/instant.js'
import { HANDLERS, type CreditCommand } from './commands/index.js'
import type { CommandHandler } from './commands/handler.js'
import { parseCommand } from './parseCommand.js'

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
 * Contract v4 adds `NO_PENDING_CANCELLATION` and `NO_PENDING_PLAN_CHANGE`
 * to the subscription checks, and `NOT_A_DOWNGRADE` and
 * `CANCELLATION_PENDING` to the commands' rules.
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
export function decideWith(options: ResolvedLedgerOptions, input: CreditCommand, given: AccountState): CreditEvent[] {
  const command = parseCommand(input)
  const state = readState(given)
  const { id, accountId, at, meta } = command
  const subject = `command ${show(id)}`
  const handler = HANDLERS[command.type] as CommandHandler<CreditCommand>
  const event = handler.event(command, meta === undefined ? { id, accountId, at } : { id, accountId, at, meta }, options, state)
  const before = checkedAccountOf(state)
  check.account(before, event, 'command')

  // The window before the order: a retry may come after later commands.
  const atMs = parseInstant(at)
  const seen = windowEntry(state.window, id)
  if (seen !== undefined && parseInstant(seen.at) + options.idempotencyWindowMs > Math.max(before.clockMs, atMs)) {
    const key = commandKey(event)
    if (seen.command === key || handler.isRetryOf?.(command, seen.command) === true) return []
    throw new IdempotencyConflictError(
      `${subject}: id was already used at ${seen.at} by another command (${seen.command}); this one is ${key}`,
      { eventId: id, field: 'id', value: id },
    )
  }
  check.order(before, event, atMs, 'command')

  // What-ifs from here on: the window is checked, and the results are thrown away.
  const now = advanceToWith(options, state, at, 'scratch')
  const asOfAt = checkedAccountOf(now)
  check.subscription(asOfAt, event, 'command')
  check.currency(asOfAt, event, 'command')
  handler.check(command, now, options, subject)
  // Overflow, and the guarantee that evolve accepts what decide returns.
  evolveWith(options, now, event, 'scratch')
  return [event]
}
