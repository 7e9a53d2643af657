import type { Draft } from 'immer'
import type { AccountState, ConsumptionRecord } from './types.js'

/**
 * A private mutable copy of a state for a fold: the state, its totals and
 * its subscription are copied here; the lists and the buckets are copied by
 * the fold itself (`Fold`, mode `replay`); plans, prices and window entries
 * are never mutated, so they are shared.
 */
export function thaw(state: AccountState): Draft<AccountState> {
  return {
    ...state,
    subscription: state.subscription === null ? null : { ...state.subscription },
    totals: { ...state.totals },
  } as Draft<AccountState>
}

function freezeMoney(money: object | null): void {
  if (money !== null) Object.freeze(money)
}

/** Freezes a state made by `thaw` and a fold, or read by `parseState`, once, at the end. Returns it typed as immutable. */
export function freeze(s: Draft<AccountState>): AccountState {
  for (const page of s.window) {
    for (const entry of page) Object.freeze(entry)
    Object.freeze(page)
  }
  Object.freeze(s.window)
  for (const page of s.consumptions) {
    for (const record of page) freezeConsumption(record)
    Object.freeze(page)
  }
  Object.freeze(s.consumptions)
  return freezeSealed(s)
}

/** Freezes a consumption record of the reversal window with its draws (a fold does it as it records one). */
export function freezeConsumption(record: Draft<ConsumptionRecord>): ConsumptionRecord {
  for (const draw of record.draws) {
    freezeMoney(draw.unitPrice)
    Object.freeze(draw)
  }
  Object.freeze(record.draws)
  return Object.freeze(record)
}

/**
 * Freezes a state whose windows a fold has sealed (`WorkingAccount.seal`:
 * their pages and entries already frozen): its buckets, totals and
 * subscription, and the state itself.
 */
export function freezeSealed(s: Draft<AccountState>): AccountState {
  for (const bucket of s.buckets) {
    freezeMoney(bucket.unitPrice)
    Object.freeze(bucket)
  }
  Object.freeze(s.buckets)
  freezeMoney(s.totals.refundedMoney)
  freezeMoney(s.totals.charged)
  Object.freeze(s.totals)
  if (s.subscription !== null) {
    freezeMoney(s.subscription.plan.price)
    Object.freeze(s.subscription.plan.rollover ?? null)
    Object.freeze(s.subscription.plan)
    const scheduled = s.subscription.scheduledPlan
    if (scheduled !== null) {
      freezeMoney(scheduled.price)
      Object.freeze(scheduled.rollover ?? null)
      Object.freeze(scheduled)
    }
    Object.freeze(s.subscription)
  }
  return Object.freeze(s) as AccountState
}
