/**
 * An HTTP service over the PostgreSQL event store (`credit-ledger/postgres`),
 * with node:http and nothing else:
 *
 *   POST /accounts/:id/commands   a command as JSON → 201 and the events written,
 *                                 200 and [] for a retried command,
 *                                 4xx { code, message } for a refusal
 *   GET  /accounts/:id/balance    the balance as of the account's clock (or ?at=…)
 *
 * On PGlite (in-process) by default; on a real server when DATABASE_URL is set.
 * `npm run example:store` starts it on a free loopback port, plays a short
 * story against it (a purchase, a refusal, a retry, two requests racing) and
 * exits; `npm run example:store -- --serve [--port 8080]` keeps it running.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { isCreditLedgerError, type CreditLedgerError } from '../src/index.js'
import { createEventStore, type EventStore } from '../src/postgres/index.js'
import { openClient } from './lib/client.js'

/** Refusals of the rules are 422, races and repeats 409, bad requests 400. */
function statusOf(error: CreditLedgerError): number {
  switch (error.code) {
    case 'INVALID_COMMAND':
    case 'INVALID_ARGUMENT':
    case 'INVALID_EVENT':
    case 'ACCOUNT_MISMATCH':
      return 400
    case 'CONCURRENCY_CONFLICT':
    case 'IDEMPOTENCY_CONFLICT':
    case 'OUT_OF_ORDER':
    case 'DUPLICATE_EVENT':
      return 409
    default:
      return 422
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > 1_000_000) throw Object.assign(new Error('body too large'), { status: 413 })
    chunks.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw Object.assign(new Error('the body is not JSON'), { status: 400 })
  }
}

/** The service: routes to the store, errors to status codes. */
export function service(store: EventStore): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const match = /^\/accounts\/([^/]+)\/(commands|balance)$/.exec(url.pathname)
    try {
      if (match === null) return send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` })
      const accountId = decodeURIComponent(match[1]!)
      if (match[2] === 'commands' && req.method === 'POST') {
        const body = await readJson(req)
        // The path names the account; an `at` left out is now (the app's clock, not the library's).
        const command = typeof body === 'object' && body !== null ? { accountId, at: new Date().toISOString(), ...body } : body
        const events = await store.handle(command as never)
        return send(res, events.length > 0 ? 201 : 200, { events })
      }
      if (match[2] === 'balance' && req.method === 'GET') {
        const { state, version } = await store.load(accountId)
        const at = url.searchParams.get('at')
        const asOf = at !== null && state.clock !== null ? store.ledger.advanceTo(state, at) : state
        return send(res, 200, { accountId, version, clock: asOf.clock, ...store.ledger.balance(asOf) })
      }
      return send(res, 405, { code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on ${url.pathname}` })
    } catch (error) {
      if (isCreditLedgerError(error)) return send(res, statusOf(error), { code: error.code, message: error.message })
      const status = (error as { status?: number }).status
      if (status !== undefined) return send(res, status, { code: 'BAD_REQUEST', message: (error as Error).message })
      console.error(error)
      return send(res, 500, { code: 'INTERNAL', message: 'internal error' })
    }
  })
}

async function story(base: string, store: EventStore): Promise<void> {
  const acc = `acc-${Date.now().toString(36)}`
  let failures = 0
  const call = async (label: string, method: string, path: string, body: unknown, expected: number) => {
    const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    const json = (await res.json()) as Record<string, unknown>
    const shown = Array.isArray(json.events) ? `events: ${(json.events as { type: string; id: string }[]).map((e) => `${e.type} ${e.id}`).join(', ') || '[]'}` : JSON.stringify(json)
    console.log(`${label}\n   ${method} ${path}${body === undefined ? '' : ` ${JSON.stringify(body)}`}\n   → ${res.status} ${shown}`)
    if (res.status !== expected) {
      failures += 1
      console.error(`   ✗ expected ${expected}`)
    }
    return json
  }
  const commands = `/accounts/${acc}/commands`
  const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }

  await call('1. The customer subscribes to basic (100 credits a month).', 'POST', commands, { type: 'StartSubscription', id: 'req-1', at: '2025-03-01T09:00:00Z', data: { plan } }, 201)
  console.log('2. Two workers consume 70 and 20 credits at the same moment: whichever appends second meets a conflict, reloads and decides again.')
  await Promise.all([
    call('   worker A', 'POST', commands, { type: 'ConsumeCredits', id: 'req-2', at: '2025-03-02T10:00:00Z', data: { amount: 70 } }, 201),
    call('   worker B', 'POST', commands, { type: 'ConsumeCredits', id: 'req-other', at: '2025-03-02T10:00:00Z', data: { amount: 20, reason: 'other worker' } }, 201),
  ])
  await call('   the balance', 'GET', `/accounts/${acc}/balance`, undefined, 200)
  const big = { type: 'ConsumeCredits', id: 'req-3', data: { amount: 40, reason: 'video export' } }
  await call('3. A request for 40 more credits is refused, and nothing is written.', 'POST', commands, { ...big, at: '2025-03-03T12:00:00Z' }, 422)
  await call('4. The customer buys 50 extra credits.', 'POST', commands, { type: 'PurchaseExtraCredits', id: 'req-4', at: '2025-03-03T12:05:00Z', data: { quantity: 50 } }, 201)
  await call('5. The export req-3 is retried (a refused command left no trace, so its id is free) and succeeds.', 'POST', commands, { ...big, at: '2025-03-03T12:06:00Z' }, 201)
  await call('6. The client retries req-3 once more (a network timeout): the same command writes nothing.', 'POST', commands, { ...big, at: '2025-03-03T12:07:00Z' }, 200)
  await call('7. The same id with another command is a conflict.', 'POST', commands, { ...big, data: { amount: 41 }, at: '2025-03-03T12:08:00Z' }, 409)
  await call('8. A command of the wrong shape.', 'POST', commands, { type: 'ConsumeCredits', id: 'req-5', data: { amount: -3 } }, 400)
  const balance = await call('9. The balance, a month later (the subscription renewed; extra credits never expire).', 'GET', `/accounts/${acc}/balance?at=2025-04-01T09:00:00Z`, undefined, 200)
  const { version } = await store.load(acc)
  console.log(`   the stream holds ${version} events; available ${String(balance.available)}`)
  if (failures > 0 || balance.available !== 120 || version !== 5) throw new Error(`the story did not go as told (${failures} unexpected statuses)`)
}

const { values } = parseArgs({ options: { serve: { type: 'boolean', default: false }, port: { type: 'string', default: '0' } } })
const { client, close, name } = await openClient()
const store = createEventStore(client, { schema: 'credit_ledger_example' })
await store.migrate()
const server = service(store)
await new Promise<void>((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
console.log(`credit-ledger service on ${base}, events in ${name}`)
if (values.serve) {
  console.log(`try: curl -X POST ${base}/accounts/acc-1/commands -d '{"type":"StartSubscription","id":"r1","data":{"plan":{"id":"basic","monthlyCredits":100,"price":{"amount":2900,"currency":"USD"}}}}'`)
  process.on('SIGINT', () => server.close(() => void close()))
} else {
  try {
    await story(base, store)
  } finally {
    server.close()
    await close()
  }
}
