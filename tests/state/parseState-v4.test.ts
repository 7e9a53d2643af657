import { describe, expect, it } from 'vitest'
import { parseState, replay } from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, promoted, purchased, reversed, started } from '../support/events.js'
import { BASIC } from '../support/plans.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const state = replay([
  started('s', '2025-01-10T09:00:00Z', BASIC),
  purchased('p', '2025-01-11T00:00:00Z', 10),
  promoted('g', '2025-01-11T01:00:00Z', 5, null),
  consumed('c', '2025-01-12T00:00:00Z', 104), // 100 from b1, 4 from b2
  reversed('r', '2025-01-12T00:01:00Z', 'c', 3),
])
const snapshot = (): Json => JSON.parse(JSON.stringify(state))

function expectInvalid(mutate: (s: Json) => void, field: string) {
  const s = snapshot()
  mutate(s)
  expect(expectError(() => parseState(s), 'INVALID_STATE').field).toBe(field)
}

describe('parseState and contract v4', () => {
  it('round-trips a state with corrections and a reversal window', () => {
    expect(state.consumptions.flat()).toMatchObject([{ id: 'c', amount: 104, shortfall: 0, reversed: 3 }])
    expect(parseState(snapshot())).toEqual(state)
  })

  it('reads a snapshot written before v4: grantedBy null, zero totals, an empty reversal window', () => {
    const old = replay([started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-12T00:00:00Z', 30)])
    const v1: Json = JSON.parse(JSON.stringify(old))
    for (const bucket of v1.buckets) delete bucket.grantedBy
    for (const key of ['reversed', 'voided', 'refunded', 'refundedMoney']) delete v1.totals[key]
    delete v1.consumptions
    const read = parseState(v1)
    expect(read.buckets[0]!.grantedBy).toBeNull()
    expect(read.totals).toMatchObject({ reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expect(read.consumptions).toEqual([])
    expect(Object.isFrozen(read.consumptions)).toBe(true)
  })

  it('checks the conservation law of §9.1 and the reversal window', () => {
    expectInvalid((s) => (s.totals.reversed += 1), 'totals')
    expectInvalid((s) => (s.totals.voided += 1), 'totals')
    expectInvalid((s) => (s.consumptions[0][0].reversed = 105), 'consumptions.0.0.reversed')
    expectInvalid((s) => (s.consumptions[0][0].shortfall = 1), 'consumptions.0.0.draws')
    expectInvalid((s) => (s.consumptions[0][0].at = '2026-01-01T00:00:00.000Z'), 'consumptions.0.0.at')
    expectInvalid((s) => (s.consumptions[0][0].draws[1].unitPrice = null), 'consumptions.0.0.draws.1.unitPrice')
    expectInvalid((s) => (s.consumptions[0][0].draws[0].bucketId = 'b99'), 'consumptions.0.0.draws.0.bucketId')
    expectInvalid((s) => s.consumptions[0].push({ ...s.consumptions[0][0] }), 'consumptions.0.1.id')
    expectInvalid((s) => (s.totals.refundedMoney = { amount: 100, currency: 'EUR' }), 'totals.refundedMoney.currency')
  })
})
