/** SPEC §4: the wire format v1, read strictly by parseEvent. */
import { describe, expect, it } from 'vitest'
import { evolve, initialState, isCreditLedgerError, parseEvent, replay, type CreditEvent } from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, purchased, started, upgraded, wire } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

const consumption = () => wire(consumed('e-1', '2025-01-10T09:00:00Z', 5, { reason: 'api' }))

function withData(patch: Record<string, unknown>) {
  const event = consumption()
  return { ...event, data: { ...(event.data as object), ...patch } }
}

/** Expects INVALID_EVENT naming `field`, the event id and the value. */
function expectInvalid(input: unknown, field: string, value?: unknown) {
  const error = expectError(() => parseEvent(input), 'INVALID_EVENT')
  expect(error.field).toBe(field)
  expect(error.message).toContain(field)
  const id = (input as { id?: unknown }).id
  if (typeof id === 'string' && id.trim() !== '') {
    expect(error.eventId).toBe(id)
    // Messages quote at most the first 64 characters of a value (SPEC §5).
    expect(error.message).toContain(id.slice(0, 64))
  }
  if (arguments.length > 2) {
    expect(error.value).toEqual(value)
    if (typeof value === 'string' && value !== '') expect(error.message).toContain(JSON.stringify(value))
  }
  return error
}

describe('parseEvent accepts every event type of v1', () => {
  it.each([
    ['SubscriptionStarted', started('s', '2025-01-10T09:00:00Z', BASIC)],
    ['CreditsConsumed', consumed('c', '2025-01-10T09:00:00Z', 3, { reason: 'x' })],
    ['ExtraCreditsPurchased', purchased('p', '2025-01-10T09:00:00Z', 3)],
    ['PlanUpgraded', upgraded('u', '2025-01-10T09:00:00Z', PRO)],
  ])('%s', (_type, event) => {
    expect(parseEvent(wire(event))).toEqual(event)
  })

  it('carries meta through untouched and keeps the caller\'s at string', () => {
    const meta = { requestId: 'r-1', nested: { list: [1, 'two', null], flag: true } }
    const input = { ...consumption(), at: '2025-01-10T14:30:00+05:30', meta }
    const event = parseEvent(input)
    expect(event.meta).toEqual(meta)
    expect(event.at).toBe('2025-01-10T14:30:00+05:30')
  })
})

describe('strict keys', () => {
  it('refuses an unknown key at the top level, naming it', () => {
    expectInvalid({ ...consumption(), version: 2 }, 'version', 2)
  })
  it('refuses an unknown key in data, naming it', () => {
    expectInvalid(withData({ currency: 'USD' }), 'data.currency', 'USD')
  })
  it('refuses an unknown key in a plan and in money', () => {
    const plan = { ...BASIC, trialDays: 7 }
    expectInvalid(wire(started('s-1', '2025-01-10T09:00:00Z', plan as never)), 'data.plan.trialDays', 7)
    const price = { ...usd(125), rounding: 'up' }
    expectInvalid(wire(purchased('p-1', '2025-01-10T09:00:00Z', 2, price as never)), 'data.unitPrice.rounding', 'up')
  })
  it('accepts any keys inside meta', () => {
    expect(parseEvent({ ...consumption(), meta: { anything: { goes: 1 } } }).meta).toEqual({ anything: { goes: 1 } })
  })
})

describe('timestamps', () => {
  const at = (value: unknown) => ({ ...consumption(), at: value })

  it.each([
    ['2025-02-30T10:00:00Z', 'an impossible date'],
    ['2025-02-29T10:00:00Z', 'Feb 29 of a common year'],
    ['2025-04-31T10:00:00Z', 'April 31'],
    ['2025-01-10T10:00:00', 'no offset'],
    ['2025-01-10', 'a date alone'],
    ['2025-01-10T24:00:00Z', 'hour 24'],
    ['2016-12-31T23:59:60Z', 'a leap second'],
    ['2025-01-10T10:60:00Z', 'minute 60'],
    ['2025-13-01T10:00:00Z', 'month 13'],
    ['2025-01-10 10:00:00Z', 'a space for T'],
    ['1736503200000', 'epoch milliseconds as a string'],
    ['not a date', 'text'],
  ])('refuses %s (%s) naming at', (value) => {
    expectInvalid(at(value), 'at', value)
  })

  it('refuses a number', () => {
    expectInvalid(at(1736503200000), 'at')
  })

  it.each([
    ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00.000Z'],
    ['2025-01-10T10:00Z', '2025-01-10T10:00:00.000Z'],
    ['2025-01-10T10:00:00.5Z', '2025-01-10T10:00:00.500Z'],
    ['2025-01-10T10:00:00.123456789Z', '2025-01-10T10:00:00.123Z'],
    ['2025-01-10T10:00:00.9999Z', '2025-01-10T10:00:00.999Z'],
    ['2025-01-10T05:00:00-05:00', '2025-01-10T10:00:00.000Z'],
    ['2025-01-10T15:30:00+05:30', '2025-01-10T10:00:00.000Z'],
    ['2025-01-01T02:00:00+13:45', '2024-12-31T12:15:00.000Z'],
  ])('accepts %s as the instant %s (fractions below the ms truncated)', (value, instant) => {
    const event = parseEvent(at(value))
    expect(event.at).toBe(value)
    // The state's clock is written in the toISOString() form.
    expect(replay([event]).clock).toBe(instant)
  })

  it('reads -05:00 as five hours behind UTC, whatever the process time zone', () => {
    const state = replay([parseEvent(wire(started('s', '2025-01-31T22:00:00-05:00', BASIC)))])
    // 2025-02-01T03:00Z in UTC: the anchor is February 1st, not January 31st.
    expect(state.subscription!.anchor).toBe('2025-02-01T03:00:00.000Z')
    expect(state.subscription!.periodEnd).toBe('2025-03-01T03:00:00.000Z')
  })
})

