/**
 * Where a command writes: stdout or the `--out` file, buffered, waiting for
 * the stream to drain so that a slow reader (a pipe) bounds the memory.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

/** A text sink with back-pressure. */
export interface Output {
  /** Queues `text`; resolves at once unless the buffer is full and the stream must drain. */
  write(text: string): Promise<void>
  /** Flushes the buffer, and closes the file (stdout stays open). */
  close(): Promise<void>
}

const FLUSH_AT = 1 << 16

/**
 * Opens the output of a command.
 *
 * @param path - the `--out` file, or `undefined` for `stdout`
 * @param stdout - the stream used without `--out`
 * @returns the output
 */
export function openOutput(path: string | undefined, stdout: NodeJS.WritableStream): Output {
  const stream = path === undefined ? stdout : createWriteStream(path)
  let failure: Error | null = null
  if (path !== undefined) (stream as NodeJS.EventEmitter).on('error', (error: Error) => (failure = error))
  let buffer = ''
  const flush = async () => {
    if (failure !== null) throw failure
    if (buffer === '') return
    const text = buffer
    buffer = ''
    if (!stream.write(text)) await once(stream, 'drain')
  }
  return {
    async write(text) {
      buffer += text
      if (buffer.length >= FLUSH_AT) await flush()
    },
    async close() {
      await flush()
      if (path !== undefined) {
        stream.end()
        await once(stream, 'finish')
        if (failure !== null) throw failure
      }
    },
  }
}
