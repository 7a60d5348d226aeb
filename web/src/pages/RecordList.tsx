import { useState } from 'preact/hooks'
import { api } from '../api/endpoints'
import type { Kind } from '../api/types'
import { ErrorBox, Link, Loading, PageHeading } from '../components/ui'
import { useAsync, useDebounced, useTitle } from '../hooks'
import { COLUMNS, DEAL_STAGES, LEAD_STATUSES } from '../records'
import { kindPath, location, navigate } from '../router'
import { KIND_LABEL, KIND_PLURAL } from '../search'
import { me } from '../session'

const PAGE = 25

export function RecordList({ kind }: { kind: Kind }) {
  useTitle(KIND_PLURAL[kind])
  const params = new URLSearchParams(location.value.search)
  const [prefix, setPrefix] = useState(params.get('prefix') || '')
  const status = params.get('status') || ''
  const stage = params.get('stage') || ''
  const mine = params.get('mine') === '1'
  const [cursors, setCursors] = useState<string[]>([''])
  const cursor = cursors[cursors.length - 1]
  const debounced = useDebounced(prefix.trim(), 200)

  const setQuery = (k: string, v: string) => {
    const p = new URLSearchParams(location.value.search)
    if (v) p.set(k, v)
    else p.delete(k)
    setCursors([''])
    const s = p.toString()
    navigate(kindPath(kind) + (s ? `?${s}` : ''), { replace: true, keepFocus: true })
  }

  const list = useAsync(
    (signal) =>
      api.records(kind, { prefix: debounced, status, stage, owner_id: mine ? me.value?.id : undefined, cursor: cursor || undefined, limit: PAGE }, signal),
    [kind, debounced, status, stage, mine, cursor],
  )
  const cols = COLUMNS[kind]
  const label = KIND_LABEL[kind].toLowerCase()

  return (
    <section>
      <PageHeading
        actions={
          <>
            {kind === 'contact' && (
              <>
                <Link class="btn" href="/contacts/import">
                  Import CSV
                </Link>
                <a class="btn" href="/api/v1/contacts/export" download="contacts.csv">
                  Export CSV
                </a>
              </>
            )}
            <Link class="btn btn-primary" href={`${kindPath(kind)}/new`}>
              New {label}
            </Link>
          </>
        }
      >
        {KIND_PLURAL[kind]}
      </PageHeading>
      <form class="filters" role="search" aria-label={`Filter ${KIND_PLURAL[kind].toLowerCase()}`} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="filter-prefix">Name starts with</label>
          <input
            id="filter-prefix"
            type="search"
            value={prefix}
            onInput={(e) => {
              const v = (e.currentTarget as HTMLInputElement).value
              setPrefix(v)
              setCursors([''])
            }}
            onBlur={() => setQuery('prefix', prefix.trim())}
          />
        </div>
        {kind === 'lead' && (
          <div class="field">
            <label for="filter-status">Status</label>
            <select id="filter-status" value={status} onChange={(e) => setQuery('status', (e.currentTarget as HTMLSelectElement).value)}>
              <option value="">Any status</option>
              {LEAD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'deal' && (
          <div class="field">
            <label for="filter-stage">Stage</label>
            <select id="filter-stage" value={stage} onChange={(e) => setQuery('stage', (e.currentTarget as HTMLSelectElement).value)}>
              <option value="">Any stage</option>
              {DEAL_STAGES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="check filter-check">
          <input id="filter-mine" type="checkbox" checked={mine} onChange={(e) => setQuery('mine', (e.currentTarget as HTMLInputElement).checked ? '1' : '')} />
          <label for="filter-mine">Only mine</label>
        </div>
      </form>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          <div class="table-wrap" aria-busy={list.loading}>
            <table class="table">
              <caption class="sr-only">
                {KIND_PLURAL[kind]}, page {cursors.length}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  {cols.map((c) => (
                    <th scope="col" key={c.label} class={c.wide ? 'wide-only' : undefined}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link href={`${kindPath(kind)}/${r.id}`}>{r.name || '(no name)'}</Link>
                    </th>
                    {cols.map((c) => (
                      <td key={c.label} class={c.wide ? 'wide-only' : undefined}>
                        {c.value(r)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.items.length === 0 && (
            <p class="empty">
              {debounced || status || stage || mine ? `No ${KIND_PLURAL[kind].toLowerCase()} match these filters.` : `No ${KIND_PLURAL[kind].toLowerCase()} yet.`}
            </p>
          )}
          {(cursors.length > 1 || list.data.next_cursor) && (
          <nav class="pager" aria-label="Pages">
            <button type="button" class="btn" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous page
            </button>
            <span>Page {cursors.length}</span>
            <button
              type="button"
              class="btn"
              disabled={!list.data.next_cursor}
              onClick={() => setCursors([...cursors, list.data!.next_cursor])}
            >
              Next page
            </button>
          </nav>
          )}
        </>
      )}
    </section>
  )
}
