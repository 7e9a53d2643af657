import * as z from 'zod/mini'
import { envelope, planSchema } from '../../events/fields.js'

/**
 * Move to a plan that grants more monthly credits, at `at`. Recorded as
 * `PlanUpgraded`; refused with `NO_SUBSCRIPTION` or `NOT_AN_UPGRADE`.
 */
export const upgradePlanSchema = envelope('UpgradePlan', z.strictObject({ plan: planSchema }))
export type UpgradePlan = z.infer<typeof upgradePlanSchema>
