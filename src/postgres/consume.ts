/**
 * Consumer groups over the whole log (SPEC §10), the way Emmett's PostgreSQL
 * store reads it: in `(transaction_id, global_position)` order, and only
 * below the oldest transaction still running, so that a transaction that
 * took its positions early and commits late is never skipped. Accounts are
 * split among the members by a hash of their id computed in SQL (as Message
 * DB splits streams), and each member's checkpoint is written in the
 * handler's own transaction.
 */
import { InvalidArgumentError, type CreditEvent } from '../index.js'
import type { Connection, Transaction } from './client.js'
import { EVENT_COLUMNS, eventOf, quote, type EventRow } from './rows.js'
import { memberExpression, quoteIdent } from './schema.js'

/** The options of `consume`. */
export interface ConsumeOptions {
  /** The group's name: each group has its own checkpoints and sees every event once. */
  group: string
  /** This member's 0-based index, below `size`. */
  member: number
  /** The number of members; a new size is a new group (checkpoints are per group, member and size). */
  size: number
  /**
   * Handles a batch (log order) inside a transaction; writes through `tx` commit with the checkpoint.
   * A throw rolls the batch back, leaves the checkpoint, and rejects `consume`.
   */
  handler: (events: CreditEvent[], tx: Transaction) => Promise<void> | void
  /** At most this many events per batch. Default 500. */
  batch?: number
  /** `false` (default): resolve once caught up. `true`: poll until `signal` aborts. */
  follow?: boolean
  /** Stops a following consumer (after the batch in hand commits). */
  signal?: AbortSignal
  /** The pause between polls of a caught-up following consumer, in ms. Default 250. */
  pollIntervalMs?: number
}

/** What a `consume` call did. */
export interface ConsumeResult {
  /** The events handed to the handler (and committed). */
  readonly events: number
  /** The batches committed. */
  readonly batches: number
}

interface PositionedRow extends EventRow {
  xid: string
  position: string
}

/**
 * Runs one member of a consumer group.
 *
 * @param conn - the store's connection
 * @param schema - the store's schema
 * @param options - see {@link ConsumeOptions}
 * @returns how many events and batches were handled
 * @throws InvalidArgumentError (`INVALID_ARGUMENT`) for a bad option; the handler's error, unchanged
 */
export async function consumeWith(conn: Connection, schema: string, options: ConsumeOptions): Promise<ConsumeResult> {
  const { group, member, size, handler, batch = 500, follow = false, signal, pollIntervalMs = 250 } = checkOptions(options)
  const s = quoteIdent(schema)
  const key = [group, member, size]
  await conn.read(`INSERT INTO ${s}.checkpoints (group_name, member, size) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, key)
  const readBatch = `SELECT ${EVENT_COLUMNS}, transaction_id::text AS xid, global_position::text AS position
    FROM ${s}.events
    WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
      AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      AND ${memberExpression('account_id', '$3')} = $4
    ORDER BY transaction_id, global_position
    LIMIT $5`
  let events = 0
  let batches = 0
  for (;;) {
    if (signal?.aborted) break
    const handled = await conn.transaction(async (tx) => {
      // One process at a time per member: a second one waits here, then reads the checkpoint the first committed.
      // (An advisory lock rather than SELECT … FOR UPDATE, which would give this transaction an id and hold back the horizon.)
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`credit-ledger consume ${schema}/${group}/${member}/${size}`])
      const checkpoint = await tx.query(`SELECT transaction_id::text AS xid, position::text AS position FROM ${s}.checkpoints WHERE group_name = $1 AND member = $2 AND size = $3`, key)
      const from = checkpoint.rows[0] as { xid: string; position: string }
      const { rows } = await tx.query(readBatch, [from.xid, from.position, size, member, batch])
      if (rows.length === 0) return 0
      await handler((rows as PositionedRow[]).map(eventOf), tx)
      const last = rows[rows.length - 1] as PositionedRow
      await tx.query(
        `UPDATE ${s}.checkpoints SET transaction_id = $4::xid8, position = $5::bigint, updated_at = now() WHERE group_name = $1 AND member = $2 AND size = $3`,
        [...key, last.xid, last.position],
      )
      return rows.length
    })
    if (handled > 0) {
      events += handled
      batches += 1
    }
    if (handled < batch) {
      if (!follow) break
      await pause(pollIntervalMs, signal)
    }
  }
  return { events, batches }
}

function checkOptions(options: ConsumeOptions): ConsumeOptions {
  if (options === null || typeof options !== 'object') throw bad('options', options, 'an object')
  const { group, member, size, handler, batch, follow, signal, pollIntervalMs } = options
  if (typeof group !== 'string' || group.trim() === '' || group.length > 256) throw bad('group', group, 'a non-blank string of at most 256 characters')
  if (!Number.isSafeInteger(size) || size < 1 || size > 2 ** 31 - 1) throw bad('size', size, 'an integer ≥ 1')
  if (!Number.isSafeInteger(member) || member < 0 || member >= size) throw bad('member', member, `an integer from 0 to size - 1 (${size - 1})`)
  if (typeof handler !== 'function') throw bad('handler', handler, 'a function')
  if (batch !== undefined && (!Number.isSafeInteger(batch) || batch < 1)) throw bad('batch', batch, 'an integer ≥ 1')
  if (follow !== undefined && typeof follow !== 'boolean') throw bad('follow', follow, 'a boolean')
  if (follow === true && signal === undefined) throw bad('signal', signal, 'an AbortSignal when follow is true')
  if (pollIntervalMs !== undefined && (!Number.isFinite(pollIntervalMs) || pollIntervalMs < 0)) throw bad('pollIntervalMs', pollIntervalMs, 'a number ≥ 0')
  return options
}

function bad(field: string, value: unknown, expected: string): InvalidArgumentError {
  return new InvalidArgumentError(`consume option "${field}" must be ${expected}, got ${quote(value)}`, { field, value })
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
