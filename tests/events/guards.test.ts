import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { guardCreditsConsumedData } from '../../src/events/creditsConsumed.js'
import { guardExtraCreditsPurchasedData } from '../../src/events/extraCreditsPurchased.js'
import { DATA_GUARDS, guardEvent } from '../../src/events/guards.js'
import { guardPlanUpgradedData } from '../../src/events/planUpgraded.js'
import { guardSubscriptionStartedData } from '../../src/events/subscriptionStarted.js'
import { EVENT_TYPES, isCreditLedgerError, parseEvent, type CreditEvent } from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

const AT = '2025-01-10T09:00:00Z'

/** One valid event of each type, fresh. */
function valid(): CreditEvent[] {
  return [
    started('e-1', AT, BASIC),
    consumed('e-2', AT, 30, { reason: 'api call' }),
    purchased('e-3', AT, 50, usd(125)),
    upgraded('e-4', AT, PRO),
  ]
}

/** A copy of `event` (JSON) with the value at `path` replaced (or deleted when `value` is `DELETE`). */
const DELETE = Symbol('delete')
function mutate(event: CreditEvent, path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>
  const keys = path.split('.')
  let target = copy
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>
  if (value === DELETE) delete target[keys.at(-1)!]
  else target[keys.at(-1)!] = value
  return copy
}

function expectRefused(input: unknown, field: string, value?: unknown) {
  const error = expectError(() => guardEvent(input), 'INVALID_EVENT')
  expect(error.field).toBe(field)
  expect(error.message).toContain(field)
  if (arguments.length > 2) expect(error.value).toEqual(value ?? null)
  return error
}

