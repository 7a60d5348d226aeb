// Measures the JavaScript the app loads before it can render: the entry
// chunk of dist/app/index.html plus the chunks it imports statically
// (modulepreload), gzipped. Budget: 100 KB.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export const BUDGET = 100 * 1024

/** initialScripts lists the script and modulepreload URLs in index.html. */
export function initialScripts(html) {
  const urls = new Set()
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) urls.add(m[1])
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(m[1])
  for (const m of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) urls.add(m[1])
  return [...urls]
}

/** initialSize returns the gzipped bytes of each initial script in dir. */
export function initialSize(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const files = initialScripts(html).map((u) => {
    const bytes = readFileSync(join(dir, u.replace(/^\//, '')))
    return { file: u, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  })
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('../dist/app', import.meta.url).pathname
  if (!existsSync(join(dir, 'index.html'))) {
    console.error('dist/app is missing: run `npm run build` first')
    process.exit(1)
  }
  const { files, total } = initialSize(dir)
  for (const f of files) console.log(`${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzip (${(f.raw / 1024).toFixed(1)} KB raw)`)
  console.log(`initial JS: ${(total / 1024).toFixed(1)} KB gzip of ${BUDGET / 1024} KB`)
  process.exit(total > BUDGET ? 1 : 0)
}
