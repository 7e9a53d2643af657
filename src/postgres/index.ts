/**
 * credit-ledger/postgres: the event store on PostgreSQL (SPEC §10). No
 * runtime dependency: it talks through the client it is given (a `pg` Pool
 * or Client, or an `@electric-sql/pglite` instance). The core entry point
 * never imports this one.
 */
export {
  createEventStore,
  type EventStore,
  type EventStoreOptions,
  type HandleOptions,
  type Loaded,
  type ReadStreamOptions,
} from './createEventStore.js'
export type { ConsumeOptions, ConsumeResult } from './consume.js'
export type { PGliteLike, PooledConnection, PoolLike, Queryable, QueryResultLike, StoreClient, Transaction } from './client.js'
