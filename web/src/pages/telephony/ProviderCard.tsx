// One connected provider: health and a test button, its users (remove,
// add — a user in another provider is refused by the API, and its message
// is shown here), and uninstall.
import { useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import { ErrorBox } from '../../components/ui'
import { when } from '../../format'
import { health, providerOfUser, scopeText } from '../../telephony'
import { tel, type Provider } from './api'
import { Confirm, focusSoon, who } from './parts'
import type { TelCtx } from './TelephonySettings'

export function ProviderCard({ ctx, provider: p }: { ctx: TelCtx; provider: Provider }) {
  const h = health(p)
  const hid = `provider-${p.id}-h`
  const numbers = ctx.data.numbers.filter((n) => n.provider_id === p.id).length
  const replace = (np: Provider) => ctx.update((d) => ({ ...d, providers: d.providers.map((x) => (x.id === np.id ? np : x)) }))
  return (
    <article class="panel tel-provider" aria-labelledby={hid}>
      <div class="tel-head">
        <h3 id={hid} tabIndex={-1}>
          {p.name}
        </h3>
        <span class="badge">{p.kind === 'sandbox' ? 'Sandbox' : 'Twilio'}</span>
        {p.account_type === 'Trial' && <span class="badge badge-muted">Trial account: one number</span>}
      </div>
      <p class="muted tel-meta">
        Account <code>{p.account_sid}</code>
        {p.api_url && (
          <>
            {' '}· API <code>{p.api_url}</code>
          </>
        )}{' '}
        · {numbers} {numbers === 1 ? 'number' : 'numbers'} · connected {when(p.created_at)}
      </p>
      <Health provider={p} onTested={replace} ok={h.ok} text={h.text} at={h.at} />
      <Users ctx={ctx} provider={p} onChanged={replace} />
      <Uninstall ctx={ctx} provider={p} numbers={numbers} />
    </article>
  )
}

function Health(props: { provider: Provider; ok: boolean; text: string; at: string | null; onTested: (p: Provider) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [tested, setTested] = useState('')
  const test = async () => {
    setBusy(true)
    setError(null)
    setTested('')
    try {
      const p = await tel.test(props.provider.id)
      props.onTested(p)
      setTested(health(p).ok ? 'The carrier accepted the credentials.' : 'The test failed; see the error above.')
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div class="tel-health">
      <p class={props.ok ? 'tel-ok' : 'tel-bad'}>
        <span aria-hidden="true">{props.ok ? '● ' : '▲ '}</span>
        {props.text}
        {props.at && <span class="muted"> · {props.ok ? 'last success' : 'since'} {when(props.at)}</span>}
      </p>
      <div class="row">
        <button type="button" class="btn btn-small" onClick={() => !busy && test()} aria-disabled={busy || undefined}>
          {busy ? 'Testing…' : 'Test connection'}
        </button>
        <span role="status" class="saved">
          {tested}
        </span>
      </div>
      {error && <ErrorBox error={error} />}
    </div>
  )
}

function Users({ ctx, provider: p, onChanged }: { ctx: TelCtx; provider: Provider; onChanged: (p: Provider) => void }) {
  const [pick, setPick] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [removing, setRemoving] = useState<number | null>(null)
  const [said, setSaid] = useState('')
  const owners = providerOfUser(ctx.data.providers)
  const selectId = `provider-${p.id}-add-user`
  const candidates = ctx.data.users.filter((u) => u.active && !p.user_ids.includes(u.id))
  const add = async (e: Event) => {
    e.preventDefault()
    if (!pick || busy) return
    setBusy(true)
    setError(null)
    setSaid('')
    try {
      const np = await tel.addUsers(p.id, [Number(pick)])
      onChanged(np)
      setSaid(`${who(ctx.userById, Number(pick))} was added.`)
      setPick('')
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const remove = async (uid: number) => {
    setRemoving(uid)
    setError(null)
    setSaid('')
    try {
      await tel.removeUser(p.id, uid)
      onChanged({ ...p, user_ids: p.user_ids.filter((x) => x !== uid) })
      setSaid(`${who(ctx.userById, uid)} was removed.`)
      focusSoon(selectId)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setRemoving(null)
    }
  }
  const listId = `provider-${p.id}-users`
  return (
    <div class="tel-users">
      <h4 id={listId}>Users ({p.user_ids.length})</h4>
      <p class="hint">{scopeText(p)}</p>
      {p.user_ids.length === 0 ? (
        <p class="empty">No users yet: add the people who should call through this provider.</p>
      ) : (
        <ul class="tel-chips" aria-labelledby={listId}>
          {p.user_ids.map((uid) => (
            <li key={uid}>
              <span>{who(ctx.userById, uid)}</span>
              <button
                type="button"
                class="btn btn-small btn-ghost"
                aria-label={`Remove ${who(ctx.userById, uid)} from ${p.name}`}
                aria-disabled={removing === uid || undefined}
                onClick={() => removing !== uid && remove(uid)}
              >
                {removing === uid ? 'Removing…' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <form class="tel-inline-form" onSubmit={add} aria-label={`Add a user to ${p.name}`}>
          <div class="field">
            <label for={selectId}>Add a user</label>
            <select
              id={selectId}
              value={pick}
              aria-invalid={error && error.fields.user_ids ? true : undefined}
              aria-describedby={error ? `${selectId}-err` : undefined}
              onChange={(e) => {
                setPick((e.currentTarget as HTMLSelectElement).value)
                setError(null)
              }}
            >
              <option value="">Choose a user…</option>
              {candidates.map((u) => {
                const other = owners.get(u.id)
                return (
                  <option key={u.id} value={u.id}>
                    {u.name || u.email}
                    {other ? ` (in ${other.name})` : ''}
                  </option>
                )
              })}
            </select>
          </div>
          <button type="submit" class="btn" aria-disabled={!pick || busy || undefined}>
            {busy ? 'Adding…' : 'Add'}
          </button>
        </form>
      )}
      {error && (
        <div class="alert alert-error" role="alert" id={`${selectId}-err`}>
          {error.message}
        </div>
      )}
      <p role="status" class="saved">
        {said}
      </p>
    </div>
  )
}

function Uninstall({ ctx, provider: p, numbers }: { ctx: TelCtx; provider: Provider; numbers: number }) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const trigger = `provider-${p.id}-uninstall`
  const go = async () => {
    setBusy(true)
    setError(null)
    try {
      await tel.uninstall(p.id)
      // Its numbers stop routing and its users are freed: fetch everything again.
      ctx.reload()
      focusSoon('providers-h')
    } catch (e) {
      setError(toApiError(e))
      setBusy(false)
    }
  }
  return (
    <div class="tel-danger">
      {asking ? (
        <Confirm confirm={`Uninstall ${p.name}`} busy={busy} onConfirm={go} onCancel={() => { setAsking(false); focusSoon(trigger) }}>
          Uninstall <strong>{p.name}</strong>?{' '}
          {numbers > 0 ? `Its ${numbers === 1 ? 'number stops' : `${numbers} numbers stop`} taking calls and ` : ''}
          its users are freed to join another provider. Call history stays.
        </Confirm>
      ) : (
        <button type="button" id={trigger} class="btn btn-danger btn-small" onClick={() => setAsking(true)}>
          Uninstall
        </button>
      )}
      {error && <ErrorBox error={error} />}
    </div>
  )
}
