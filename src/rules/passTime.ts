import type { Account } from './account.js'
import { expire } from './expire.js'
import { renew } from './renew.js'

/**
 * Time passing (SPEC §2): moving the clock to `to` applies, in time order,
 * every bucket expiry and every renewal up to and including `to`. At one
 * instant, expiries come before the renewal, so the credits of a period
 * that ends are gone before the next period's are granted.
 */
export function passTime(account: Account, to: string): void {
  for (;;) {
    const front = account.buckets.front()
    const expiresAt = front?.expiresAt ?? null
    const anniversary = account.subscription?.periodEnd ?? null
    if (expiresAt !== null && expiresAt <= to && (anniversary === null || expiresAt <= anniversary)) {
      account.moveTo(expiresAt)
      expire(account, front!)
    } else if (anniversary !== null && anniversary <= to) {
      account.moveTo(anniversary)
      renew(account)
    } else {
      break
    }
  }
  account.moveTo(to)
}
