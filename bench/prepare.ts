/**
 * Step 1 of `npm run bench` (run through tsx; nothing here is timed):
 *
 * 1. builds `dist/` (`npm run build`) when `dist/index.js` is missing or
 *    older than anything in `src/` or `tsup.config.ts`, so that the bench
 *    times the package as users import it (BENCH_BUILD=always rebuilds
 *    every time, BENCH_BUILD=never never does);
 * 2. compiles `bench/run.ts`, with the reference fold, the harness and the
 *    generator it imports, to one plain ES module,
 *    `bench/.compiled/run.mjs` (gitignored), with tsup's JavaScript API
 *    (esbuild). The package is not bundled in: run.ts imports it by name at
 *    run time (bench/library.ts), which resolves to `dist/index.js`.
 *
 * Step 2 is `node --expose-gc bench/.compiled/run.mjs [--quick]`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'tsup'

const root = new URL('..', import.meta.url).pathname
const outDir = join(root, 'bench/.compiled')

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`)
}

/** Newest modification time of a file or of anything under a folder (folders count: a deleted file changes its folder's). */
function newest(path: string): number {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let t = st.mtimeMs
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)))
  return t
}

const mode = process.env.BENCH_BUILD ?? 'stale'
if (!['stale', 'always', 'never'].includes(mode)) throw new Error(`BENCH_BUILD must be stale, always or never (got ${mode})`)
const dist = join(root, 'dist/index.js')
const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'tsup.config.ts')))
const stale = !existsSync(dist) || statSync(dist).mtimeMs < sources
if (mode === 'always' || (mode === 'stale' && stale)) {
  log(mode === 'always' ? 'building dist/ (BENCH_BUILD=always) …' : 'dist/ is missing or older than src/: npm run build …')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  execFileSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] })
} else if (stale) {
  log('warning: dist/ is older than src/ and BENCH_BUILD=never: timing the old build')
}

log('compiling the bench (bench/run.ts with the reference fold) to bench/.compiled/run.mjs …')
await build({
  entry: { run: join(root, 'bench/run.ts') },
  outDir,
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  bundle: true,
  splitting: false,
  sourcemap: false,
  dts: false,
  clean: true,
  config: false,
  silent: true,
  outExtension: () => ({ js: '.mjs' }),
})
