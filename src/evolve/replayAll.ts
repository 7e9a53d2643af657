import type { CreditEvent } from '../events/index.js'
import { eventReader } from '../events/guards.js'
import { initialState } from '../state/initialState.js'
import type { AccountState } from '../state/types.js'
import { DEFAULT_FOLD_OPTIONS, type FoldOptions } from '../fold/options.js'
import { AccountFold } from './replay.js'
import { drain } from '../edges/drain.js'
import { readFoldSettings } from '../edges/foldSettings.js'

/** Options of `replayAll`. */
export interface ReplayAllOptions {
  /** States to continue from, by account id. */
  readonly from?: ReadonlyMap<string, AccountState>
  /** Skip the validation of each event's shape (for events the compiler or `parseEvent` already checked). */
  readonly trusted?: boolean
}

/**
 * Folds an interleaved history of many accounts (each in time order) into a
 * state per account. Validates each event's shape unless `trusted`.
 *
 * @param events - an Iterable (the result is a Map) or an AsyncIterable (a Promise of one)
 * @returns the final state of each account, by account id (accounts of `from` with no events included)
 * @throws CreditLedgerError at the first bad event
 * @example
 * const states = await replayAll(readJsonLines('export.jsonl'))
 */
export function replayAll(events: Iterable<unknown>, options?: ReplayAllOptions): Map<string, AccountState>
export function replayAll(events: AsyncIterable<unknown>, options?: ReplayAllOptions): Promise<Map<string, AccountState>>
export function replayAll(
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options?: ReplayAllOptions,
): Map<string, AccountState> | Promise<Map<string, AccountState>>
export function replayAll(
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options: ReplayAllOptions = {},
): Map<string, AccountState> | Promise<Map<string, AccountState>> {
  return replayAllWith(DEFAULT_FOLD_OPTIONS, events, options)
}

/**
 * Routes events to one `AccountFold` per account. Shared by `replayAll`,
 * statements and reports.
 */
export class Router {
  readonly accounts = new Map<string, AccountFold>()
  private readonly from: ReadonlyMap<string, AccountState>
  private readonly parse: (input: unknown) => CreditEvent

  constructor(
    options: FoldOptions,
    settings: ReplayAllOptions,
    private readonly open: (accountId: string, from: AccountState) => AccountFold = (_, from) =>
      new AccountFold(from, options),
  ) {
    this.from = settings.from ?? new Map()
    this.parse = eventReader(settings.trusted)
  }

  /** Validates (unless trusted) and applies one event to its account's fold. */
  route(input: unknown): void {
    const event = this.parse(input)
    let account = this.accounts.get(event.accountId)
    if (account === undefined) {
      account = this.open(event.accountId, this.from.get(event.accountId) ?? initialState)
      this.accounts.set(event.accountId, account)
    }
    account.apply(event)
  }

  /** The final states: every routed account, and the untouched accounts of `from`. */
  finish(): Map<string, AccountState> {
    const states = new Map<string, AccountState>(this.from)
    for (const [id, account] of this.accounts) states.set(id, account.finish())
    return states
  }
}

export function replayAllWith(
  options: FoldOptions,
  events: Iterable<unknown> | AsyncIterable<unknown>,
  settings: ReplayAllOptions | undefined,
): Map<string, AccountState> | Promise<Map<string, AccountState>> {
  const router = new Router(options, readFoldSettings('replayAll', settings))
  return drain('replayAll', events, (input) => router.route(input), () => router.finish())
}
