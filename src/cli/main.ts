#!/usr/bin/env node
/**
 * The `credit-ledger` bin (SPEC §11). The only part of the package that
 * reads files; the library's entry points never import it.
 */
import { run } from './run.js'

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0) // the reader went away (`| head`): not an error
  throw error
})

run(process.argv.slice(2), process).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`credit-ledger: ${String(error)}\n`)
    process.exitCode = 1
  },
)
