// Reading the streamed contact import: newline-delimited JSON lines of
// {done,total}, then one line with the report.
import { ApiError } from './client'
import type { ImportProgress, ImportReport } from './types'

/** LineSplitter cuts a text stream into lines, whatever the chunk
 * boundaries; blank lines are dropped. */
export class LineSplitter {
  private buf = ''

  push(chunk: string): string[] {
    this.buf += chunk
    const parts = this.buf.split('\n')
    this.buf = parts.pop() ?? ''
    return parts.map((l) => l.trim()).filter(Boolean)
  }

  flush(): string[] {
    const rest = this.buf.trim()
    this.buf = ''
    return rest ? [rest] : []
  }
}

/** parseProgressLine reads one line; an {error:…} line (the server failed
 * after the stream began) becomes an ApiError. */
export function parseProgressLine(line: string): ImportProgress {
  let v: unknown
  try {
    v = JSON.parse(line)
  } catch {
    throw new ApiError(200, 'bad_response', 'The import progress could not be read.')
  }
  const o = v as { error?: { code?: string; message?: string; fields?: Record<string, string> } } & Partial<ImportProgress>
  if (o && o.error) {
    throw new ApiError(500, o.error.code || 'internal', o.error.message || 'The import failed.', o.error.fields || {})
  }
  if (!o || typeof o.done !== 'number' || typeof o.total !== 'number') {
    throw new ApiError(200, 'bad_response', 'The import progress could not be read.')
  }
  return { done: o.done, total: o.total, report: o.report }
}

/** readImport reads the stream, calling onProgress for every line, and
 * returns the final report. A stream that ends without one is an error. */
export async function readImport(
  body: ReadableStream<Uint8Array>,
  onProgress: (p: ImportProgress) => void,
): Promise<ImportReport> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const split = new LineSplitter()
  let report: ImportReport | undefined
  const handle = (line: string) => {
    const p = parseProgressLine(line)
    onProgress(p)
    if (p.report) report = p.report
  }
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    split.push(decoder.decode(value, { stream: true })).forEach(handle)
  }
  split.push(decoder.decode()).forEach(handle)
  split.flush().forEach(handle)
  if (!report) throw new ApiError(0, 'network', 'The connection closed before the import finished. Check the contacts list before importing again.')
  return report
}

/** percent is the progress bar's value, 0–100. */
export function percent(p: { done: number; total: number }): number {
  if (p.total <= 0) return p.done > 0 ? 100 : 0
  return Math.min(100, Math.round((p.done / p.total) * 100))
}
