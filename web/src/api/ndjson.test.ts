import { describe, expect, it, vi } from 'vitest'
import { LineSplitter, parseProgressLine, percent, readImport } from './ndjson'

function stream(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder()
  return new ReadableStream({
    start(c) {
      chunks.forEach((s) => c.enqueue(enc.encode(s)))
      c.close()
    },
  })
}

const report = { total_rows: 5, imported: 4, refused: [{ line: 5, message: 'invalid mobile', fields: { mobile: 'bad' } }], ignored_columns: [] }

describe('LineSplitter', () => {
  it('joins lines split across chunks and drops blank lines', () => {
    const s = new LineSplitter()
    expect(s.push('{"done":0,')).toEqual([])
    expect(s.push('"total":4}\n\n{"done"')).toEqual(['{"done":0,"total":4}'])
    expect(s.push(':4,"total":4}\n')).toEqual(['{"done":4,"total":4}'])
    expect(s.flush()).toEqual([])
  })

  it('flushes a last line without a newline', () => {
    const s = new LineSplitter()
    s.push('{"done":1,"total":1}')
    expect(s.flush()).toEqual(['{"done":1,"total":1}'])
  })
})

describe('parseProgressLine', () => {
  it('reads progress and the report', () => {
    expect(parseProgressLine('{"done":2,"total":4}')).toEqual({ done: 2, total: 4, report: undefined })
    expect(parseProgressLine(JSON.stringify({ done: 4, total: 4, report })).report).toEqual(report)
  })
  it('turns an error line into an ApiError', () => {
    expect(() => parseProgressLine('{"error":{"code":"internal","message":"disk full"}}')).toThrow('disk full')
  })
  it('refuses garbage', () => {
    expect(() => parseProgressLine('<html>')).toThrow('could not be read')
    expect(() => parseProgressLine('{"foo":1}')).toThrow('could not be read')
  })
})

describe('readImport', () => {
  it('reports each line and returns the report, whatever the chunking', async () => {
    const text = `{"done":0,"total":4}\n{"done":4,"total":4}\n${JSON.stringify({ done: 4, total: 4, report })}\n`
    const chunks = text.match(/.{1,7}/gs)!
    const seen = vi.fn()
    expect(await readImport(stream(chunks), seen)).toEqual(report)
    expect(seen.mock.calls.map((c) => c[0].done)).toEqual([0, 4, 4])
  })

  it('decodes multi-byte characters split across chunks', async () => {
    const line = JSON.stringify({ done: 1, total: 1, report: { ...report, ignored_columns: ['Société'] } }) + '\n'
    const bytes = new TextEncoder().encode(line)
    const cut = bytes.indexOf(0xc3) + 1
    const s = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut))
        c.enqueue(bytes.slice(cut))
        c.close()
      },
    })
    expect((await readImport(s, () => {})).ignored_columns).toEqual(['Société'])
  })

  it('fails when the stream ends before the report', async () => {
    await expect(readImport(stream(['{"done":0,"total":4}\n']), () => {})).rejects.toThrow(/closed before the import finished/)
  })
})

describe('percent', () => {
  it.each([
    [{ done: 0, total: 4 }, 0],
    [{ done: 1, total: 3 }, 33],
    [{ done: 4, total: 4 }, 100],
    [{ done: 9, total: 4 }, 100],
    [{ done: 0, total: 0 }, 0],
  ])('%o → %i', (p, want) => expect(percent(p)).toBe(want))
})
