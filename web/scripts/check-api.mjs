// Fails when src/api/schema.d.ts is not what `npm run gen:api` makes from
// the server's golden OpenAPI document (internal/server/testdata/openapi.json).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const web = fileURLToPath(new URL('..', import.meta.url))
const spec = join(web, '..', 'internal', 'server', 'testdata', 'openapi.json')
const committed = join(web, 'src', 'api', 'schema.d.ts')
const dir = mkdtempSync(join(tmpdir(), 'sb-api-'))
try {
  const out = join(dir, 'schema.d.ts')
  execFileSync(join(web, 'node_modules', '.bin', 'openapi-typescript'), [spec, '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (readFileSync(out, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error('web/src/api/schema.d.ts is stale: the OpenAPI document changed. Run `npm --prefix web run gen:api` and commit the result.')
    process.exit(1)
  }
  console.log('web/src/api/schema.d.ts matches internal/server/testdata/openapi.json')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
