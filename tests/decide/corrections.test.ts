import { describe, expect, it } from 'vitest'
import { createLedger, decide, evolve, type CreditCommand } from '../../src/index.js'
import { given, history } from '../../src/testing/index.js'
import { basic } from './plans.js'

const acc = 'acc-1'
const command = <T extends CreditCommand['type']>(type: T, id: string, at: string, data: Extract<CreditCommand, { type: T }>['data']) =>
  ({ type, id, accountId: acc, at, data }) as Extract<CreditCommand, { type: T }>

// acc-1-1: basic (100 credits until 2025-02-10T09:00Z); acc-1-2: 50 extra at USD 1.25; acc-1-3: 120 consumed
// (100 from b1, 20 from the extra bucket b2, which keeps 30).
const spent = history(acc).start(basic, '2025-01-10T09:00:00Z').buyExtra(50, '+1d').consume(120, '+1d')

describe('GrantPromotionalCredits', () => {
  it('records PromotionalCreditsGranted, with or without an expiry, even with no subscription', () => {
    given([])
      .when(command('GrantPromotionalCredits', 'g', '2025-01-01T00:00:00Z', { amount: 20, expiresAt: '2025-02-01T00:00:00Z', reason: 'trial' }))
      .then([
        {
          type: 'PromotionalCreditsGranted',
          id: 'g',
          accountId: acc,
          at: '2025-01-01T00:00:00Z',
          data: { amount: 20, expiresAt: '2025-02-01T00:00:00Z', reason: 'trial' },
        },
      ])
    given([]).when(command('GrantPromotionalCredits', 'g', '2025-01-01T00:00:00Z', { amount: 20, expiresAt: null, reason: 'goodwill' })).then([
      { type: 'PromotionalCreditsGranted', id: 'g', accountId: acc, at: '2025-01-01T00:00:00Z', data: { amount: 20, expiresAt: null, reason: 'goodwill' } },
    ])
  })

  it('is INVALID_COMMAND when the expiry is not after at', () => {
    const e = given([])
      .when(command('GrantPromotionalCredits', 'g', '2025-01-01T00:00:00Z', { amount: 20, expiresAt: '2025-01-01T05:30:00+05:30', reason: 'trial' }))
      .thenThrows('INVALID_COMMAND')
    expect(e.field).toBe('data.expiresAt')
  })
})

describe('VoidPromotionalCredits', () => {
  const promoted = history(acc).start(basic, '2025-01-10T09:00:00Z').promo(50, '2025-01-20T00:00:00Z', 'trial', '+1d') // acc-1-2

  it('records PromotionalCreditsVoided while the grant has credits left', () => {
    given(promoted).when(command('VoidPromotionalCredits', 'v', '2025-01-12T00:00:00Z', { grantId: 'acc-1-2' })).then([
      { type: 'PromotionalCreditsVoided', id: 'v', accountId: acc, at: '2025-01-12T00:00:00Z', data: { grantId: 'acc-1-2' } },
    ])
  })

  it('is NOTHING_TO_VOID once the grant expired (as of the command), and for a grant that is not promotional', () => {
    const e = given(promoted).when(command('VoidPromotionalCredits', 'v', '2025-01-20T00:00:00Z', { grantId: 'acc-1-2' })).thenThrows('NOTHING_TO_VOID')
    expect(e).toMatchObject({ eventId: 'v', field: 'data.grantId', value: 'acc-1-2' })
    given(promoted).when(command('VoidPromotionalCredits', 'v', '2025-01-12T00:00:00Z', { grantId: 'acc-1-1' })).thenThrows('NOTHING_TO_VOID')
  })
})

describe('ReverseConsumption', () => {
  it('defaults to all not yet reversed', () => {
    const partly = spent.reverse('acc-1-3', 30)
    given(partly).when(command('ReverseConsumption', 'r', '2025-01-13T00:00:00Z', { consumptionId: 'acc-1-3' })).then([
      { type: 'ConsumptionReversed', id: 'r', accountId: acc, at: '2025-01-13T00:00:00Z', data: { consumptionId: 'acc-1-3', amount: 90 } },
    ])
  })

  it('is UNKNOWN_CONSUMPTION outside the window and REVERSAL_EXCEEDS_CONSUMPTION past the amount or with nothing left', () => {
    given(spent).when(command('ReverseConsumption', 'r', '2025-02-11T09:00:00Z', { consumptionId: 'acc-1-3' })).thenThrows('UNKNOWN_CONSUMPTION')
    given(spent).when(command('ReverseConsumption', 'r', '2025-01-13T00:00:00Z', { consumptionId: 'acc-1-2' })).thenThrows('UNKNOWN_CONSUMPTION')
    const e = given(spent)
      .when(command('ReverseConsumption', 'r', '2025-01-13T00:00:00Z', { consumptionId: 'acc-1-3', amount: 121 }))
      .thenThrows('REVERSAL_EXCEEDS_CONSUMPTION')
    expect(e).toMatchObject({ eventId: 'r', field: 'data.amount', value: 121 })
    given(spent.reverse('acc-1-3'))
      .when(command('ReverseConsumption', 'r', '2025-01-13T00:00:00Z', { consumptionId: 'acc-1-3' }))
      .thenThrows('REVERSAL_EXCEEDS_CONSUMPTION')
  })

  it('a retry of a defaulted reversal yields no events; the same id with another amount is IDEMPOTENCY_CONFLICT', () => {
    const first = command('ReverseConsumption', 'r', '2025-01-13T00:00:00Z', { consumptionId: 'acc-1-3' })
    const [event] = decide(first, spent.state)
    const after = evolve(spent.state, event!)
    expect(decide(first, after)).toEqual([])
    expect(decide({ ...first, at: '2025-01-13T00:05:00Z' }, after)).toEqual([])
    expect(decide(command('ReverseConsumption', 'r', '2025-01-13T00:00:00Z', { consumptionId: 'acc-1-3', amount: 120 }), after)).toEqual([])
    given([...spent.events, event!])
      .when(command('ReverseConsumption', 'r', '2025-01-13T00:00:00Z', { consumptionId: 'acc-1-3', amount: 5 }))
      .thenThrows('IDEMPOTENCY_CONFLICT')
  })
})

