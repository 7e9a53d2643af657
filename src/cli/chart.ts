/**
 * A stacked bar chart with a line on a second axis, as a standalone SVG
 * document (no script, no external resources: it opens in any browser).
 */

/** One series of the chart: a stack of bars, or the line. */
export interface ChartSeries {
  /** Its name in the legend and the tooltips. */
  readonly label: string
  /** A CSS colour. */
  readonly color: string
  /** One value per category, ≥ 0. */
  readonly values: readonly number[]
}

/** What `stackedChart` draws. */
export interface ChartInput {
  /** The title, on top. */
  readonly title: string
  /** The labels of the x axis (the periods), one per bar. */
  readonly categories: readonly string[]
  /** Stacked bars, bottom first, on the left axis. */
  readonly stacks: readonly ChartSeries[]
  readonly leftLabel: string
  /** A line on the right axis. */
  readonly line: ChartSeries
  readonly rightLabel: string
}

const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** A round step giving about `count` ticks up to `max`. */
function niceStep(max: number, count: number): number {
  if (max <= 0) return 1
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const m = raw / power
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * power
}

function compact(n: number): string {
  const abs = Math.abs(n)
  if (abs >= 1e9) return `${+(n / 1e9).toFixed(2)}G`
  if (abs >= 1e6) return `${+(n / 1e6).toFixed(2)}M`
  if (abs >= 1e3) return `${+(n / 1e3).toFixed(1)}k`
  return `${+n.toFixed(2)}`
}

/**
 * Renders the chart.
 *
 * @param input - the title, the categories, the stacks (left axis) and the line (right axis)
 * @returns a standalone SVG document
 * @example
 * stackedChart({ title: 'Credits', categories: ['2025-01'], stacks: [{ label: 'consumed', color: '#4e79a7', values: [10] }],
 *   leftLabel: 'credits', line: { label: 'liability', color: '#f28e2b', values: [1.25] }, rightLabel: 'USD' })
 */
export function stackedChart(input: ChartInput): string {
  const width = 1000
  const height = 540
  const m = { top: 76, right: 90, bottom: 110, left: 80 }
  const plotW = width - m.left - m.right
  const plotH = height - m.top - m.bottom
  const n = input.categories.length
  const sums = input.categories.map((_, i) => input.stacks.reduce((s, series) => s + (series.values[i] ?? 0), 0))
  const leftStep = niceStep(Math.max(1, ...sums), 5)
  const leftMax = Math.ceil(Math.max(1, ...sums) / leftStep) * leftStep
  const rightStep = niceStep(Math.max(1, ...input.line.values), 5)
  const rightMax = Math.ceil(Math.max(1, ...input.line.values) / rightStep) * rightStep
  const band = plotW / Math.max(1, n)
  const barW = Math.max(1, band * 0.7)
  const x = (i: number) => m.left + i * band + band / 2
  const yL = (v: number) => m.top + plotH - (v / leftMax) * plotH
  const yR = (v: number) => m.top + plotH - (v / rightMax) * plotH
  const out: string[] = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`)
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`)
  out.push(`<text x="${width / 2}" y="28" text-anchor="middle" font-size="17" font-weight="bold">${escape(input.title)}</text>`)
  // Grid and left axis.
  for (let v = 0; v <= leftMax + leftStep / 2; v += leftStep) {
    const y = yL(v).toFixed(1)
    out.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`)
    out.push(`<text x="${m.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#333">${compact(v)}</text>`)
  }
  for (let v = 0; v <= rightMax + rightStep / 2; v += rightStep) {
    out.push(`<text x="${m.left + plotW + 8}" y="${yR(v).toFixed(1)}" dominant-baseline="middle" fill="${input.line.color}">${compact(v)}</text>`)
  }
  out.push(`<text transform="translate(20 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#333">${escape(input.leftLabel)}</text>`)
  out.push(`<text transform="translate(${width - 18} ${m.top + plotH / 2}) rotate(90)" text-anchor="middle" fill="${input.line.color}">${escape(input.rightLabel)}</text>`)
  // Bars.
  for (let i = 0; i < n; i++) {
    let base = 0
    for (const series of input.stacks) {
      const v = series.values[i] ?? 0
      if (v <= 0) continue
      const top = yL(base + v)
      const h = yL(base) - top
      out.push(`<rect x="${(x(i) - barW / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${series.color}"><title>${escape(`${input.categories[i]} ${series.label}: ${v}`)}</title></rect>`)
      base += v
    }
  }
  // Category labels (thinned when crowded).
  const every = Math.max(1, Math.ceil(n / 24))
  for (let i = 0; i < n; i += every) {
    out.push(`<text transform="translate(${x(i).toFixed(1)} ${m.top + plotH + 10}) rotate(45)" fill="#333">${escape(input.categories[i]!)}</text>`)
  }
  out.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="#333"/>`)
  // Line.
  const points = input.line.values.map((v, i) => `${x(i).toFixed(1)},${yR(v).toFixed(1)}`).join(' ')
  out.push(`<polyline points="${points}" fill="none" stroke="${input.line.color}" stroke-width="2.5"/>`)
  for (let i = 0; i < n; i++) out.push(`<circle cx="${x(i).toFixed(1)}" cy="${yR(input.line.values[i] ?? 0).toFixed(1)}" r="3" fill="${input.line.color}"><title>${escape(`${input.categories[i]} ${input.line.label}: ${input.line.values[i]}`)}</title></circle>`)
  // Legend.
  const entries = [...input.stacks.map((s) => ({ ...s, kind: 'box' })), { ...input.line, kind: 'line' }]
  let lx = m.left
  const ly = 54
  for (const entry of entries) {
    if (entry.kind === 'box') out.push(`<rect x="${lx}" y="${ly - 9}" width="12" height="12" fill="${entry.color}"/>`)
    else out.push(`<line x1="${lx}" x2="${lx + 14}" y1="${ly - 3}" y2="${ly - 3}" stroke="${entry.color}" stroke-width="2.5"/>`)
    out.push(`<text x="${lx + 18}" y="${ly + 1}" fill="#333">${escape(entry.label)}</text>`)
    lx += 26 + entry.label.length * 6.6
  }
  out.push('</svg>')
  return out.join('\n') + '\n'
}
