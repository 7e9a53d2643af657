import { InvalidStateError, show } from '../errors.js'
import { describeIssue } from '../edges/describeIssue.js'
import { canonicalMoney, type Money } from '../money/money.js'
import { anniversary } from '../time/anniversary.js'
import { formatInstant, parseInstant } from '../time/instant.js'
import { freeze } from './copy.js'
import { made } from './made.js'
import { accountStateSchema } from './schema.js'
import type { AccountState } from './types.js'
import type { Draft } from 'immer'

/**
 * Reads back a JSON snapshot of a state (`JSON.parse(JSON.stringify(state))`):
 * checks its shape and its invariants, so that `replay(tail, parseState(s))`
 * continues exactly as the original state would.
 *
 * @param input - a deserialised snapshot
 * @returns the state, frozen
 * @throws InvalidStateError (`INVALID_STATE`) naming the field and the value
 * @example
 * const restored = parseState(JSON.parse(await store.load('acc-1')))
 */
export function parseState(input: unknown): AccountState {
  const result = accountStateSchema.safeParse(input)
  if (!result.success) {
    const { message, field, value } = describeIssue(input, result.error, 'state')
    throw new InvalidStateError(message, { field, value })
  }
  const state = result.data as Draft<AccountState>
  const problem = findBrokenInvariant(state as AccountState)
  if (problem !== null) {
    throw new InvalidStateError(`state: ${problem.field} ${problem.reason} (got ${show(problem.value)})`, {
      field: problem.field,
      value: problem.value,
    })
  }
  return made(freeze(state))
}

/** 10000-01-01T00:00:00.000Z: every instant the library writes is before it. */
const LATEST_PERIOD_END = Date.UTC(10000, 0, 1)

interface Problem {
  field: string
  reason: string
  value: unknown
}

function counter(id: string): number {
  return Number(id.slice(1))
}

function isCanonicalMoney(money: Money): boolean {
  const c = canonicalMoney(money)
  return c.amount === money.amount && c.scale === money.scale
}

/** The first invariant of SPEC §3–5 that `s` breaks, or `null`. */
export function findBrokenInvariant(s: AccountState): Problem | null {
  const fail = (field: string, reason: string, value: unknown): Problem => ({ field, reason, value })
  const { clock, subscription, buckets, totals } = s
  const currency = totals.charged?.currency ?? null

  if (s.accountId === null && (buckets.length > 0 || subscription !== null || s.window.length > 0 || totals.granted + totals.consumed > 0 || totals.charged !== null)) {
    return fail('accountId', 'is null but the state has a history', null)
  }
  if (clock === null && s.accountId !== null) return fail('clock', 'is null but the account is bound', null)

  const moneys: [string, Money][] = []
  if (totals.charged !== null) moneys.push(['totals.charged', totals.charged])
  if (totals.refundedMoney !== null) moneys.push(['totals.refundedMoney', totals.refundedMoney])
  if (subscription !== null) moneys.push(['subscription.plan.price', subscription.plan.price])
  if (subscription?.scheduledPlan) moneys.push(['subscription.scheduledPlan.price', subscription.scheduledPlan.price])
  buckets.forEach((b, i) => b.unitPrice !== null && moneys.push([`buckets.${i}.unitPrice`, b.unitPrice]))
  for (const [field, money] of moneys) {
    if (!isCanonicalMoney(money)) return fail(field, 'is not in canonical form', money)
    if (money.currency !== currency) return fail(`${field}.currency`, `is not the account's currency ${show(currency)}`, money.currency)
  }

  if (subscription !== null) {
    const anchor = parseInstant(subscription.anchor)
    const startMs = anniversary(anchor, subscription.period - 1)
    const endMs = anniversary(anchor, subscription.period)
    // A period beyond the years the library writes (its end at most one month into 9999) is no state it made.
    if (!(endMs < LATEST_PERIOD_END) || Number.isNaN(startMs)) {
      return fail('subscription.period', 'puts the period beyond the year 9999', subscription.period)
    }
    const start = formatInstant(startMs)
    const end = formatInstant(endMs)
    if (subscription.periodStart !== start) return fail('subscription.periodStart', `must be ${start}`, subscription.periodStart)
    if (subscription.periodEnd !== end) return fail('subscription.periodEnd', `must be ${end}`, subscription.periodEnd)
    if (clock === null || subscription.periodStart > clock || subscription.periodEnd <= clock) {
      return fail('subscription.periodEnd', 'must be after the clock, and periodStart at or before it', subscription.periodEnd)
    }
  }

  let available = 0
  const ids = new Set<string>()
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!
    const at = `buckets.${i}`
    if (ids.has(b.id)) return fail(`${at}.id`, 'is not unique', b.id)
    ids.add(b.id)
    if (counter(b.id) >= s.nextBucket) return fail(`${at}.id`, `must be below nextBucket ${s.nextBucket}`, b.id)
    if (b.remaining > b.granted) return fail(`${at}.remaining`, `must be at most granted (${b.granted})`, b.remaining)
    if (clock === null || b.grantedAt > clock) return fail(`${at}.grantedAt`, 'must not be after the clock', b.grantedAt)
    if (b.expiresAt !== null && (clock === null || b.expiresAt <= clock)) return fail(`${at}.expiresAt`, 'must be after the clock', b.expiresAt)
    if ((b.source === 'extra') !== (b.unitPrice !== null)) return fail(`${at}.unitPrice`, 'is set on extra buckets only', b.unitPrice)
    if (b.source === 'extra' && b.expiresAt !== null) return fail(`${at}.expiresAt`, 'must be null: extra credits never expire', b.expiresAt)
    // At most the end of the current period: a reversal may re-create a bucket of a period an upgrade ended early.
    if ((b.source === 'subscription' || b.source === 'rollover') && (b.expiresAt === null || (subscription !== null && b.expiresAt > subscription.periodEnd))) {
      return fail(`${at}.expiresAt`, 'must be at most the end of the current period', b.expiresAt)
    }
    if (i > 0) {
      const p = buckets[i - 1]!
      const ordered =
        p.expiresAt === null
          ? b.expiresAt === null && counter(p.id) < counter(b.id)
          : b.expiresAt === null || p.expiresAt < b.expiresAt || (p.expiresAt === b.expiresAt && counter(p.id) < counter(b.id))
      if (!ordered) return fail(`${at}.id`, 'is out of consumption order', b.id)
    }
    available += b.remaining
  }
  if (!Number.isSafeInteger(available)) return fail('buckets', 'hold more credits than a safe integer', available)
  if (totals.granted + totals.reversed - totals.consumed - totals.expired - totals.voided - totals.refunded !== available - s.deficit) {
    return fail(
      'totals',
      `break the conservation law granted + reversed − consumed − expired − voided − refunded = available − deficit (available ${available})`,
      totals,
    )
  }
  // Since contract v4 a deficit may stand beside available credits: a reversal gives credits back into
  // their buckets and is not a grant, so it repays no deficit but its own consumption's shortfall (SPEC §9.2).

  const seen = new Set<string>()
  let previous: string | null = null
  for (let p = 0; p < s.window.length; p++) {
    const page = s.window[p]!
    for (let i = 0; i < page.length; i++) {
      const entry = page[i]!
      const at = `window.${p}.${i}`
      if (seen.has(entry.id)) return fail(`${at}.id`, 'is not unique', entry.id)
      seen.add(entry.id)
      if (clock === null || entry.at > clock) return fail(`${at}.at`, 'must not be after the clock', entry.at)
      if (previous !== null && previous > entry.at) return fail(`${at}.at`, 'is out of time order', entry.at)
      previous = entry.at
    }
  }
  return findBrokenConsumption(s, currency, fail)
}

