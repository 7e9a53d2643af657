import { describe, expectTypeOf, it } from 'vitest'
import { report, statement, type Report, type StatementEntry } from '../../src/index.js'

declare const sync: Iterable<unknown>
declare const lazy: AsyncIterable<unknown>

describe('analyst query types', () => {
  it('statement follows its input: Iterable in, Iterable out; AsyncIterable in, AsyncIterable out', () => {
    expectTypeOf(statement(sync)).toEqualTypeOf<Iterable<StatementEntry>>()
    expectTypeOf(statement(lazy)).toEqualTypeOf<AsyncIterable<StatementEntry>>()
  })
  it('report returns a Report, or a Promise of one for an async input', () => {
    expectTypeOf(report(sync, { period: 'month' })).toEqualTypeOf<Report>()
    expectTypeOf(report(lazy, { period: 'day' })).toEqualTypeOf<Promise<Report>>()
    expectTypeOf<StatementEntry['charged']>().toEqualTypeOf<import('../../src/index.js').Money | null>()
  })
})
