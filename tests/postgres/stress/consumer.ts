/**
 * One consumer process of the stress test (run.ts): member `member` of a
 * group of `size`, following the log and keeping a balances table (the
 * state of each account, its version and its available credits) in the
 * batch's own transaction. Stops on SIGTERM.
 *   node --import tsx consumer.ts <schema> <member> <size>
 */
import pg from 'pg'
import { parseState, type CreditEvent } from '../../../src/index.js'
import { createEventStore, type Transaction } from '../../../src/postgres/index.js'

const [schema, memberArg, sizeArg] = process.argv.slice(2) as [string, string, string]
const pool = new pg.Pool({ connectionString: process.env.CREDIT_LEDGER_PG_URL, max: 2 })
const store = createEventStore(pool, { schema })
const stop = new AbortController()
process.on('SIGTERM', () => stop.abort())

async function handler(events: CreditEvent[], tx: Transaction): Promise<void> {
  const byAccount = new Map<string, CreditEvent[]>()
  for (const e of events) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e])
  for (const [accountId, mine] of byAccount) {
    const row = (await tx.query(`SELECT state, version FROM "${schema}".balances WHERE account_id = $1`, [accountId])).rows[0]
    const state = store.ledger.replay(mine, row ? parseState(row.state) : store.ledger.initialState)
    await tx.query(
      `INSERT INTO "${schema}".balances (account_id, version, available, state) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (account_id) DO UPDATE SET version = excluded.version, available = excluded.available, state = excluded.state`,
      [accountId, (row?.version ?? 0) + mine.length, store.ledger.balance(state).available, JSON.stringify(state)],
    )
  }
  // Slow enough that a kill lands in the middle of the run.
  await new Promise((resolve) => setTimeout(resolve, 5))
  process.stdout.write(`member ${memberArg}: ${events.length} events\n`)
}

const result = await store.consume({ group: 'balances', member: Number(memberArg), size: Number(sizeArg), batch: 20, follow: true, signal: stop.signal, pollIntervalMs: 20, handler })
console.log(`member ${memberArg} stopped after ${result.events} events`)
await pool.end()
