/**
 * The member of an account in a consumer group of `size`, computed in
 * JavaScript the way README documents it: the first 60 bits of the MD5 of
 * the account id, modulo the size (the store computes it in SQL).
 */
import { createHash } from 'node:crypto'

export function memberOf(accountId: string, size: number): number {
  const hex = createHash('md5').update(accountId, 'utf8').digest('hex')
  return Number(BigInt(`0x${hex.slice(0, 15)}`) % BigInt(size))
}
