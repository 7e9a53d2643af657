/**
 * The store's suite on PGlite: a real PostgreSQL compiled to WebAssembly,
 * in-process, one connection. The test of transactions that commit out of
 * order needs two connections at once, so it runs only against the real
 * server (server.test.ts): PGlite runs one transaction at a time, so a
 * transaction can never commit after a later one there.
 */
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll } from 'vitest'
import { storeSuite } from './storeSuite.js'

let db: PGlite

beforeAll(async () => {
  db = await PGlite.create()
}, 120_000)

afterAll(async () => {
  await db?.close()
})

storeSuite('PGlite', {
  client: () => db,
  query: (text, params) => db.query(text, params),
})
