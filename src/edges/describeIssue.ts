import type * as z from 'zod/mini'
import { SHOWN_CHARACTERS, show } from '../errors.js'
import { EVENT_TYPES } from '../events/index.js'

/** A field path for a message: at most 64 characters (a key can be as long as the caller likes). */
function clip(field: string): string {
  return field.length > SHOWN_CHARACTERS ? `${field.slice(0, SHOWN_CHARACTERS)}…` : field
}

/**
 * zod's record leaves out an own `"__proto__"` key (it cannot assign it
 * without changing the prototype); `meta` is the app's and is carried through
 * untouched (SPEC §4), so such a key is put back as an own data property (an
 * object spread defines it, it never sets a prototype). The validation is
 * zod's: this runs only on a meta that zod accepted.
 */
export function keepOwnProto(output: { meta?: Record<string, unknown> }, input: unknown): void {
  const meta = (input as { meta?: unknown }).meta
  if (output.meta !== undefined && typeof meta === 'object' && meta !== null && Object.hasOwn(meta, '__proto__')) {
    output.meta = { ...(meta as Record<string, unknown>) }
  }
}

/**
 * The first zod issue of a refused input (an event, a command, a state,
 * ledger options) as the fields of a `CreditLedgerError`: shared by every
 * `parse…` at the edges.
 *
 * The first zod issue as `field`, `value` and a message naming the event
 * (or command, state, options: `what`).
 * @param types - the type names `what` may have, listed when `type` is unknown
 */
export function describeIssue(
  input: unknown,
  error: z.core.$ZodError,
  what: string,
  types: readonly string[] = EVENT_TYPES,
): { message: string; field: string; value: unknown; eventId: string | null } {
  const issue = error.issues[0]!
  let path = issue.path.map(String)
  const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : null
  const eventId = record !== null && typeof record.id === 'string' ? record.id : null
  if (issue.code === 'unrecognized_keys') path = [...path, issue.keys[0]!]
  let value: unknown = input
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  const field = path.join('.') || '(root)'
  const subject = eventId === null ? what : `${what} ${show(eventId)}`
  let reason = issue.message
  if (issue.code === 'invalid_union' && field === 'type') reason = `unknown type; expected one of ${types.join(', ')}`
  if (issue.code === 'unrecognized_keys') reason = 'unknown key (a field of a newer wire format is never dropped silently)'
  const message = `${subject}: ${clip(field)} ${reason} (got ${show(value)})`
  return { message, field, value: value ?? null, eventId }
}
