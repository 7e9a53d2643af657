import { describe, expect, it } from 'vitest'
import { csvField, csvRecord } from '../../src/cli/csv.js'

describe('src/cli/csv (RFC 4180)', () => {
  it('quotes only fields with a comma, a quote, CR or LF, doubling quotes, and ends records with CRLF', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\r')).toBe('"cr\r"')
    expect(csvField(null)).toBe('')
    expect(csvField(-12)).toBe('-12')
    expect(csvRecord(['acc,1', 3, null])).toBe('"acc,1",3,\r\n')
  })
})
