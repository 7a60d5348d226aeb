// The call log (R-POST-2): every call, newest first, with its agents,
// customer, numbers, length, status, outcome, cost and recording. The
// filters live in the URL (reload and Back keep them); the server judges
// them and its field errors show beside the filter concerned. Export CSV
// downloads the calls the filters select.
import { useEffect, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import {
  agentOptions, anyFilter, apiQuery, appendPage, callTime, cost, DIRECTIONS, exportPath, FILTER_KEYS, filtersFrom, label, mmss,
  normalNumber, OUTCOMES, replaceCall, searchOf, STATUSES, type CallEntry, type FilterKey, type Filters,
} from '../calllog'
import { CallRecording } from '../components/CallRecording'
import { ErrorBox, Link, Loading, PageHeading } from '../components/ui'
import { useAsync, useTitle } from '../hooks'
import { loadUsers, users } from '../people'
import { location, navigate } from '../router'
import { me, org } from '../session'
import { party } from '../softphone/format'

const PAGE = 50

/** zone is the org's time zone, else the browser's. */
export function zone(orgZone: string | undefined): string {
  return orgZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** describeCall names a call for screen readers and the delete dialog. */
export function describeCall(c: CallEntry, timeZone: string): string {
  const dir = c.direction === 'outbound' ? `the outbound call to ${c.to}` : `the inbound call from ${party(c)}`
  return `${dir} on ${callTime(c.started_at, timeZone)}`
}

/** filterErrors splits the server's field errors into those a filter
 * shows beside itself and the rest. */
export function filterErrors(err: ApiError | null): { byFilter: Partial<Record<FilterKey, string>>; other: [string, string][] } {
  const byFilter: Partial<Record<FilterKey, string>> = {}
  const other: [string, string][] = []
  for (const [k, v] of Object.entries(err?.fields || {})) {
    if ((FILTER_KEYS as readonly string[]).includes(k)) byFilter[k as FilterKey] = v
    else other.push([k, v])
  }
  return { byFilter, other }
}

interface Loaded {
  items: CallEntry[]
  next: string
}

export function CallLogPage() {
  useTitle('Calls')
  const f = filtersFrom(location.value.search)
  const tz = zone(org.value?.time_zone)
  const query = apiQuery(f, tz)
  const key = JSON.stringify(query)
  const first = useAsync((signal) => api.callLog({ ...query, limit: PAGE }, signal), [key])
  const [list, setList] = useState<Loaded | null>(null)
  const [more, setMore] = useState<{ busy: boolean; error: ApiError | null }>({ busy: false, error: null })
  const outcomes = useAsync(() => api.outcomes(), [])
  useEffect(() => loadUsers(), [])
  useEffect(() => {
    if (first.data) setList({ items: first.data.items, next: first.data.next_cursor })
  }, [first.data])

  const loadMore = async () => {
    if (!list) return
    setMore({ busy: true, error: null })
    try {
      const page = await api.callLog({ ...query, limit: PAGE, cursor: list.next })
      setList({ items: appendPage(list.items, page.items), next: page.next_cursor })
      setMore({ busy: false, error: null })
    } catch (e) {
      setMore({ busy: false, error: toApiError(e) })
    }
  }
  const errs = filterErrors(first.error)
  const invalid = Object.keys(errs.byFilter).length > 0 || errs.other.length > 0
  const rows = invalid ? [] : list?.items || []

  return (
    <section class="call-log">
      <PageHeading
        actions={
          invalid ? (
            <button type="button" class="btn" disabled>
              Export CSV
            </button>
          ) : (
            <a class="btn" href={exportPath(f, tz)} download="calls.csv">
              Export CSV<span class="sr-only"> of the calls shown by these filters</span>
            </a>
          )
        }
      >
        Calls
      </PageHeading>
      <p class="hint">Newest first. Times are in {org.value?.time_zone ? `the org's time zone (${tz})` : `your time zone (${tz})`}.</p>
      <CallFilters
        filters={f}
        errors={errs.byFilter}
        agents={agentOptions([...users.value.values()], me.value, rows, f.agent)}
        summaryOutcomes={(outcomes.data?.outcomes || []).map((o) => ({ value: o, label: o }))}
      />
      {invalid && (
        <div class="alert alert-error" role="alert">
          <p>These filters cannot be used: {Object.keys(errs.byFilter).length > 0 ? 'fix the ones marked.' : first.error?.message}</p>
          {errs.other.length > 0 && (
            <ul>
              {errs.other.map(([k, v]) => (
                <li key={k}>
                  {k}: {v}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {first.error && !invalid && <ErrorBox error={first.error} retry={first.reload} />}
      {!list && first.loading && <Loading />}
      {list && !invalid && (
        <>
          {rows.length === 0 ? (
            <p class="empty">{anyFilter(f) ? 'No calls match these filters.' : 'No calls yet.'}</p>
          ) : (
            <CallTable rows={rows} tz={tz} busy={first.loading} onChange={(c) => setList({ ...list, items: replaceCall(list.items, c) })} />
          )}
          {more.error && <ErrorBox error={more.error} retry={loadMore} />}
          {list.next && (
            <div class="pager">
              <button type="button" class="btn" disabled={more.busy || first.loading} onClick={loadMore}>
                {more.busy ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  )
}

/** setFilters puts filters in the URL: a new history entry, so Back undoes it. */
function setFilters(f: Filters) {
  navigate(`/calls${searchOf(f)}`, { keepFocus: true })
}

interface FiltersProps {
  filters: Filters
  errors: Partial<Record<FilterKey, string>>
  agents: { value: string; label: string }[]
  /** The org's after-call outcomes (R-POST-1). */
  summaryOutcomes: { value: string; label: string }[]
}

function CallFilters({ filters: f, errors, agents, summaryOutcomes }: FiltersProps) {
  const [number, setNumber] = useState(f.number)
  useEffect(() => setNumber(f.number), [f.number])
  const set = (k: FilterKey, v: string) => setFilters({ ...f, [k]: v.trim() })
  const select = (k: FilterKey, text: string, any: string, options: { value: string; label: string }[]) => (
    <Filter name={k} text={text} error={errors[k]}>
      {(a) => (
        <select {...a} value={f[k]} onChange={(e) => set(k, (e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{any}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {f[k] && !options.some((o) => o.value === f[k]) && <option value={f[k]}>{f[k]}</option>}
        </select>
      )}
    </Filter>
  )
  const date = (k: 'from' | 'to', text: string) => (
    <Filter name={k} text={text} error={errors[k]}>
      {(a) => <input {...a} type="date" value={f[k]} onChange={(e) => set(k, (e.currentTarget as HTMLInputElement).value)} />}
    </Filter>
  )
  return (
    <form
      class="filters call-filters"
      role="search"
      aria-label="Filter calls"
      onSubmit={(e) => {
        e.preventDefault()
        set('number', normalNumber(number))
      }}
    >
      {date('from', 'From date')}
      {date('to', 'To date')}
      {select('agent', 'Agent', 'Any agent', agents)}
      {select('direction', 'Direction', 'Both directions', DIRECTIONS)}
      {select('status', 'Status', 'Any status', STATUSES)}
      {select('outcome', 'Outcome', 'Any outcome', OUTCOMES)}
      {select('summary_outcome', 'Summary outcome', 'Any summary', summaryOutcomes)}
      <Filter name="number" text="Number" error={errors.number} hint="From or to, e.g. +14155550100">
        {(a) => (
          <input {...a} type="tel" inputMode="tel" autoComplete="off" value={number}
            onInput={(e) => setNumber((e.currentTarget as HTMLInputElement).value)}
            onBlur={() => normalNumber(number) !== f.number && set('number', normalNumber(number))} />
        )}
      </Filter>
      <div class={`check filter-check${errors.needs_outcome ? ' has-error' : ''}`}>
        <input id="calls-needs_outcome" type="checkbox" checked={f.needs_outcome === 'true'}
          aria-invalid={errors.needs_outcome ? true : undefined} aria-describedby={errors.needs_outcome ? 'calls-needs_outcome-err' : undefined}
          onChange={(e) => set('needs_outcome', (e.currentTarget as HTMLInputElement).checked ? 'true' : '')} />
        <label for="calls-needs_outcome">Needs an outcome</label>
        {errors.needs_outcome && (
          <p class="field-error" id="calls-needs_outcome-err">
            {errors.needs_outcome}
          </p>
        )}
      </div>
      <div class="row filter-actions">
        <button type="submit" class="btn">
          Filter
        </button>
        {anyFilter(f) && (
          <Link class="btn btn-ghost" href="/calls">
            Clear filters
          </Link>
        )}
      </div>
    </form>
  )
}

interface FilterProps {
  name: FilterKey
  text: string
  error?: string
  hint?: string
  children: (a: { id: string; name: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => preact.ComponentChildren
}

/** Filter is one filter's label, control and the server's error for it. */
function Filter({ name, text, error, hint, children }: FilterProps) {
  const id = `calls-${name}`
  const desc = [error && `${id}-err`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{text}</label>
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': desc })}
      {error && (
        <p class="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  )
}

function CallTable({ rows, tz, busy, onChange }: { rows: CallEntry[]; tz: string; busy: boolean; onChange: (c: CallEntry) => void }) {
  return (
    <div class="table-wrap" aria-busy={busy} role="region" aria-label="Calls" tabIndex={0}>
      <table class="table call-table">
        <caption class="sr-only">Calls, newest first; a recorded call has its recording on the row below it</caption>
        <thead>
          <tr>
            <th scope="col">Date and time</th>
            <th scope="col">Direction</th>
            <th scope="col">Agents</th>
            <th scope="col">Customer</th>
            <th scope="col">From → to</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
            <th scope="col">Outcome</th>
            <th scope="col">Summary</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        {rows.map((c) => (
          <CallRows key={c.id} c={c} tz={tz} onChange={onChange} />
        ))}
      </table>
    </div>
  )
}

const COLUMNS = 10

/** CallRows is one call: its row, and the row of its recording when it
 * has one (or had: the tombstone), in the call's own tbody. */
function CallRows({ c, tz, onChange }: { c: CallEntry; tz: string; onChange: (c: CallEntry) => void }) {
  const price = cost(c.price, c.price_unit)
  const recording = !!c.recording_url || !!c.recording_deleted
  return (
    <tbody class={`call${recording ? ' has-recording' : ''}`}>
      <tr>
        <th scope="row" class="call-when">
          <time dateTime={c.started_at}>{callTime(c.started_at, tz)}</time>
        </th>
        <td>{label(DIRECTIONS, c.direction)}</td>
        <td class="wrap">
          {c.agents.length === 0 ? (
            <span class="muted">—</span>
          ) : (
            c.agents.map((a, i) => (
              <span key={a.id}>
                {i > 0 && ', '}
                {a.name}
                {a.id === c.answered_by && <span class="muted"> (answered)</span>}
              </span>
            ))
          )}
        </td>
        <td class="wrap">{c.record_id ? <Link href={`/records/${c.record_id}`}>{c.record_name || `Record #${c.record_id}`}</Link> : party(c)}</td>
        <td class="num">
          <span class="call-from">{c.anonymous ? 'Anonymous' : c.from}</span>{' '}
          <span class="call-to">
            <span aria-hidden="true">→ </span>
            <span class="sr-only">to </span>
            {c.to}
          </span>
        </td>
        <td class="num">{mmss(c.duration_seconds)}</td>
        <td>{label(STATUSES, c.status)}</td>
        <td>{c.outcome ? label(OUTCOMES, c.outcome) : <span class="muted">—</span>}</td>
        <td>
          {c.summary_outcome ? (
            c.summary_outcome
          ) : c.needs_outcome ? (
            <span class="badge badge-warn">Needs outcome</span>
          ) : (
            <span class="muted">—</span>
          )}
        </td>
        <td class="num">
          {price ?? (
            <>
              <span aria-hidden="true">—</span>
              <span class="sr-only">not priced yet</span>
            </>
          )}
        </td>
      </tr>
      {recording && (
        <tr class="recording-row">
          <td colSpan={COLUMNS}>
            <CallRecording
              callId={c.id}
              recorded={!!c.recording_url}
              deleted={c.recording_deleted}
              answeredBy={c.answered_by}
              describe={describeCall(c, tz)}
              onDeleted={onChange}
            />
          </td>
        </tr>
      )}
    </tbody>
  )
}
