/**
 * The clients the store accepts, and how it runs a transaction on each. The
 * store never opens a connection itself: it only calls `query`, `connect`
 * (a pool's), `release` and `transaction` (PGlite's) on what it is given.
 */

/** The rows of a query; what `pg` and PGlite both return (and more). */
export interface QueryResultLike {
  rows: any[]
}

/**
 * Anything that runs one SQL statement with `$1`-style parameters: a `pg`
 * `Client`, a `pg` `Pool`, a pool's checked-out client, PGlite or its
 * transaction.
 */
export interface Queryable {
  /** Runs one SQL statement with its `$1…$n` parameters. */
  query(text: string, params?: any[]): Promise<QueryResultLike>
}

/** A `pg` `Pool` (or a pool with the same API): `connect()` checks out a connection. */
export interface PoolLike extends Queryable {
  /** Checks out a connection, handed back with `release`. */
  connect(): Promise<PooledConnection>
  /** How many connections the pool holds (how a pool is told from a single client). */
  readonly totalCount: number
}

/** A connection checked out of a pool. */
export interface PooledConnection extends Queryable {
  /** Hands the connection back to the pool (with the error that broke it, if any: the pool then drops it). */
  release(error?: any): void
}

/** An `@electric-sql/pglite` instance: it runs its own transactions. */
export interface PGliteLike extends Queryable {
  /** Runs `callback` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(callback: (tx: Queryable) => Promise<T>): Promise<T>
}

/** What `createEventStore` takes: a `pg` `Pool` or `Client`, or a PGlite instance. */
export type StoreClient = Queryable | PoolLike | PGliteLike

/** The handle a consumer's handler gets: `query` inside the batch's transaction. */
export interface Transaction {
  /** Runs one SQL statement in the batch's transaction. */
  query(text: string, params?: any[]): Promise<QueryResultLike>
}

/** How the store talks to its client: plain reads, and transactions. */
export interface Connection {
  /** Runs one statement outside any transaction of the store's. */
  read(text: string, params?: unknown[]): Promise<QueryResultLike>
  /** Runs `body` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(body: (tx: Transaction) => Promise<T>): Promise<T>
}

function isPool(client: StoreClient): client is PoolLike {
  const c = client as Partial<PoolLike>
  return typeof c.connect === 'function' && typeof c.totalCount === 'number'
}

function isPGlite(client: StoreClient): client is PGliteLike {
  return typeof (client as Partial<PGliteLike>).transaction === 'function'
}

/** One queue per single connection, shared by every store built on it. */
const queues = new WeakMap<object, Promise<unknown>>()

/**
 * Wraps a client. A pool gets a connection per transaction (released after
 * it, destroyed when the rollback itself failed); PGlite runs its own
 * `transaction()`; a single connection (a `pg` `Client`) runs one thing at a
 * time, in call order, since two transactions cannot share a connection
 * (the queue is per connection, so several stores may share one).
 *
 * @param client - a `pg` `Pool` or `Client`, or a PGlite instance
 * @returns the store's view of it
 */
export function connectionOf(client: StoreClient): Connection {
  if (isPool(client)) {
    return {
      read: (text, params) => client.query(text, params as any[]),
      async transaction(body) {
        const conn = await client.connect()
        let broken: unknown = undefined
        try {
          return await inTransaction(conn, body, (e) => (broken = e))
        } finally {
          conn.release(broken)
        }
      },
    }
  }
  if (isPGlite(client)) {
    return {
      read: (text, params) => client.query(text, params as any[]),
      transaction: (body) => client.transaction((tx) => body(tx)),
    }
  }
  const single = client
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const next = (queues.get(single) ?? Promise.resolve()).then(run, run)
    queues.set(
      single,
      next.then(
        () => undefined,
        () => undefined,
      ),
    )
    return next
  }
  return {
    read: (text, params) => exclusive(() => single.query(text, params as any[])),
    transaction: (body) => exclusive(() => inTransaction(single, body, () => undefined)),
  }
}

async function inTransaction<T>(conn: Queryable, body: (tx: Transaction) => Promise<T>, onBroken: (error: unknown) => void): Promise<T> {
  await conn.query('BEGIN')
  let result: T
  try {
    result = await body({ query: (text, params) => conn.query(text, params) })
  } catch (error) {
    try {
      await conn.query('ROLLBACK')
    } catch (rollbackError) {
      onBroken(rollbackError)
    }
    throw error
  }
  try {
    await conn.query('COMMIT')
  } catch (error) {
    onBroken(error)
    throw error
  }
  return result
}
