// Runs a TypeScript module in a worker thread: registers tsx's loader in this
// thread, then imports the entry given in workerData (Node 20's `--import tsx`
// in a Worker's execArgv does not reach the worker's own entry module).
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
