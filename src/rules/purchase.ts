import type { Money } from '../money/money.js'
import type { Account } from './account.js'
import { grant } from './grant.js'

/**
 * `ExtraCreditsPurchased` (SPEC §1.3): `quantity` extra credits that never
 * expire, in a bucket that keeps the unit price they were bought at;
 * `unitPrice × quantity` is charged. They repay a deficit first, and are
 * drawn after every credit that expires.
 */
export function purchase(account: Account, quantity: number, unitPrice: Money): void {
  const charged = account.charge(unitPrice, quantity, 'data.quantity')
  grant(account, {
    source: 'extra',
    credits: quantity,
    expiresAt: null,
    unitPrice: account.canonical(unitPrice, 'data.unitPrice.amount'),
    charged,
    field: 'data.quantity',
  })
}
