// Missed calls (R-AG-5): time, caller, contact, number called and why,
// newest first, updated live by `missed` events; viewing them resets the
// badge. Call back places an outbound call, on the caller's record when
// the call has exactly one.
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api/endpoints'
import { ErrorBox, Link, Loading, PageHeading } from '../components/ui'
import { when } from '../format'
import { useAsync, useTitle } from '../hooks'
import { CallButton } from '../softphone/CallButton'
import { caller, reason } from '../softphone/format'
import { markMissedSeen, phone } from '../softphone/phone'
import type { MissedCall } from '../softphone/types'

/** mergeMissed puts calls that arrived live above the loaded pages, once each. */
export function mergeMissed(live: MissedCall[], loaded: MissedCall[]): MissedCall[] {
  const seen = new Set<number>()
  return [...live, ...loaded].filter((c) => !seen.has(c.id) && seen.add(c.id) !== undefined)
}

/** cardLabel names a missed caller for the Call back button. */
function cardLabel(c: MissedCall): string {
  return c.contacts.length === 1 ? `${c.contacts[0].name} ${c.from}` : c.from
}

export function MissedCallsPage() {
  useTitle('Missed calls')
  const [pages, setPages] = useState<MissedCall[]>([])
  const [before, setBefore] = useState<string | undefined>(undefined)
  const list = useAsync((signal) => api.missedCalls({ limit: 50, before }, signal), [before])
  const [since] = useState(() => phone.value.missed.length)
  useEffect(() => {
    if (list.data) setPages((p) => mergeMissed(p, list.data!.calls))
  }, [list.data])
  // Live arrivals since the page opened go on top.
  const live = phone.value.missed.slice(0, Math.max(0, phone.value.missed.length - since))
  const unseen = phone.value.unseen
  useEffect(() => {
    if (unseen) void markMissedSeen().catch(() => undefined)
  }, [unseen])
  const rows = mergeMissed(live, pages)
  return (
    <section>
      <PageHeading>Missed calls</PageHeading>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {!list.data && list.loading && <Loading />}
      {list.data && rows.length === 0 && <p class="empty">No missed calls.</p>}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="table missed-table">
            <caption class="sr-only">Missed calls, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Caller</th>
                <th scope="col">Contact</th>
                <th scope="col">Number called</th>
                <th scope="col">Why missed</th>
                <th scope="col">
                  <span class="sr-only">Call back</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <time dateTime={c.started_at}>{when(c.started_at)}</time>
                  </td>
                  <th scope="row">{caller(c.from, c.anonymous)}</th>
                  <td>
                    {c.contacts.length === 0
                      ? 'Unknown'
                      : c.contacts.map((ct, i) => (
                          <span key={ct.record_id}>
                            {i > 0 && ', '}
                            <Link href={`/records/${ct.record_id}`}>{ct.name}</Link>
                            {ct.company && <span class="muted"> ({ct.company})</span>}
                          </span>
                        ))}
                  </td>
                  <td>{c.number}</td>
                  <td>
                    {reason(c.reason)}
                    {c.answered_by && <span class="muted"> · answered by {c.answered_by.name}</span>}
                    {c.recording_url && (
                      <>
                        {' · '}
                        <a href={`/api/v1/calls/${c.id}/recording`}>voicemail</a>
                      </>
                    )}
                  </td>
                  <td>
                    {!c.anonymous && c.from && (
                      <CallButton to={c.from} label={cardLabel(c)} recordId={c.contacts.length === 1 ? c.contacts[0].record_id : undefined} text="Call back" />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data?.next && (
        <div class="pager">
          <button type="button" class="btn" disabled={list.loading} onClick={() => setBefore(list.data!.next || undefined)}>
            Older calls
          </button>
        </div>
      )}
    </section>
  )
}
