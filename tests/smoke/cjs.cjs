// Requires the built package through its CommonJS entry points, as an older app would.
const assert = require('node:assert/strict')
const { replay, balance, parseEvent, isCreditLedgerError, CreditLedgerError, InvalidArgumentError } = require('credit-ledger')
const testing = require('credit-ledger/testing')
const { createEventStore } = require('credit-ledger/postgres')

const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
const events = [
  { type: 'SubscriptionStarted', id: 'e1', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { plan } },
  { type: 'ExtraCreditsPurchased', id: 'e2', accountId: 'a', at: '2025-01-02T00:00:00Z', data: { quantity: 3, unitPrice: { amount: 125, currency: 'USD' } } },
].map(parseEvent)
const state = replay(events)
assert.equal(balance(state).available, 103)
assert.deepEqual(state.totals.charged, { amount: 3275, currency: 'USD' })
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
assert.throws(() => createEventStore({ query() {} }, { snapshotEvery: 0 }), (e) => isCreditLedgerError(e) && e.code === 'INVALID_OPTIONS')
console.log('cjs smoke: ok')
