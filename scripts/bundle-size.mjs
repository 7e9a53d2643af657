// The size of credit-ledger in a browser app: `import { replay, balance, parseEvent } from 'credit-ledger'`
// bundled from the built dist/ with esbuild (browser, minified), gzipped. Prints the size and the
// largest inputs (from esbuild's metafile), and fails past the limit.
//
//   npm run size                  # after npm run build
//   npm run size -- --out b.js    # also keep the bundle (tests/browser loads it in Chromium)
import { build } from 'esbuild'
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'

const LIMIT = 40 * 1024
const { values } = parseArgs({ options: { out: { type: 'string' }, top: { type: 'string', default: '12' } } })
const root = new URL('..', import.meta.url).pathname
const source = `
import { replay, balance, parseEvent } from 'credit-ledger'
export { replay, balance, parseEvent }
`
const result = await build({
  stdin: { contents: source, resolveDir: root, loader: 'js', sourcefile: 'app.js' },
  // The package resolves itself (its "exports"), as an app's bundler would resolve it from node_modules.
  alias: { 'credit-ledger': `${root}dist/index.js` },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  metafile: true,
  write: false,
  logLevel: 'warning',
})
const code = result.outputFiles[0].contents
const gzipped = gzipSync(code, { level: 9 }).length
if (values.out !== undefined) writeFileSync(values.out, code)

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const byPackage = new Map()
for (const [path, input] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)
  const name = match === null ? (path.startsWith('dist/') ? 'credit-ledger (dist/)' : path) : match[1]
  byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput)
}
console.log(`browser bundle of { replay, balance, parseEvent }: ${kb(code.length)} minified, ${kb(gzipped)} gzipped (limit ${kb(LIMIT)} gzipped)`)
console.log('minified bytes by package:')
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`  ${kb(bytes).padStart(9)}  ${name}`)
}
if (gzipped > LIMIT) {
  console.error(`bundle-size: ${kb(gzipped)} gzipped is over the limit of ${kb(LIMIT)}`)
  process.exit(1)
}
