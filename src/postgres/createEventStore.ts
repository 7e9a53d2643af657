/**
 * The event store on PostgreSQL (SPEC §10): streams per account with
 * optimistic concurrency, snapshots, a command handler, and consumer groups.
 */
import {
  AccountMismatchError,
  ConcurrencyConflictError,
  DuplicateEventError,
  InvalidArgumentError,
  InvalidOptionsError,
  createLedger,
  isCreditLedgerError,
  parseCommand,
  parseEvent,
  parseState,
  type AccountState,
  type CreditCommand,
  type CreditEvent,
  type Ledger,
  type LedgerOptions,
} from '../index.js'
import { connectionOf, type Connection, type StoreClient, type Transaction } from './client.js'
import { consumeWith, type ConsumeOptions, type ConsumeResult } from './consume.js'
import { EVENT_COLUMNS, eventOf, quote, type EventRow } from './rows.js'
import { SCHEMA_NAME, migrationStatements, quoteIdent } from './schema.js'

/** The options of {@link createEventStore}. */
export interface EventStoreOptions {
  /** The PostgreSQL schema of the tables (a lower-case identifier). Default `credit_ledger`. */
  schema?: string
  /** The options of `createLedger`, used by `append`, `load` and `handle`. */
  ledger?: LedgerOptions
  /** A snapshot of the state is written with every `snapshotEvery`-th event of a stream. Default 1000. */
  snapshotEvery?: number
  /**
   * How many accounts' latest states this store keeps in memory (least recently used out), so that
   * the next `load` of an account reads only the events after it. 0 turns it off. Default 256.
   */
  stateCache?: number
}

/** A stream's state and version (its number of events). */
export interface Loaded {
  readonly state: AccountState
  readonly version: number
}

/** The options of {@link EventStore.readStream}. */
export interface ReadStreamOptions {
  /** Skip the stream's first `fromVersion` events. Default 0. */
  fromVersion?: number
}

/** The options of {@link EventStore.handle}. */
export interface HandleOptions {
  /** How many times to load, decide and append before giving up on conflicts. Default 5. */
  maxAttempts?: number
}

/** The store `createEventStore` returns. */
export interface EventStore {
  /** The schema the store's tables live in. */
  readonly schema: string
  /** The ledger the store decides and folds with. */
  readonly ledger: Ledger
  /** Creates the schema and its tables if missing; safe to run again, and from several processes at once. */
  migrate(): Promise<void>
  /**
   * Appends events to an account's stream in one transaction. Throws
   * `CONCURRENCY_CONFLICT` when the stream is not at `expectedVersion`, and the
   * library's own error when an event does not continue the stream; either way
   * nothing is written.
   */
  append(accountId: string, expectedVersion: number, events: readonly unknown[]): Promise<number>
  /** The account's state (latest snapshot plus the tail) and version. */
  load(accountId: string): Promise<Loaded>
  /** The stream's events as they were appended, from `fromVersion` on. */
  readStream(accountId: string, options?: ReadStreamOptions): Promise<CreditEvent[]>
  /**
   * load → decide → append, retried from load on a conflict (the retries load under the stream's lock);
   * the events written, or `[]` for a retried command.
   */
  handle(command: CreditCommand, options?: HandleOptions): Promise<CreditEvent[]>
  /** Runs a member of a consumer group over the whole log. */
  consume(options: ConsumeOptions): Promise<ConsumeResult>
}

const MAX_ROWS_PER_INSERT = 1000

/**
 * An event store on PostgreSQL, over a client the app owns.
 *
 * @param client - a `pg` `Pool` (a connection is checked out per transaction), a `pg` `Client`
 *   (used for one thing at a time), or an `@electric-sql/pglite` instance
 * @param options - `schema` (default `credit_ledger`), `ledger` (the options of `createLedger`),
 *   `snapshotEvery` (default 1000), `stateCache` (default 256 accounts)
 * @returns the store; call `migrate()` once before using it
 * @throws InvalidOptionsError (`INVALID_OPTIONS`) for a bad schema name, ledger option, `snapshotEvery` or `stateCache`
 * @example
 * const store = createEventStore(new pg.Pool({ connectionString }), { snapshotEvery: 500 })
 * await store.migrate()
 * const events = await store.handle({ type: 'ConsumeCredits', id: 'req-1', accountId: 'acc-1', at: '2025-03-02T10:00:00Z', data: { amount: 5 } })
 */