describe('guardEvent', () => {
  it('accepts a valid event of every type and leaves it as it was (not copied, not frozen)', () => {
    for (const event of valid()) {
      const before = structuredClone(event)
      expect(() => guardEvent(event)).not.toThrow()
      expect(event).toEqual(before)
      expect(Object.isFrozen(event)).toBe(false)
    }
  })

  it('accepts the optional fields absent or spelt undefined, a scale of 0 and 12, a zero price', () => {
    guardEvent(consumed('e', AT, 1))
    guardEvent({ ...consumed('e', AT, 1), data: { amount: 1, reason: undefined } })
    guardEvent(purchased('e', AT, 1, { amount: 0, currency: 'EUR', scale: 12 }))
    guardEvent(purchased('e', AT, 1, { amount: 5, currency: 'JPY', scale: 0 }))
    guardEvent(mutate(started('e', AT, BASIC), 'data.plan.price.scale', undefined))
  })

  it('refuses a non-object with field (root)', () => {
    for (const input of [null, undefined, 42, 'event', true, 10n]) expectRefused(input, '(root)')
  })

  it.each([
    ['type', 'CreditsRefunded'],
    ['type', '__proto__'],
    ['type', 'toString'],
    ['type', 42],
    ['type', DELETE],
  ])('refuses an unknown %s %s, listing the known types', (field, value) => {
    const error = expectRefused(mutate(consumed('e-1', AT, 1), field, value), field)
    expect(error.message).toContain(EVENT_TYPES.join(', '))
    expect(error.eventId).toBe('e-1')
  })

  it.each([
    ['id', ''],
    ['id', '  \t'],
    ['id', '\u00a0'],
    ['id', 42],
    ['id', null],
    ['id', 'x'.repeat(257)],
    ['id', DELETE],
    ['accountId', ''],
    ['accountId', 7],
    ['accountId', { id: 'acc-1' }],
    ['accountId', 'a'.repeat(257)],
    ['at', 1736500000000],
    ['at', null],
    ['at', DELETE],
    ['data', null],
    ['data', 'amount'],
    ['data', []],
    ['data', DELETE],
  ])('refuses an envelope with %s = %j', (field, value) => {
    expectRefused(mutate(consumed('e-1', AT, 5), field, value), field)
  })

  it('accepts ids of 256 characters, with inner or trailing spaces, or starting with a non-ASCII letter', () => {
    guardEvent({ ...consumed('x'.repeat(256), AT, 1), accountId: 'é'.repeat(256) })
    guardEvent({ ...consumed(' e 1 ', AT, 1), accountId: '\u00a0acc' })
  })

  const HOSTILE_CREDITS: unknown[] = [-5, 0, 2.5, NaN, Infinity, -Infinity, 2 ** 53, true, null, '40', 10n, {}, [], DELETE]
  it.each(HOSTILE_CREDITS.map((v) => [v]))('refuses a consumption whose amount is %s', (value) => {
    const error = expectRefused(mutate(consumed('e-1', AT, 5), 'data.amount', value), 'data.amount')
    expect(error.code).toBe('INVALID_EVENT')
    expect(error.eventId).toBe('e-1')
  })
  it.each(HOSTILE_CREDITS.map((v) => [v]))('refuses a purchase whose quantity is %s', (value) => {
    expectRefused(mutate(purchased('e-1', AT, 5), 'data.quantity', value), 'data.quantity')
  })
  it.each(HOSTILE_CREDITS.map((v) => [v]))('refuses a plan whose monthlyCredits is %s', (value) => {
    expectRefused(mutate(started('e-1', AT, BASIC), 'data.plan.monthlyCredits', value), 'data.plan.monthlyCredits')
    expectRefused(mutate(upgraded('e-1', AT, PRO), 'data.plan.monthlyCredits', value), 'data.plan.monthlyCredits')
  })

  it.each([
    ['amount', -1],
    ['amount', 29.99],
    ['amount', NaN],
    ['amount', 2 ** 53],
    ['amount', '2900'],
    ['amount', 2900n],
    ['amount', DELETE],
    ['currency', 'ZZZ'],
    ['currency', 'usd'],
    ['currency', 'MGA'],
    ['currency', 'toString'],
    ['currency', '__proto__'],
    ['currency', 840],
    ['currency', DELETE],
    ['scale', 13],
    ['scale', -1],
    ['scale', 1.5],
    ['scale', null],
    ['scale', '2'],
  ])('refuses money whose %s is %s, wherever it is', (key, value) => {
    expectRefused(mutate(started('e-1', AT, BASIC), `data.plan.price.${key}`, value), `data.plan.price.${key}`)
    expectRefused(mutate(upgraded('e-1', AT, PRO), `data.plan.price.${key}`, value), `data.plan.price.${key}`)
    expectRefused(mutate(purchased('e-1', AT, 5), `data.unitPrice.${key}`, value), `data.unitPrice.${key}`)
  })

  it('refuses money or a plan that is not an object', () => {
    for (const value of [null, 2900, 'USD 29', DELETE]) {
      expectRefused(mutate(purchased('e-1', AT, 5), 'data.unitPrice', value), 'data.unitPrice')
      expectRefused(mutate(started('e-1', AT, BASIC), 'data.plan.price', value), 'data.plan.price')
      expectRefused(mutate(started('e-1', AT, BASIC), 'data.plan', value), 'data.plan')
      expectRefused(mutate(upgraded('e-1', AT, PRO), 'data.plan', value), 'data.plan')
    }
  })

  it.each([[''], ['   '], [5], [null], ['p'.repeat(257)], [DELETE]])('refuses a plan id %j', (value) => {
    expectRefused(mutate(started('e-1', AT, BASIC), 'data.plan.id', value), 'data.plan.id')
  })

  it('refuses a reason that is not a string', () => {
    for (const value of [null, 5, { text: 'x' }]) expectRefused(mutate(consumed('e-1', AT, 5), 'data.reason', value), 'data.reason')
  })

  it('names the event, the field and at most 64 characters of the value; keeps the value itself', () => {
    const huge = 'x'.repeat(10_000_000)
    const error = expectRefused(mutate(consumed('e-1', AT, 5), 'accountId', huge), 'accountId', huge)
    expect(error.message).toContain('event "e-1"')
    expect(error.message.length).toBeLessThan(300)
    const byId = expectRefused(mutate(consumed('e-1', AT, 5), 'id', huge), 'id')
    expect(byId.message.length).toBeLessThan(300)
    expect(byId.message).toContain(`"${'x'.repeat(64)}"…`)
    expect(expectRefused(mutate(consumed('e-1', AT, 5), 'data.amount', 2.5), 'data.amount').message).toBe(
      'event "e-1": data.amount must be a safe integer > 0 (got 2.5)',
    )
  })

  it('refuses hostile numbers by their real value in the message (NaN, Infinity, 10n), never null', () => {
    expect(expectRefused(mutate(consumed('e', AT, 5), 'data.amount', NaN), 'data.amount').message).toContain('(got NaN)')
    expect(expectRefused(mutate(consumed('e', AT, 5), 'data.amount', -Infinity), 'data.amount').message).toContain('(got -Infinity)')
    expect(expectRefused(mutate(consumed('e', AT, 5), 'data.amount', 10n), 'data.amount').message).toContain('(got 10n)')
  })

  it('checks the envelope in the order type, id, accountId, at, data', () => {
    expectRefused({ type: 'X', id: 1, accountId: 2, at: 3 }, 'type')
    expectRefused({ type: 'CreditsConsumed', id: 1, accountId: 2, at: 3 }, 'id')
    expectRefused({ type: 'CreditsConsumed', id: 'e', accountId: 2, at: 3 }, 'accountId')
    expectRefused({ type: 'CreditsConsumed', id: 'e', accountId: 'a', at: 3 }, 'at')
    expectRefused({ type: 'CreditsConsumed', id: 'e', accountId: 'a', at: AT }, 'data')
  })
})

