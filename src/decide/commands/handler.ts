import type { CreditEvent } from '../../events/index.js'
import type { ResolvedLedgerOptions } from '../../ledger/options.js'
import type { AccountState } from '../../state/types.js'

/** The envelope an event takes from the command it records. */
export interface Envelope {
  readonly id: string
  readonly accountId: string
  readonly at: string
  readonly meta?: Record<string, unknown>
}

/**
 * How one command is decided. `decide` runs the checks every command shares
 * (shape, account, idempotency window, order, subscription, currency) on the
 * event the command would record, then the command's own rule, then folds
 * the event (overflow): see `decide.ts`.
 */
export interface CommandHandler<C> {
  /**
   * The event that records the command, accepted, with the command's envelope.
   * @param state - the account's state before the command (for a default that depends on it, as a
   *   reversal's "all not yet reversed"; time does not change those, so the clock need not move first)
   */
  event(command: C, envelope: Envelope, options: ResolvedLedgerOptions, state: AccountState): CreditEvent
  /**
   * The command's own rule, on the state as of `command.at`; throws its refusal.
   * @param subject - `command "…"`, for messages
   */
  check(command: C, now: AccountState, options: ResolvedLedgerOptions, subject: string): void
  /**
   * Whether an id in the idempotency window whose command was `recorded`
   * (its `commandKey`) is a retry of `command`, for a command whose event
   * depends on the state (a default amount); else the keys are compared.
   */
  isRetryOf?(command: C, recorded: string): boolean
}
