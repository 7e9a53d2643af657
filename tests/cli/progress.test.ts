import { describe, expect, it } from 'vitest'
import { formatProgress, Progress } from '../../src/cli/progress.js'

describe('the progress line', () => {
  it('says lines, events/s, % of the file and the time left', () => {
    expect(formatProgress({ lines: 3000, events: 2000, bytesRead: 25, size: 100, elapsedMs: 1000 })).toBe('3,000 lines · 2,000 events/s · 25% · 3 s left')
    expect(formatProgress({ lines: 10, events: 10, bytesRead: 5, size: null, elapsedMs: 500 })).toBe('10 lines · 20 events/s')
  })

  it('writes nothing when the sink is not a terminal, and clears itself when it is', () => {
    const written: string[] = []
    const pipe = new Progress({ isTTY: false, write: (t: string) => written.push(t) }, () => ({ lines: 1, bytesRead: 1, size: 2 }), 0)
    for (let i = 0; i < 5000; i++) pipe.tick()
    pipe.done()
    expect(written).toEqual([])
    const tty = new Progress({ isTTY: true, write: (t: string) => written.push(t) }, () => ({ lines: 1024, bytesRead: 1, size: 2 }), 0)
    for (let i = 0; i < 1024; i++) tty.tick()
    tty.done()
    expect(written).toHaveLength(2)
    expect(written[0]).toMatch(/^\r\x1b\[2K1,024 lines · /)
    expect(written[1]).toBe('\r\x1b[2K')
  })
})
