import { describe, expectTypeOf, it } from 'vitest'
import {
  createLedger,
  decide,
  quoteExtraCredits,
  type AccountState,
  type CreditCommand,
  type CreditCommandType,
  type CreditEvent,
  type InsufficientCreditsError,
  type Ledger,
  type Money,
} from '../../src/index.js'
import { given, history, type FlatBalance, type HistoryBuilder } from '../../src/testing/index.js'

describe('public types', () => {
  it('decide and the ledger', () => {
    expectTypeOf(decide).parameters.toEqualTypeOf<[CreditCommand, AccountState]>()
    expectTypeOf(decide).returns.toEqualTypeOf<CreditEvent[]>()
    expectTypeOf<CreditCommandType>().toEqualTypeOf<
      | 'StartSubscription'
      | 'ConsumeCredits'
      | 'PurchaseExtraCredits'
      | 'UpgradePlan'
      | 'CancelSubscription'
      | 'RevokeCancellation'
      | 'DowngradePlan'
      | 'CancelPlanChange'
      | 'GrantPromotionalCredits'
      | 'VoidPromotionalCredits'
      | 'ReverseConsumption'
      | 'RefundExtraCredits'
    >()
    expectTypeOf(createLedger).returns.toEqualTypeOf<Ledger>()
    expectTypeOf(quoteExtraCredits).returns.toEqualTypeOf<Money>()
    expectTypeOf<Ledger['options']['idempotencyWindowMs']>().toEqualTypeOf<number>()
    expectTypeOf(createLedger().replayAll([])).toEqualTypeOf<Map<string, AccountState>>()
    expectTypeOf(createLedger().replayAll((async function* () {})())).toEqualTypeOf<Promise<Map<string, AccountState>>>()
    // @ts-expect-error a command needs its data
    decide({ type: 'ConsumeCredits', id: 'c', accountId: 'a', at: '2025-01-01T00:00:00Z' }, createLedger().initialState)
  })

  it('the testing kit', () => {
    expectTypeOf(given([]).when({} as CreditCommand).thenThrows('INSUFFICIENT_CREDITS')).toEqualTypeOf<InsufficientCreditsError>()
    expectTypeOf(given([]).when({} as CreditCommand).thenThrows('OUT_OF_ORDER').code).toEqualTypeOf<'OUT_OF_ORDER'>()
    expectTypeOf(given([]).thenBalance).parameter(0).toEqualTypeOf<Partial<FlatBalance>>()
    expectTypeOf(history('a').consume(1)).toEqualTypeOf<HistoryBuilder>()
    expectTypeOf(history('a').events).toEqualTypeOf<CreditEvent[]>()
    // @ts-expect-error not a balance key
    given([]).thenBalance({ credits: 1 })
  })
})
