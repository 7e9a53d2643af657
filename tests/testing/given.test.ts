import { AssertionError } from 'node:assert'
import { describe, expect, it } from 'vitest'
import type { CreditCommand } from '../../src/index.js'
import { given, history } from '../../src/testing/index.js'
import { basic } from '../decide/plans.js'

const consume = (amount: number, id = 'c-1', at = '2025-01-02T00:00:00Z'): CreditCommand => ({
  type: 'ConsumeCredits',
  id,
  accountId: 'acc-1',
  at,
  data: { amount },
})
// Built in each test, never while vitest collects the file (Stryker would
// count that as static coverage).
const startedHistory = () => history('acc-1').start(basic)

function failure(f: () => unknown): AssertionError {
  try {
    f()
  } catch (e) {
    if (e instanceof AssertionError) return e
    throw e
  }
  throw new Error('no assertion failed')
}

describe('given/when/then', () => {
  it('passes silently when the events match, and fails with a diff when they do not', () => {
    const started = startedHistory()
    const event = { type: 'CreditsConsumed' as const, id: 'c-1', accountId: 'acc-1', at: '2025-01-02T00:00:00Z', data: { amount: 10 } }
    given(started).when(consume(10)).then([event])
    const e = failure(() => given(started).when(consume(10)).then([{ ...event, data: { amount: 11 } }]))
    expect(e.message).toContain('decide returned other events than expected')
    expect(e.message).toMatch(/-\s+amount: 11|amount: 11/)
    expect(e.code).toBe('ERR_ASSERTION')
  })

  it('compares money by value', () => {
    given([])
      .when({ type: 'PurchaseExtraCredits', id: 'p', accountId: 'acc-1', at: '2025-01-01T00:00:00Z', data: { quantity: 1 } })
      .then([
        { type: 'ExtraCreditsPurchased', id: 'p', accountId: 'acc-1', at: '2025-01-01T00:00:00Z', data: { quantity: 1, unitPrice: { amount: 12500, currency: 'USD', scale: 4 } } },
      ])
  })

  it('then fails when decide refuses, naming the code', () => {
    const started = startedHistory()
    const e = failure(() => given(started).when(consume(1000)).then([]))
    expect(e.message).toMatch(/refused with INSUFFICIENT_CREDITS/)
  })

  it('thenThrows returns the typed error, and fails on another code or on acceptance', () => {
    const started = startedHistory()
    const error = given(started).when(consume(1000)).thenThrows('INSUFFICIENT_CREDITS')
    expect([error.requested, error.available]).toEqual([1000, 100])
    expect(failure(() => given(started).when(consume(1000)).thenThrows('OUT_OF_ORDER')).message).toMatch(
      /expected decide to refuse with OUT_OF_ORDER, but it refused with INSUFFICIENT_CREDITS/,
    )
    expect(failure(() => given(started).when(consume(1)).thenThrows('INSUFFICIENT_CREDITS')).message).toMatch(/but it returned/)
  })

  it('refuses to be awaited by mistake (then is not a promise)', async () => {
    const started = startedHistory()
    await expect(
      (async () => {
        await (given(started).when(consume(1)) as unknown as Promise<void>)
      })(),
    ).rejects.toThrow(/not a promise/)
  })

  it('throws the library error when the given history does not replay', () => {
    const started = startedHistory()
    const bad = started.events
    expect(() => given([...bad, bad[0]!])).toThrow(expect.objectContaining({ code: 'DUPLICATE_EVENT' }))
  })

  it('exposes the replayed state', () => {
    const started = startedHistory()
    expect(given(started).state.subscription?.plan.id).toBe('basic')
    expect(given().state.accountId).toBeNull()
  })
})

