import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as library from '../../src/index.js'
import * as testing from '../../src/testing/index.js'

// The snippet of README.md's "Testing kit" section, run as written: every check in it must pass.
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8')
const snippet = /## Testing kit[^]*?```ts\n([^]*?)```/.exec(readme)![1]!

describe('README: the testing kit snippet', () => {
  it('runs, and every check in it passes', () => {
    const body = snippet
      .replace(/^import \{([^}]*)\} from 'credit-ledger'\n/m, 'const {$1} = library\n')
      .replace(/^import \{([^}]*)\} from 'credit-ledger\/testing'\n/m, 'const {$1} = testing\n')
      .replaceAll(' as const', '')
    expect(body).not.toContain('import ')
    expect(body).toContain('thenNothingHappened()')
    new Function('library', 'testing', body)(library, testing)
  })
})
