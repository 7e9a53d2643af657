// Imports the built package through its ESM entry points, as an app would.
import assert from 'node:assert/strict'
import { replay, balance, parseEvent, isCreditLedgerError, initialState, CreditLedgerError, InvalidArgumentError } from 'credit-ledger'
import * as testing from 'credit-ledger/testing'
import { createEventStore } from 'credit-ledger/postgres'
import { PGlite } from '@electric-sql/pglite'

const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
const events = [
  { type: 'SubscriptionStarted', id: 'e1', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { plan } },
  { type: 'CreditsConsumed', id: 'e2', accountId: 'a', at: '2025-01-02T00:00:00Z', data: { amount: 30 } },
].map(parseEvent)
const state = replay(events)
assert.equal(balance(state).available, 70)
assert.ok(Object.isFrozen(initialState))
assert.throws(() => parseEvent({}), (e) => isCreditLedgerError(e) && e.code === 'INVALID_EVENT')
assert.equal(typeof testing, 'object')
// One copy of the error classes between the entry points: an error thrown through
// credit-ledger/testing is an instance of the classes of credit-ledger.
let thrown = null
try {
  testing.history('a').consume(1, 'not an instant')
} catch (error) {
  thrown = error
}
assert.ok(thrown instanceof CreditLedgerError, `not a CreditLedgerError of credit-ledger: ${thrown}`)
assert.ok(thrown instanceof InvalidArgumentError)
assert.equal(JSON.parse(JSON.stringify(thrown)).code, 'INVALID_ARGUMENT')
// The PostgreSQL store, on PGlite: a command in, the state back out.
const db = await PGlite.create()
const store = createEventStore(db)
await store.migrate()
await store.handle({ type: 'StartSubscription', id: 'c1', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { plan } })
assert.equal(balance((await store.load('a')).state).available, 100)
await db.close()
console.log('esm smoke: ok')
