import type { Plan } from '../../src/index.js'

export const basic: Plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
export const pro: Plan = { id: 'pro', monthlyCredits: 500, price: { amount: 9900, currency: 'USD' } }
export const euro: Plan = { id: 'euro', monthlyCredits: 1000, price: { amount: 9900, currency: 'EUR' } }
