import type { Account } from './account.js'
import { expire } from './expire.js'
import { renew } from './renew.js'

/**
 * Time passing (SPEC §2): moving the clock to `to` applies, in time order,
 * every bucket expiry and every renewal up to and including `to`. At an
 * anniversary the renewal itself ends the plan credits of the period that
 * ends (rolling over what the plan's policy allows, expiring the rest)
 * before it grants the next period's, or ends the subscription after a
 * period-end cancellation (see `renew`); other buckets that expire at that
 * same instant expire right after it.
 */
export function passTime(account: Account, to: string): void {
  for (;;) {
    const front = account.buckets.front()
    const expiresAt = front?.expiresAt ?? null
    const anniversary = account.subscription?.periodEnd ?? null
    if (expiresAt !== null && expiresAt <= to && (anniversary === null || expiresAt < anniversary)) {
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
