import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BUDGET, initialScripts, initialSize } from './bundle-size.mjs'

const dist = fileURLToPath(new URL('../dist/app', import.meta.url))

describe('initialScripts', () => {
  it('finds the entry and its preloads', () => {
    const html = `<script type="module" crossorigin src="/assets/index-a1.js"></script>
<link rel="modulepreload" crossorigin href="/assets/vendor-b2.js"><link rel="stylesheet" href="/assets/index-c3.css">`
    expect(initialScripts(html)).toEqual(['/assets/index-a1.js', '/assets/vendor-b2.js'])
  })
})

describe.skipIf(!existsSync(`${dist}/index.html`))('built app', () => {
  it(`loads at most ${BUDGET / 1024} KB of gzipped JavaScript before rendering`, () => {
    const { files, total } = initialSize(dist)
    expect(files.length).toBeGreaterThan(0)
    expect(total).toBeLessThanOrEqual(BUDGET)
  })
})
