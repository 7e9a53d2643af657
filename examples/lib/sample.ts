import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { once } from 'node:events'
import { generateAccount, generateAccountWithCorrections } from '../../bench/generate.js'
import type { CreditEvent } from '../../src/index.js'

export interface SampleOptions {
  /** How many accounts. */
  readonly accounts: number
  /** Events per account (or per account index). */
  readonly eventsPerAccount: number | ((index: number) => number)
  /** Multiplies the generator's gaps between events (about 30 s) so a few thousand events span months (per account index). */
  readonly stretch: number | ((index: number) => number)
  /** Days between the starts of two accounts. */
  readonly staggerDays: number
  /** Accounts generated (and interleaved by time) at once, to bound memory for big files. */
  readonly group: number
  /** Mix in promotional grants and voids, reversals and refunds (contract v4). */
  readonly corrections?: boolean
}

const DAY = 86_400_000
const START = Date.UTC(2025, 0, 1)

/** `events` interleaved by time (each account keeps its order: a stable merge). */
function interleave(accounts: CreditEvent[][]): CreditEvent[] {
  const tagged = accounts.flatMap((events, a) => events.map((event, i) => ({ event, key: Date.parse(event.at), a, i })))
  tagged.sort((x, y) => x.key - y.key || x.a - y.a || x.i - y.i)
  return tagged.map((t) => t.event)
}

function stretched(events: CreditEvent[], startMs: number, factor: number): CreditEvent[] {
  if (factor === 1) return events
  return events.map((event) => ({ ...event, at: new Date(startMs + (Date.parse(event.at) - startMs) * factor).toISOString() }))
}

/**
 * Writes a JSONL export of generated accounts (bench/generate.ts), one event
 * per line, interleaved by time within each group of accounts.
 *
 * @returns the number of events written
 */
export async function writeSample(path: string, options: SampleOptions): Promise<number> {
  await mkdir(dirname(path), { recursive: true })
  const out = createWriteStream(path)
  let written = 0
  for (let first = 0; first < options.accounts; first += options.group) {
    const group: CreditEvent[][] = []
    for (let i = first; i < Math.min(first + options.group, options.accounts); i++) {
      const startMs = START + i * options.staggerDays * DAY
      const id = `acct-${String(i + 1).padStart(3, '0')}`
      const count = typeof options.eventsPerAccount === 'number' ? options.eventsPerAccount : options.eventsPerAccount(i)
      const factor = typeof options.stretch === 'number' ? options.stretch : options.stretch(i)
      group.push(
        options.corrections === true
          ? generateAccountWithCorrections(id, count, i + 1, startMs, factor)
          : stretched(generateAccount(id, count, i + 1, startMs), startMs, factor),
      )
    }
    let chunk = ''
    for (const event of interleave(group)) {
      chunk += JSON.stringify(event) + '\n'
      written++
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain')
        chunk = ''
      }
    }
    if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return written
}
