/**
 * The events of an input, line by line, for the library's `report`,
 * `statement` and `replayAll`; and what becomes of a bad line.
 *
 * Two ways to read:
 * - `events()` hands every parsed line to the library, which validates and
 *   folds it; the first refusal stops the run, and `line` names the line
 *   that was being folded (the library pulls one event, folds it, then pulls
 *   the next).
 * - `guarded()` first folds the lines with `replayAll`, a chunk at a time,
 *   from the accounts' states so far; a refused line is handed to `onReject`
 *   and left out, and the chunk is folded again without it. Only accepted
 *   events come out, so the library's `report` or `statement` after it never
 *   sees a refused one. Memory: one chunk of lines, and the accounts' states.
 */
import { isCreditLedgerError, replayAll, type AccountState } from '../index.js'
import type { Input, Line } from './input.js'
import type { Progress } from './progress.js'

/** A line that was not accepted: what the `--rejects` file holds, one JSON line each. */
export interface Rejected {
  /** The line number, from 1. */
  readonly line: number
  /** The library's error code, or `INVALID_JSON` for a line that is not JSON. */
  readonly code: string
  readonly message: string
  /** The line as read. */
  readonly input: string
}

/** A refusal that stops the run: `line N: CODE message` (or `CODE message` with no line). */
export class LineError extends Error {
  /**
   * @param line - the line number, or `null` when the error is about no line (the report's horizon)
   * @param code - the error code
   * @param message - the library's message
   */
  constructor(
    readonly line: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'LineError'
  }

  /** The text for stderr. */
  describe(): string {
    return `${this.line === null ? '' : `line ${this.line}: `}${this.code} ${this.message}`
  }
}

/** A parsed line. */
interface Item {
  readonly line: Line
  readonly event: unknown
}

/** Options of an `EventSource`. */
export interface SourceOptions {
  /** Redrawn once per line. */
  readonly progress: Progress
  /** Called with each line the guard refuses (or that is not JSON, with `guarded` or `onReject` set); may throw to stop. */
  readonly onReject: ((rejected: Rejected) => void) | null
  /** Only the parsed lines it keeps are read into the fold (the others are skipped, unvalidated). */
  readonly keep?: (event: unknown) => boolean
}

const MIN_CHUNK = 256
const MAX_CHUNK = 16_384

/** The events of one input, with the line of the one being folded. */
export class EventSource {
  /** The line of the last event handed out. */
  line = 0
  /** The whole input has been read. */
  finished = false
  /** Lines handed to `onReject`. */
  rejected = 0
  /** Events handed out. */
  accepted = 0
  /** With `guarded()`: each account's state after the accepted events. */
  states: Map<string, AccountState> = new Map()

  /**
   * @param input - the opened input
   * @param options - progress, what to do with a refused line, which lines to keep
   */
  constructor(
    private readonly input: Input,
    private readonly options: SourceOptions,
  ) {}

  /** The parsed lines (blank lines skipped); a line that is not JSON is rejected or stops the run. */
  private async *parsed(): AsyncGenerator<Item> {
    const { progress, keep } = this.options
    for await (const line of this.input.lines()) {
      progress.tick()
      if (line.text.trim() === '') continue
      let event: unknown
      try {
        event = JSON.parse(line.text)
      } catch (error) {
        this.reject(line, 'INVALID_JSON', `not JSON: ${(error as Error).message}`)
        continue
      }
      progress.event()
      if (keep !== undefined && !keep(event)) continue
      yield { line, event }
    }
  }

  private reject(line: Line, code: string, message: string): void {
    if (this.options.onReject === null) throw new LineError(line.number, code, message)
    this.rejected++
    this.options.onReject({ line: line.number, code, message, input: line.text })
  }

  private accept(item: Item): void {
    this.line = item.line.number
    this.accepted++
  }

  /**
   * Every parsed line, for the library to validate and fold; wrap the
   * library's refusal with `refusal()` to name the line.
   */
  async *events(): AsyncGenerator<unknown> {
    for await (const item of this.parsed()) {
      this.accept(item)
      yield item.event
    }
    this.finished = true
  }

  /**
   * A refusal of the library while it read `events()`, as a `LineError`
   * naming the line being folded; any other error unchanged.
   *
   * @param error - what the library threw
   * @returns the error to report
   */
  refusal(error: unknown): unknown {
    if (!isCreditLedgerError(error)) return error
    return new LineError(this.finished ? null : this.line, error.code, error.message)
  }

  /** Only the events that the fold accepts, in input order; `states` holds the result. */
  async *guarded(): AsyncGenerator<unknown> {
    let chunk: Item[] = []
    let size = MIN_CHUNK
    for await (const item of this.parsed()) {
      chunk.push(item)
      if (chunk.length >= size) {
        const before = this.rejected
        yield* this.settle(chunk)
        chunk = []
        size = this.rejected > before ? MIN_CHUNK : Math.min(MAX_CHUNK, size * 2)
      }
    }
    yield* this.settle(chunk)
    this.finished = true
  }

  /** Folds a chunk onto `states`, leaving out (and rejecting) each refused event. */
  private *settle(chunk: readonly Item[]): Generator<unknown> {
    let rest = chunk
    while (rest.length > 0) {
      let pulled = 0
      const pull = function* (items: readonly Item[]) {
        for (const item of items) {
          pulled++
          yield item.event
        }
      }
      try {
        this.states = replayAll(pull(rest), { from: this.states })
      } catch (error) {
        if (!isCreditLedgerError(error) || pulled === 0) throw error
        // The fold pulls one event and folds it before the next: the last one pulled was refused.
        const refused = pulled - 1
        const good = rest.slice(0, refused)
        if (good.length > 0) this.states = replayAll(pull(good), { from: this.states })
        for (const item of good) {
          this.accept(item)
          yield item.event
        }
        this.reject(rest[refused]!.line, error.code, error.message)
        rest = rest.slice(refused + 1)
        continue
      }
      for (const item of rest) {
        this.accept(item)
        yield item.event
      }
      return
    }
  }
}
