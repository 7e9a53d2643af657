import { made } from './made.js'
import type { AccountState } from './types.js'

/**
 * The state of an account with no history: no account bound yet, no clock.
 * The first event (or command) binds the account. A frozen value.
 */
export const initialState: AccountState = /* @__PURE__ */ made(
  Object.freeze({
    version: 1,
    accountId: null,
    clock: null,
    subscription: null,
    buckets: Object.freeze([]),
    deficit: 0,
    totals: Object.freeze({ granted: 0, consumed: 0, expired: 0, charged: null, reversed: 0, voided: 0, refunded: 0, refundedMoney: null }),
    nextBucket: 1,
    window: Object.freeze([]),
    consumptions: Object.freeze([]),
  }),
)
