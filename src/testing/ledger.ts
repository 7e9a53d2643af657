import { createLedger, defaultLedger, type Ledger } from '../ledger/createLedger.js'
import type { LedgerOptions } from '../ledger/options.js'

/** A ledger, or the options to create one. */
export type LedgerLike = Ledger | LedgerOptions

/** The ledger a scenario or a history runs with (the default ledger when none is given). */
export function toLedger(ledger: LedgerLike | undefined): Ledger {
  if (ledger === undefined) return defaultLedger
  if (typeof (ledger as Ledger).decide === 'function') return ledger as Ledger
  return createLedger(ledger as LedgerOptions)
}
