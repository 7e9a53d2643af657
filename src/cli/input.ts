/**
 * The input of a command: JSON Lines from a file, a gzip file or stdin, read
 * one line at a time (memory holds a line, never the file).
 */
import { createReadStream } from 'node:fs'
import { once } from 'node:events'
import { stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'

/** One line of the input, numbered from 1 (blank lines count). */
export interface Line {
  readonly number: number
  readonly text: string
}

/** An opened input: its lines, and how far the reading is (for the progress line). */
export interface Input {
  /** `-` for stdin, else the path. */
  readonly name: string
  /** The size in bytes of the file as stored (compressed for `.gz`), or `null` for stdin (or before the first line). */
  size(): number | null
  /** Bytes read so far from the file as stored. */
  bytesRead(): number
  /** Lines read so far. */
  linesRead(): number
  /** The lines, in order. */
  lines(): AsyncGenerator<Line>
}

/** The first bytes of every gzip stream (RFC 1952). */
const GZIP_MAGIC = [0x1f, 0x8b]

/**
 * Opens `path` (or stdin for `-`). A gzip stream is recognised by its first
 * two bytes, whatever the name, and decompressed with node:zlib.
 *
 * @param path - a file path, or `-` for stdin
 * @param stdin - the stream to read for `-`
 * @returns the input, not yet opened: `lines()` opens it, and throws
 *   `cannot read <path>: …` when it cannot (ENOENT, EISDIR…)
 */
export function openInput(path: string, stdin: NodeJS.ReadableStream): Input {
  let size: number | null = null
  let read = 0
  let number = 0
  return {
    name: path,
    size: () => size,
    bytesRead: () => read,
    linesRead: () => number,
    async *lines() {
      let raw: NodeJS.ReadableStream = stdin
      if (path !== '-') {
        try {
          size = (await stat(path)).size
          raw = createReadStream(path)
          await once(raw, 'open')
        } catch (error) {
          throw new Error(`cannot read ${path}: ${(error as Error).message}`)
        }
      }
      const chunks = counted(raw, path === '-' ? 'stdin' : path, (n) => (read += n))
      let head = Buffer.alloc(0)
      while (head.length < GZIP_MAGIC.length) {
        const next = await chunks.next()
        if (next.done === true) break
        head = Buffer.concat([head, next.value])
      }
      if (head.length === 0) return
      const bytes = Readable.from(prepend(head, chunks))
      const text = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1] ? bytes.pipe(createGunzip()) : bytes
      text.setEncoding('utf8')
      const reader = createInterface({ input: text, crlfDelay: Infinity })
      try {
        for await (const line of reader) yield { number: ++number, text: line }
      } finally {
        reader.close()
      }
    },
  }
}

async function* counted(stream: NodeJS.ReadableStream, name: string, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  const chunks = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]()
  for (;;) {
    let next: IteratorResult<Buffer | string>
    try {
      next = await chunks.next()
    } catch (error) {
      throw new Error(`cannot read ${name}: ${(error as Error).message}`) // EISDIR, EIO…
    }
    if (next.done === true) return
    const buffer = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    onBytes(buffer.length)
    yield buffer
  }
}

async function* prepend(head: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  yield head
  yield* rest
}
