/**
 * The store's suite on a real PostgreSQL server through `pg`, when
 * CREDIT_LEDGER_PG_URL is set (.ci/run starts a throwaway cluster and sets
 * it: `bash .ci/with-postgres npx vitest run tests/postgres`). Once with a
 * Pool, once with a single Client; then what needs two connections at once:
 * a transaction that took its position early and commits late.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEventStore, type StoreClient } from '../../src/postgres/index.js'
import { freshSchema, storeSuite } from './storeSuite.js'

const url = process.env.CREDIT_LEDGER_PG_URL

describe.skipIf(!url)('a real PostgreSQL server (CREDIT_LEDGER_PG_URL)', () => {
  let pool: pg.Pool
  let single: pg.Client
  let admin: pg.Client

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url, max: 8 })
    single = new pg.Client({ connectionString: url })
    admin = new pg.Client({ connectionString: url })
    await Promise.all([single.connect(), admin.connect()])
  })

  afterAll(async () => {
    await Promise.all([pool?.end(), single?.end(), admin?.end()])
  })

  const query = (text: string, params?: unknown[]) => admin.query(text, params)
  storeSuite('pg Pool', { client: () => pool, query })
  storeSuite('pg Client', { client: () => single, query })

  it('does not skip a transaction that took its position earlier but commits later', async () => {
    const schema = freshSchema('late')
    const fast = createEventStore(pool, { schema })
    await fast.migrate()
    // A connection whose COMMIT waits until we let it go: its transaction has written its event
    // (a global_position and a transaction id) but is still open.
    const slowConnection = new pg.Client({ connectionString: url })
    await slowConnection.connect()
    let reachedCommit!: () => void
    const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve))
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slowClient: StoreClient = {
      async query(text: string, params?: unknown[]) {
        if (text === 'COMMIT') {
          reachedCommit()
          await gate
        }
        return slowConnection.query(text, params)
      },
    }
    const slow = createEventStore(slowClient, { schema })
    const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
    try {
      const early = slow.handle({ type: 'StartSubscription', id: 'early', accountId: 'acc-a', at: '2025-01-01T00:00:00Z', data: { plan } })
      await atCommit
      await fast.handle({ type: 'StartSubscription', id: 'late', accountId: 'acc-b', at: '2025-01-01T00:00:00Z', data: { plan } })
      // 'late' is committed and readable; 'early' took the smaller position and is not committed yet.
      expect((await admin.query(`SELECT id FROM "${schema}".events`)).rows.map((r) => r.id)).toEqual(['late'])
      const seen: string[] = []
      const handler = (events: { id: string }[]) => void seen.push(...events.map((e) => e.id))
      expect(await fast.consume({ group: 'g', member: 0, size: 1, handler })).toEqual({ events: 0, batches: 0 })
      release()
      await early
      const positions = (await admin.query(`SELECT id FROM "${schema}".events ORDER BY global_position`)).rows.map((r) => r.id)
      expect(positions).toEqual(['early', 'late'])
      await fast.consume({ group: 'g', member: 0, size: 1, handler })
      expect(seen).toEqual(['early', 'late'])
    } finally {
      release()
      await slowConnection.end()
    }
  })

  it('lets two processes run the same member one batch at a time, without handling an event twice', async () => {
    const schema = freshSchema('twice')
    const store = createEventStore(pool, { schema })
    await store.migrate()
    const plan = { id: 'basic', monthlyCredits: 1000, price: { amount: 2900, currency: 'USD' } }
    for (let a = 0; a < 10; a++) {
      await store.handle({ type: 'StartSubscription', id: `s-${a}`, accountId: `acc-${a}`, at: '2025-01-01T00:00:00Z', data: { plan } })
      for (let i = 1; i <= 5; i++) {
        await store.handle({ type: 'ConsumeCredits', id: `c-${a}-${i}`, accountId: `acc-${a}`, at: `2025-01-0${1 + i}T00:00:00Z`, data: { amount: 1 } })
      }
    }
    const seen: string[] = []
    const handler = async (events: { id: string }[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      seen.push(...events.map((e) => e.id))
    }
    const [a, b] = await Promise.all([0, 1].map(() => store.consume({ group: 'g', member: 0, size: 1, batch: 4, handler })))
    expect(a!.events + b!.events).toBe(60)
    expect(seen.length).toBe(60)
    expect(new Set(seen).size).toBe(60)
  })
})
