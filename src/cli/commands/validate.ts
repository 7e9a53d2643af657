/** `credit-ledger validate`: fold every account and list the lines it refuses. */
import type { Context } from '../context.js'
import { EventSource, type Rejected } from '../source.js'
import { UsageError } from '../usage.js'

/** Thrown by the reject handler once `--max-errors` lines were refused. */
export class TooManyErrors extends Error {
  /** @param max - the `--max-errors` reached */
  constructor(readonly max: number) {
    super(`stopped after ${max} refused lines (--max-errors ${max})`)
    this.name = 'TooManyErrors'
  }
}

/**
 * Folds every account; each refused line is printed (`line N: CODE
 * message`) on stderr, and written to `--rejects` if given.
 *
 * @param ctx - the command's context
 * @returns the number of refused lines
 * @throws TooManyErrors after `--max-errors` refused lines
 */
export async function runValidate(ctx: Context): Promise<number> {
  const max = Number(ctx.option('max-errors'))
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new UsageError(`--max-errors must be a whole number ≥ 1 (got ${JSON.stringify(ctx.option('max-errors'))})`, 'validate')
  }
  let refused = 0
  const onReject = (rejected: Rejected) => {
    ctx.progress.done()
    ctx.io.stderr.write(`line ${rejected.line}: ${rejected.code} ${rejected.message}\n`)
    ctx.rejects?.(rejected)
    if (++refused >= max) throw new TooManyErrors(max)
  }
  const source = new EventSource(ctx.input, { progress: ctx.progress, onReject })
  for await (const _ of source.guarded());
  ctx.progress.done()
  await ctx.output.write(
    `${source.accepted.toLocaleString('en-US')} events of ${source.states.size.toLocaleString('en-US')} accounts accepted, ` +
      `${refused.toLocaleString('en-US')} lines refused\n`,
  )
  return refused
}