describe('thenBalance', () => {
  it('checks a partial of the flat balance, as of the clock or a later instant', () => {
    const started = startedHistory()
    const h = started.consume(30).buyExtra(50)
    given(h).thenBalance({ available: 120, extra: 50 })
    given(h).thenBalance({ available: 120, deficit: 0, subscription: 70, rollover: 0, extra: 50, promotional: 0 })
    given(h).thenBalance({ subscription: 100, extra: 50, available: 150 }, { at: '2025-02-01T00:00:00Z' })
  })

  it('fails with a diff of the keys asked for only', () => {
    const started = startedHistory()
    const e = failure(() => given(started.consume(30)).thenBalance({ available: 71 }))
    expect(e.message).toContain('thenBalance (as of 2025-01-01T00:01:00.000Z)')
    expect(e.message).toContain('71')
    expect(e.actual).toEqual({ available: 70 })
    expect(e.expected).toEqual({ available: 71 })
  })

  it('shows a deficit', () => {
    const started = startedHistory()
    given(started.consume(130)).thenBalance({ available: 0, deficit: 30 })
  })

  it('refuses an unknown key', () => {
    const started = startedHistory()
    expect(() => given(started).thenBalance({ avialable: 1 } as never)).toThrow(/unknown key avialable/)
  })
})

describe('when(command) then the balance, the state, or nothing', () => {
  it('thenBalance checks the balance after the events decide returns, as of the command (or a later instant)', () => {
    const started = startedHistory()
    given(started).when(consume(30)).thenBalance({ available: basic.monthlyCredits - 30, subscription: basic.monthlyCredits - 30 })
    const e = failure(() => given(started).when(consume(30)).thenBalance({ available: basic.monthlyCredits }))
    expect(e.message).toContain('when(ConsumeCredits "c-1").thenBalance (as of 2025-01-02T00:00:00.000Z): the balance differs')
    // A month later the renewal has expired the rest and granted a new period.
    given(started).when(consume(30)).thenBalance({ available: basic.monthlyCredits }, { at: '2025-02-01T00:00:00Z' })
  })

  it('thenBalance and thenState fail when decide refuses the command, naming the code', () => {
    const started = startedHistory()
    const tooMuch = consume(basic.monthlyCredits + 1)
    expect(failure(() => given(started).when(tooMuch).thenBalance({ available: 0 })).message).toContain('refused with INSUFFICIENT_CREDITS')
    expect(failure(() => given(started).when(tooMuch).thenState(() => true)).message).toContain('refused with INSUFFICIENT_CREDITS')
  })

  it('thenState passes the state after the command to the predicate, and fails when it returns false', () => {
    const started = startedHistory()
    let seen: unknown = null
    given(started).when(consume(30)).thenState((s) => {
      seen = s.totals.consumed
      return s.clock === '2025-01-02T00:00:00.000Z'
    })
    expect(seen).toBe(30)
    const e = failure(() => given(started).when(consume(30)).thenState((s) => s.totals.consumed === 31, 'consumed is 31'))
    expect(e.message).toContain('when(ConsumeCredits "c-1").thenState: consumed is 31 does not hold of the state')
    given(started).thenState((s) => s.subscription?.plan.id === basic.id)
    expect(failure(() => given(started).thenState(() => false)).message).toContain('thenState: the predicate does not hold')
    expect(() => given(started).thenState((s) => expect(s.deficit).toBe(1))).toThrow(/expected \+0 to be 1/)
  })

  it('thenNothingHappened holds for a retried command, and fails for a new one', () => {
    const started = startedHistory()
    const scenario = given(started)
    const once = scenario.ledger.decide(consume(30), scenario.state)
    given([...started.events, ...once]).when(consume(30)).thenNothingHappened()
    const e = failure(() => given(started).when(consume(30)).thenNothingHappened())
    expect(e.message).toContain('expected decide to record nothing (a retried command), but it returned [{"type":"CreditsConsumed"')
    expect(failure(() => given([...started.events, ...once]).when(consume(31)).thenNothingHappened()).message).toContain(
      'refused with IDEMPOTENCY_CONFLICT',
    )
  })
})