export function createEventStore(client: StoreClient, options: EventStoreOptions = {}): EventStore {
  if (client === null || typeof client !== 'object' || typeof (client as { query?: unknown }).query !== 'function') {
    throw new InvalidArgumentError('createEventStore needs a client with query(text, params): a pg Pool or Client, or PGlite', {
      field: 'client',
    })
  }
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionsError(`the store's options must be an object, got ${quote(options)}`, { field: 'options', value: options })
  }
  const schema = options.schema ?? 'credit_ledger'
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw new InvalidOptionsError(`option "schema" must be a lower-case SQL identifier, got ${quote(schema)}`, { field: 'schema', value: schema })
  }
  const snapshotEvery = options.snapshotEvery ?? 1000
  if (!Number.isSafeInteger(snapshotEvery) || snapshotEvery < 1) {
    throw new InvalidOptionsError(`option "snapshotEvery" must be an integer ≥ 1, got ${quote(snapshotEvery)}`, {
      field: 'snapshotEvery',
      value: snapshotEvery,
    })
  }
  const cacheSize = options.stateCache ?? 256
  if (!Number.isSafeInteger(cacheSize) || cacheSize < 0) {
    throw new InvalidOptionsError(`option "stateCache" must be an integer ≥ 0, got ${quote(cacheSize)}`, { field: 'stateCache', value: cacheSize })
  }
  const ledger = createLedger(options.ledger)
  // The latest state seen of each recent account. A stream only grows, so a cached state plus the
  // events after its version is the stream's state: the cache never needs invalidating.
  const cache = new Map<string, Loaded>()
  const remember = (accountId: string, loaded: Loaded): void => {
    if (cacheSize === 0) return
    const known = cache.get(accountId)
    if (known !== undefined && known.version > loaded.version) return
    cache.delete(accountId)
    cache.set(accountId, loaded)
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string)
  }
  const conn = connectionOf(client)
  const s = quoteIdent(schema)

  async function load(q: Connection['read'], accountId: string): Promise<Loaded> {
    const cached = cache.get(accountId)
    if (cached !== undefined) {
      const tail = await q(`SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE account_id = $1 AND seq > $2 ORDER BY seq`, [accountId, cached.version])
      if (tail.rows.length === 0) return remembered(accountId, cached)
      const events = (tail.rows as EventRow[]).map(eventOf)
      return remembered(accountId, { state: ledger.replay(events, cached.state), version: cached.version + events.length })
    }
    const snap = await q(`SELECT seq, state FROM ${s}.snapshots WHERE account_id = $1 ORDER BY seq DESC LIMIT 1`, [accountId])
    let state = ledger.initialState
    let from = 0
    const row = snap.rows[0] as { seq: number; state: unknown } | undefined
    if (row !== undefined) {
      try {
        state = parseState(typeof row.state === 'string' ? JSON.parse(row.state) : row.state)
        from = row.seq
      } catch (error) {
        // A snapshot this version of the library cannot read: replay the whole stream instead.
        if (!isCreditLedgerError(error) || error.code !== 'INVALID_STATE') throw error
      }
    }
    const tail = await q(`SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE account_id = $1 AND seq > $2 ORDER BY seq`, [accountId, from])
    const events = (tail.rows as EventRow[]).map(eventOf)
    return remembered(accountId, { state: events.length === 0 ? state : ledger.replay(events, state), version: from + events.length })
  }

  function remembered(accountId: string, loaded: Loaded): Loaded {
    remember(accountId, loaded)
    return loaded
  }

  /** Takes the stream's transaction-scoped lock (writers of one account take turns; others never wait). */
  async function lockStream(tx: Transaction, accountId: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${schema}/${accountId}`])
  }

  /** Appends in `tx`, under the stream's lock; `known` is the state at `expectedVersion` when the caller has it. */
  async function appendIn(tx: Transaction, accountId: string, expectedVersion: number, events: readonly CreditEvent[], known: AccountState | null): Promise<Loaded | null> {
    await lockStream(tx, accountId)
    const current = await tx.query(`SELECT coalesce(max(seq), 0)::int AS version FROM ${s}.events WHERE account_id = $1`, [accountId])
    const version = (current.rows[0] as { version: number }).version
    if (version !== expectedVersion) throw conflict(accountId, expectedVersion, version, events[0]?.id ?? null)
    if (events.length === 0) return null
    let state = known ?? (await load((text, params) => tx.query(text, params), accountId)).state
    // Fold the events onto the stream (a refusal throws and rolls back), keeping the state at the last multiple of snapshotEvery.
    let snapshot: { seq: number; state: AccountState } | null = null
    let start = 0
    while (start < events.length) {
      const seqAtStart = expectedVersion + start
      const nextMultiple = (Math.floor(seqAtStart / snapshotEvery) + 1) * snapshotEvery
      const end = Math.min(events.length, nextMultiple - expectedVersion)
      state = ledger.replay(events.slice(start, end), state)
      if (expectedVersion + end === nextMultiple) snapshot = { seq: nextMultiple, state }
      start = end
    }
    for (let i = 0; i < events.length; i += MAX_ROWS_PER_INSERT) {
      await insertEvents(tx, accountId, expectedVersion + i, events.slice(i, i + MAX_ROWS_PER_INSERT))
    }
    if (snapshot !== null) {
      await tx.query(`INSERT INTO ${s}.snapshots (account_id, seq, state) VALUES ($1, $2, $3::jsonb)`, [accountId, snapshot.seq, JSON.stringify(snapshot.state)])
      await tx.query(`DELETE FROM ${s}.snapshots WHERE account_id = $1 AND seq < $2`, [accountId, snapshot.seq])
    }
    return { state, version: expectedVersion + events.length }
  }

  async function insertEvents(tx: Transaction, accountId: string, afterSeq: number, events: readonly CreditEvent[]): Promise<void> {
    const params: unknown[] = [accountId]
    const rows = events.map((event, i) => {
      const meta = (event as { meta?: unknown }).meta
      params.push(afterSeq + i + 1, event.id, event.type, event.at, JSON.stringify(event.data), meta === undefined ? null : JSON.stringify(meta))
      const p = 2 + i * 6
      return `($1, $${p}::int, $${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5}::jsonb)`
    })
    try {
      await tx.query(`INSERT INTO ${s}.events (account_id, seq, id, type, at, data, meta) VALUES ${rows.join(', ')}`, params)
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string }
      if (code === '23505' && constraint === 'events_account_seq_key') throw conflict(accountId, afterSeq, null, events[0]?.id ?? null)
      if (code === '23505' && constraint === 'events_account_event_id_key') {
        throw new DuplicateEventError(`an event of account ${quote(accountId)} already has one of the ids ${quote(events.map((e) => e.id).join(', '))} (past the idempotency window)`, {
          eventId: events[0]?.id ?? null,
          field: 'id',
          value: events[0]?.id ?? null,
        })
      }
      throw error
    }
  }

  const store: EventStore = {
    schema,
    ledger,

    async migrate() {
      await conn.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`credit-ledger migrate ${schema}`])
        for (const statement of migrationStatements(schema)) await tx.query(statement)
      })
    },

    async append(accountId, expectedVersion, events) {
      checkAccountId(accountId)
      if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
        throw new InvalidArgumentError(`expectedVersion must be an integer ≥ 0, got ${quote(expectedVersion)}`, { field: 'expectedVersion', value: expectedVersion })
      }
      if (!Array.isArray(events)) throw new InvalidArgumentError(`events must be an array, got ${quote(events)}`, { field: 'events', value: events })
      const parsed = events.map((event) => parseEvent(event))
      // The fold binds a new stream to its first event's account: check the account here, before it can.
      const stranger = parsed.find((event) => event.accountId !== accountId)
      if (stranger !== undefined) {
        throw new AccountMismatchError(`event ${quote(stranger.id)} is of account ${quote(stranger.accountId)}, not of the stream's account ${quote(accountId)}`, {
          eventId: stranger.id,
          field: 'accountId',
          value: stranger.accountId,
        })
      }
      const appended = await conn.transaction((tx) => appendIn(tx, accountId, expectedVersion, parsed, null))
      if (appended === null) return expectedVersion
      remember(accountId, appended) // committed
      return appended.version
    },

    async load(accountId) {
      checkAccountId(accountId)
      return load(conn.read, accountId)
    },

    async readStream(accountId, options = {}) {
      checkAccountId(accountId)
      const fromVersion = options.fromVersion ?? 0
      if (!Number.isSafeInteger(fromVersion) || fromVersion < 0) {
        throw new InvalidArgumentError(`fromVersion must be an integer ≥ 0, got ${quote(fromVersion)}`, { field: 'fromVersion', value: fromVersion })
      }
      const { rows } = await conn.read(`SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE account_id = $1 AND seq > $2 ORDER BY seq`, [accountId, fromVersion])
      return (rows as EventRow[]).map(eventOf)
    },

    async handle(command, options = {}) {
      const maxAttempts = options.maxAttempts ?? 5
      if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
        throw new InvalidArgumentError(`maxAttempts must be an integer ≥ 1, got ${quote(maxAttempts)}`, { field: 'maxAttempts', value: maxAttempts })
      }
      const parsed = parseCommand(command)
      let last: unknown = null
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        try {
          if (attempt === 0) {
            // Optimistic: load without holding anything, append if nobody appended meanwhile.
            const { state, version } = await load(conn.read, parsed.accountId)
            const events = ledger.decide(parsed, state)
            if (events.length === 0) return []
            const appended = await conn.transaction((tx) => appendIn(tx, parsed.accountId, version, events, state))
            if (appended !== null) remember(parsed.accountId, appended)
            return events
          }
          // After a conflict: take the stream's lock first, then load, decide and append under it,
          // so that a hot account queues its writers instead of letting them retry in a loop.
          const { events, appended } = await conn.transaction(async (tx) => {
            await lockStream(tx, parsed.accountId)
            const { state, version } = await load((text, params) => tx.query(text, params), parsed.accountId)
            const decided = ledger.decide(parsed, state)
            return { events: decided, appended: decided.length > 0 ? await appendIn(tx, parsed.accountId, version, decided, state) : null }
          })
          if (appended !== null) remember(parsed.accountId, appended)
          return events
        } catch (error) {
          if (!isCreditLedgerError(error) || error.code !== 'CONCURRENCY_CONFLICT') throw error
          last = error
        }
      }
      throw new ConcurrencyConflictError(
        `command ${quote(parsed.id)} of account ${quote(parsed.accountId)} met a concurrent append on each of its ${maxAttempts} attempts (${(last as Error).message})`,
        { eventId: parsed.id, field: 'maxAttempts', value: maxAttempts },
      )
    },

    consume(options) {
      return consumeWith(conn, schema, options)
    },
  }
  return Object.freeze(store)
}

function conflict(accountId: string, expected: number, actual: number | null, eventId: string | null): ConcurrencyConflictError {
  const at = actual === null ? 'was appended to concurrently' : `is at version ${actual}`
  return new ConcurrencyConflictError(`stream of account ${quote(accountId)} ${at}, expected version ${expected}${eventId === null ? '' : ` (event ${quote(eventId)})`}`, {
    eventId,
    field: 'expectedVersion',
    value: expected,
  })
}

function checkAccountId(accountId: unknown): asserts accountId is string {
  if (typeof accountId !== 'string' || accountId.trim() === '' || accountId.length > 256) {
    throw new InvalidArgumentError(`accountId must be a non-blank string of at most 256 characters, got ${quote(accountId)}`, { field: 'accountId', value: accountId })
  }
}
