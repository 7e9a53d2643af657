import { consumptionRecord } from './reversalWindow.js'
import type { CheckedAccount, ReferencedAccount } from '../rules/check.js'
import type { AccountState, Bucket, ConsumptionRecord } from '../state/types.js'
import { parseInstant } from '../time/instant.js'

/**
 * The accounts the checks of `src/rules/check.ts` read, made from a state
 * that is not being folded: `decide` checks the event a command would
 * record against one, and the testing kit's history builder looks up what a
 * correction refers to. A fold is its own (`WorkingAccount`), and judges
 * with the same two predicates, `reversibleAt` and `liveAt`.
 */

/** What the checks read of a state (for `decide`, which checks a command against a state it does not fold). */
export function checkedAccountOf(state: AccountState): CheckedAccount {
  return {
    accountId: state.accountId,
    clock: state.clock,
    clockMs: state.clock === null ? -Infinity : parseInstant(state.clock),
    subscription: state.subscription,
    currency: state.totals.charged?.currency ?? null,
  }
}

/** What the correction checks read of a state (for `decide`), with the ledger's reversal window. */
export function referencedAccountOf(state: AccountState, reversalWindowMs: number): ReferencedAccount {
  return {
    consumptionAt(id, atMs) {
      const record = consumptionRecord(state.consumptions, id)
      return record !== undefined && reversibleAt(record, reversalWindowMs, atMs) ? record : undefined
    },
    bucketAt(eventId, source, atMs) {
      return state.buckets.find((b) => b.grantedBy === eventId && b.source === source && liveAt(b, atMs))
    },
  }
}

/** Whether a consumption applied at `record.at` may still be reversed at `atMs` (SPEC §9.1: within the window, half-open). */
export function reversibleAt(record: ConsumptionRecord, reversalWindowMs: number, atMs: number): boolean {
  return parseInstant(record.at) + reversalWindowMs > atMs
}

/** Whether `bucket` is still live at `atMs` (it expires at its `expiresAt`, or never). */
export function liveAt(bucket: Bucket, atMs: number): boolean {
  return bucket.expiresAt === null || parseInstant(bucket.expiresAt) > atMs
}
