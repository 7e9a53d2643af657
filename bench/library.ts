import type * as Library from '../src/index.js'

export type { Library }

/** The package's own name: Node resolves it from inside the package through package.json "exports". */
const PACKAGE = 'credit-ledger'

/**
 * The package as users import it: `import('credit-ledger')`, which Node
 * resolves (a package importing itself by name) to the built `dist/index.js`
 * — never `src/`, and only what `src/index.ts` exports. The name is held in a
 * variable so that neither tsc (before a build) nor the bench's compiler
 * tries to follow it: the bench times the built file, not a bundled copy.
 *
 * @returns the public API of `dist/index.js` and the file it was loaded from
 * @example
 * const { lib, url } = await importPackage()
 * lib.replay(events)
 */
export async function importPackage(): Promise<{ lib: typeof Library; url: string }> {
  const name: string = PACKAGE
  const url = import.meta.resolve(name)
  try {
    return { lib: (await import(name)) as typeof Library, url }
  } catch (error) {
    throw new Error(`bench: cannot import ${name} (${url}); run \`npm run build\` first (npm run bench does)`, { cause: error })
  }
}
