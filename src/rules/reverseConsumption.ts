import type { Bucket, Draw } from '../state/types.js'
import type { Account } from './account.js'

/**
 * `ConsumptionReversed` (SPEC §9.2): `amount` credits of the consumption
 * `consumptionId` are given back (a usage that failed, a disputed charge).
 *
 * The credits come back in the reverse of the order they went: first the
 * consumption's shortfall (the deficit it made shrinks), then its draws,
 * last draw first, each into **the bucket it came from**, with that
 * bucket's id, source, grant, expiry and unit price: added to it while it
 * lives, re-created at its place in consumption order if it was emptied. So
 * restored credits keep their lot: subscription credits still expire with
 * their period, extra credits keep their unit price (and can be refunded).
 * Credits given back to a bucket whose `expiresAt` is at or before now
 * expire at once (counted in `reversed` and in `expired`), as they would
 * have if never consumed.
 *
 * Partial reversals continue where the last one stopped: the first
 * `reversed` credits of that order are already given back.
 *
 * It is not a grant: it repays no deficit but its own shortfall, and only
 * the part of it still owed; a shortfall that a later grant has repaid is
 * not given back again (those credits were spent on the deficit).
 *
 * @param consumptionId - in the reversal window (checked: else `UNKNOWN_CONSUMPTION`)
 * @param amount - at most what is not yet reversed (checked: else `REVERSAL_EXCEEDS_CONSUMPTION`)
 */
export function reverseConsumption(account: Account, consumptionId: string, amount: number): void {
  const consumption = account.consumptions.find(consumptionId)!
  let skip = consumption.reversed
  let left = amount
  /** How many of the next `credits` of the order this reversal gives back (after the ones already given). */
  const next = (credits: number): number => {
    const skipped = Math.min(skip, credits)
    skip -= skipped
    const given = Math.min(left, credits - skipped)
    left -= given
    return given
  }

  const shortfall = next(consumption.shortfall)
  const owed = Math.min(shortfall, account.deficit)
  if (owed > 0) {
    account.count('reversed', owed, 'data.amount')
    account.repay(owed)
    account.record('reverse', null, owed)
  }
  const { draws } = consumption
  for (let i = draws.length - 1; i >= 0 && left > 0; i--) {
    const draw = draws[i]!
    const credits = next(draw.credits)
    if (credits > 0) giveBack(account, draw, credits)
  }
  account.consumptions.markReversed(consumption, amount)
}

/** Gives `credits` of `draw` back into its bucket; past its expiry, they expire at once. */
function giveBack(account: Account, draw: Draw, credits: number): void {
  account.count('reversed', credits, 'data.amount')
  if (draw.expiresAt !== null && draw.expiresAt <= account.now) {
    const gone = bucketOf(draw, credits)
    account.record('reverse', gone, credits)
    account.count('expired', credits, 'data.amount')
    account.record('expire', gone, -credits)
    return
  }
  const bucket = account.buckets.restore(draw, credits)
  account.record('reverse', bucket, credits)
}

/** The bucket a draw came from, holding `credits`: for the movements of credits that expire at once. */
function bucketOf(draw: Draw, credits: number): Bucket {
  const { bucketId: id, source, granted, grantedAt, expiresAt, unitPrice, grantedBy } = draw
  return { id, source, granted, remaining: credits, grantedAt, expiresAt, unitPrice, grantedBy }
}
