import * as z from 'zod/mini'
import { envelope } from '../../events/fields.js'
import type { CommandHandler } from './handler.js'

/**
 * Take back a pending period-end cancellation at `at`. Recorded as
 * `CancellationRevoked`; refused with `NO_PENDING_CANCELLATION` (also after
 * the period end: the subscription has ended).
 */
export const revokeCancellationSchema = /* @__PURE__ */ envelope('RevokeCancellation', z.strictObject({}))
export type RevokeCancellation = z.infer<typeof revokeCancellationSchema>

/** A revocation has no rule of its own: `NO_PENDING_CANCELLATION` is a check every event shares. */
export const revokeCancellation: CommandHandler<RevokeCancellation> = {
  event(_command, envelope) {
    return { type: 'CancellationRevoked', ...envelope, data: {} }
  },
  check() {},
}
