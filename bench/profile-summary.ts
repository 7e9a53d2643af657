/** Prints the top self-time functions of a .cpuprofile (from `node --cpu-prof`). */
import { readFileSync } from 'node:fs'

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }
const file = process.argv[2]
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]')
const top = Number(process.argv[3] ?? 25)
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] }
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map<string, number>()
let total = 0
profile.samples.forEach((id, i) => {
  const n = byId.get(id)!
  const dt = profile.timeDeltas[i] ?? 0
  total += dt
  const f = n.callFrame
  const where = f.url.replace(/^.*\/work\/main\//, '').replace(/^.*node_modules\//, 'node_modules/')
  const key = `${f.functionName || "(anonymous)"}  ${where}`
  self.set(key, (self.get(key) ?? 0) + dt)
})
// Leave out what is not the workload: idle time, module loading, the input generator.
const skip = (key: string) => /\((idle|program)\)|node:internal|bench\/generate|register-|tsx\/dist/.test(key)
const kept = [...self].filter(([key]) => !skip(key))
const workload = kept.reduce((sum, [, us]) => sum + us, 0)
console.log(`workload ${(workload / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled; % of the workload:`)
const rows = kept.sort((a, b) => b[1] - a[1]).slice(0, top)
for (const [key, us] of rows) console.log(`${((100 * us) / workload).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`)
