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
  /** The event that records the command, accepted, with the command's envelope. */
  event(command: C, envelope: Envelope, options: ResolvedLedgerOptions): CreditEvent
  /**
   * The command's own rule, on the state as of `command.at`; throws its refusal.
   * @param subject - `command "…"`, for messages
   */
  check(command: C, now: AccountState, options: ResolvedLedgerOptions, subject: string): void
}
