// The agent's calls needing an outcome (R-POST-1): calls they took or
// placed whose summary was skipped or not yet saved. Each opens its
// summary in the dock.
import { api } from '../api/endpoints'
import { ErrorBox, Link, Loading } from '../components/ui'
import { when } from '../format'
import { useAsync } from '../hooks'
import { me } from '../session'
import { party } from './format'
import type { CallEntry } from './summary'
import { lastSaved, openSummary, pendingSummaries } from './summaryStore'

/** partyOf names the other side of a logged call. */
export function partyOf(c: CallEntry): string {
  return c.record_name || party(c)
}

/** openFor opens a call's summary in the dock and moves the focus to it. */
export function openFor(c: CallEntry): void {
  openSummary({ id: c.id, party: party(c), owners: [] }, true)
  setTimeout(() => document.getElementById(`f-sum-${c.id}-outcome`)?.focus() ?? document.getElementById(`summary-${c.id}-h`)?.focus(), 300)
}

export function SummaryNeeds() {
  const id = me.value?.id || 0
  const saved = lastSaved.value
  const open = pendingSummaries.value.length
  const list = useAsync((signal) => api.needsOutcome(id, signal), [id, saved, open])
  return (
    <section class="panel needs-outcome" aria-labelledby="needs-outcome-h">
      <h2 id="needs-outcome-h">Calls needing an outcome</h2>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && list.data.items.length === 0 && <p class="empty">Every call you took or made has its outcome.</p>}
      {list.data && list.data.items.length > 0 && (
        <ul class="needs-list">
          {list.data.items.map((c) => (
            <li key={c.id}>
              <span>
                {c.direction === 'outbound' ? 'Call to ' : 'Call from '}
                {c.record_id ? <Link href={`/records/${c.record_id}`}>{partyOf(c)}</Link> : partyOf(c)}
                <span class="muted">
                  {' · '}
                  <time dateTime={c.started_at}>{when(c.started_at)}</time>
                </span>
              </span>
              <button type="button" class="btn btn-small" onClick={() => openFor(c)}>
                Add outcome<span class="sr-only"> of the call with {partyOf(c)} at {when(c.started_at)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
