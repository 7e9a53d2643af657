import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as library from '../../src/index.js'

// The first snippet of README.md ("In your app"), run as written: it must print what its `// →` comment says.
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8')
const snippet = /## Quick start[^]*?```ts\n([^]*?)```/.exec(readme)![1]!

describe('README: the quick start snippet', () => {
  it('prints the balance its comment shows', () => {
    const [code, comment] = snippet.split('// →')
    const body = code!.replace(/^import \{([^}]*)\} from 'credit-ledger'\n/m, 'const {$1} = library\n')
    expect(body).not.toContain('import ')
    const printed: unknown[] = []
    const log = (...args: unknown[]) => printed.push(...args)
    new Function('library', 'console', body)(library, { log })
    expect(printed).toHaveLength(1)
    // The comment is a JavaScript object literal.
    const expected = new Function(`return (${comment!.trim()})`)()
    expect(printed[0]).toEqual(expected)
  })
})
