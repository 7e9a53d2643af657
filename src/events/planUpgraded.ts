import * as z from 'zod/mini'
import { envelope, planSchema } from './fields.js'

/** The plan changed at `at`: a new anchor, unused subscription credits rolled over, the new plan's credits granted. */
export const planUpgradedSchema = envelope('PlanUpgraded', z.strictObject({ plan: planSchema }))
export type PlanUpgraded = z.infer<typeof planUpgradedSchema>
