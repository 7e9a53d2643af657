import { InvalidArgumentError, show } from '../errors.js'

/**
 * Feeds every item of an `Iterable` (synchronously) or an `AsyncIterable`
 * (the result is a `Promise`) to `add`, then returns `finish()`. The one
 * place that tells the two kinds of input apart, for `replayAll` and `report`.
 *
 * @param what - the caller's name, for the error
 * @throws InvalidArgumentError when `events` is neither
 */
export function drain<R>(
  what: string,
  events: Iterable<unknown> | AsyncIterable<unknown>,
  add: (input: unknown) => void,
  finish: () => R,
): R | Promise<R> {
  if (events != null && typeof (events as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const input of events as Iterable<unknown>) add(input)
    return finish()
  }
  if (events != null && typeof (events as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    return (async () => {
      for await (const input of events as AsyncIterable<unknown>) add(input)
      return finish()
    })()
  }
  throw new InvalidArgumentError(`${what}: events must be an Iterable or an AsyncIterable (got ${show(events)})`, {
    field: 'events',
    value: typeof events,
  })
}
