/**
 * The stress test of .ci/run, against the real server of CREDIT_LEDGER_PG_URL:
 *  1. four writer processes send commands to the same accounts through
 *     `handle` (conflicts and retries, refusals, the same command from
 *     several writers and again from one), while
 *  2. three consumer processes follow the log into a balances table; the one
 *     that owns the most accounts is killed with SIGKILL in the middle and
 *     started again.
 * Then: no accepted command is lost or doubled, every stream replays to what
 * `load` returns, and every account's balance in the table equals its replay.
 *   node --import tsx tests/postgres/stress/run.ts [--writers 4] [--commands 100] [--accounts 6]
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual, parseArgs } from 'node:util'
import pg from 'pg'
import { balance, replay } from '../../../src/index.js'
import { createEventStore } from '../../../src/postgres/index.js'
import { memberOf } from '../memberOf.js'
import type { Outcome } from './writer.js'

const { values } = parseArgs({ options: { writers: { type: 'string', default: '4' }, commands: { type: 'string', default: '100' }, accounts: { type: 'string', default: '6' } } })
const WRITERS = Number(values.writers)
const CONSUMERS = 3
const url = process.env.CREDIT_LEDGER_PG_URL
if (!url) throw new Error('CREDIT_LEDGER_PG_URL is not set (bash .ci/with-postgres node --import tsx tests/postgres/stress/run.ts)')
const here = new URL('.', import.meta.url).pathname
const schema = `stress_${process.pid}`
const pool = new pg.Pool({ connectionString: url, max: 4 })
const store = createEventStore(pool, { schema })
const failures: string[] = []
const check = (ok: boolean, message: string) => void (ok || failures.push(message))

await store.migrate()
await pool.query(`CREATE TABLE "${schema}".balances (account_id text PRIMARY KEY, version int NOT NULL, available int NOT NULL, state jsonb NOT NULL)`)

function start(file: string, args: string[], name: string): ChildProcess & { done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, file), ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let lines = 0
  child.stdout!.on('data', (chunk: Buffer) => (lines += chunk.toString().split('\n').length - 1))
  const done = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)))
  Object.defineProperty(child, 'lines', { get: () => lines })
  return Object.assign(child, { done, name })
}

const consumers = Array.from({ length: CONSUMERS }, (_, m) => start('consumer.ts', [schema, String(m), String(CONSUMERS)], `consumer ${m}`))
const dir = mkdtempSync(join(tmpdir(), 'credit-ledger-stress-'))
const t0 = performance.now()
const writers = Array.from({ length: WRITERS }, (_, w) => start('writer.ts', [schema, String(w), values.commands, values.accounts, join(dir, `w${w}.json`)], `writer ${w}`))

// Kill the member that owns the most accounts once it has committed a few batches, then start it again.
const owned = Array.from({ length: CONSUMERS }, (_, m) => Array.from({ length: Number(values.accounts) }, (_, a) => memberOf(`acc-${a}`, CONSUMERS)).filter((x) => x === m).length)
const v = owned.indexOf(Math.max(...owned))
const victim = consumers[v]!
const batchesOf = (c: ChildProcess) => (c as unknown as { lines: number }).lines
for (let i = 0; i < 2400 && batchesOf(victim) < 2; i++) await new Promise((r) => setTimeout(r, 50))
check(batchesOf(victim) >= 2, `consumer ${v} committed no batch in 120 s`)
const stillWriting = (await Promise.race([Promise.all(writers.map((w) => w.done)).then(() => false), new Promise((r) => setTimeout(() => r(true), 0))])) as boolean
victim.kill('SIGKILL')
check((await victim.done) === null, `consumer ${v} was not killed by SIGKILL`)
console.log(`killed consumer ${v} (SIGKILL) after ${batchesOf(victim)} batches${stillWriting ? ', while the writers write' : ''}; starting it again`)
consumers[v] = start('consumer.ts', [schema, String(v), String(CONSUMERS)], `consumer ${v} (again)`)

for (const writer of writers) check((await writer.done) === 0, 'a writer failed')
const seconds = (performance.now() - t0) / 1000

// 1. Commands: none lost, none doubled.
const outcomes: Outcome[] = writers.flatMap((_, w) => JSON.parse(readFileSync(join(dir, `w${w}.json`), 'utf8')) as Outcome[])
rmSync(dir, { recursive: true, force: true })
const tally = new Map<string, number>()
for (const o of outcomes) tally.set(o.result, (tally.get(o.result) ?? 0) + 1)
const unexpected = [...tally.keys()].filter((r) => !['written', 'empty', 'INSUFFICIENT_CREDITS', 'OUT_OF_ORDER', 'CONCURRENCY_CONFLICT'].includes(r))
check(unexpected.length === 0, `unexpected outcomes: ${unexpected.join(', ')}`)
const rows = (await pool.query(`SELECT account_id, id FROM "${schema}".events`)).rows as { account_id: string; id: string }[]
const stored = new Set(rows.map((r) => `${r.account_id}/${r.id}`))
const written = outcomes.filter((o) => o.result === 'written').map((o) => `${o.accountId}/${o.id}`)
check(new Set(written).size === written.length, 'a command was written twice')
check(written.length === rows.length, `${written.length} commands written, ${rows.length} events stored`)
check(written.every((k) => stored.has(k)), 'a written command is missing from the log')
check(outcomes.filter((o) => o.result === 'empty').every((o) => stored.has(`${o.accountId}/${o.id}`)), 'a command answered [] is not in the log')

// 2. Every stream replays to what load returns.
const accounts = [...new Set(rows.map((r) => r.account_id))].sort()
const expected = new Map<string, { version: number; available: number }>()
for (const accountId of accounts) {
  const events = await store.readStream(accountId)
  const loaded = await store.load(accountId)
  const state = replay(events)
  check(loaded.version === events.length && isDeepStrictEqual(loaded.state, state), `load(${accountId}) differs from the replay of its stream`)
  expected.set(accountId, { version: events.length, available: balance(state).available })
}

// 3. The consumers catch up; the balances table equals the replays.
const deadline = Date.now() + 120_000
let applied = 0
while (Date.now() < deadline) {
  applied = Number((await pool.query(`SELECT coalesce(sum(version), 0)::int AS n FROM "${schema}".balances`)).rows[0].n)
  if (applied >= rows.length) break
  await new Promise((r) => setTimeout(r, 100))
}
for (const consumer of consumers) consumer.kill('SIGTERM')
for (const consumer of consumers) check((await consumer.done) === 0, `${(consumer as unknown as { name: string }).name} did not stop cleanly`)
check(applied === rows.length, `the consumers applied ${applied} events of ${rows.length}`)
const balances = (await pool.query(`SELECT account_id, version, available FROM "${schema}".balances ORDER BY account_id`)).rows
check(balances.length === accounts.length, `${balances.length} balances for ${accounts.length} accounts`)
for (const b of balances) {
  const e = expected.get(b.account_id)
  check(e !== undefined && e.version === b.version && e.available === b.available, `balance of ${b.account_id}: ${JSON.stringify(b)} but its replay gives ${JSON.stringify(e)}`)
}

console.log(`${WRITERS} writers, ${outcomes.length} commands in ${seconds.toFixed(1)} s on ${accounts.length} accounts: ${[...tally].map(([k, v]) => `${v} ${k}`).join(', ')}`)
console.log(`${rows.length} events; ${CONSUMERS} consumers (one killed and restarted) applied ${applied}; ${balances.length} balances equal to their replays`)
await pool.query(`DROP SCHEMA "${schema}" CASCADE`)
await pool.end()
if (failures.length > 0) {
  console.error(`stress test FAILED:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log('stress test: ok')
