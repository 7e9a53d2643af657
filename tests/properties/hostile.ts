/**
 * The machinery of the hostile-input properties (issue 13 §1, SPEC §5 as
 * amended): valid inputs to mutate, hostile values, and one check of a call
 * to a public function. A call must either return a result that reads back
 * (a state that `parseState(JSON.parse(JSON.stringify(state)))` accepts,
 * which checks the conservation law), or throw a `CreditLedgerError` with a
 * stable code and a short message; it must leave its inputs as they were
 * (deep-equal to a structured clone taken before, and not frozen when they
 * were not) and `Object.prototype` untouched.
 */
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { afterAll, expect } from 'vitest'
import { isCreditLedgerError, parseState, replay, type AccountState, type CreditEvent, type ErrorCode } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { BASIC, PRO, planCopy } from '../support/plans.js'

/** Every stable code of SPEC §5 (and §9 for the codes of contract v4). */
export const STABLE_CODES: readonly ErrorCode[] = [
  'INVALID_EVENT',
  'INVALID_STATE',
  'INVALID_COMMAND',
  'OUT_OF_ORDER',
  'DUPLICATE_EVENT',
  'ACCOUNT_MISMATCH',
  'NO_SUBSCRIPTION',
  'SUBSCRIPTION_ACTIVE',
  'INSUFFICIENT_CREDITS',
  'NOT_AN_UPGRADE',
  'CURRENCY_MISMATCH',
  'AMOUNT_OVERFLOW',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_ARGUMENT',
  'INVALID_OPTIONS',
]

/** The longest message a refusal may have: its parts quote at most 64 characters of a value each. */
export const MAX_MESSAGE_LENGTH = 1_000

/** 10 MB: a value no message may embed whole. */
export const HUGE = 'x'.repeat(10_000_000)

/** A marker: delete the key instead of replacing its value. */
export const MISSING = Symbol('missing')
/** A marker: add an own `"__proto__"` key (as `JSON.parse` makes it) beside the others. */
export const OWN_PROTO = Symbol('own __proto__')

/** The hostile values of the issue, and more. */
export const HOSTILE_CONSTANTS: readonly unknown[] = [
  -5, 0, -0, 2.5, 29.99, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), 13, true, false, null, undefined,
  '40', 'ZZZ', '', '   ', 'toString', '__proto__', 'USD', '2025-02-30T00:00:00Z', '9999-06-01T00:00:00.000Z', HUGE,
  10n, -5n, { nested: { deep: [1, { x: null }] } }, [], [1, 2], {}, MISSING, OWN_PROTO,
]

/** A hostile value: one of the constants, arbitrary JSON, or anything (BigInt, null-prototype objects, …). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }) },
)

/** Arbitrary input for a whole argument (not a mutation of a valid one). */
export const arbitraryInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true }),
  fc.constantFrom<unknown>(null, undefined, {}, [], '', 0, 10n, { __proto__: null }, JSON.parse('{"__proto__":{"polluted":true}}')),
)

/** A JSON copy: fresh, unfrozen plain objects. */
export function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

// ── valid inputs ──────────────────────────────────────────────────────

const START = '2025-01-10T09:00:00Z'
const VALID_HISTORY = history('acc-1')
  .start(planCopy(BASIC), START)
  .consume(30, '+5d', 'api call')
  .buyExtra(50)
  .upgrade(planCopy(PRO), '+1mo')
  .consume(700, '+3d')
  .buyExtra(40, '+2d')
  .consume(5, '+40d')

/** A valid history of one account touching every event type and a deficit (fresh JSON each call). */
export function validEvents(): CreditEvent[] {
  return json(VALID_HISTORY.events)
}

/** The states after each prefix of the valid history, as JSON (fresh each call). */
const VALID_STATES: AccountState[] = [0, 1, 3, 5, 7].map((n) => json(replay(VALID_HISTORY.events.slice(0, n))))
export function validStates(): AccountState[] {
  return json(VALID_STATES)
}

