/**
 * An in-memory event store and a request handler: load → replay → decide →
 * append, with optimistic concurrency on the stream length. Run it with
 * `npm run example:store`.
 */
import { decide, isCreditLedgerError, quoteExtraCredits, replay, balance, advanceTo, type CreditCommand, type CreditEvent, type InsufficientCreditsError, type Plan } from '../src/index.js'

/** A stream per account; `append` fails when the stream is not at the expected length. */
class InMemoryEventStore {
  private readonly streams = new Map<string, CreditEvent[]>()
  /** A hook to simulate another process appending between our load and our append. */
  beforeAppend: ((accountId: string) => void) | null = null

  load(accountId: string): { events: readonly CreditEvent[]; version: number } {
    const events = this.streams.get(accountId) ?? []
    return { events: [...events], version: events.length }
  }

  append(accountId: string, expectedVersion: number, events: readonly CreditEvent[]): number {
    const hook = this.beforeAppend
    this.beforeAppend = null
    hook?.(accountId)
    const stream = this.streams.get(accountId) ?? []
    if (stream.length !== expectedVersion) throw new ConcurrencyError(accountId, expectedVersion, stream.length)
    stream.push(...events)
    this.streams.set(accountId, stream)
    return stream.length
  }
}

class ConcurrencyError extends Error {
  constructor(accountId: string, expected: number, actual: number) {
    super(`stream ${accountId} is at version ${actual}, expected ${expected}`)
  }
}

/** Decides a command against the current stream and appends the result; retried on a concurrent append. */
function handle(store: InMemoryEventStore, command: CreditCommand, maxAttempts = 3): readonly CreditEvent[] {
  for (let attempt = 1; ; attempt++) {
    const { events, version } = store.load(command.accountId)
    const state = replay(events)
    const decided = decide(command, state) // throws a CreditLedgerError when refused
    try {
      store.append(command.accountId, version, decided)
      return decided
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt === maxAttempts) throw error
      console.log(`  ↻ ${error.message}: reload and decide again (attempt ${attempt + 1})`)
    }
  }
}

function show(store: InMemoryEventStore, accountId: string, at: string): string {
  const b = balance(advanceTo(replay(store.load(accountId).events), at))
  return `available ${b.available} (subscription ${b.bySource.subscription}, extra ${b.bySource.extra})`
}

const store = new InMemoryEventStore()
const basic: Plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
const acc = 'acc-42'

console.log('1. The customer subscribes to basic (100 credits a month).')
handle(store, { type: 'StartSubscription', id: 'req-1', accountId: acc, at: '2025-03-01T09:00:00Z', data: { plan: basic } })
console.log(`   ${show(store, acc, '2025-03-01T09:00:00Z')}`)

console.log('2. A job consumes 70 credits, while another process appends a 20-credit consumption concurrently.')
store.beforeAppend = (accountId) => {
  const { version, events } = store.load(accountId)
  const other = decide(
    { type: 'ConsumeCredits', id: 'req-other', accountId, at: '2025-03-02T10:00:00Z', data: { amount: 20, reason: 'other worker' } },
    replay(events),
  )
  store.append(accountId, version, other)
}
handle(store, { type: 'ConsumeCredits', id: 'req-2', accountId: acc, at: '2025-03-02T10:00:01Z', data: { amount: 70 } })
console.log(`   ${show(store, acc, '2025-03-02T10:00:01Z')}`)

const big: CreditCommand = { type: 'ConsumeCredits', id: 'req-3', accountId: acc, at: '2025-03-03T12:00:00Z', data: { amount: 40, reason: 'video export' } }
console.log('3. A request for 40 more credits:')
try {
  handle(store, big)
} catch (error) {
  if (!isCreditLedgerError(error) || error.code !== 'INSUFFICIENT_CREDITS') throw error
  const { requested, available } = error as InsufficientCreditsError
  console.log(`   refused: ${error.code} (requested ${requested}, available ${available}); nothing was appended`)
}

const quantity = 50
const price = quoteExtraCredits(quantity)
console.log(`4. The customer buys ${quantity} extra credits for ${price.currency} ${(price.amount / 100).toFixed(2)}.`)
handle(store, { type: 'PurchaseExtraCredits', id: 'req-4', accountId: acc, at: '2025-03-03T12:05:00Z', data: { quantity } })
console.log(`   ${show(store, acc, '2025-03-03T12:05:00Z')}`)

console.log('5. The export request req-3 is retried (a refused command left no trace, so its id is free) and succeeds:')
const retried = handle(store, { ...big, at: '2025-03-03T12:06:00Z' })
console.log(`   appended ${retried.map((e) => `${e.type} ${e.id}`).join(', ')}; ${show(store, acc, '2025-03-03T12:06:00Z')}`)

console.log('6. The client retries req-3 once more (a network timeout): the same command yields no new events.')
const again = handle(store, { ...big, at: '2025-03-03T12:07:00Z' })
console.log(`   appended ${again.length} events; stream length ${store.load(acc).version}`)
