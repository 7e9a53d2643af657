/**
 * The store's suite, run against every client the store takes: PGlite in
 * `npm test` (pglite.test.ts), and a real PostgreSQL server through `pg`
 * (server.test.ts, when CREDIT_LEDGER_PG_URL is set, as in .ci/run).
 */
import { describe, expect, it } from 'vitest'
import { replay, type CreditCommand, type CreditEvent, type InsufficientCreditsError } from '../../src/index.js'
import { createEventStore, type EventStoreOptions, type StoreClient, type Transaction } from '../../src/postgres/index.js'
import { history } from '../../src/testing/index.js'
import { expectRejection } from '../support/assertions.js'
import { memberOf } from './memberOf.js'
import { BASIC, PRO } from '../support/plans.js'

/** What a suite run needs from its database. */
export interface SuiteDatabase {
  /** The client under test (shared by the suite's stores). */
  client(): StoreClient
  /** Runs SQL outside the store (to look at its tables). */
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>
}

let schemas = 0
/** A schema of its own for each test, so tests never see each other's rows. */
export function freshSchema(prefix = 't'): string {
  schemas += 1
  return `${prefix}_${process.pid}_${schemas}_${Date.now() % 100000}`
}

/**
 * A client that runs `hook` before each transaction the store starts on it
 * (before BEGIN): the hook stands for another process appending between the
 * store's load and its append.
 */
export function beforeEachTransaction(client: StoreClient, hook: () => Promise<void>): StoreClient {
  const c = client as any
  if (typeof c.transaction === 'function') {
    return { query: (t: string, p?: unknown[]) => c.query(t, p), transaction: async (cb: any) => (await hook(), c.transaction(cb)) } as StoreClient
  }
  if (typeof c.connect === 'function' && typeof c.totalCount === 'number') {
    return { query: (t: string, p?: unknown[]) => c.query(t, p), totalCount: 0, connect: async () => (await hook(), c.connect()) } as StoreClient
  }
  return { query: async (t: string, p?: unknown[]) => (t === 'BEGIN' && (await hook()), c.query(t, p)) } as StoreClient
}

/**
 * A client that runs `hook` inside each of the store's transactions, just
 * before the stream's version is read: a writer that does not take the
 * stream's lock (raw SQL), to force conflicts.
 */
export function beforeVersionCheck(client: StoreClient, hook: (query: (text: string, params?: unknown[]) => Promise<unknown>) => Promise<void>): StoreClient {
  const c = client as any
  const wrap = (q: (t: string, p?: unknown[]) => Promise<any>) => async (t: string, p?: unknown[]) => {
    if (t.startsWith('SELECT coalesce(max(seq), 0)::int AS version')) await hook(q)
    return q(t, p)
  }
  if (typeof c.transaction === 'function') {
    return { query: (t: string, p?: unknown[]) => c.query(t, p), transaction: (cb: any) => c.transaction((tx: any) => cb({ query: wrap((t, p) => tx.query(t, p)) })) } as StoreClient
  }
  if (typeof c.connect === 'function' && typeof c.totalCount === 'number') {
    return {
      query: (t: string, p?: unknown[]) => c.query(t, p),
      totalCount: 0,
      connect: async () => {
        const conn = await c.connect()
        return { query: wrap((t, p) => conn.query(t, p)), release: (e?: unknown) => conn.release(e) }
      },
    } as StoreClient
  }
  return { query: wrap((t, p) => c.query(t, p)) } as StoreClient
}

const ACC = 'acc-1'
const start = (id: string, at: string, accountId = ACC): CreditCommand => ({ type: 'StartSubscription', id, accountId, at, data: { plan: BASIC } })
const consume = (id: string, at: string, amount: number, accountId = ACC): CreditCommand => ({ type: 'ConsumeCredits', id, accountId, at, data: { amount } })


