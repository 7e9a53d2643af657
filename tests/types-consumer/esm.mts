// Resolved by the package's own name (self-reference), through "exports", to dist/*.d.ts.
import { balance, parseEvent, replay, report, type AccountState, type CreditEvent, CreditLedgerError } from 'credit-ledger'
import { given, history } from 'credit-ledger/testing'

const events: CreditEvent[] = [parseEvent({})]
const state: AccountState = replay(events)
export const available: number = balance(state).available
export const rows = report(events, { period: 'month' }).rows.length
export const isError = (e: unknown): e is CreditLedgerError => e instanceof CreditLedgerError
export const builder = history('a')
export const scenario = given(builder.events)