describe('numbers', () => {
  it.each([
    [0, 'zero'],
    [-5, 'negative'],
    [1.5, 'fractional'],
    [Number.MAX_SAFE_INTEGER + 1, 'unsafe'],
    ['5', 'a string'],
    [Number.NaN, 'NaN'],
  ])('refuses a consumed amount of %s (%s)', (amount, _label) => {
    expectInvalid(withData({ amount }), 'data.amount')
  })

  it('accepts the largest safe amount', () => {
    expect(parseEvent(withData({ amount: Number.MAX_SAFE_INTEGER })).data).toMatchObject({ amount: Number.MAX_SAFE_INTEGER })
  })

  it.each([0, -1, 2.5, 2 ** 53])('refuses a purchased quantity of %s', (quantity) => {
    const event = wire(purchased('p-1', '2025-01-10T09:00:00Z', 1))
    ;(event.data as Record<string, unknown>).quantity = quantity
    expectInvalid(event, 'data.quantity', quantity)
  })

  it.each([0, -100, 1.5])('refuses monthlyCredits of %s', (monthlyCredits) => {
    expectInvalid(wire(started('s-1', '2025-01-10T09:00:00Z', { ...BASIC, monthlyCredits })), 'data.plan.monthlyCredits', monthlyCredits)
  })

  it('accepts a zero price, refuses a negative, fractional or unsafe amount of money', () => {
    expect(parseEvent(wire(started('s-1', '2025-01-10T09:00:00Z', { ...BASIC, price: usd(0) }))).type).toBe('SubscriptionStarted')
    for (const amount of [-1, 1.5, 2 ** 53]) {
      expectInvalid(wire(purchased('p-1', '2025-01-10T09:00:00Z', 1, usd(amount))), 'data.unitPrice.amount', amount)
    }
  })

  it('accepts scales 0–12 and refuses others', () => {
    expect(parseEvent(wire(purchased('p-1', '2025-01-10T09:00:00Z', 1, usd(1, 12)))).type).toBe('ExtraCreditsPurchased')
    for (const scale of [-1, 13, 1.5]) {
      expectInvalid(wire(purchased('p-1', '2025-01-10T09:00:00Z', 1, usd(1, scale))), 'data.unitPrice.scale', scale)
    }
  })
})

describe('currencies', () => {
  it.each(['XYZ', 'usd', '', 'US'])('refuses the currency %j', (currency) => {
    expectInvalid(wire(purchased('p-1', '2025-01-10T09:00:00Z', 1, { amount: 125, currency })), 'data.unitPrice.currency', currency)
  })
  it.each(['USD', 'EUR', 'JPY', 'KWD'])('accepts %s', (currency) => {
    expect(parseEvent(wire(purchased('p-1', '2025-01-10T09:00:00Z', 1, { amount: 125, currency }))).type).toBe(
      'ExtraCreditsPurchased',
    )
  })
})

describe('types and ids', () => {
  it('refuses an unknown type with a clear error naming type', () => {
    const error = expectInvalid({ ...consumption(), type: 'CreditsRefunded' }, 'type', 'CreditsRefunded')
    expect(error.message).toMatch(/CreditsConsumed/)
  })
  it('refuses a missing type', () => {
    const { type: _type, ...rest } = consumption()
    expectInvalid(rest, 'type')
  })
  it.each(['', '   ', '\t\n'])('refuses a blank id %j', (id) => {
    expectInvalid({ ...consumption(), id }, 'id', id)
  })
  it.each(['', '  '])('refuses a blank accountId %j', (accountId) => {
    expectInvalid({ ...consumption(), accountId }, 'accountId', accountId)
  })
  it('accepts ids of 256 characters and refuses 257', () => {
    expect(parseEvent({ ...consumption(), id: 'x'.repeat(256) }).id).toHaveLength(256)
    expectInvalid({ ...consumption(), id: 'x'.repeat(257) }, 'id')
    expectInvalid({ ...consumption(), accountId: 'a'.repeat(257) }, 'accountId')
  })
  it('refuses a missing data or a non-object', () => {
    const { data: _data, ...rest } = consumption()
    expectInvalid(rest, 'data')
    for (const input of [null, 42, 'event', []]) {
      const error = expectError(() => parseEvent(input), 'INVALID_EVENT')
      expect(isCreditLedgerError(error)).toBe(true)
    }
  })
})

describe('the error', () => {
  it('has a code, the event id, the field, the value and a message naming them', () => {
    const error = expectError(() => parseEvent(withData({ amount: -3 })), 'INVALID_EVENT')
    expect(error).toMatchObject({ code: 'INVALID_EVENT', eventId: 'e-1', field: 'data.amount', value: -3 })
    expect(error.message).toContain('"e-1"')
    expect(error.message).toContain('data.amount')
    expect(error.message).toContain('-3')
  })
})

describe('evolve and replay read at strictly', () => {
  it('refuses an impossible date with INVALID_EVENT, never a shifted instant', () => {
    const event = consumed('bad', '2025-02-30T10:00:00Z', 1) as CreditEvent
    for (const run of [() => evolve(initialState, event), () => replay([event])]) {
      const error = expectError(run, 'INVALID_EVENT')
      expect(error.eventId).toBe('bad')
      expect(error.field).toBe('at')
      expect(error.message).toContain('bad')
    }
  })
})
