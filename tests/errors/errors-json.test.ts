import { describe, expect, it } from 'vitest'
import { decide, InsufficientCreditsError, parseEvent, replay } from '../../src/index.js'
import { expectError } from '../support/assertions.js'

describe('JSON.stringify(error)', () => {
  it('keeps the code, the message and the fields', () => {
    const error = expectError(() => parseEvent({ type: 'CreditsConsumed', id: 'e-1', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { amount: -3 } }), 'INVALID_EVENT')
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'InvalidEventError',
      code: 'INVALID_EVENT',
      message: error.message,
      eventId: 'e-1',
      field: 'data.amount',
      value: -3,
    })
    expect(error.message).toContain('data.amount')
  })

  it("keeps a subclass's own fields (requested and available)", () => {
    const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
    const state = replay([{ type: 'SubscriptionStarted', id: 's', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { plan } }])
    const error = expectError(
      () => decide({ type: 'ConsumeCredits', id: 'c-1', accountId: 'a', at: '2025-01-02T00:00:00Z', data: { amount: 500 } }, state),
      'INSUFFICIENT_CREDITS',
    )
    expect(error).toBeInstanceOf(InsufficientCreditsError)
    expect(JSON.parse(JSON.stringify({ error }))).toEqual({
      error: { name: 'InsufficientCreditsError', code: 'INSUFFICIENT_CREDITS', message: error.message, eventId: 'c-1', field: 'data.amount', value: 500, requested: 500, available: 100 },
    })
  })
})
