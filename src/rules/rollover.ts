import type { Plan } from '../events/index.js'
import type { Bucket } from '../state/types.js'
import type { Account } from './account.js'

/**
 * How many unused plan credits a renewal may carry into the next period
 * under `plan`'s rollover policy (SPEC §9.1–9.2): `maxCredits`, and
 * `⌊maxPercent × monthlyCredits / 100⌋` of the plan's own monthly credits,
 * whichever is smaller; no cap given is no limit; no policy is 0 (the seed's
 * rule: nothing rolls over).
 *
 * @param plan - the plan of the period that ends (its policy and its monthly credits)
 * @returns the cap, a safe integer ≥ 0 or `Infinity`
 * @example
 * rolloverCap({ id: 'basic', monthlyCredits: 100, price, rollover: { maxPercent: 50 } }) // 50
 */
export function rolloverCap(plan: Plan): number {
  const policy = plan.rollover
  if (policy === undefined) return 0
  let cap = policy.maxCredits ?? Infinity
  if (policy.maxPercent !== undefined) {
    // ⌊p × m / 100⌋ without forming p × m (which may leave the safe range): m = 100q + r.
    const m = plan.monthlyCredits
    const q = Math.floor(m / 100)
    const byPercent = q * policy.maxPercent + Math.floor(((m - q * 100) * policy.maxPercent) / 100)
    cap = Math.min(cap, byPercent)
  }
  return cap
}

/**
 * The rollover at a renewal (SPEC §9.2), on the plan credits of the period
 * that ended (`unused`, already taken out of the queue, in consumption
 * order): their credits are summed; up to `cap` of them move into ONE new
 * `rollover` bucket that expires at `expiresAt` (created now, so it is
 * older than the subscription bucket the renewal grants next, and drawn
 * first); the rest expire. A move is not a grant: `totals.granted` does not
 * count it, and it repays no deficit.
 *
 * Which credits move: those that would have been drawn first, i.e. the old
 * buckets in consumption order (the older rollover bucket before the
 * subscription bucket). The movements, all at the anniversary: a −`rollover`
 * from each old bucket that gives credits, the +`rollover` into the new
 * bucket, then an `expire` of what is left of each old bucket.
 *
 * @returns the new rollover bucket, or `null` when nothing rolled over
 */
export function rollOver(account: Account, unused: readonly Bucket[], cap: number, expiresAt: string): Bucket | null {
  let total = 0
  for (const bucket of unused) total += bucket.remaining
  const rolled = Math.min(total, cap)
  let left = rolled
  for (const bucket of unused) {
    if (left === 0) break
    const moved = Math.min(left, bucket.remaining)
    account.record('rollover', bucket, -moved)
    left -= moved
  }
  const rollover =
    rolled > 0 ? account.buckets.add({ source: 'rollover', granted: rolled, remaining: rolled, expiresAt, unitPrice: null }) : null
  if (rollover !== null) account.record('rollover', rollover, rolled)
  left = rolled
  for (const bucket of unused) {
    const moved = Math.min(left, bucket.remaining)
    left -= moved
    const rest = bucket.remaining - moved
    if (rest > 0) {
      account.count('expired', rest, 'at')
      account.record('expire', bucket, -rest)
    }
  }
  return rollover
}

/**
 * The plan credits of a subscription that ends (a cancellation): taken out
 * of the queue already, they all expire now, into `totals.expired`, with an
 * `expire` movement each. Nothing rolls over: there is no next period.
 */
export function expireAll(account: Account, unused: readonly Bucket[]): void {
  rollOver(account, unused, 0, account.now)
}

/** Credits of the plan: the subscription's and those rolled over into the current period. */
export function isPlanCredit(bucket: Bucket): boolean {
  return bucket.source === 'subscription' || bucket.source === 'rollover'
}