describe('the data guards', () => {
  it('are one per event type, each exported on its own', () => {
    expect(Object.keys(DATA_GUARDS).sort()).toEqual([...EVENT_TYPES].sort())
    expect(DATA_GUARDS.SubscriptionStarted).toBe(guardSubscriptionStartedData)
    expect(DATA_GUARDS.CreditsConsumed).toBe(guardCreditsConsumedData)
    expect(DATA_GUARDS.ExtraCreditsPurchased).toBe(guardExtraCreditsPurchasedData)
    expect(DATA_GUARDS.PlanUpgraded).toBe(guardPlanUpgradedData)
  })
  it('check the data alone, naming data.<field>', () => {
    expect(() => guardCreditsConsumedData({ amount: 3 }, 'e')).not.toThrow()
    expect(expectError(() => guardCreditsConsumedData({ amount: 0 }, 'e'), 'INVALID_EVENT').field).toBe('data.amount')
    expect(expectError(() => guardExtraCreditsPurchasedData({ quantity: 1 }, 'e'), 'INVALID_EVENT').field).toBe('data.unitPrice')
  })
})

describe('guardEvent against parseEvent', () => {
  /** A field the fold reads, and values to put there. */
  const FIELDS = [
    'type',
    'id',
    'accountId',
    'data',
    'data.amount',
    'data.reason',
    'data.quantity',
    'data.unitPrice',
    'data.unitPrice.amount',
    'data.unitPrice.currency',
    'data.unitPrice.scale',
    'data.plan',
    'data.plan.id',
    'data.plan.monthlyCredits',
    'data.plan.price',
    'data.plan.price.amount',
    'data.plan.price.currency',
    'data.plan.price.scale',
  ]
  const COMMON = ['type', 'id', 'accountId', 'data']
  const PLAN = ['data.plan', 'data.plan.id', 'data.plan.monthlyCredits', 'data.plan.price', 'data.plan.price.amount', 'data.plan.price.currency', 'data.plan.price.scale']
  const KNOWN_PATHS: Record<string, string[]> = {
    SubscriptionStarted: [...COMMON, ...PLAN],
    PlanUpgraded: [...COMMON, ...PLAN],
    CreditsConsumed: [...COMMON, 'data.amount', 'data.reason'],
    ExtraCreditsPurchased: [...COMMON, 'data.quantity', 'data.unitPrice', 'data.unitPrice.amount', 'data.unitPrice.currency', 'data.unitPrice.scale'],
  }
  const hostile = fc.oneof(
    fc.constantFrom(-5, 0, 2.5, NaN, Infinity, true, null, '40', 'ZZZ', '', ' ', 2 ** 53, 13, 10n, DELETE, [], {}),
    fc.jsonValue(),
    fc.anything({ withBigInt: true, withNullPrototype: true }),
  )

  it('never refuses what parseEvent accepts, and refuses a bad field the fold reads with the same field', () => {
    let refusedBoth = 0
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.constantFrom(...FIELDS), hostile, (which, path, value) => {
        const base = valid()[which]!
        const parent = path.split('.').slice(0, -1).join('.')
        let target: unknown = base
        for (const key of parent === '' ? [] : parent.split('.')) target = (target as Record<string, unknown>)?.[key]
        fc.pre(typeof target === 'object' && target !== null && (path.split('.').length === 1 || path.split('.').at(-1)! in target || value !== DELETE))
        const input = mutate(base, path, value)
        let parsed: unknown = null
        try {
          parsed = parseEvent(input)
        } catch (error) {
          expect(isCreditLedgerError(error)).toBe(true)
        }
        let guardError: unknown = null
        try {
          guardEvent(input)
        } catch (error) {
          guardError = error
        }
        if (parsed !== null) {
          expect(guardError).toBeNull()
          return
        }
        // parseEvent refused: the guard may accept only what the fold does not read (an unknown key).
        const parseField = (() => {
          try {
            parseEvent(input)
          } catch (error) {
            return (error as { field: string }).field
          }
          return null
        })()
        const known = KNOWN_PATHS[base.type]!.includes(path)
        if (guardError === null) {
          expect(known, `guard accepted ${path} = ${fc.stringify(value)}, parseEvent refused ${parseField}`).toBe(false)
          return
        }
        refusedBoth++
        expect(isCreditLedgerError(guardError) && guardError.code).toBe('INVALID_EVENT')
        if (known) expect((guardError as { field: string }).field).toBe(parseField)
      }),
      { numRuns: 2000 },
    )
    expect(refusedBoth).toBeGreaterThan(100)
  })
})
