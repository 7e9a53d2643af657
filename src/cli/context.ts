/** What every command is given: its options, its input, its output and where bad lines go. */
import type { Input } from './input.js'
import type { Output } from './output.js'
import type { Progress } from './progress.js'
import type { Rejected } from './source.js'
import type { Invocation } from './usage.js'

/** The process's streams (a test may pass its own). */
export interface Io {
  readonly stdin: NodeJS.ReadableStream
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean }
}

/** A command's run. */
export interface Context {
  readonly invocation: Invocation
  readonly io: Io
  readonly input: Input
  readonly output: Output
  readonly progress: Progress
  /** Writes a line to the `--rejects` file, or `null` without `--rejects`. */
  readonly rejects: ((rejected: Rejected) => void) | null
  /** A string option, or `undefined`. */
  option(name: string): string | undefined
}
