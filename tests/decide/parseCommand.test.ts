import { describe, expect, it } from 'vitest'
import { COMMAND_TYPES, isCreditLedgerError, parseCommand } from '../../src/index.js'

const ok = { type: 'ConsumeCredits', id: 'c-1', accountId: 'acc-1', at: '2025-01-01T10:00:00+01:00', data: { amount: 3 } }

function codeOf(input: unknown): { code: string; field: string | null; message: string } {
  try {
    parseCommand(input)
  } catch (e) {
    if (!isCreditLedgerError(e)) throw e
    return { code: e.code, field: e.field, message: e.message }
  }
  throw new Error('accepted')
}

describe('parseCommand', () => {
  it('returns a new typed command, meta carried through', () => {
    const input = { ...ok, meta: { traceId: 'x' } }
    const command = parseCommand(input)
    expect(command).toEqual(input)
    expect(command).not.toBe(input)
  })

  it('knows the command types of contracts v2 and v4', () => {
    expect(COMMAND_TYPES).toEqual([
      'StartSubscription',
      'ConsumeCredits',
      'PurchaseExtraCredits',
      'UpgradePlan',
      'CancelSubscription',
      'RevokeCancellation',
      'DowngradePlan',
      'CancelPlanChange',
      'GrantPromotionalCredits',
      'VoidPromotionalCredits',
      'ReverseConsumption',
      'RefundExtraCredits',
    ])
  })

  it.each([
    [{ ...ok, type: 'CreditsConsumed' }, 'type', /expected one of StartSubscription/],
    [{ ...ok, data: { amount: 0 } }, 'data.amount', /c-1/],
    [{ ...ok, data: { amount: 1.5 } }, 'data.amount', /1\.5/],
    [{ ...ok, data: { amount: 1, extra: true } }, 'data.extra', /unknown key/],
    [{ ...ok, at: '2025-01-01T10:00:00' }, 'at', /offset/],
    [{ ...ok, at: '2025-02-30T10:00:00Z' }, 'at', /2025-02-30/],
    [{ ...ok, id: '  ' }, 'id', /non-blank/],
    [{ ...ok, type: 'PurchaseExtraCredits', data: { quantity: 2, unitPrice: { amount: 1, currency: 'USD' } } }, 'data.unitPrice', /unknown key/],
    [{ ...ok, type: 'UpgradePlan', data: { plan: { id: 'p', monthlyCredits: 5, price: { amount: 1, currency: 'XXX1' } } } }, 'data.plan.price.currency', /ISO 4217/],
  ])('refuses %j with INVALID_COMMAND naming the field', (input, field, message) => {
    const e = codeOf(input)
    expect(e.code).toBe('INVALID_COMMAND')
    expect(e.field).toBe(field)
    expect(e.message).toMatch(message)
  })

  it('refuses what is not an object', () => {
    expect(codeOf(null).code).toBe('INVALID_COMMAND')
    expect(codeOf('ConsumeCredits').code).toBe('INVALID_COMMAND')
  })
})
