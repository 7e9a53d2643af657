import type { CreditEvent } from '../events/index.js'
import { advanceToWith } from '../evolve/advanceTo.js'
import { evolveWith } from '../evolve/evolve.js'
import { replayWith } from '../evolve/replay.js'
import { replayAllWith, type ReplayAllOptions } from '../evolve/replayAll.js'
import type { Money } from '../money/money.js'
import { balance, type Balance } from '../queries/balance.js'
import { reportWith, type Report, type ReportOptions } from '../queries/report.js'
import { statementWith, type StatementEntry, type StatementOptions } from '../queries/statement.js'
import { initialState } from '../state/initialState.js'
import type { AccountState } from '../state/types.js'
import type { CreditCommand } from '../decide/commands/index.js'
import { decideWith } from '../decide/decide.js'
import { quoteExtraCreditsWith } from '../decide/quoteExtraCredits.js'
import { DEFAULT_LEDGER_OPTIONS, resolveLedgerOptions, type LedgerOptions, type ResolvedLedgerOptions } from './options.js'

/** `replayAll`, bound to a ledger: synchronous for an `Iterable`, a `Promise` for an `AsyncIterable`. */
export interface BoundReplayAll {
  (events: Iterable<unknown>, options?: ReplayAllOptions): Map<string, AccountState>
  (events: AsyncIterable<unknown>, options?: ReplayAllOptions): Promise<Map<string, AccountState>>
}

/** `statement`, bound to a ledger: an Iterable for an `Iterable`, an AsyncIterable for an `AsyncIterable`. */
export interface BoundStatement {
  (events: Iterable<unknown>, options?: StatementOptions): Iterable<StatementEntry>
  (events: AsyncIterable<unknown>, options?: StatementOptions): AsyncIterable<StatementEntry>
}

/** `report`, bound to a ledger: a `Report` for an `Iterable`, a `Promise` of one for an `AsyncIterable`. */
export interface BoundReport {
  (events: Iterable<unknown>, options: ReportOptions): Report
  (events: AsyncIterable<unknown>, options: ReportOptions): Promise<Report>
}

/**
 * The library's functions bound to one set of options (SPEC §6). The
 * top-level functions are the default ledger's.
 */
export interface Ledger {
  /** The options this ledger runs with, defaults filled in (frozen). */
  readonly options: ResolvedLedgerOptions
  /** The state of an account with no history. */
  readonly initialState: AccountState
  /** Decides a command as of its `at`; see the top-level `decide`. */
  decide(command: CreditCommand, state: AccountState): CreditEvent[]
  /** Applies one event, with this ledger's idempotency window. */
  evolve(state: AccountState, event: CreditEvent): AccountState
  /** Folds one account's history, with this ledger's idempotency window. */
  replay(events: Iterable<CreditEvent>, from?: AccountState): AccountState
  /** Folds the histories of many accounts, with this ledger's idempotency window. */
  readonly replayAll: BoundReplayAll
  /** Moves the clock to `at` (expiries, renewals, window pruning). */
  advanceTo(state: AccountState, at: string): AccountState
  /** The balance as of `state.clock`. */
  balance(state: AccountState): Balance
  /** Every movement of credits of a history of many accounts, with this ledger's idempotency window. */
  readonly statement: BoundStatement
  /** Rows per account and period, with this ledger's idempotency window. */
  readonly report: BoundReport
  /** What a purchase of `quantity` extra credits costs at this ledger's price. */
  quoteExtraCredits(quantity: number): Money
}

/**
 * A ledger: the library's functions bound to its options.
 *
 * @param options - `extraCreditPrice` (wire Money, default USD 1.25), `minQuantity` (1),
 *   `maxQuantity` (1,000,000), `idempotencyWindowMs` (86,400,000)
 * @returns the bound functions and the resolved options; a frozen object
 * @throws InvalidOptionsError (`INVALID_OPTIONS`) naming the bad option
 * @example
 * const ledger = createLedger({ extraCreditPrice: { amount: 99, currency: 'EUR' }, maxQuantity: 10_000 })
 * const events = ledger.decide(command, ledger.replay(history))
 */
export function createLedger(options?: LedgerOptions): Ledger {
  const resolved = resolveLedgerOptions(options)
  return bindLedger(resolved)
}

function bindLedger(options: ResolvedLedgerOptions): Ledger {
  const replayAll = ((events: Iterable<unknown> | AsyncIterable<unknown>, settings?: ReplayAllOptions) =>
    replayAllWith(options, events, settings)) as BoundReplayAll
  return Object.freeze({
    options,
    initialState,
    decide: (command: CreditCommand, state: AccountState) => decideWith(options, command, state),
    evolve: (state: AccountState, event: CreditEvent) => evolveWith(options, state, event),
    replay: (events: Iterable<CreditEvent>, from: AccountState = initialState) => replayWith(options, events, from),
    replayAll,
    advanceTo: (state: AccountState, at: string) => advanceToWith(options, state, at),
    balance,
    statement: ((events: Iterable<unknown> | AsyncIterable<unknown>, settings?: StatementOptions) =>
      statementWith(options, events, settings)) as BoundStatement,
    report: ((events: Iterable<unknown> | AsyncIterable<unknown>, settings: ReportOptions) =>
      reportWith(options, events, settings)) as BoundReport,
    quoteExtraCredits: (quantity: number) => quoteExtraCreditsWith(options, quantity),
  })
}

/** The default ledger: the one behind the top-level functions. */
export const defaultLedger: Ledger = /* @__PURE__ */ bindLedger(DEFAULT_LEDGER_OPTIONS)
