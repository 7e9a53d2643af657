import type { BucketQueue, NewBucket } from '../rules/account.js'
import type { Bucket } from '../state/types.js'
import { FoldList } from './foldList.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The bucket queue of a working account, over a `FoldList` (SPEC §5 makes
 * `buckets` one list in consumption order). Two ways to hold buckets:
 * - `own` (a private copy, `replay`): the list owns its bucket objects and
 *   changes them in place, so a replay allocates nothing per consumption;
 * - shared (an immer draft, `evolve`): bucket objects are shared with the
 *   state the fold started from, so a change replaces the object by a frozen
 *   copy, and the list itself is copied once, on its first write.
 */
export class BucketList implements BucketQueue {
  readonly list: FoldList<Bucket>

  /**
   * @param buckets - the buckets of the state the fold starts from
   * @param own - copy them now and change them in place (else share, copy on write, freeze)
   * @param owner - hands out the next bucket id (`b1`, `b2`, …) and knows the instant of a grant
   */
  constructor(
    buckets: readonly Bucket[],
    private readonly own: boolean,
    private readonly owner: { nextBucketId(): string; readonly now: string },
  ) {
    this.list = new FoldList(own ? buckets.map(copyBucket) : buckets, own)
  }

  front(): Bucket | undefined {
    const { items, head } = this.list
    return head < items.length ? items[head] : undefined
  }

  take(bucket: Bucket, credits: number): void {
    const list = this.list
    if (credits === bucket.remaining && list.items[list.head] === bucket) {
      // The front bucket is used up: it leaves through the head index, not a splice.
      list.head++
      if (list.mostlyGone()) list.compact()
      return
    }
    const items = list.writable() // may move `head`: find the bucket after
    const i = items.indexOf(bucket, list.head)
    if (credits === bucket.remaining) {
      items.splice(i, 1)
    } else if (this.own) {
      ;(bucket as Mutable<Bucket>).remaining -= credits
    } else {
      const copy = copyBucket(bucket) as Mutable<Bucket>
      copy.remaining -= credits
      items[i] = Object.freeze(copy)
    }
  }

  add({ source, granted, remaining, expiresAt, unitPrice }: NewBucket): Bucket {
    const { owner } = this
    const bucket: Bucket = { id: owner.nextBucketId(), source, granted, remaining, grantedAt: owner.now, expiresAt, unitPrice }
    return this.insert(bucket)
  }

  /** Puts a bucket at its place in consumption order: after every bucket that expires no later than it. */
  insert(bucket: Bucket): Bucket {
    if (!this.own) {
      if (bucket.unitPrice !== null) Object.freeze(bucket.unitPrice)
      Object.freeze(bucket)
    }
    const items = this.list.writable()
    const expiresAt = bucket.expiresAt
    let lo = this.list.head
    let hi = items.length
    if (expiresAt !== null) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        const other = items[mid]!.expiresAt
        if (other !== null && other <= expiresAt) lo = mid + 1
        else hi = mid
      }
    } else {
      lo = hi
    }
    if (lo === items.length) items.push(bucket)
    else items.splice(lo, 0, bucket)
    return bucket
  }

  removeExpiring(at: string, match: (bucket: Bucket) => boolean): Bucket[] {
    const items = this.list.writable()
    const removed: Bucket[] = []
    let keep = this.list.head
    let i = keep
    for (; i < items.length; i++) {
      const bucket = items[i]!
      if (bucket.expiresAt === null || bucket.expiresAt > at) break
      if (match(bucket)) removed.push(bucket)
      else items[keep++] = bucket
    }
    if (keep < i) items.splice(keep, i - keep)
    return removed
  }
}

/** A copy of a bucket, built field by field (V8 copies a frozen object with spread slowly). */
export function copyBucket(bucket: Bucket): Bucket {
  return {
    id: bucket.id,
    source: bucket.source,
    granted: bucket.granted,
    remaining: bucket.remaining,
    grantedAt: bucket.grantedAt,
    expiresAt: bucket.expiresAt,
    unitPrice: bucket.unitPrice,
  }
}