describe('RefundExtraCredits', () => {
  it('defaults to all the purchase has left, and the event keeps the quantity', () => {
    given(spent).when(command('RefundExtraCredits', 'f', '2025-01-13T00:00:00Z', { purchaseId: 'acc-1-2' })).then([
      { type: 'ExtraCreditsRefunded', id: 'f', accountId: acc, at: '2025-01-13T00:00:00Z', data: { purchaseId: 'acc-1-2', quantity: 30 } },
    ])
  })

  it('is REFUND_EXCEEDS_REMAINING past the unused credits and UNKNOWN_PURCHASE with none left', () => {
    const e = given(spent)
      .when(command('RefundExtraCredits', 'f', '2025-01-13T00:00:00Z', { purchaseId: 'acc-1-2', quantity: 31 }))
      .thenThrows('REFUND_EXCEEDS_REMAINING')
    expect(e).toMatchObject({ eventId: 'f', field: 'data.quantity', value: 31 })
    given(spent.refund('acc-1-2'))
      .when(command('RefundExtraCredits', 'f', '2025-01-13T00:00:00Z', { purchaseId: 'acc-1-2' }))
      .thenThrows('UNKNOWN_PURCHASE')
  })

  it('refunds at the purchase price whatever the ledger price is now', () => {
    const dearer = createLedger({ extraCreditPrice: { amount: 200, currency: 'USD' } })
    const [event] = dearer.decide(command('RefundExtraCredits', 'f', '2025-01-13T00:00:00Z', { purchaseId: 'acc-1-2', quantity: 10 }), spent.state)
    // 10 × USD 1.25 = 12.50, not 10 × 2.00.
    expect(dearer.evolve(spent.state, event!).totals.refundedMoney).toEqual({ amount: 1250, currency: 'USD' })
  })
})

describe('history() and thenBalance', () => {
  it('promo, voidPromo, reverse and refund write valid events; thenBalance takes promotional', () => {
    const h = spent // b1 0, b2 30 extra
      .promo(40, '+30d', 'goodwill') // acc-1-4: promotional 40
      .reverse('acc-1-3', 25) // 20 back into b2 (50), 5 into b1 (re-created)
      .refund('acc-1-2', 10) // b2 40
      .promo(15, null) // acc-1-7
      .voidPromo('acc-1-7')
    given(h.events).thenBalance({ available: 85, subscription: 5, extra: 40, promotional: 40, deficit: 0 })
    expect(h.events.map((e) => e.type)).toEqual([
      'SubscriptionStarted',
      'ExtraCreditsPurchased',
      'CreditsConsumed',
      'PromotionalCreditsGranted',
      'ConsumptionReversed',
      'ExtraCreditsRefunded',
      'PromotionalCreditsGranted',
      'PromotionalCreditsVoided',
    ])
  })
})

describe('the reversalWindowMs option', () => {
  it('is a positive integer (INVALID_OPTIONS otherwise) and bounds what can be reversed', () => {
    for (const reversalWindowMs of [0, -1, 1.5, '1d']) {
      let code: string | undefined
      try {
        createLedger({ reversalWindowMs } as never)
      } catch (e) {
        code = (e as { code?: string }).code
      }
      expect(code, String(reversalWindowMs)).toBe('INVALID_OPTIONS')
    }
    const hour = createLedger({ reversalWindowMs: 3_600_000 })
    const h = history(acc, { ledger: hour }).start(basic, '2025-01-10T09:00:00Z').consume(10, '+1d')
    given(h, { ledger: hour }).when(command('ReverseConsumption', 'r', '2025-01-11T10:00:00Z', { consumptionId: 'acc-1-2' })).thenThrows('UNKNOWN_CONSUMPTION')
    given(h, { ledger: hour }).when(command('ReverseConsumption', 'r', '2025-01-11T09:59:59.999Z', { consumptionId: 'acc-1-2' })).then([
      { type: 'ConsumptionReversed', id: 'r', accountId: acc, at: '2025-01-11T09:59:59.999Z', data: { consumptionId: 'acc-1-2', amount: 10 } },
    ])
  })
})
