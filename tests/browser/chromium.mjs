// The browser bundle (scripts/bundle-size.mjs: `{ replay, balance, parseEvent }` from dist/, minified)
// loaded in headless Chromium, served over HTTP from 127.0.0.1. The page replays a history and prints
// its balance, and the refusal of a bad event; both must equal what the library gives in Node.
//
//   npm run build && npm run test:browser      (needs Debian's chromium; .ci/run installs it)
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { balance, parseEvent, replay } from 'credit-ledger'

const root = new URL('../..', import.meta.url).pathname
const browser = ['chromium', 'chromium-browser', 'google-chrome']
  .map((name) => { try { return execFileSync('which', [name], { encoding: 'utf8' }).trim() } catch { return '' } })
  .find((path) => path !== '')
if (browser === undefined) {
  console.error('test:browser: no chromium on this machine (apt-get install chromium); .ci/run installs it')
  process.exit(1)
}

const dir = mkdtempSync(join(tmpdir(), 'credit-ledger-browser-'))
execFileSync(process.execPath, [join(root, 'scripts/bundle-size.mjs'), '--out', join(dir, 'bundle.js')], { stdio: 'inherit' })

const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
const events = [
  { type: 'SubscriptionStarted', id: 'e1', accountId: 'a', at: '2025-01-31T10:00:00+01:00', data: { plan } },
  { type: 'CreditsConsumed', id: 'e2', accountId: 'a', at: '2025-02-01T00:00:00Z', data: { amount: 30 } },
  { type: 'ExtraCreditsPurchased', id: 'e3', accountId: 'a', at: '2025-02-02T00:00:00Z', data: { quantity: 20, unitPrice: { amount: 125, currency: 'USD' } } },
  { type: 'CreditsConsumed', id: 'e4', accountId: 'a', at: '2025-03-05T00:00:00Z', data: { amount: 110 } },
]
const page = `<!doctype html><html><body><pre id="out">not run</pre><script type="module">
import { replay, balance, parseEvent } from './bundle.js'
const out = document.getElementById('out')
try {
  const state = replay(${JSON.stringify(events)}.map(parseEvent))
  let refusal = null
  try { parseEvent({ type: 'CreditsConsumed', id: 'bad', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { amount: -1 } }) }
  catch (error) { refusal = { code: error.code, message: error.message } }
  out.textContent = 'RESULT ' + JSON.stringify({ balance: balance(state), clock: state.clock, refusal })
} catch (error) {
  out.textContent = 'FAILED ' + error
}
</script></body></html>`

const server = createServer((request, response) => {
  if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(page)
  else if (request.url === '/bundle.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(dir, 'bundle.js')))
  else response.writeHead(404).end()
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${server.address().port}/`
try {
  const dom = await new Promise((resolve, reject) => {
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=5000', '--dump-dom', url]
    const child = spawn(browser, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve(stdout)
      else reject(new Error(`${browser} exited with ${code}: ${stderr.slice(-2000)}`))
    })
  })
  const match = /RESULT (\{.*\})<\/pre>/.exec(dom)
  assert.ok(match, `the page printed no result: ${dom.slice(0, 2000)}`)
  const result = JSON.parse(match[1].replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"'))
  const state = replay(events.map(parseEvent))
  assert.deepEqual(result.balance, balance(state))
  assert.equal(result.clock, state.clock)
  let refusal = null
  try { parseEvent({ type: 'CreditsConsumed', id: 'bad', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { amount: -1 } }) }
  catch (error) { refusal = { code: error.code, message: error.message } }
  assert.deepEqual(result.refusal, refusal)
  console.log(`browser: ${browser} printed ${JSON.stringify(result.balance)}, as Node does`)
} finally {
  server.close()
  rmSync(dir, { recursive: true, force: true })
}
