// Mutation score per folder from one or more Stryker JSON reports of the same
// source (each run with a different set of tests): a mutant counts as
// detected when any report detected it (killed or timed out), which is what
// the union of the test sets detects. Mutants listed in
// tests/mutation/equivalent-mutants.md (file:line and the mutant) are left
// out of the score. Usage:
//   node tests/mutation/score.mjs reports/a/mutation.json [reports/b/mutation.json …]
import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'

const reports = process.argv.slice(2).map((path) => JSON.parse(readFileSync(path, 'utf8')))
const equivalents = readFileSync(new URL('./equivalent-mutants.md', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => /^- `([^`:]+):(\d+):(\d+)` `([^`]*)` —/.exec(line))
  .filter((m) => m !== null)
  .map(([, file, line, column, replacement]) => ({ file, line: Number(line), column: Number(column), replacement }))

const key = (file, m) =>
  `${file}:${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}:${m.mutatorName}:${m.replacement ?? ''}`
const detected = new Set()
const mutants = new Map()
for (const report of reports) {
  for (const [file, { mutants: list }] of Object.entries(report.files)) {
    for (const m of list) {
      const k = key(file, m)
      mutants.set(k, { file, m })
      if (m.status === 'Killed' || m.status === 'Timeout') detected.add(k)
    }
  }
}
const isEquivalent = (file, m) =>
  equivalents.some((e) => file.endsWith(e.file) && e.line === m.location.start.line && e.column === m.location.start.column && e.replacement === (m.replacement ?? ''))
const folders = new Map()
const survivors = []
for (const [k, { file, m }] of mutants) {
  const folder = dirname(file)
  const row = folders.get(folder) ?? { mutants: 0, detected: 0, survived: 0, equivalent: 0, noCoverage: 0 }
  row.mutants++
  if (detected.has(k)) row.detected++
  else if (isEquivalent(file, m)) row.equivalent++
  else {
    row.survived++
    if (m.status === 'NoCoverage') row.noCoverage++
    survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '')} (${m.status})`)
  }
  folders.set(folder, row)
}
for (const [folder, r] of [...folders].sort()) {
  const score = (100 * r.detected) / (r.mutants - r.equivalent)
  console.log(`${folder}: ${r.mutants} mutants, ${r.detected} detected, ${r.survived} survived (${r.noCoverage} without coverage), ${r.equivalent} equivalent — ${score.toFixed(1)}% of the non-equivalent`)
}
if (process.env.SURVIVORS) for (const s of survivors.sort()) console.log(`  ${s}`)
