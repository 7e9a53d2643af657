import { InvalidArgumentError, show } from '../errors.js'
import type { Money } from '../money/money.js'
import type { AccountState, BucketSource } from '../state/types.js'
import type { Movement, MovementKind } from '../rules/movement.js'
import { DEFAULT_FOLD_OPTIONS, type FoldOptions } from '../fold/options.js'
import { AccountFold } from '../evolve/replay.js'
import { Router } from '../evolve/replayAll.js'
import { balance } from './balance.js'
import { readFoldSettings } from '../edges/foldSettings.js'

/**
 * One movement of credits in a statement (SPEC §8). Every key is always
 * present: absent values are `null`.
 */
export interface StatementEntry {
  /** When it happened (canonical `toISOString()` form). */
  readonly at: string
  /** The event that caused it, or `null` for a time-driven expiry or renewal. */
  readonly eventId: string | null
  readonly accountId: string
  readonly kind: MovementKind
  /** The bucket's source, or `deficit` for a shortfall (consume) or its repayment (grant). */
  readonly source: BucketSource | 'deficit'
  /** The bucket moved, or `null` for a `deficit` entry. */
  readonly bucketId: string | null
  /** Signed, never 0: + into the account, − out of it. */
  readonly credits: number
  /** `available − deficit` of the account after this entry. */
  readonly balanceAfter: number
  /**
   * The money charged with this grant (start, renewal, purchase, upgrade),
   * on the first entry the grant writes; `null` on every other entry.
   */
  readonly charged: Money | null
}

/** Options of `statement`. */
export interface StatementOptions {
  /** States to continue from, by account id (their `available − deficit` opens the running balance). */
  readonly from?: ReadonlyMap<string, AccountState>
  /** Skip the validation of each event's shape (for events the compiler or `parseEvent` already checked). */
  readonly trusted?: boolean
}

/**
 * Every movement of credits of an interleaved history of many accounts, with
 * the balance after each one, computed by the same fold as `replay`.
 *
 * Lazy: entries are produced as the input is read, one event at a time, and
 * the entries of an event are yielded only once the event has been applied
 * (a refused event throws before any of its entries is seen).
 *
 * @param events - events of any number of accounts (each in time order): an
 *   Iterable (the result is an Iterable) or an AsyncIterable (an AsyncIterable)
 * @param options - `from` states by account id; `trusted` to skip shape validation
 * @returns the entries, in input order (time order within each account)
 * @throws CreditLedgerError at the first bad event, when iteration reaches it;
 *   `INVALID_ARGUMENT` at once when `events` is not iterable
 * @example
 * for (const entry of statement(events)) {
 *   console.log(entry.at, entry.kind, entry.source, entry.credits, entry.balanceAfter)
 * }
 * for await (const entry of statement(readJsonLines('export.jsonl'))) write(entry)
 */
export function statement(events: Iterable<unknown>, options?: StatementOptions): Iterable<StatementEntry>
export function statement(events: AsyncIterable<unknown>, options?: StatementOptions): AsyncIterable<StatementEntry>
export function statement(
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options?: StatementOptions,
): Iterable<StatementEntry> | AsyncIterable<StatementEntry>
export function statement(
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options: StatementOptions = {},
): Iterable<StatementEntry> | AsyncIterable<StatementEntry> {
  return statementWith(DEFAULT_FOLD_OPTIONS, events, options)
}

/**
 * `statement` with the fold options of a ledger (`createLedger` binds it).
 *
 * @param foldOptions - the ledger's fold options (idempotency window)
 * @param events - an Iterable or an AsyncIterable of events
 * @param options - as for `statement`
 * @returns as for `statement`
 * @example
 * const entries = [...statementWith({ idempotencyWindowMs: 3_600_000 }, events)]
 */
export function statementWith(
  foldOptions: FoldOptions,
  events: Iterable<unknown>,
  options?: StatementOptions,
): Iterable<StatementEntry>
export function statementWith(
  foldOptions: FoldOptions,
  events: AsyncIterable<unknown>,
  options?: StatementOptions,
): AsyncIterable<StatementEntry>
export function statementWith(
  foldOptions: FoldOptions,
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options?: StatementOptions,
): Iterable<StatementEntry> | AsyncIterable<StatementEntry>
export function statementWith(
  foldOptions: FoldOptions,
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options: StatementOptions = {},
): Iterable<StatementEntry> | AsyncIterable<StatementEntry> {
  const settings = readFoldSettings('statement', options)
  if (events != null && typeof (events as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return statementSync(foldOptions, events as Iterable<unknown>, settings)
  }
  if (events != null && typeof (events as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    return statementAsync(foldOptions, events as AsyncIterable<unknown>, settings)
  }
  throw new InvalidArgumentError(`statement: events must be an Iterable or an AsyncIterable (got ${show(events)})`, {
    field: 'events',
    value: typeof events,
  })
}

/**
 * The entries of the event being applied. They are handed out only after
 * the event was applied, so a refused event yields nothing.
 */
class EntryBuffer {
  readonly entries: StatementEntry[] = []
  readonly router: Router

  constructor(foldOptions: FoldOptions, settings: StatementOptions) {
    this.router = new Router(foldOptions, settings, (accountId, from) => {
      const opening = balance(from)
      let running = opening.available - opening.deficit
      const entries = this.entries
      return new AccountFold(from, foldOptions, (m: Movement) => {
        running += m.credits
        entries.push({
          at: m.at,
          eventId: m.eventId,
          accountId,
          kind: m.kind,
          source: m.source,
          bucketId: m.bucketId,
          credits: m.credits,
          balanceAfter: running,
          charged: m.charged === null ? null : copyMoney(m.charged),
        })
      })
    })
  }

  /** Applies one event; on a refusal drops its entries and rethrows. */
  route(input: unknown): void {
    try {
      this.router.route(input)
    } catch (error) {
      this.entries.length = 0
      throw error
    }
  }
}

function* statementSync(
  foldOptions: FoldOptions,
  events: Iterable<unknown>,
  settings: StatementOptions,
): Generator<StatementEntry, void, undefined> {
  const buffer = new EntryBuffer(foldOptions, settings)
  const entries = buffer.entries
  for (const input of events) {
    buffer.route(input)
    for (let i = 0; i < entries.length; i++) yield entries[i]!
    entries.length = 0
  }
}

async function* statementAsync(
  foldOptions: FoldOptions,
  events: AsyncIterable<unknown>,
  settings: StatementOptions,
): AsyncGenerator<StatementEntry, void, undefined> {
  const buffer = new EntryBuffer(foldOptions, settings)
  const entries = buffer.entries
  for await (const input of events) {
    buffer.route(input)
    for (let i = 0; i < entries.length; i++) yield entries[i]!
    entries.length = 0
  }
}


function copyMoney(money: Money): Money {
  return money.scale === undefined
    ? { amount: money.amount, currency: money.currency }
    : { amount: money.amount, currency: money.currency, scale: money.scale }
}
