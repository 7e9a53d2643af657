import type { BucketQueue, NewBucket } from '../rules/account.js'
import type { Bucket, BucketSource, Draw } from '../state/types.js'
import { FoldList } from './foldList.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The bucket queue of a working account: a `FoldList` of buckets (SPEC §5
 * makes `buckets` one list in consumption order). Two ways to hold buckets:
 * - `own` (a private copy, `replay`): the list owns its bucket objects and
 *   changes them in place, so a replay allocates nothing per consumption;
 * - shared (an immer draft, `evolve`): bucket objects are shared with the
 *   state the fold started from, so a change replaces the object by a frozen
 *   copy, and the list itself is copied once, on its first write.
 */
export class BucketList extends FoldList<Bucket> implements BucketQueue {
  /** Set when a bucket is put into the list (it may expire sooner than the front did); the owner clears it. */
  inserted = false

  /**
   * @param buckets - the buckets of the state the fold starts from
   * @param own - copy them now and change them in place (else share, copy on write, freeze)
   * @param owner - hands out the next bucket id (`b1`, `b2`, …) and knows the instant of a grant
   */
  constructor(
    buckets: readonly Bucket[],
    private readonly ownsBuckets: boolean,
    private readonly owner: { nextBucketId(): string; readonly now: string; readonly eventId: string | null },
  ) {
    super(ownsBuckets ? buckets.map(copyBucket) : buckets, ownsBuckets)
  }

  front(): Bucket | undefined {
    const { items, head } = this
    return head < items.length ? items[head] : undefined
  }

  take(bucket: Bucket, credits: number): void {
    if (credits === bucket.remaining && this.items[this.head] === bucket) {
      // The front bucket is used up: it leaves through the head index, not a splice.
      this.head++
      if (this.mostlyGone()) this.compact()
      return
    }
    const items = this.writable() // may move `head`: find the bucket after
    const i = items.indexOf(bucket, this.head)
    if (credits === bucket.remaining) {
      items.splice(i, 1)
    } else if (this.ownsBuckets) {
      ;(bucket as Mutable<Bucket>).remaining -= credits
    } else {
      const copy = copyBucket(bucket) as Mutable<Bucket>
      copy.remaining -= credits
      items[i] = Object.freeze(copy)
    }
  }

  add({ source, granted, remaining, expiresAt, unitPrice }: NewBucket): Bucket {
    const { owner } = this
    const bucket: Bucket = {
      id: owner.nextBucketId(),
      source,
      granted,
      remaining,
      grantedAt: owner.now,
      expiresAt,
      unitPrice,
      grantedBy: owner.eventId,
    }
    return this.insert(bucket)
  }

  /** Scans from the newest bucket back: corrections mostly refer to recent grants (rare events, not the hot path). */
  createdBy(eventId: string, source: BucketSource): Bucket | undefined {
    const { items, head } = this
    for (let i = items.length - 1; i >= head; i--) {
      const bucket = items[i]!
      if (bucket.grantedBy === eventId && bucket.source === source) return bucket
    }
    return undefined
  }

  restore(draw: Draw, credits: number): Bucket {
    const at = this.placeOf(draw.expiresAt, counter(draw.bucketId))
    const found = this.items[at]
    if (found !== undefined && found.id === draw.bucketId) {
      if (this.ownsBuckets) {
        ;(found as Mutable<Bucket>).remaining += credits
        return found
      }
      const copy = copyBucket(found) as Mutable<Bucket>
      copy.remaining += credits
      const items = this.writable() // may move `head`: the place moves with it
      items[items.indexOf(found, this.head)] = Object.freeze(copy)
      return copy
    }
    const { bucketId: id, source, granted, grantedAt, expiresAt, unitPrice, grantedBy } = draw
    const bucket: Bucket = { id, source, granted, remaining: credits, grantedAt, expiresAt, unitPrice, grantedBy }
    if (!this.ownsBuckets) Object.freeze(bucket)
    const items = this.writable()
    items.splice(this.placeOf(expiresAt, counter(id)), 0, bucket)
    this.inserted = true
    return bucket
  }

  /**
   * The index of the first live bucket not drawn before a bucket expiring at
   * `expiresAt` with id counter `n` (SPEC §3 order: by expiry, `null` last,
   * then by counter): that bucket itself when it is live, else its place.
   */
  private placeOf(expiresAt: string | null, n: number): number {
    const items = this.items
    let lo = this.head
    let hi = items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(items[mid]!, expiresAt, n)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Puts a bucket at its place in consumption order: after every bucket that expires no later than it. */
  insert(bucket: Bucket): Bucket {
    if (!this.ownsBuckets) {
      // Frozen whole: immer does not walk into an object that is already frozen.
      if (bucket.unitPrice !== null) Object.freeze(bucket.unitPrice)
      Object.freeze(bucket)
    }
    const items = this.writable()
    const expiresAt = bucket.expiresAt
    let lo = this.head
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
    this.inserted = true
    return bucket
  }

  removeExpiring(at: string, match: (bucket: Bucket) => boolean): Bucket[] {
    const items = this.writable()
    const removed: Bucket[] = []
    let keep = this.head
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
    grantedBy: bucket.grantedBy,
  }
}

function counter(id: string): number {
  return Number(id.slice(1))
}

/** Whether `bucket` is drawn before a bucket expiring at `expiresAt` with id counter `n` (SPEC §3). */
function before(bucket: Bucket, expiresAt: string | null, n: number): boolean {
  const other = bucket.expiresAt
  if (other === expiresAt) return counter(bucket.id) < n
  if (other === null) return false
  return expiresAt === null || other < expiresAt
}
