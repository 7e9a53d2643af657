/**
 * The command line's grammar: its commands, their options (read with Node's
 * `util.parseArgs`), their `--help` texts and the exit codes (SPEC §11).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'

/** The exit codes of `credit-ledger`, listed in every `--help` and in the README. */
export const EXIT = {
  /** The run completed and every line was accepted. */
  ok: 0,
  /** The run stopped: a bad line (without `--rejects`), an unreadable file, a failed write. */
  stopped: 1,
  /** The run completed, but some lines were written to the `--rejects` file. */
  rejects: 2,
  /** Bad usage: an unknown command or option, a missing or bad value. */
  usage: 64,
} as const

/** Bad usage of the command line (exit code 64). */
export class UsageError extends Error {
  /**
   * @param message - what is wrong, for stderr
   * @param command - the command whose usage to suggest, or `null` for the top level
   */
  constructor(
    message: string,
    readonly command: CommandName | null,
  ) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The commands of `credit-ledger`. */
export type CommandName = 'report' | 'statement' | 'balances' | 'validate'

/** The options every command takes. */
const COMMON = {
  rejects: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options']

const OPTIONS = {
  report: {
    ...COMMON,
    period: { type: 'string', default: 'month' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string', default: 'table' },
    chart: { type: 'string' },
  },
  statement: { ...COMMON, account: { type: 'string' }, format: { type: 'string', default: 'csv' } },
  balances: { ...COMMON, at: { type: 'string' }, format: { type: 'string', default: 'table' } },
  validate: { ...COMMON, 'max-errors': { type: 'string', default: '20' } },
} as const satisfies Record<CommandName, ParseArgsConfig['options']>

const FORMATS: Record<CommandName, readonly string[]> = {
  report: ['table', 'csv', 'json'],
  statement: ['csv', 'jsonl'],
  balances: ['table', 'csv', 'json'],
  validate: [],
}

const EXIT_CODES = `Exit codes:
  0   every line was accepted
  1   stopped: a bad line (without --rejects), a file that cannot be read or written
  2   completed, with rejected lines written to the --rejects file (their count on stderr)
  64  bad usage`

const INPUT = `<file|->  JSON Lines, one event per line: a file, a .gz file, or - (or nothing) for stdin`

const COMMON_HELP = `  --rejects <file>   write each bad line there as {"line","code","message","input"} and go on
                     (without it, the first bad line stops the run: "line N: CODE message")
  --out <file>       write the output there instead of stdout
  -h, --help         this help`

/** The `--help` text of each command, and of the top level (`null`). */
export function helpText(command: CommandName | null): string {
  switch (command) {
    case null:
      return `credit-ledger: recompute credit balances, statements and reports from a JSON Lines export of events.

Usage: credit-ledger <command> <file|-> [options]

Commands:
  report      one row per account and calendar month (or day), with totals by currency
  statement   every movement of credits, with the balance after it
  balances    every account's balance by source as of an instant
  validate    fold every account and list the lines it refuses

Run "credit-ledger <command> --help" for a command's options. Progress goes to
stderr when stderr is a terminal, nowhere otherwise.

${EXIT_CODES}
`
    case 'report':
      return `Usage: credit-ledger report <file|-> [options]

One row per account and calendar period (UTC; empty periods included), with
the opening and closing balance, credits granted, consumed and expired by
source, money charged and the extra-credit liability; then totals by currency.

  ${INPUT}

  --period month|day       the length of a row (default: month)
  --from <instant>         first instant of the range, widened to a period start (ISO-8601 with offset)
  --to <instant>           end of the range, exclusive (default: the end of the period of the latest event)
  --format table|csv|json  table: the periods summed over all accounts; csv: one RFC 4180 record per
                           row (nested fields as granted.subscription, money in major units with a
                           currency column); json: the rows and totals as the library returns them
                           (default: table)
  --chart <file.svg>       also draw credits consumed and expired per period, and the extra-credit liability
${COMMON_HELP}

${EXIT_CODES}
`
    case 'statement':
      return `Usage: credit-ledger statement <file|-> [options]

Every movement of credits (grant, consume, expire, rollover), in input order,
with the account's balance (available − deficit) after it.

  ${INPUT}

  --account <id>           only this account (the other accounts' lines are skipped unread)
  --format csv|jsonl       csv: RFC 4180 with a header (money in major units, a currency column);
                           jsonl: one entry per line as the library returns it (default: csv)
${COMMON_HELP}

${EXIT_CODES}
`
    case 'balances':
      return `Usage: credit-ledger balances <file|-> [options]

Every account's balance by source as of an instant: events at exactly that
instant included, later ones not read into the balance; expiries and renewals
up to it applied.

  ${INPUT}

  --at <instant>           ISO-8601 with offset (default: the latest "at" of the input)
  --format table|csv|json  (default: table)
${COMMON_HELP}

${EXIT_CODES}
`
    case 'validate':
      return `Usage: credit-ledger validate <file|-> [options]

Folds every account, so it finds what a shape check cannot: events out of
order, duplicate ids, money in another currency, an upgrade with no
subscription. Prints "line N: CODE message" on stderr for each refused line,
then a summary on stdout; exits 0 when every line is accepted, 1 otherwise.

  ${INPUT}

  --max-errors <n>         stop after n refused lines (default: 20)
${COMMON_HELP}

${EXIT_CODES}
`
  }
}

/** What `readCommand` understood. */
export interface Invocation {
  readonly command: CommandName
  /** The input path, or `-` for stdin. */
  readonly input: string
  readonly options: Readonly<Record<string, string | boolean | undefined>>
  /** `--help` was asked for: print it and exit 0. */
  readonly help: boolean
}

/**
 * Reads the command line (without `node` and the script).
 *
 * @param argv - the arguments, e.g. `['report', 'events.jsonl', '--period', 'day']`
 * @returns the command, its input and options; `null` for a top-level `--help`
 * @throws UsageError for an unknown command or option, a second input, a bad format
 */
export function readCommand(argv: readonly string[]): Invocation | null {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === undefined) throw new UsageError('missing command', null)
    return null
  }
  if (!(first in OPTIONS)) throw new UsageError(`unknown command ${JSON.stringify(first)}`, null)
  const command = first as CommandName
  let parsed
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS[command], allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message, command)
  }
  const options = parsed.values as Record<string, string | boolean | undefined>
  const help = options.help === true
  if (parsed.positionals.length > 1) {
    throw new UsageError(`one input at a time (got ${parsed.positionals.length}: ${parsed.positionals.join(' ')})`, command)
  }
  const format = options.format
  if (typeof format === 'string' && !FORMATS[command].includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS[command].join(', ')} (got ${JSON.stringify(format)})`, command)
  }
  return { command, input: parsed.positionals[0] ?? '-', options, help }
}
