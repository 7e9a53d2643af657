/**
 * The layers the README's "Architecture" section draws: a rule is written
 * against `Account` and never sees the machinery (`src/fold/`) nor the
 * public folds, commands and queries above it; the core does no I/O.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = new URL('../../src/', import.meta.url).pathname

/** The modules a file imports (static `import … from '…'` and `export … from '…'`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => m[1]!)
}

function filesUnder(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(SRC, folder, name))
}

describe('the layers of src/', () => {
  it('src/rules imports only rules, events, state, money, time and errors', () => {
    const allowed = /^\.\/|^\.\.\/(events|state|money|time)\/|^\.\.\/errors\.js$/
    const found = filesUnder('rules').flatMap((file) => importsOf(file).filter((m) => !allowed.test(m)).map((m) => `${file}: ${m}`))
    expect(found).toEqual([])
    // The check itself sees imports: every rule file imports something.
    expect(filesUnder('rules').every((file) => importsOf(file).length > 0)).toBe(true)
  })

  it('src/fold does not import the public folds, commands, queries or the ledger above it', () => {
    const above = /^\.\.\/(evolve|decide|queries|ledger|cli|postgres|testing)\//
    const found = filesUnder('fold').flatMap((file) => importsOf(file).filter((m) => above.test(m)).map((m) => `${file}: ${m}`))
    expect(found).toEqual([])
  })

  it('only src/cli reads files or the network, the clock or chance (the core does no I/O)', () => {
    const io = /^node:(fs|fs\/promises|net|http|https|http2|dgram|tls|dns|child_process|worker_threads|readline)$/
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'cli').map((d) => d.name)
    const files = [...folders.flatMap(filesUnder), ...readdirSync(SRC).filter((n) => n.endsWith('.ts')).map((n) => join(SRC, n))]
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      const calls = [...text.matchAll(/\b(Date\.now\(|Math\.random\(|new Date\(\)|performance\.now\(|fetch\()/g)].map((m) => m[1])
      return [...importsOf(file).filter((m) => io.test(m)), ...calls].map((what) => `${file}: ${what}`)
    })
    expect(found).toEqual([])
    expect(files.length).toBeGreaterThan(50)
  })
})
