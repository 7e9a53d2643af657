import { InvalidCommandError } from '../errors.js'
import { describeIssue, keepOwnProto } from '../edges/describeIssue.js'
import { COMMAND_TYPES, creditCommandSchema, type CreditCommand } from './commands/index.js'

/**
 * Validates a command of contract v2: the events' envelope (strict keys,
 * non-blank ids, a real `at` with an offset) and the command's `data`.
 * It does not know the ledger's bounds: `decide` checks them.
 *
 * @param input - a deserialised command (a request body, a queue message)
 * @returns the typed command (a new object; `meta` is carried through)
 * @throws InvalidCommandError (`INVALID_COMMAND`) naming the command id, the field and the value
 * @example
 * const command = parseCommand(await request.json())
 * const events = decide(command, state)
 */
export function parseCommand(input: unknown): CreditCommand {
  const result = creditCommandSchema.safeParse(input)
  if (result.success) {
    keepOwnProto(result.data, input)
    return result.data
  }
  const { message, ...details } = describeIssue(input, result.error, 'command', COMMAND_TYPES)
  throw new InvalidCommandError(message, details)
}
