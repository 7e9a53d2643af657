/**
 * A consumer group keeping a balances table up to date from the event log
 * (`credit-ledger/postgres`). Each of three members owns the accounts whose
 * hash falls to it; each batch's rows and the member's checkpoint commit in
 * one transaction, so a member that dies and starts again neither loses nor
 * double-counts an event.
 *
 * On PGlite (in-process) by default; on a real server when DATABASE_URL is
 * set. `npm run example:consumers` writes commands for a few accounts, runs
 * the group until it is caught up, writes more, catches up again, checks
 * every balance against `load`, and exits. `-- --follow` keeps the members
 * following the log until Ctrl-C.
 */
import { parseArgs } from 'node:util'
import { parseState, type CreditEvent } from '../src/index.js'
import { createEventStore, type EventStore, type Transaction } from '../src/postgres/index.js'
import { openClient } from './lib/client.js'

const SIZE = 3
const schema = 'credit_ledger_consumers_example'

/** The read model: one row per account, folded forward from its last state, in the batch's transaction. */
function balancesHandler(store: EventStore, member: number, log: boolean) {
  return async (events: CreditEvent[], tx: Transaction): Promise<void> => {
    const byAccount = new Map<string, CreditEvent[]>()
    for (const e of events) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e])
    for (const [accountId, mine] of byAccount) {
      const { rows } = await tx.query(`SELECT state, version FROM ${schema}.balances WHERE account_id = $1`, [accountId])
      const before = rows[0] === undefined ? store.ledger.initialState : parseState(rows[0].state)
      const state = store.ledger.replay(mine, before)
      const b = store.ledger.balance(state)
      await tx.query(
        `INSERT INTO ${schema}.balances (account_id, version, available, extra, as_of, state) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
         ON CONFLICT (account_id) DO UPDATE SET version = excluded.version, available = excluded.available, extra = excluded.extra, as_of = excluded.as_of, state = excluded.state`,
        [accountId, (rows[0]?.version ?? 0) + mine.length, b.available, b.bySource.extra, state.clock, JSON.stringify(state)],
      )
    }
    if (log) console.log(`   member ${member}: ${events.length} events of ${byAccount.size} accounts`)
  }
}

async function writeSome(store: EventStore, accounts: number, round: number): Promise<number> {
  const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
  let written = 0
  for (let a = 0; a < accounts; a++) {
    const accountId = `customer-${a}`
    const at = (h: number) => new Date(Date.UTC(2025, 2, 1 + round, h)).toISOString()
    if (round === 0) written += (await store.handle({ type: 'StartSubscription', id: `start-${a}`, accountId, at: at(8), data: { plan } })).length
    written += (await store.handle({ type: 'ConsumeCredits', id: `use-${a}-${round}`, accountId, at: at(9), data: { amount: 1 + ((a * 7 + round) % 20) } })).length
    if (a % 4 === round % 4) written += (await store.handle({ type: 'PurchaseExtraCredits', id: `buy-${a}-${round}`, accountId, at: at(10), data: { quantity: 25 } })).length
  }
  return written
}

const { values } = parseArgs({ options: { follow: { type: 'boolean', default: false }, accounts: { type: 'string', default: '12' } } })
const { client, close, name } = await openClient()
const store = createEventStore(client, { schema })
await store.migrate()
await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.balances (account_id text PRIMARY KEY, version int NOT NULL, available int NOT NULL, extra int NOT NULL, as_of text, state jsonb NOT NULL)`)
await client.query(`TRUNCATE ${schema}.balances, ${schema}.checkpoints, ${schema}.snapshots, ${schema}.events`)
console.log(`events in ${name}; a consumer group "balances" of ${SIZE} members`)

const accounts = Number(values.accounts)
const runGroup = (options: { follow?: boolean; signal?: AbortSignal } = {}) =>
  Promise.all(
    Array.from({ length: SIZE }, (_, member) =>
      store.consume({ group: 'balances', member, size: SIZE, batch: 10, handler: balancesHandler(store, member, true), pollIntervalMs: 200, ...options }),
    ),
  )

console.log(`1. ${await writeSome(store, accounts, 0)} events written for ${accounts} accounts; the group catches up:`)
let results = await runGroup()
console.log(`   handled ${results.map((r, m) => `member ${m}: ${r.events}`).join(', ')}`)
console.log(`2. ${await writeSome(store, accounts, 1)} more events; the group handles only those:`)
results = await runGroup()
console.log(`   handled ${results.map((r, m) => `member ${m}: ${r.events}`).join(', ')}`)

const { rows } = await client.query(`SELECT account_id, version, available, extra, as_of FROM ${schema}.balances ORDER BY account_id`)
console.log('3. The balances table, checked against load():')
let wrong = 0
for (const row of rows) {
  const { state, version } = await store.load(row.account_id)
  const ok = version === row.version && store.ledger.balance(state).available === row.available
  if (!ok) wrong += 1
  console.log(`   ${row.account_id.padEnd(12)} v${String(row.version).padEnd(3)} available ${String(row.available).padStart(4)} (extra ${String(row.extra).padStart(3)}) as of ${row.as_of} ${ok ? '✓' : '✗ load() says otherwise'}`)
}
if (wrong > 0 || rows.length !== accounts) throw new Error(`${wrong} balances differ from load(); ${rows.length} rows for ${accounts} accounts`)

if (values.follow) {
  console.log('4. Following the log (Ctrl-C to stop); append through example:store or SQL to see it move.')
  const stop = new AbortController()
  process.on('SIGINT', () => stop.abort())
  await runGroup({ follow: true, signal: stop.signal })
}
await close()
