// CSV import of contacts (R-CRM-7): the file is streamed to the server,
// which answers with progress lines, then the per-row report.
import { useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import { percent, readImport } from '../api/ndjson'
import type { ImportProgress, ImportReport } from '../api/types'
import { ErrorBox, Link, PageHeading } from '../components/ui'
import { useLeaveGuard, useTitle } from '../hooks'

type State =
  | { step: 'choose' }
  | { step: 'running'; progress: ImportProgress | null }
  | { step: 'done'; progress: ImportProgress; report: ImportReport }
  | { step: 'failed'; error: ApiError; progress: ImportProgress | null }

export function ImportPage() {
  useTitle('Import contacts')
  const [file, setFile] = useState<File | null>(null)
  const [state, setState] = useState<State>({ step: 'choose' })
  useLeaveGuard(() => state.step === 'running', 'The import is still running. Leave anyway? It will carry on on the server.')

  const run = async (e: Event) => {
    e.preventDefault()
    if (!file) return
    let last: ImportProgress | null = null
    setState({ step: 'running', progress: null })
    try {
      const res = await api.importStream(file)
      if (!res.body) throw new ApiError(0, 'network', 'The server sent no progress.')
      const report = await readImport(res.body, (p) => {
        last = p
        setState({ step: 'running', progress: p })
      })
      setState({ step: 'done', progress: last || { done: report.imported, total: report.imported }, report })
    } catch (err) {
      setState({ step: 'failed', error: toApiError(err), progress: last })
    }
  }

  const progress = state.step === 'choose' ? null : state.progress
  const value = state.step === 'done' ? 100 : progress ? percent(progress) : 0
  return (
    <section>
      <PageHeading>Import contacts</PageHeading>
      <p>
        Choose a CSV file with a header row. Known columns: first_name, last_name, company, title, email, street, city, region,
        postal_code, country, and one column per phone label: mobile, work, home, other. Rows that cannot be imported are listed
        at the end with the reason; the others are imported.
      </p>
      <form class="stack import-form" onSubmit={run}>
        <div class="field">
          <label for="csv-file">CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile((e.currentTarget as HTMLInputElement).files?.[0] || null)
              setState({ step: 'choose' })
            }}
          />
        </div>
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={!file || state.step === 'running'}>
            {state.step === 'running' ? 'Importing…' : 'Import'}
          </button>
          <Link class="btn" href="/contacts">
            Back to contacts
          </Link>
        </div>
      </form>
      {state.step !== 'choose' && (
        <div class="import-progress">
          <label for="import-progress">
            {state.step === 'running' && (progress ? `Imported ${progress.done} of ${progress.total} contacts…` : 'Uploading and checking the file…')}
            {state.step === 'done' && `Finished: imported ${state.report.imported} of ${state.report.total_rows} rows.`}
            {state.step === 'failed' && 'The import stopped.'}
          </label>
          <progress id="import-progress" max={100} value={state.step === 'running' && !progress ? undefined : value}>
            {value}%
          </progress>
        </div>
      )}
      {state.step === 'failed' && <ErrorBox error={state.error} />}
      {state.step === 'failed' && state.error.fields.file && <p class="field-error">{state.error.fields.file}</p>}
      {state.step === 'done' && <Report report={state.report} />}
    </section>
  )
}

function Report({ report }: { report: ImportReport }) {
  return (
    <section class="panel report" aria-labelledby="report-h">
      <h2 id="report-h">Import report</h2>
      <p>
        {report.imported} imported, {report.refused.length} refused, out of {report.total_rows} rows.{' '}
        {report.imported > 0 && <Link href="/contacts">See the contacts</Link>}
      </p>
      {report.ignored_columns.length > 0 && <p>Ignored columns: {report.ignored_columns.join(', ')}</p>}
      {report.refused.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>Rows not imported</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.refused.map((r) => (
                <tr key={r.line}>
                  <td>Line {r.line}</td>
                  <td>
                    {r.message}
                    {r.fields && Object.keys(r.fields).length > 1 && (
                      <ul>
                        {Object.entries(r.fields).map(([k, v]) => (
                          <li key={k}>
                            {k}: {v}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
