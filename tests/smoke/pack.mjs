// The package as npm publishes it: `npm pack`, installed into an empty project,
// then `npx credit-ledger` run there as an analyst would (SPEC §11).
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'credit-ledger-pack-'))
try {
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'analyst', private: true, type: 'commonjs' }))
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', join(dir, tarball)], { cwd: dir, stdio: 'inherit' })
  const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
  const events = [
    { type: 'SubscriptionStarted', id: 'e1', accountId: 'a', at: '2025-01-10T00:00:00Z', data: { plan } },
    { type: 'CreditsConsumed', id: 'e2', accountId: 'a', at: '2025-01-12T00:00:00Z', data: { amount: 30 } },
    { type: 'ExtraCreditsPurchased', id: 'e3', accountId: 'a', at: '2025-02-20T00:00:00Z', data: { quantity: 10, unitPrice: { amount: 125, currency: 'USD' } } },
  ]
  writeFileSync(join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n')
  const npx = (...args) => spawnSync('npx', ['--no-install', 'credit-ledger', ...args], { cwd: dir, encoding: 'utf8' })
  const help = npx('--help')
  assert.equal(help.status, 0, help.stderr)
  assert.match(help.stdout, /^credit-ledger: /)
  const balances = npx('balances', 'events.jsonl', '--format', 'json')
  assert.equal(balances.status, 0, balances.stderr)
  // Renewed on 2025-02-10: 100 new subscription credits, then 10 extra.
  assert.deepEqual(JSON.parse(balances.stdout), [
    { accountId: 'a', at: '2025-02-20T00:00:00.000Z', available: 110, deficit: 0, bySource: { subscription: 100, rollover: 0, extra: 10, promotional: 0 } },
  ])
  const report = npx('report', 'events.jsonl')
  assert.equal(report.status, 0, report.stderr)
  // period, accounts, opening, granted, reversed, consumed, deficit, breakage, voided, refunded, closing, charged, refunded money, extra liability
  assert.match(report.stdout, /^2025-02 +1 +70 +110 +0 +0 +0 +70 +0 +0 +110 +41\.50 USD +- +12\.50 USD$/m)
  const usage = npx('report', 'events.jsonl', '--period', 'week')
  assert.equal(usage.status, 64)
  console.log('pack smoke: npx credit-ledger ok')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
