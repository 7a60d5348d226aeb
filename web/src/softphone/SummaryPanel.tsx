// The after-call summary in the dock (R-POST-1): outcome from the org's
// list, notes (prefilled with those typed during the call), the deal topic
// when the record has open deals, and an optional follow-up task or call.
// Save attaches it to the record's timeline; Skip leaves the call needing
// an outcome. What is typed survives a reload (a draft per call).
import { useEffect, useRef, useState } from 'preact/hooks'
import { toApiError, type ApiError } from '../api/client'
import { api } from '../api/endpoints'
import { ErrorBox, Field, Loading } from '../components/ui'
import { todayIn } from '../format'
import { useDraft } from '../hooks'
import { loadUsers, users } from '../people'
import { me, org } from '../session'
import { formOf, outcomeChoices, requestOf, SUMMARY_FIELDS, type CallSummary, type Pending, type SummaryForm } from './summary'
import { SummaryFollowUp } from './SummaryFollowUp'
import { loadOutcomes, orgOutcomes } from './summaryOutcomes'
import { summarySaved, summarySkipped } from './summaryStore'

export function SummaryPanel({ pending }: { pending: Pending }) {
  const [summary, setSummary] = useState<CallSummary | null>(null)
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const ctl = new AbortController()
    setLoadError(null)
    loadUsers()
    loadOutcomes().catch(() => undefined) // the saved outcome is still offered; Save names a bad one
    api.callSummary(pending.id, ctl.signal).then(setSummary, (e) => !ctl.signal.aborted && setLoadError(toApiError(e)))
    return () => ctl.abort()
  }, [pending.id, tick])
  // My leg can end a moment before the call does: read it again until it has.
  useEffect(() => {
    if (!summary || summary.ended) return
    const t = setTimeout(() => setTick((n) => n + 1), 1500)
    return () => clearTimeout(t)
  }, [summary])
  const titleId = `summary-${pending.id}-h`
  const who = summary?.record?.name || pending.party || 'the customer'
  return (
    <section class="phone-panel summary" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>After the call with {who}</h2>
      {loadError ? (
        <>
          <ErrorBox error={loadError} retry={() => setTick((t) => t + 1)} />
          <div class="row phone-actions">
            <button type="button" class="btn" onClick={() => summarySkipped(pending.id, who)}>
              Close
            </button>
          </div>
        </>
      ) : summary ? (
        <SummaryFormView pending={pending} summary={summary} who={who} />
      ) : (
        <Loading label="Loading the summary…" />
      )}
    </section>
  )
}

function SummaryFormView({ pending, summary, who }: { pending: Pending; summary: CallSummary; who: string }) {
  const meId = me.value?.id || 0
  const today = todayIn(org.value?.time_zone || 'UTC')
  const draft = useDraft<SummaryForm>(`summary:${pending.id}`, () => formOf(summary, meId, today, who))
  const [busy, setBusy] = useState(false)
  // A second click (or Enter) before the first answer sends nothing: the
  // server is idempotent anyway, but one request is one follow-up.
  const inflight = useRef(false)
  const [error, setError] = useState<ApiError | null>(null)
  const f = draft.value
  const set = (p: Partial<SummaryForm>) => draft.update({ ...f, ...p })
  const errs = error?.fields || {}
  const p = `sum-${pending.id}`

  const save = async (e: Event) => {
    e.preventDefault()
    if (inflight.current) return
    inflight.current = true
    setBusy(true)
    setError(null)
    try {
      const s = await api.saveSummary(pending.id, requestOf(f))
      draft.clear()
      summarySaved(s, who)
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
      inflight.current = false
    }
  }
  const skip = () => {
    draft.clear()
    summarySkipped(pending.id, who)
  }
  const colleagues = [...users.value.values()].filter((u) => u.active).map((u) => ({ id: u.id, name: u.name }))
  const known = colleagues.length > 0 ? colleagues : pending.owners
  const outcomes = outcomeChoices(orgOutcomes.value || [], f.outcome)
  const others = Object.entries(errs).filter(([k]) => !(SUMMARY_FIELDS as readonly string[]).includes(k))
  return (
    <form class="summary-form" onSubmit={save} aria-busy={busy} noValidate>
      {summary.saved_at && (
        <p class="hint">
          Saved before{summary.saved_by ? ` by ${summary.saved_by.name}` : ''}; saving again replaces it.
        </p>
      )}
      {draft.restored && <p class="hint">Your unsaved summary was restored.</p>}
      {!summary.can_edit && <p class="hint">Only an agent on the call or an admin can save its summary.</p>}
      {!summary.ended && <p class="hint">The call is still ending; save once it has.</p>}
      <Field label="Outcome" name={`${p}-outcome`} error={errs.summary_outcome}>
        {(a) => (
          <select {...a} value={f.outcome} onChange={(e) => set({ outcome: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">Choose an outcome</option>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Notes" name={`${p}-notes`} error={errs.notes}>
        {(a) => <textarea {...a} rows={3} value={f.notes} onInput={(e) => set({ notes: (e.currentTarget as HTMLTextAreaElement).value })} />}
      </Field>
      {(summary.deals.length > 0 || errs.deal_id) && (
        <Field label="Deal topic" name={`${p}-deal`} error={errs.deal_id} hint="The summary goes on the deal’s timeline too">
          {(a) => (
            <select {...a} value={f.deal} onChange={(e) => set({ deal: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">No deal</option>
              {summary.deals.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.name} ({d.stage})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <SummaryFollowUp prefix={p} form={f} who={who} errs={errs} people={known} onChange={draft.update} />
      {error && (others.length > 0 || Object.keys(errs).length === 0) && (
        <div class="alert alert-error" role="alert">
          {others.length > 0 ? others.map(([k, v]) => <p key={k}>{`${k}: ${v}`}</p>) : error.message}
        </div>
      )}
      {error && others.length === 0 && Object.keys(errs).length > 0 && (
        <p class="field-error" role="alert">
          Not saved: fix the marked fields.
        </p>
      )}
      <div class="row phone-actions">
        <button type="submit" class="btn btn-primary" disabled={busy || !summary.can_edit}>
          {busy ? 'Saving…' : 'Save summary'}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={skip}>
          Skip
        </button>
      </div>
    </form>
  )
}