/** Valid commands against the state after the whole valid history. */
export function validCommands(): unknown[] {
  const at = '2025-03-30T00:00:00Z'
  const base = { accountId: 'acc-1', at }
  return [
    { type: 'ConsumeCredits', id: 'c-1', ...base, data: { amount: 10, reason: 'export' } },
    { type: 'PurchaseExtraCredits', id: 'c-2', ...base, data: { quantity: 20 } },
    { type: 'UpgradePlan', id: 'c-3', ...base, data: { plan: { id: 'max', monthlyCredits: 5000, price: { amount: 49900, currency: 'USD' } } } },
    { type: 'StartSubscription', id: 'c-4', accountId: 'acc-2', at, data: { plan: json(BASIC) } },
  ]
}

export function validOptions(): Record<string, unknown> {
  return { extraCreditPrice: { amount: 99, currency: 'EUR' }, minQuantity: 2, maxQuantity: 500, idempotencyWindowMs: 3_600_000 }
}

// ── mutations ─────────────────────────────────────────────────────────

/** Every path (`data.plan.price.amount`) of a JSON value, inner nodes included. */
export function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return []
  const out: string[][] = []
  for (const key of Object.keys(value)) {
    const path = [...prefix, key]
    out.push(path)
    out.push(...pathsOf((value as Record<string, unknown>)[key], path))
  }
  return out
}

/** `value` (a fresh JSON value, changed in place) with the node at `path` replaced by `hostile` (or deleted, or given an own `__proto__`). */
export function mutateAt<T>(value: T, path: readonly string[], hostile: unknown): T {
  if (path.length === 0) return value
  let target = value as Record<string, unknown>
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>
  const last = path.at(-1)!
  if (hostile === MISSING) delete target[last]
  else if (hostile === OWN_PROTO) {
    Object.defineProperty(target, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true })
  } else target[last] = hostile
  return value
}

/** A mutation of one of `count` values (chosen by index): a path of it and a hostile value. */
export function mutation(count: number): fc.Arbitrary<{ index: number; pathIndex: number; value: unknown }> {
  return fc.record({ index: fc.nat(count - 1), pathIndex: fc.nat(), value: hostileValue })
}

/** Applies a generated mutation to `values[index]` (values fresh JSON); returns the changed value. */
export function applyMutation<T>(values: T[], m: { index: number; pathIndex: number; value: unknown }): T {
  const target = values[m.index % values.length]!
  const paths = pathsOf(target)
  if (paths.length === 0) return target
  return mutateAt(target, paths[m.pathIndex % paths.length]!, m.value)
}

// ── the check ─────────────────────────────────────────────────────────

