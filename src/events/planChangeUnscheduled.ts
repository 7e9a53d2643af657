import * as z from 'zod/mini'
import { guardEmptyData } from './cancellationRevoked.js'
import { envelope } from './fields.js'

/** The scheduled plan change was dropped at `at` (SPEC §9.2): the current plan renews. */
export const planChangeUnscheduledSchema = /* @__PURE__ */ envelope('PlanChangeUnscheduled', z.strictObject({}))
/** A `PlanChangeUnscheduled` event, as `parseEvent` returns it. */
export type PlanChangeUnscheduled = z.infer<typeof planChangeUnscheduledSchema>

/**
 * The cheap guard of a `PlanChangeUnscheduled`'s `data`: an object (the fold reads nothing of it).
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming `data`
 * @example
 * guardPlanChangeUnscheduledData({}, 'e-10') // passes
 */
export function guardPlanChangeUnscheduledData(data: unknown, eventId: string): void {
  guardEmptyData(data, eventId)
}
