/**
 * `credit-ledger <command> <file|-> [options]`: reads the command line, runs
 * the command, and says how it went in its exit code (SPEC §11).
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { runBalances } from './commands/balances.js'
import { runReport } from './commands/report.js'
import { runStatement } from './commands/statement.js'
import { runValidate, TooManyErrors } from './commands/validate.js'
import type { Context, Io } from './context.js'
import { openInput, type Input } from './input.js'
import { openOutput } from './output.js'
import { Progress } from './progress.js'
import { LineError, type Rejected } from './source.js'
import { EXIT, helpText, readCommand, UsageError, type CommandName, type Invocation } from './usage.js'

const COMMANDS: Record<CommandName, (ctx: Context) => Promise<number>> = {
  report: runReport,
  statement: runStatement,
  balances: runBalances,
  validate: runValidate,
}

/**
 * Runs the command line.
 *
 * @param argv - the arguments after the program's name
 * @param io - stdin, stdout and stderr
 * @returns the exit code: 0 clean, 1 stopped, 2 completed with rejects, 64 bad usage
 * @example
 * process.exitCode = await run(process.argv.slice(2), process)
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let invocation: Invocation | null
  try {
    invocation = readCommand(argv)
  } catch (error) {
    return usage(error as UsageError, io)
  }
  if (invocation === null) {
    io.stdout.write(helpText(null))
    return EXIT.ok
  }
  if (invocation.help) {
    io.stdout.write(helpText(invocation.command))
    return EXIT.ok
  }
  const input: Input = openInput(invocation.input, io.stdin)
  const options = invocation.options
  const option = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined)
  const rejectsPath = option('rejects')
  let rejectsFile: WriteStream | null = null
  const progress = new Progress(io.stderr, () => ({ lines: input.linesRead(), bytesRead: input.bytesRead(), size: input.size() }))
  const ctx: Context = {
    invocation,
    io,
    input,
    output: openOutput(option('out'), io.stdout),
    progress,
    rejects:
      rejectsPath === undefined
        ? null
        : (rejected: Rejected) => {
            rejectsFile ??= createWriteStream(rejectsPath)
            rejectsFile.write(JSON.stringify(rejected) + '\n')
          },
    option,
  }
  try {
    const rejected = await COMMANDS[invocation.command](ctx)
    await ctx.output.close()
    if (rejected === 0) return EXIT.ok
    if (rejectsPath === undefined) return EXIT.stopped // validate without --rejects: refused lines were found
    io.stderr.write(`credit-ledger: completed with ${rejected.toLocaleString('en-US')} rejected line${rejected === 1 ? '' : 's'}, written to ${rejectsPath}\n`)
    return EXIT.rejects
  } catch (error) {
    progress.done()
    if (error instanceof UsageError) return usage(error, io)
    if (error instanceof LineError) io.stderr.write(error.describe() + '\n')
    else if (error instanceof TooManyErrors) io.stderr.write(`credit-ledger: ${error.message}\n`)
    else io.stderr.write(`credit-ledger: ${(error as Error).message ?? String(error)}\n`)
    return EXIT.stopped
  } finally {
    if (rejectsFile !== null) {
      const file: WriteStream = rejectsFile
      file.end()
      await once(file, 'finish')
    }
  }
}

function usage(error: UsageError, io: Io): number {
  const help = error.command === null ? 'credit-ledger --help' : `credit-ledger ${error.command} --help`
  io.stderr.write(`credit-ledger: ${error.message}\nRun "${help}" for usage.\n`)
  return EXIT.usage
}
