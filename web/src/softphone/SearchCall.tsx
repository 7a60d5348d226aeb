// Search to call (R-OUT-2): type-ahead over the CRM (R-CRM-4) in the
// dock; choosing a lead, contact or account lists each of its numbers with
// its label and a Call button (the search hit carries one number, so the
// record is read for all of them).
import { useEffect, useState } from 'preact/hooks'
import { toApiError } from '../api/client'
import { api } from '../api/endpoints'
import type { Kind, RecordBody, SearchHit } from '../api/types'
import { CallButton } from './CallButton'

/** callable keeps the hits that have phone numbers of their own (deals have none). */
export function callable(hits: SearchHit[]): SearchHit[] {
  return hits.filter((h) => h.kind !== 'deal')
}

export function SearchCall() {
  const [q, setQ] = useState('')
  const [hits, setHits] = useState<SearchHit[]>([])
  const [chosen, setChosen] = useState<RecordBody | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    const term = q.trim()
    if (term.length < 2) {
      setHits([])
      return
    }
    const ctl = new AbortController()
    const t = setTimeout(() => {
      api.search(term, ctl.signal).then(
        (r) => setHits(callable(r.items)),
        (e) => ctl.signal.aborted || setError(toApiError(e).message),
      )
    }, 200)
    return () => {
      clearTimeout(t)
      ctl.abort()
    }
  }, [q])
  const choose = async (h: SearchHit) => {
    setError('')
    try {
      setChosen(await api.record(h.kind as Kind, h.record_id))
    } catch (e) {
      setError(toApiError(e).message)
    }
  }
  return (
    <div class="search-call">
      <label for="call-search">Search the CRM</label>
      <input
        id="call-search"
        type="search"
        autocomplete="off"
        value={q}
        onInput={(e) => {
          setQ((e.currentTarget as HTMLInputElement).value)
          setChosen(null)
          setError('')
        }}
      />
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {chosen ? (
        <div role="group" aria-label={`Numbers of ${chosen.name}`}>
          <p class="card-name">{chosen.name}</p>
          {chosen.phones.length === 0 ? (
            <p class="empty">No phone numbers.</p>
          ) : (
            <ul class="phones">
              {chosen.phones.map((p) => (
                <li key={p.id}>
                  <span class="phone-label">{p.label}</span> {p.e164}
                  <CallButton to={p.e164} label={`${chosen.name} ${p.label} ${p.e164}`} recordId={chosen.id} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        hits.length > 0 && (
          <ul class="search-hits" aria-label="Search results">
            {hits.map((h) => (
              <li key={h.record_id}>
                <button type="button" class="btn btn-small" onClick={() => void choose(h)}>
                  {h.name}
                  {h.company && h.company !== h.name ? ` (${h.company})` : ''}
                </button>
              </li>
            ))}
          </ul>
        )
      )}
    </div>
  )
}