/** Outcome counts of one property: `result` or an error code. */
export class Tally {
  readonly counts = new Map<string, number>()
  calls = 0
  constructor(readonly name: string, readonly numRuns: number) {}
  add(outcome: string): void {
    this.calls++
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1)
  }
  toString(): string {
    const parts = [...this.counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`)
    return `${this.name}: numRuns ${this.numRuns}, calls ${this.calls} — ${parts.join(', ')}`
  }
}

/** How many runs each property makes: HOSTILE_RUNS, 200 by default. */
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 200)

/**
 * The tallies of one test file: returns `tally(name, numRuns = RUNS)`, which
 * makes a Tally and keeps it, and prints them all, after the file's tests, as
 * `<label> properties (HOSTILE_RUNS=…)`, one tally a line.
 */
export function tallies(label: string): (name: string, numRuns?: number) => Tally {
  const kept: Tally[] = []
  afterAll(() => {
    console.log(`${label} properties (HOSTILE_RUNS=${RUNS}):\n${kept.map((t) => `  ${t}`).join('\n')}`)
  })
  return (name, numRuns = RUNS) => {
    const t = new Tally(name, numRuns)
    kept.push(t)
    return t
  }
}

function protoSnapshot(): string {
  const describe = (o: object) =>
    Reflect.ownKeys(o)
      .map((k) => {
        const d = Object.getOwnPropertyDescriptor(o, k)!
        return `${String(k)}:${typeof d.value}:${String(d.writable)}:${typeof d.get}`
      })
      .join(',')
  return `${describe(Object.prototype)}|${describe(Array.prototype)}|${describe(Function.prototype)}`
}
const PROTO = protoSnapshot()

/** Every object reachable from `value` that is not frozen (to check we freeze none of them). */
function unfrozen(value: unknown, out = new Set<object>()): Set<object> {
  if (typeof value !== 'object' || value === null || out.has(value)) return out
  if (!Object.isFrozen(value)) out.add(value)
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key)
    if (d !== undefined && 'value' in d) unfrozen(d.value, out)
  }
  if (value instanceof Map) for (const [k, v] of value) (unfrozen(k, out), unfrozen(v, out))
  return out
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value)
  } catch {
    return undefined
  }
}

/** A short form of inputs for a failure message. */
function brief(inputs: readonly unknown[]): string {
  const text = fc.stringify(inputs)
  return text.length > 600 ? `${text.slice(0, 600)}…` : text
}

/** Whether `value` looks like an account state (an output to read back). */
function isState(value: unknown): value is AccountState {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1 && 'buckets' in value
}

/** Asserts that a state reads back with `parseState` (shape, invariants, the conservation law). */
export function expectReadsBack(state: unknown, where: string): void {
  let text: string
  try {
    text = JSON.stringify(state)
  } catch (error) {
    throw new Error(`${where}: the state is not JSON-serializable: ${String(error)}`)
  }
  try {
    parseState(JSON.parse(text))
  } catch (error) {
    throw new Error(`${where}: parseState refuses the state the library returned: ${(error as Error).message}`)
  }
}

/** Checks every state found in a result: a state, a Map of states, a builder's state. */
export function expectResultReadsBack(result: unknown, where: string): void {
  if (isState(result)) expectReadsBack(result, where)
  else if (result instanceof Map) for (const [id, state] of result) expectReadsBack(state, `${where} (account ${String(id).slice(0, 40)})`)
}

/**
 * Runs `call` on `inputs` and checks the outcome (see the file's comment).
 * @param check - more checks of a result (the states of it are checked here)
 * @returns the outcome, also counted in `tally`
 */
export function checkCall(tally: Tally, label: string, inputs: readonly unknown[], call: () => unknown, check?: (result: unknown) => void): string {
  const clones = inputs.map(cloneable)
  const open = unfrozen(inputs)
  let outcome: string
  try {
    const result = call()
    expectResultReadsBack(result, label)
    check?.(result)
    outcome = 'result'
  } catch (error) {
    if (!isCreditLedgerError(error)) {
      if (error instanceof Error && error.message.includes('parseState refuses')) throw error
      if (error instanceof Error && (error.name === 'AssertionError' || error.message.includes('not JSON-serializable'))) throw error
      throw new Error(`${label}: threw a ${(error as Error)?.constructor?.name} that is not a CreditLedgerError: ${String((error as Error)?.message ?? error).slice(0, 300)}\ninputs: ${brief(inputs)}`)
    }
    if (!STABLE_CODES.includes(error.code)) throw new Error(`${label}: unknown code ${error.code}`)
    if (error.message.length > MAX_MESSAGE_LENGTH) throw new Error(`${label}: a message of ${error.message.length} characters`)
    outcome = error.code
  }
  inputs.forEach((input, i) => {
    // isDeepStrictEqual first (fast); toEqual, which ignores prototypes (a clone of a null-prototype object has one), decides.
    if (clones[i] === undefined && input !== undefined) return
    if (!isDeepStrictEqual(input, clones[i])) expect(input, `${label}: input ${i} was changed\ninputs: ${brief(inputs)}`).toEqual(clones[i])
  })
  for (const object of open) if (Object.isFrozen(object)) throw new Error(`${label}: froze an object of the caller's\ninputs: ${brief(inputs)}`)
  if (protoSnapshot() !== PROTO) throw new Error(`${label}: changed Object.prototype\ninputs: ${brief(inputs)}`)
  tally.add(outcome)
  return outcome
}

/** Drains an iterable (a lazy statement) so that its errors surface. */
export function drainAll(iterable: unknown): unknown[] {
  return [...(iterable as Iterable<unknown>)]
}
