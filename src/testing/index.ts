/**
 * credit-ledger/testing: given/when/then and a history builder (SPEC §7),
 * free of any test framework (failures are `node:assert` AssertionErrors).
 */
export {
  given,
  type BalanceOptions,
  type ErrorOf,
  type Events,
  type FlatBalance,
  type Given,
  type GivenOptions,
  type When,
} from './given.js'
export { history, DEFAULT_HISTORY_START, HistoryBuilder, type At, type HistoryOptions } from './history.js'
export type { LedgerLike } from './ledger.js'
