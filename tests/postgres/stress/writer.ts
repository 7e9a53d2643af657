/**
 * One writer process of the stress test (run.ts): sends commands to the
 * same few accounts as the other writers, through `handle`, and writes what
 * became of each command to a JSON file for run.ts to check.
 *   node --import tsx writer.ts <schema> <writer index> <commands> <accounts> <out.json>
 */
import { writeFileSync } from 'node:fs'
import pg from 'pg'
import { isCreditLedgerError, type CreditCommand } from '../../../src/index.js'
import { createEventStore } from '../../../src/postgres/index.js'

const [schema, indexArg, commandsArg, accountsArg, out] = process.argv.slice(2) as [string, string, string, string, string]
const w = Number(indexArg)
const pool = new pg.Pool({ connectionString: process.env.CREDIT_LEDGER_PG_URL, max: 2 })
const store = createEventStore(pool, { schema, snapshotEvery: 7 })
const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }

let seed = 1 + w * 7919
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)

export interface Outcome {
  id: string
  accountId: string
  result: 'written' | 'empty' | string
}

const outcomes: Outcome[] = []
const sent: CreditCommand[] = []
const accounts = Array.from({ length: Number(accountsArg) }, (_, a) => `acc-${a}`)

async function send(command: CreditCommand): Promise<void> {
  try {
    const events = await store.handle(command, { maxAttempts: 100 })
    outcomes.push({ id: command.id, accountId: command.accountId, result: events.length > 0 ? 'written' : 'empty' })
  } catch (error) {
    if (!isCreditLedgerError(error)) throw error
    outcomes.push({ id: command.id, accountId: command.accountId, result: error.code })
  }
}

// Every writer subscribes every account with the same command: one writes it, the others get [].
for (const accountId of accounts) {
  await send({ type: 'StartSubscription', id: `start-${accountId}`, accountId, at: '2025-01-01T00:00:00.000Z', data: { plan } })
}
for (let i = 0; i < Number(commandsArg); i++) {
  const accountId = accounts[Math.floor(random() * accounts.length)]!
  // Time moves on with the wall clock, so writers race: one that is overtaken gets OUT_OF_ORDER.
  const at = new Date().toISOString()
  const r = random()
  let command: CreditCommand
  if (r < 0.1 && sent.length > 0) command = sent[Math.floor(random() * sent.length)]! // the same command again
  else if (r < 0.25) command = { type: 'ConsumeCredits', id: `shared-${accountId}-${i % 20}`, accountId, at, data: { amount: 3 } } // sent by every writer
  else if (r < 0.4) command = { type: 'PurchaseExtraCredits', id: `w${w}-${i}`, accountId, at, data: { quantity: 10 + Math.floor(random() * 40) } }
  else command = { type: 'ConsumeCredits', id: `w${w}-${i}`, accountId, at, data: { amount: 1 + Math.floor(random() * 30) } }
  sent.push(command)
  await send(command)
}
writeFileSync(out, JSON.stringify(outcomes))
await pool.end()
