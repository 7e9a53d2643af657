/**
 * What the checks read off a state that is not being folded (`decide`, the
 * history builder): the consumptions still within the reversal window, and
 * the live bucket a purchase or a promotional grant created.
 */
import { describe, expect, it } from 'vitest'
import { checkedAccountOf, referencedAccountOf } from '../../src/fold/stateAccount.js'
import { replay } from '../../src/index.js'
import { consumed, promoted, purchased, started } from '../support/events.js'
import { BASIC } from '../support/plans.js'

const DAY = 86_400_000
const at = (iso: string) => Date.parse(iso)

const state = replay([
  started('s', '2025-01-01T00:00:00Z', BASIC),
  consumed('c', '2025-01-02T00:00:00Z', 5),
  purchased('p', '2025-01-03T00:00:00Z', 10),
  promoted('g', '2025-01-04T00:00:00Z', 7, '2025-01-20T00:00:00Z'),
])

describe('referencedAccountOf', () => {
  const account = referencedAccountOf(state, 10 * DAY)

  it('finds a consumption until exactly the reversal window after it, and no other id', () => {
    expect(account.consumptionAt('c', at('2025-01-12T00:00:00Z') - 1)).toMatchObject({ id: 'c', amount: 5 })
    expect(account.consumptionAt('c', at('2025-01-12T00:00:00Z'))).toBeUndefined()
    expect(account.consumptionAt('p', at('2025-01-05T00:00:00Z'))).toBeUndefined()
    expect(referencedAccountOf(state, 30 * DAY).consumptionAt('c', at('2025-01-12T00:00:00Z'))).toMatchObject({ id: 'c' })
  })

  it('finds the bucket an event created, of that source, while it is live', () => {
    expect(account.bucketAt('p', 'extra', at('2030-01-01T00:00:00Z'))).toMatchObject({ grantedBy: 'p', source: 'extra', remaining: 10 })
    expect(account.bucketAt('p', 'promotional', at('2025-01-05T00:00:00Z'))).toBeUndefined()
    expect(account.bucketAt('g', 'promotional', at('2025-01-20T00:00:00Z') - 1)).toMatchObject({ grantedBy: 'g', remaining: 7 })
    expect(account.bucketAt('g', 'promotional', at('2025-01-20T00:00:00Z'))).toBeUndefined()
    expect(account.bucketAt('s', 'subscription', at('2025-01-05T00:00:00Z'))).toMatchObject({ grantedBy: 's', source: 'subscription' })
    expect(account.bucketAt('s', 'extra', at('2025-01-05T00:00:00Z'))).toBeUndefined()
    expect(account.bucketAt('x', 'extra', at('2025-01-05T00:00:00Z'))).toBeUndefined()
  })
})

describe('checkedAccountOf', () => {
  it('reads the account, the clock (in ms too), the subscription and the currency', () => {
    expect(checkedAccountOf(state)).toEqual({
      accountId: state.accountId,
      clock: '2025-01-04T00:00:00.000Z',
      clockMs: at('2025-01-04T00:00:00Z'),
      subscription: state.subscription,
      currency: 'USD',
    })
  })
})
