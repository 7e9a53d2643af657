/**
 * The store's tables (SPEC §10), created by `migrate`. Every statement is
 * `IF NOT EXISTS` and the whole migration holds a transaction-scoped advisory
 * lock named after the schema, so that several processes may migrate at once.
 */

/** Quotes an identifier the store checked with {@link SCHEMA_NAME}. */
export function quoteIdent(name: string): string {
  return `"${name}"`
}

/** The schema names the store accepts: a plain lower-case SQL identifier. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * The statements of the migration, in order.
 *
 * @param schema - the schema's name, already checked against {@link SCHEMA_NAME}
 * @returns one statement per string
 */
export function migrationStatements(schema: string): string[] {
  const s = quoteIdent(schema)
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.events (
      global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id text NOT NULL,
      seq int NOT NULL,
      id text NOT NULL,
      type text NOT NULL,
      at text NOT NULL,
      data jsonb NOT NULL,
      meta jsonb,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_account_seq_key UNIQUE (account_id, seq),
      CONSTRAINT events_account_event_id_key UNIQUE (account_id, id),
      CONSTRAINT events_seq_positive CHECK (seq > 0)
    )`,
    // The consumers' read order: (transaction_id, global_position).
    `CREATE INDEX IF NOT EXISTS events_transaction_position_idx ON ${s}.events (transaction_id, global_position)`,
    `CREATE TABLE IF NOT EXISTS ${s}.snapshots (
      account_id text NOT NULL,
      seq int NOT NULL,
      state jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, seq)
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
      group_name text NOT NULL,
      member int NOT NULL,
      size int NOT NULL,
      transaction_id xid8 NOT NULL DEFAULT '0',
      position bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_name, member, size)
    )`,
  ]
}

/**
 * The SQL expression of an account's member in a group of `size`: the first
 * 60 bits of the MD5 of the account id, as a non-negative integer, modulo
 * the size. In JavaScript: `BigInt('0x' + md5hex(accountId).slice(0, 15)) % BigInt(size)`.
 *
 * @param column - the column (or expression) holding the account id
 * @param sizeParam - the parameter holding the group's size, e.g. `$3`
 * @returns an SQL expression of type bigint
 */
export function memberExpression(column: string, sizeParam: string): string {
  return `mod(('x' || substr(md5(${column}), 1, 15))::bit(60)::bigint, ${sizeParam}::bigint)`
}
