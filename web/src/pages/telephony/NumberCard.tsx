// One linked number (R-NUM-3, 4, 5): capabilities, its outgoing-calls and
// recording switches, its operators with their own switches (edited as a
// whole and saved together), and unlink.
import { useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import { ErrorBox, Link } from '../../components/ui'
import { when } from '../../format'
import { useLeaveGuard } from '../../hooks'
import { pathFor } from '../../router'
import {
  addOperator, displayNumber, operatorFieldErrors, providerOfUser, removeOperator, sameOperators, setSwitch,
} from '../../telephony'
import { tel, type NumberBody, type Operator, type Provider } from './api'
import { Caps, Confirm, focusSoon, Switch, who } from './parts'
import type { TelCtx } from './TelephonySettings'

export function NumberCard({ ctx, number: n, provider }: { ctx: TelCtx; number: NumberBody; provider: Provider | null }) {
  const hid = `number-${n.id}-h`
  const replace = (nn: NumberBody) => ctx.update((d) => ({ ...d, numbers: d.numbers.map((x) => (x.id === nn.id ? nn : x)) }))
  const callers = [...ctx.data.callerIds].filter(([, num]) => num === n.id).map(([u]) => who(ctx.userById, u))
  return (
    <article class="panel tel-number" aria-labelledby={hid}>
      <div class="tel-head">
        <h4 id={hid} tabIndex={-1} class="tel-num">
          {displayNumber(n.e164)}
        </h4>
        <Caps caps={n.capabilities} />
      </div>
      <p class="muted tel-meta">
        {n.friendly_name && n.friendly_name !== n.e164 ? `${n.friendly_name} · ` : ''}linked {when(n.linked_at)}
        {callers.length > 0 && ` · caller ID of ${callers.join(', ')}`}
      </p>
      <p class="tel-routing">
        <Link href={pathFor({ name: 'routing', number: n.id })} class="btn btn-small" aria-label={`Routing of ${displayNumber(n.e164)}`}>
          Routing
        </Link>
        <span class="hint">IVR menu or users to ring, messages, hours, queue; test calls and versions</span>
      </p>
      <NumberSwitches number={n} onSaved={replace} />
      <Operators ctx={ctx} number={n} provider={provider} onSaved={replace} />
      <Unlink ctx={ctx} number={n} />
    </article>
  )
}

type Switches = { outgoing_enabled?: boolean; recording_enabled?: boolean }

function NumberSwitches({ number: n, onSaved }: { number: NumberBody; onSaved: (n: NumberBody) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [said, setSaid] = useState('')
  const [, setTick] = useState(0)
  // The switch shows the new state while it is saved, and goes back if
  // saving fails.
  const [pending, setPending] = useState<Switches>({})
  const save = async (body: Switches, what: string) => {
    // One change at a time (the switch stays focusable while it saves): a
    // flip during a save is undone by re-rendering the stored state.
    if (busy) {
      setTick((t) => t + 1)
      return
    }
    setBusy(true)
    setPending(body)
    setError(null)
    setSaid('')
    try {
      const nn = await tel.setSwitches(n.id, body)
      // The answer carries the operators as stored; keep ours (the same) so
      // an operator edit in progress is not disturbed.
      onSaved({ ...nn, operators: n.operators })
      setSaid(`${what} ${Object.values(body)[0] ? 'on' : 'off'}`)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setBusy(false)
      setPending({})
    }
  }
  const p = `number-${n.id}`
  return (
    <div class="tel-switches" aria-busy={busy || undefined}>
      <Switch id={`${p}-outgoing`} label="Outgoing calls" checked={pending.outgoing_enabled ?? n.outgoing_enabled}
        hint={n.capabilities.voice ? 'Operators may call out from this number' : 'This number has no voice capability'}
        onChange={(on) => save({ outgoing_enabled: on }, 'Outgoing calls')} />
      <Switch id={`${p}-recording`} label="Call recording" checked={pending.recording_enabled ?? n.recording_enabled}
        hint="Record calls on this number, for operators whose recording is on" onChange={(on) => save({ recording_enabled: on }, 'Call recording')} />
      <span role="status" class="saved">
        {said}
      </span>
      {error && <ErrorBox error={error} />}
    </div>
  )
}

function Operators(props: { ctx: TelCtx; number: NumberBody; provider: Provider | null; onSaved: (n: NumberBody) => void }) {
  const { ctx, number: n, provider } = props
  const [draft, setDraft] = useState<Operator[]>(n.operators)
  const [pick, setPick] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [sent, setSent] = useState<Operator[]>([])
  const [said, setSaid] = useState('')
  const dirty = !sameOperators(draft, n.operators)
  const label = displayNumber(n.e164)
  useLeaveGuard(() => dirty, `The operators of ${label} are not saved. Leave and discard the changes?`)
  const owners = providerOfUser(ctx.data.providers)
  const rowErrors = error ? operatorFieldErrors(error.fields, sent) : new Map<number, string>()
  const candidates = ctx.data.users.filter((u) => u.active && !draft.some((o) => o.user_id === u.id))
  const p = `number-${n.id}-op`
  const edit = (ops: Operator[]) => {
    setDraft(ops)
    setSaid('')
  }
  const save = async () => {
    setBusy(true)
    setError(null)
    setSent(draft)
    try {
      const nn = await tel.setOperators(n.id, draft)
      props.onSaved(nn)
      setDraft(nn.operators)
      setSaid('Operators saved')
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }
  const add = (e: Event) => {
    e.preventDefault()
    if (!pick) return
    edit(addOperator(draft, Number(pick), { outgoing: true, recording: n.recording_enabled }))
    setPick('')
    focusSoon(`${p}-${pick}-outgoing`)
  }
  return (
    <div class="tel-ops">
      <h5 id={`${p}-h`}>Operators ({draft.length})</h5>
      {draft.length === 0 ? (
        <p class="empty">No operators: nobody can use this number yet.</p>
      ) : (
        <ul class="tel-op-list" aria-labelledby={`${p}-h`}>
          {draft.map((o) => {
            const name = who(ctx.userById, o.user_id)
            const owner = owners.get(o.user_id)
            const elsewhere = provider && owner?.id !== provider.id
            return (
              <li key={o.user_id} class="tel-op">
                <span class="tel-op-name">
                  {name}
                  {elsewhere && <span class="badge badge-muted">{owner ? `in ${owner.name}` : 'in no provider'}</span>}
                </span>
                <Switch id={`${p}-${o.user_id}-outgoing`} label="Outgoing" name={`Outgoing calls for ${name}`} checked={o.outgoing}
                  onChange={(on) => edit(setSwitch(draft, o.user_id, 'outgoing', on))} />
                <Switch id={`${p}-${o.user_id}-recording`} label="Recording" name={`Call recording for ${name}`} checked={o.recording}
                  onChange={(on) => edit(setSwitch(draft, o.user_id, 'recording', on))} />
                <button type="button" class="btn btn-small btn-ghost" aria-label={`Remove ${name} as operator of ${label}`}
                  onClick={() => edit(removeOperator(draft, o.user_id))}>
                  Remove
                </button>
                {rowErrors.get(o.user_id) && <p class="field-error tel-op-error">{rowErrors.get(o.user_id)}</p>}
              </li>
            )
          })}
        </ul>
      )}
      {candidates.length > 0 && (
        <form class="tel-inline-form" onSubmit={add} aria-label={`Add an operator to ${label}`}>
          <div class="field">
            <label for={`${p}-add`}>Add an operator</label>
            <select id={`${p}-add`} value={pick} onChange={(e) => setPick((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">Choose a user…</option>
              {candidates.map((u) => {
                const owner = owners.get(u.id)
                const note = provider && owner?.id !== provider.id ? ` (${owner ? `in ${owner.name}` : 'in no provider'})` : ''
                return (
                  <option key={u.id} value={u.id}>
                    {(u.name || u.email) + note}
                  </option>
                )
              })}
            </select>
          </div>
          <button type="submit" class="btn" aria-disabled={!pick || undefined}>
            Add
          </button>
        </form>
      )}
      <div class="row tel-ops-actions">
        <button type="button" class="btn btn-primary" aria-disabled={!dirty || busy || undefined} onClick={() => dirty && !busy && save()}>
          {busy ? 'Saving…' : 'Save operators'}
        </button>
        {dirty && (
          <button type="button" class="btn" onClick={() => { edit(n.operators); setError(null) }}>
            Discard changes
          </button>
        )}
        <span role="status" class="saved">
          {dirty ? '' : said}
        </span>
        {dirty && <span class="muted">Unsaved changes</span>}
      </div>
      {error && rowErrors.size === 0 && <ErrorBox error={error} />}
    </div>
  )
}

function Unlink({ ctx, number: n }: { ctx: TelCtx; number: NumberBody }) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const label = displayNumber(n.e164)
  const trigger = `number-${n.id}-unlink`
  const go = async () => {
    setBusy(true)
    setError(null)
    try {
      await tel.unlink(n.id)
      // Caller IDs that used it change too: fetch everything again.
      ctx.update((d) => ({ ...d, numbers: d.numbers.filter((x) => x.id !== n.id) }))
      ctx.reload()
      focusSoon('numbers-h')
    } catch (e) {
      setError(toApiError(e))
      setBusy(false)
    }
  }
  return (
    <div class="tel-danger">
      {asking ? (
        <Confirm confirm={`Unlink ${label}`} busy={busy} onConfirm={go} onCancel={() => { setAsking(false); focusSoon(trigger) }}>
          Unlink <strong>{label}</strong>? Calls and texts to it stop reaching Switchboard, and it gets its previous settings back
          at the carrier. Users who call out from it lose their caller ID. History stays.
        </Confirm>
      ) : (
        <button type="button" id={trigger} class="btn btn-danger btn-small" onClick={() => setAsking(true)}>
          Unlink
        </button>
      )}
      {error && <ErrorBox error={error} />}
    </div>
  )
}
