import * as z from 'zod/mini'
import { refuse } from './guardFields.js'
import { envelope } from './fields.js'

/** The pending period-end cancellation was taken back at `at` (SPEC §9.2): the subscription renews again. */
export const cancellationRevokedSchema = /* @__PURE__ */ envelope('CancellationRevoked', z.strictObject({}))
/** A `CancellationRevoked` event, as `parseEvent` returns it. */
export type CancellationRevoked = z.infer<typeof cancellationRevokedSchema>

/**
 * The cheap guard of a `CancellationRevoked`'s `data`: an object (the fold reads nothing of it).
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming `data`
 * @example
 * guardCancellationRevokedData({}, 'e-8') // passes
 */
export function guardCancellationRevokedData(data: unknown, eventId: string): void {
  guardEmptyData(data, eventId)
}

/** `data` must be an object; the fold reads nothing of it. */
export function guardEmptyData(data: unknown, eventId: string): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) refuse(eventId, 'data', 'must be an object', data)
}