/** The first invariant of the reversal window (SPEC §9.1) that `s` breaks, or `null`. */
function findBrokenConsumption(
  s: AccountState,
  currency: string | null,
  fail: (field: string, reason: string, value: unknown) => Problem,
): Problem | null {
  const { clock } = s
  const seen = new Set<string>()
  let previous: string | null = null
  for (let p = 0; p < s.consumptions.length; p++) {
    const page = s.consumptions[p]!
    for (let i = 0; i < page.length; i++) {
      const record = page[i]!
      const at = `consumptions.${p}.${i}`
      if (seen.has(record.id)) return fail(`${at}.id`, 'is not unique', record.id)
      seen.add(record.id)
      if (clock === null || record.at > clock) return fail(`${at}.at`, 'must not be after the clock', record.at)
      if (previous !== null && previous > record.at) return fail(`${at}.at`, 'is out of time order', record.at)
      previous = record.at
      if (record.reversed > record.amount) return fail(`${at}.reversed`, `must be at most amount (${record.amount})`, record.reversed)
      let drawn = record.shortfall
      for (let d = 0; d < record.draws.length; d++) {
        const draw = record.draws[d]!
        const field = `${at}.draws.${d}`
        if (counter(draw.bucketId) >= s.nextBucket) return fail(`${field}.bucketId`, `must be below nextBucket ${s.nextBucket}`, draw.bucketId)
        if (draw.credits > draw.granted) return fail(`${field}.credits`, `must be at most granted (${draw.granted})`, draw.credits)
        if (draw.grantedAt > record.at) return fail(`${field}.grantedAt`, 'must not be after the consumption', draw.grantedAt)
        if ((draw.source === 'extra') !== (draw.unitPrice !== null)) return fail(`${field}.unitPrice`, 'is set on extra draws only', draw.unitPrice)
        if (draw.unitPrice !== null) {
          if (!isCanonicalMoney(draw.unitPrice)) return fail(`${field}.unitPrice`, 'is not in canonical form', draw.unitPrice)
          if (draw.unitPrice.currency !== currency) return fail(`${field}.unitPrice.currency`, `is not the account's currency ${show(currency)}`, draw.unitPrice.currency)
        }
        drawn += draw.credits
      }
      if (drawn !== record.amount) return fail(`${at}.draws`, `and shortfall must add up to amount (${record.amount})`, drawn)
    }
  }
  return null
}
