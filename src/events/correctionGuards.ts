import { InvalidEventError, show } from '../errors.js'

/**
 * The pieces of the cheap guards of the correction events (contract v4:
 * promotional grants and voids, reversals, refunds), each in its event's file.
 */

/** `data` as an object, or `INVALID_EVENT`. */
export function dataObject(data: unknown, eventId: string): Record<string, unknown> {
  if (typeof data !== 'object' || data === null) invalid(eventId, 'data', 'must be an object', data)
  return data as Record<string, unknown>
}

/** A whole number of credits > 0 and safe, or `INVALID_EVENT`. */
export function positiveCredits(value: unknown, eventId: string, field: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    invalid(eventId, field, 'must be a safe integer > 0', value)
  }
}

/** A non-blank string of at most 256 characters, or `INVALID_EVENT`. */
export function nonBlank(value: unknown, eventId: string, field: string): void {
  if (typeof value !== 'string' || value.length > 256 || value.trim().length === 0) {
    invalid(eventId, field, 'must be a non-blank string of at most 256 characters', value)
  }
}

/** Throws `INVALID_EVENT` naming the event, the field and (at most 64 characters of) the value. */
export function invalid(eventId: string, field: string, reason: string, value: unknown): never {
  const quoted = typeof value === 'string' && value.length > 64 ? `${value.slice(0, 64)}…` : value
  throw new InvalidEventError(`event ${JSON.stringify(eventId)}: ${field} ${reason} (got ${show(quoted)})`, {
    eventId,
    field,
    value: value ?? null,
  })
}