/** Defines the suite for one database. */
export function storeSuite(name: string, db: SuiteDatabase): void {
  async function newStore(options: EventStoreOptions = {}, client: StoreClient = db.client()) {
    const store = createEventStore(client, { schema: freshSchema(), ...options })
    await store.migrate()
    return store
  }

  async function count(schema: string, table: string): Promise<number> {
    return Number((await db.query(`SELECT count(*)::int AS n FROM "${schema}".${table}`)).rows[0].n)
  }

  describe(`${name}: migrate`, () => {
    it('creates the tables of SPEC §10, and runs again and concurrently without harm', async () => {
      const schema = freshSchema()
      const stores = [1, 2, 3].map(() => createEventStore(db.client(), { schema }))
      await Promise.all(stores.map((s) => s.migrate()))
      await stores[0]!.migrate()
      const { rows } = await db.query(
        `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
        [schema],
      )
      const columns = (table: string) => rows.filter((r) => r.table_name === table).map((r) => `${r.column_name} ${r.data_type}`)
      expect(columns('events')).toEqual([
        'global_position bigint',
        'account_id text',
        'seq integer',
        'id text',
        'type text',
        'at text',
        'data jsonb',
        'meta jsonb',
        'transaction_id xid8',
        'recorded_at timestamp with time zone',
      ])
      expect(columns('snapshots').slice(0, 3)).toEqual(['account_id text', 'seq integer', 'state jsonb'])
      expect(columns('checkpoints').slice(0, 3)).toEqual(['group_name text', 'member integer', 'size integer'])
      expect(columns('checkpoints')).toContain('position bigint')
      // The data survives a second migration.
      await stores[1]!.handle(start('c1', '2025-01-01T00:00:00Z'))
      await stores[2]!.migrate()
      expect((await stores[0]!.load(ACC)).version).toBe(1)
    })

    it('refuses a schema name that is not a plain identifier, and a bad snapshotEvery', () => {
      for (const schema of ['Credit', 'a-b', 'x"; drop table y; --', '', '1abc']) {
        expect(() => createEventStore(db.client(), { schema })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', field: 'schema' }))
      }
      for (const snapshotEvery of [0, -1, 1.5, Number.NaN]) {
        expect(() => createEventStore(db.client(), { snapshotEvery })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', field: 'snapshotEvery' }))
      }
      expect(() => createEventStore({} as StoreClient)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    })
  })

  describe(`${name}: append, load, readStream`, () => {
    const events = history(ACC).start(BASIC, '2025-01-01T09:00:00Z').consume(10).buyExtra(5).consume(30, '+3d').upgrade(PRO, '+1w').consume(200).events

    it('appends at the expected version and refuses a stale one, writing nothing', async () => {
      const store = await newStore()
      expect(await store.append(ACC, 0, events.slice(0, 2))).toBe(2)
      const stale = await expectRejection(store.append(ACC, 1, events.slice(2, 3)), 'CONCURRENCY_CONFLICT')
      expect(stale.message).toContain('is at version 2, expected version 1')
      await expectRejection(store.append(ACC, 3, events.slice(2, 3)), 'CONCURRENCY_CONFLICT')
      await expectRejection(store.append(ACC, 0, events.slice(0, 1)), 'CONCURRENCY_CONFLICT')
      expect(await store.readStream(ACC)).toEqual(events.slice(0, 2))
      expect(await store.append(ACC, 2, events.slice(2))).toBe(events.length)
      expect(await store.readStream(ACC)).toEqual(events)
      expect(await count(store.schema, 'events')).toBe(events.length)
    })

    it('refuses events that do not continue the stream, writing none of the batch', async () => {
      const store = await newStore()
      await store.append(ACC, 0, events.slice(0, 3))
      const later = events[3]!
      const tooEarly = { ...later, id: 'early', at: '2024-12-31T00:00:00Z' }
      await expectRejection(store.append(ACC, 3, [later, tooEarly]), 'OUT_OF_ORDER')
      await expectRejection(store.append(ACC, 3, [later, { ...events[1]!, at: later.at }]), 'DUPLICATE_EVENT')
      await expectRejection(store.append(ACC, 3, [{ ...later, accountId: 'acc-2' }]), 'ACCOUNT_MISMATCH')
      await expectRejection(store.append(ACC, 3, [later, { ...later, id: 'x', data: { amount: -1 } }]), 'INVALID_EVENT')
      await expectRejection(store.append(ACC, 3, [{ ...later, extra: 1 }]), 'INVALID_EVENT')
      await expectRejection(store.append(ACC, 3, [{ ...later, type: 'SubscriptionStarted', data: { plan: BASIC } }]), 'SUBSCRIPTION_ACTIVE')
      expect(await store.readStream(ACC)).toEqual(events.slice(0, 3))
      expect(await count(store.schema, 'events')).toBe(3)
      // An id reused past the idempotency window is refused by the table's unique (account_id, id).
      const farLater = { ...later, id: events[0]!.id, at: '2026-01-01T00:00:00Z' }
      await expectRejection(store.append(ACC, 3, [farLater]), 'DUPLICATE_EVENT')
      expect(await count(store.schema, 'events')).toBe(3)
    })

    it("refuses events of another account, also on a new stream", async () => {
      const store = await newStore()
      const other = history('acc-2').start(BASIC, '2025-01-01T09:00:00Z').events
      const error = await expectRejection(store.append(ACC, 0, other), 'ACCOUNT_MISMATCH')
      expect(error.eventId).toBe(other[0]!.id)
      expect(await count(store.schema, 'events')).toBe(0)
    })

    it('refuses bad arguments with INVALID_ARGUMENT', async () => {
      const store = await newStore()
      await expectRejection(store.append('', 0, []), 'INVALID_ARGUMENT')
      await expectRejection(store.append(ACC, -1, []), 'INVALID_ARGUMENT')
      await expectRejection(store.append(ACC, 0, 'x' as never), 'INVALID_ARGUMENT')
      await expectRejection(store.load(42 as never), 'INVALID_ARGUMENT')
      await expectRejection(store.readStream(ACC, { fromVersion: 1.5 }), 'INVALID_ARGUMENT')
      await expectRejection(store.handle(consume('c', '2025-01-01T00:00:00Z', 1), { maxAttempts: 0 }), 'INVALID_ARGUMENT')
      await expectRejection(store.handle({ type: 'Nope' } as never), 'INVALID_COMMAND')
    })

    it('returns the events exactly as written: at as given, meta only when present, from a version', async () => {
      const store = await newStore()
      const written: CreditEvent[] = [
        { ...events[0]!, at: '2025-01-01T14:30+05:30', meta: { requestId: 'r-1', nested: { list: [1, 'two', null], flag: true } } },
        { ...events[1]!, at: '2025-01-02T10:00:00.123456-02:00' },
        { ...events[2]!, at: '2025-01-03T00:00:00.5Z', meta: {} },
      ] as CreditEvent[]
      await store.append(ACC, 0, written)
      const read = await store.readStream(ACC)
      expect(read).toEqual(written)
      expect(read.map((e) => e.at)).toEqual(written.map((e) => e.at))
      expect('meta' in read[1]!).toBe(false)
      expect(await store.readStream(ACC, { fromVersion: 2 })).toEqual(written.slice(2))
      expect(await store.readStream(ACC, { fromVersion: 3 })).toEqual([])
      expect(await store.readStream('nobody')).toEqual([])
      expect(await store.load('nobody')).toEqual({ state: store.ledger.initialState, version: 0 })
    })

    for (const [snapshotEvery, stateCache] of [[1, 0], [3, 0], [1000, 0], [3, 256]] as const) {
      it(`load equals replay of the whole stream after every append (snapshotEvery ${snapshotEvery}, stateCache ${stateCache})`, async () => {
        const store = await newStore({ snapshotEvery, stateCache })
        let h = history(ACC).start(BASIC, '2025-01-01T00:00:00Z')
        for (let i = 0; i < 40; i++) h = i % 7 === 3 ? h.buyExtra(20, '+5d') : h.consume(1 + (i % 4), '+1d')
        const all = h.events
        let version = 0
        for (const size of [1, 2, 5, 3, 1, 7, 4, 9, 10]) {
          const chunk = all.slice(version, version + size)
          if (chunk.length === 0) break
          version = await store.append(ACC, version, chunk)
          const loaded = await store.load(ACC)
          expect(loaded.version).toBe(version)
          expect(loaded.state).toEqual(replay(all.slice(0, version)))
        }
        expect(version).toBe(all.length)
        const snaps = (await db.query(`SELECT seq FROM "${store.schema}".snapshots ORDER BY seq`)).rows.map((r) => r.seq)
        expect(snaps).toEqual(snapshotEvery > all.length ? [] : [Math.floor(all.length / snapshotEvery) * snapshotEvery])
      })
    }

    it('replays from the start when a snapshot cannot be read back', async () => {
      const store = await newStore({ snapshotEvery: 2, stateCache: 0 })
      await store.append(ACC, 0, events.slice(0, 4))
      const expected = replay(events.slice(0, 4))
      expect((await store.load(ACC)).state).toEqual(expected)
      await db.query(`UPDATE "${store.schema}".snapshots SET state = '{"version": 99}'::jsonb`)
      expect(await store.load(ACC)).toEqual({ state: expected, version: 4 })
    })
  })

  describe(`${name}: the state cache`, () => {
    it("reads only the events after a cached state, and sees another store's appends", async () => {
      const a = await newStore({ snapshotEvery: 1000 })
      const b = createEventStore(db.client(), { schema: a.schema })
      const all = history(ACC).start(BASIC, '2025-01-01T00:00:00Z').consume(5).buyExtra(10).consume(7).consume(1).events
      await a.append(ACC, 0, all.slice(0, 2))
      expect((await a.load(ACC)).version).toBe(2)
      await b.append(ACC, 2, all.slice(2, 4))
      expect(await a.load(ACC)).toEqual({ state: replay(all.slice(0, 4)), version: 4 })
      await b.handle(consume('c-b', '2025-01-05T00:00:00Z', 2))
      const [mine] = await a.handle(consume('c-a', '2025-01-06T00:00:00Z', 3))
      const stream = await a.readStream(ACC)
      expect(stream.map((e) => e.id).slice(-2)).toEqual(['c-b', mine!.id])
      expect(await a.load(ACC)).toEqual({ state: replay(stream), version: stream.length })
      expect(await b.load(ACC)).toEqual({ state: replay(stream), version: stream.length })
    })

    it('refuses a bad stateCache', () => {
      for (const stateCache of [-1, 0.5, Number.POSITIVE_INFINITY]) {
        expect(() => createEventStore(db.client(), { stateCache })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', field: 'stateCache' }))
      }
    })
  })

  describe(`${name}: handle`, () => {
    it('writes what decide returns, [] for a retried command, and throws refusals unchanged', async () => {
      const store = await newStore()
      const [first] = await store.handle(start('c1', '2025-01-01T00:00:00Z'))
      expect(first).toMatchObject({ type: 'SubscriptionStarted', id: 'c1', accountId: ACC })
      expect(await store.handle(consume('c2', '2025-01-02T00:00:00Z', 60))).toHaveLength(1)
      expect(await store.handle(consume('c2', '2025-01-02T00:00:00Z', 60))).toEqual([])
      await expectRejection(store.handle(consume('c2', '2025-01-02T00:00:00Z', 61)), 'IDEMPOTENCY_CONFLICT')
      const refused = (await expectRejection(store.handle(consume('c3', '2025-01-03T00:00:00Z', 41)), 'INSUFFICIENT_CREDITS')) as InsufficientCreditsError
      expect([refused.requested, refused.available]).toEqual([41, 40])
      await expectRejection(store.handle(consume('c4', '2024-12-01T00:00:00Z', 1)), 'OUT_OF_ORDER')
      expect((await store.readStream(ACC)).map((e) => e.id)).toEqual(['c1', 'c2'])
      expect(store.ledger.balance((await store.load(ACC)).state).available).toBe(40)
    })

    it('retries from load when another writer appended in between', async () => {
      const store = await newStore()
      const other = createEventStore(db.client(), { schema: store.schema })
      await store.handle(start('c1', '2025-01-01T00:00:00Z'))
      let transactions = 0
      const racing = createEventStore(
        beforeEachTransaction(db.client(), async () => {
          transactions += 1
          if (transactions === 1) await other.handle(consume('other', '2025-01-02T00:00:00Z', 20))
        }),
        { schema: store.schema },
      )
      expect(await racing.handle(consume('mine', '2025-01-02T00:00:01Z', 70))).toHaveLength(1)
      expect(transactions).toBe(2)
      expect((await store.readStream(ACC)).map((e) => e.id)).toEqual(['c1', 'other', 'mine'])
      // The retry decided against the fresh state: 100 − 20 − 70.
      expect(store.ledger.balance((await store.load(ACC)).state).available).toBe(10)
    })

    it('returns [] when the same command was written by another writer in between, and throws a refusal met on retry', async () => {
      const store = await newStore()
      const other = createEventStore(db.client(), { schema: store.schema })
      await store.handle(start('c1', '2025-01-01T00:00:00Z'))
      const same = consume('dup', '2025-01-02T00:00:00Z', 5)
      let fired = false
      const racing = createEventStore(
        beforeEachTransaction(db.client(), async () => {
          if (!fired) (fired = true), await other.handle(same)
        }),
        { schema: store.schema },
      )
      expect(await racing.handle(same)).toEqual([])
      expect((await store.readStream(ACC)).map((e) => e.id)).toEqual(['c1', 'dup'])

      fired = false
      const racingLater = createEventStore(
        beforeEachTransaction(db.client(), async () => {
          if (!fired) (fired = true), await other.handle(consume('later', '2025-01-05T00:00:00Z', 5))
        }),
        { schema: store.schema },
      )
      await expectRejection(racingLater.handle(consume('earlier', '2025-01-04T00:00:00Z', 5)), 'OUT_OF_ORDER')
      expect((await store.readStream(ACC)).map((e) => e.id)).toEqual(['c1', 'dup', 'later'])
    })

    it('gives up with CONCURRENCY_CONFLICT after maxAttempts conflicts, writing nothing of its own', async () => {
      const store = await newStore()
      await store.handle(start('c1', '2025-01-01T00:00:00Z'))
      // A writer that ignores the store's lock: just before each version check, a row appears in the stream
      // (inside the same transaction, so that it goes away with the rollback).
      let n = 0
      const sneaky = createEventStore(
        beforeVersionCheck(db.client(), async (query) => {
          n += 1
          await query(
            `INSERT INTO "${store.schema}".events (account_id, seq, id, type, at, data)
             SELECT $1, coalesce(max(seq), 0) + 1, $2, 'CreditsConsumed', '2025-01-02T00:00:00Z', '{"amount": 1}' FROM "${store.schema}".events WHERE account_id = $1`,
            [ACC, `sneaky-${n}`],
          )
        }),
        { schema: store.schema },
      )
      const error = await expectRejection(sneaky.handle(consume('mine', '2025-01-03T00:00:00Z', 1), { maxAttempts: 3 }), 'CONCURRENCY_CONFLICT')
      expect(error.eventId).toBe('mine')
      expect(error.message).toContain('3 attempts')
      expect(n).toBe(3)
      expect((await store.readStream(ACC)).map((e) => e.id)).toEqual(['c1'])
    })

    it("queues a hot account's retries behind its lock: 24 concurrent commands, 2 attempts each, all written", async () => {
      const store = await newStore()
      await store.handle(start('c1', '2025-01-01T00:00:00Z'))
      const stores = [0, 1, 2, 3].map(() => createEventStore(db.client(), { schema: store.schema }))
      const at = '2025-01-02T00:00:00Z'
      const results = await Promise.all(Array.from({ length: 24 }, (_, i) => stores[i % 4]!.handle(consume(`c-${i}`, at, 1), { maxAttempts: 2 })))
      expect(results.every((events) => events.length === 1)).toBe(true)
      expect(await store.readStream(ACC)).toHaveLength(25)
      expect(store.ledger.balance((await store.load(ACC)).state).available).toBe(100 - 24)
    })
  })

  describe(`${name}: consume`, () => {
    /** Appends, account by account interleaved, a few events to `accounts` accounts; returns them in append order. */
    async function fill(store: Awaited<ReturnType<typeof newStore>>, accounts: number, rounds: number): Promise<CreditEvent[]> {
      const written: CreditEvent[] = []
      for (let r = 0; r < rounds; r++) {
        for (let a = 0; a < accounts; a++) {
          const accountId = `acc-${a}`
          const at = new Date(Date.UTC(2025, 0, 1 + r)).toISOString()
          const command = r === 0 ? start(`c-${a}-${r}`, at, accountId) : consume(`c-${a}-${r}`, at, 1, accountId)
          written.push(...(await store.handle(command)))
        }
      }
      return written
    }

    it('delivers batches in log order, once, and resumes from the checkpoint', async () => {
      const store = await newStore()
      const written = await fill(store, 4, 3)
      const batches: string[][] = []
      const result = await store.consume({ group: 'g', member: 0, size: 1, batch: 5, handler: (events) => void batches.push(events.map((e) => e.id)) })
      expect(result).toEqual({ events: 12, batches: 3 })
      expect(batches.map((b) => b.length)).toEqual([5, 5, 2])
      expect(batches.flat()).toEqual(written.map((e) => e.id))
      expect(await store.consume({ group: 'g', member: 0, size: 1, handler: () => expect.unreachable() })).toEqual({ events: 0, batches: 0 })
      const more = await store.handle(consume('late', '2025-02-01T00:00:00Z', 1, 'acc-2'))
      const seen: CreditEvent[] = []
      await store.consume({ group: 'g', member: 0, size: 1, handler: (events) => void seen.push(...events) })
      expect(seen).toEqual(more)
      // Another group starts from the beginning, and gets the events exactly as written.
      const all: CreditEvent[] = []
      await store.consume({ group: 'other', member: 0, size: 1, handler: (events) => void all.push(...events) })
      expect(all).toEqual([...written, ...more])
    })

    it('splits the accounts among the members by the documented hash: each account to one member, in order', async () => {
      const store = await newStore()
      const written = await fill(store, 24, 2)
      const size = 3
      const byMember: CreditEvent[][] = []
      for (let member = 0; member < size; member++) {
        const got: CreditEvent[] = []
        await store.consume({ group: 'split', member, size, batch: 7, handler: (events) => void got.push(...events) })
        byMember.push(got)
      }
      expect(byMember.flat().map((e) => e.id).sort()).toEqual(written.map((e) => e.id).sort())
      for (let member = 0; member < size; member++) {
        for (const event of byMember[member]!) expect(memberOf(event.accountId, size)).toBe(member)
        const accounts = new Set(byMember[member]!.map((e) => e.accountId))
        for (const accountId of accounts) {
          expect(byMember[member]!.filter((e) => e.accountId === accountId)).toEqual(written.filter((e) => e.accountId === accountId))
        }
      }
      expect(byMember.every((events) => events.length > 0)).toBe(true)
      // A group of another size is another group: member 0 of 2 reads its share from the start.
      const two: CreditEvent[] = []
      await store.consume({ group: 'split', member: 0, size: 2, handler: (events) => void two.push(...events) })
      expect(two).toEqual(written.filter((e) => memberOf(e.accountId, 2) === 0))
    })

    it("commits the checkpoint with the handler's writes; a handler error rolls both back and rejects", async () => {
      const store = await newStore()
      const written = await fill(store, 3, 3)
      await db.query(`CREATE TABLE "${store.schema}".seen (id text PRIMARY KEY)`)
      const boom = new Error('read model down')
      let calls = 0
      const handler = async (events: CreditEvent[], tx: Transaction) => {
        calls += 1
        for (const e of events) await tx.query(`INSERT INTO "${store.schema}".seen (id) VALUES ($1)`, [e.id])
        if (calls === 2) throw boom
      }
      await expect(store.consume({ group: 'rm', member: 0, size: 1, batch: 4, handler })).rejects.toBe(boom)
      expect((await db.query(`SELECT id FROM "${store.schema}".seen ORDER BY id`)).rows.map((r) => r.id)).toEqual(written.slice(0, 4).map((e) => e.id).sort())
      const checkpoint = (await db.query(`SELECT position::text AS p FROM "${store.schema}".checkpoints WHERE group_name = 'rm'`)).rows[0].p
      const fourth = (await db.query(`SELECT global_position::text AS p FROM "${store.schema}".events WHERE id = $1`, [written[3]!.id])).rows[0].p
      expect(checkpoint).toBe(fourth)
      // Run again: the rolled-back batch comes again, and every event is in the table exactly once.
      expect(await store.consume({ group: 'rm', member: 0, size: 1, batch: 4, handler })).toEqual({ events: 5, batches: 2 })
      expect(await count(store.schema, 'seen')).toBe(written.length)
    })

    it('follows the log until the signal aborts', async () => {
      const store = await newStore()
      await store.handle(start('c1', '2025-01-01T00:00:00Z'))
      const seen: string[] = []
      const controller = new AbortController()
      let wake: () => void = () => undefined
      const following = store.consume({
        group: 'live',
        member: 0,
        size: 1,
        follow: true,
        signal: controller.signal,
        pollIntervalMs: 5,
        handler: (events) => {
          seen.push(...events.map((e) => e.id))
          wake()
        },
      })
      const waitFor = (n: number) => new Promise<void>((resolve) => (wake = () => seen.length >= n && resolve()) && wake())
      await waitFor(1)
      await store.handle(consume('c2', '2025-01-02T00:00:00Z', 1))
      await store.handle(consume('c3', '2025-01-03T00:00:00Z', 1))
      await waitFor(3)
      controller.abort()
      expect(await following).toEqual({ events: 3, batches: expect.any(Number) })
      expect(seen).toEqual(['c1', 'c2', 'c3'])
    })

    it('refuses bad options with INVALID_ARGUMENT', async () => {
      const store = await newStore()
      const handler = () => undefined
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ group: '', member: 0, size: 1, handler }, 'group'],
        [{ group: 'g', member: 1, size: 1, handler }, 'member'],
        [{ group: 'g', member: -1, size: 2, handler }, 'member'],
        [{ group: 'g', member: 0, size: 0, handler }, 'size'],
        [{ group: 'g', member: 0, size: 1 }, 'handler'],
        [{ group: 'g', member: 0, size: 1, handler, batch: 0 }, 'batch'],
        [{ group: 'g', member: 0, size: 1, handler, follow: true }, 'signal'],
      ]
      for (const [options, field] of cases) {
        const error = await expectRejection(store.consume(options as never), 'INVALID_ARGUMENT')
        expect(error.field).toBe(field)
      }
    })
  })
}
