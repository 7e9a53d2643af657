import { InvalidArgumentError, show } from '../errors.js'
import type { AccountState } from '../state/types.js'

/** The settings shared by `replayAll` and `statement`: states to continue from, and whether to skip validation. */
export interface FoldSettings {
  readonly from?: ReadonlyMap<string, AccountState>
  readonly trusted?: boolean
}

/**
 * Checks the options of `replayAll` or `statement` before they are read:
 * `undefined`, `null` or an object whose `from` is absent or a Map (anything
 * with `get` and an iterator of entries, as a `ReadonlyMap`), so that a bad option is
 * `INVALID_ARGUMENT`, never a `TypeError` in the middle of a fold. The
 * states in `from` are checked by the fold that starts from them.
 *
 * @param what - the function's name, for the message (`statement`)
 * @param options - what the caller passed
 * @returns the options (an empty object for `undefined` or `null`)
 * @throws InvalidArgumentError (`INVALID_ARGUMENT`) naming the option
 * @example
 * const settings = readFoldSettings('statement', options)
 */
export function readFoldSettings(what: string, options: unknown): FoldSettings {
  if (options === undefined || options === null) return {}
  if (typeof options !== 'object') {
    throw new InvalidArgumentError(`${what}: options must be an object (got ${show(options)})`, { field: 'options', value: options })
  }
  const { from } = options as { from?: unknown }
  if (from !== undefined) {
    const map = from as { get?: unknown; [Symbol.iterator]?: unknown } | null
    if (typeof map !== 'object' || map === null || typeof map.get !== 'function' || typeof map[Symbol.iterator] !== 'function') {
      throw new InvalidArgumentError(`${what}: from must be a Map of states by account id (got ${show(from)})`, {
        field: 'from',
        value: from,
      })
    }
  }
  return options as FoldSettings
}
