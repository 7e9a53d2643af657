import type { StoreClient } from '../../src/postgres/index.js'

/** A pg Pool when DATABASE_URL is set, else an in-memory PGlite: the examples' store client. */
export async function openClient(): Promise<{ client: StoreClient; close: () => Promise<void>; name: string }> {
  const url = process.env.DATABASE_URL
  if (url) {
    const { default: pg } = await import('pg')
    const pool = new pg.Pool({ connectionString: url })
    return { client: pool, close: () => pool.end(), name: 'PostgreSQL (DATABASE_URL)' }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create()
  return { client: db, close: () => db.close(), name: 'PGlite (in-process)' }
}
