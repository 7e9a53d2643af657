/**
 * Assertion helpers shared by test suites: error codes, deep freezing,
 * `undefined` values and the conservation law.
 */
import { expect } from 'vitest'
import { balance, isCreditLedgerError, type AccountState, type CreditLedgerError, type ErrorCode } from '../../src/index.js'

/**
 * Runs `fn`, expects it to throw a CreditLedgerError with `code`, and returns
 * the error for further checks.
 */
export function expectError(fn: () => unknown, code: ErrorCode): CreditLedgerError {
  try {
    fn()
  } catch (error) {
    return expectCode(error, code)
  }
  throw new Error(`expected ${code}, but nothing was thrown`)
}

/** Like `expectError` for a promise. */
export async function expectRejection(promise: Promise<unknown>, code: ErrorCode): Promise<CreditLedgerError> {
  try {
    await promise
  } catch (error) {
    return expectCode(error, code)
  }
  throw new Error(`expected ${code}, but the promise resolved`)
}

function expectCode(thrown: unknown, code: ErrorCode): CreditLedgerError {
  if (!isCreditLedgerError(thrown)) throw new Error(`expected a CreditLedgerError ${code}, got ${String(thrown)}`)
  expect(thrown.code, thrown.message).toBe(code)
  return thrown
}

/** Paths (`buckets.0.unitPrice`) of every object or array reachable from `value` that is not frozen. */
export function unfrozenPaths(value: unknown, path = '(root)'): string[] {
  if (typeof value !== 'object' || value === null) return []
  const out: string[] = Object.isFrozen(value) ? [] : [path]
  for (const [key, child] of Object.entries(value)) out.push(...unfrozenPaths(child, `${path}.${key}`))
  return out
}

/** Paths of every object or array reachable from `value` that is frozen. */
export function frozenPaths(value: unknown, path = '(root)'): string[] {
  if (typeof value !== 'object' || value === null) return []
  const out: string[] = Object.isFrozen(value) ? [path] : []
  for (const [key, child] of Object.entries(value)) out.push(...frozenPaths(child, `${path}.${key}`))
  return out
}

/** Paths of every key reachable from `value` whose value is `undefined`. */
export function undefinedPaths(value: unknown, path = '(root)'): string[] {
  if (typeof value !== 'object' || value === null) return []
  const out: string[] = []
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key]
    if (child === undefined) out.push(`${path}.${key}`)
    else out.push(...undefinedPaths(child, `${path}.${key}`))
  }
  return out
}

/** Asserts SPEC §3's conservation law and `deficit > 0 ⇒ available = 0`. */
export function expectConservation(state: AccountState): void {
  const { available, deficit } = balance(state)
  const { granted, consumed, expired, reversed, voided, refunded } = state.totals
  expect(
    granted + reversed - consumed - expired - voided - refunded,
    'granted + reversed − consumed − expired − voided − refunded = available − deficit (SPEC §9.1)',
  ).toBe(available - deficit)
  // A reversal may leave a deficit beside credits (it is not a grant); without one, the seed's rule holds.
  if (deficit > 0 && reversed === 0) expect(available, 'deficit > 0 implies available = 0').toBe(0)
  for (const bucket of state.buckets) expect(bucket.remaining).toBeGreaterThan(0)
}
