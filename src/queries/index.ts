/** Statements and reports for analysts (SPEC §8): the public part, re-exported by src/index.ts. */
export { statement, type StatementEntry, type StatementOptions } from './statement.js'
export type { MovementKind } from '../rules/movement.js'
export {
  report,
  NO_CURRENCY,
  type ConsumedBySource,
  type CreditsBySource,
  type Report,
  type ReportOptions,
  type ReportPeriod,
  type ReportRow,
  type ReportTotals,
} from './report.js'
