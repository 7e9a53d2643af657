/**
 * RFC 4180 CSV: a field containing a comma, a double quote, CR or LF is
 * quoted, with its quotes doubled; records end with CRLF.
 */
export type CsvValue = string | number | null

/** One field, quoted when it must be. `null` is an empty field. */
export function csvField(value: CsvValue): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record, with its CRLF. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n'
}
