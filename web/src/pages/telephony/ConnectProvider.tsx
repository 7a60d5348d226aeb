// Connect a provider (R-PROV-1, 2): Twilio with its Account SID and Auth
// Token (verified at Twilio before anything is saved), or the built-in
// sandbox; for all users or for chosen ones.
import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import { FormError, TextField } from '../../components/ui'
import { pickFields, providerOfUser } from '../../telephony'
import { tel, type ProviderRequest } from './api'
import { focusSoon } from './parts'
import type { TelCtx } from './TelephonySettings'

const SHOWN = ['kind', 'name', 'account_sid', 'auth_token', 'api_url', 'user_ids', 'include_new_users']

export function ConnectProvider({ ctx, onDone }: { ctx: TelCtx; onDone: () => void }) {
  const [kind, setKind] = useState<'twilio' | 'sandbox'>('twilio')
  const [name, setName] = useState('')
  const [sid, setSid] = useState('')
  const [token, setToken] = useState('')
  const [apiUrl, setApiUrl] = useState('')
  const [scope, setScope] = useState<'all' | 'some'>('some')
  const [includeNew, setIncludeNew] = useState(true)
  const [chosen, setChosen] = useState<number[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const owners = providerOfUser(ctx.data.providers)
  const active = ctx.data.users.filter((u) => u.active)
  const f = error ? pickFields(error.fields, SHOWN).shown : {}
  // A user already in another provider is refused with 409 and a message
  // naming them: show it on the users fieldset.
  const usersError = error && error.status === 409 ? error.message : f.user_ids || f.include_new_users

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    const body: ProviderRequest = { kind, name: name.trim() || undefined, api_url: apiUrl.trim() || undefined }
    if (kind === 'twilio') {
      body.account_sid = sid.trim()
      body.auth_token = token.trim()
    }
    if (scope === 'all') {
      body.all_users = true
      body.include_new_users = includeNew
    } else if (chosen.length) {
      body.user_ids = chosen
    }
    try {
      const p = await tel.connect(body)
      ctx.update((d) => ({ ...d, providers: [...d.providers, p] }))
      onDone()
      focusSoon(`provider-${p.id}-h`)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel" aria-labelledby="connect-h">
      <h3 id="connect-h" tabIndex={-1} ref={heading}>
        Connect a provider
      </h3>
      <form class="form-grid" onSubmit={submit} noValidate>
        <fieldset class="span-all tel-fieldset" aria-describedby={f.kind ? 'connect-kind-err' : undefined}>
          <legend>Carrier</legend>
          <div class="check">
            <input type="radio" id="connect-kind-twilio" name="connect-kind" checked={kind === 'twilio'} onChange={() => setKind('twilio')} />
            <label for="connect-kind-twilio">Twilio</label>
          </div>
          <div class="check">
            <input type="radio" id="connect-kind-sandbox" name="connect-kind" checked={kind === 'sandbox'} onChange={() => setKind('sandbox')} />
            <label for="connect-kind-sandbox">Sandbox (the built-in carrier emulator, to try things out)</label>
          </div>
          {f.kind && (
            <p class="field-error" id="connect-kind-err">
              {f.kind}
            </p>
          )}
        </fieldset>
        <TextField label="Name" name="connect-name" value={name} onInput={setName} error={f.name}
          hint={kind === 'sandbox' ? 'e.g. “EU sandbox”; “Sandbox carrier” if left empty' : 'e.g. “Twilio US”; “Twilio” if left empty'} />
        {kind === 'twilio' ? (
          <>
            <TextField label="Account SID" name="connect-sid" value={sid} onInput={setSid} error={f.account_sid} autoComplete="off"
              hint="AC followed by 32 characters, from the Twilio console" />
            <TextField label="Auth token" name="connect-token" type="password" value={token} onInput={setToken} error={f.auth_token}
              autoComplete="off" hint="Checked at Twilio now, stored encrypted, never shown again" />
          </>
        ) : (
          f.account_sid && <p class="field-error">{f.account_sid}</p>
        )}
        <TextField label="API URL (optional)" name="connect-api-url" type="url" value={apiUrl} onInput={setApiUrl} error={f.api_url}
          hint={kind === 'twilio' ? "Leave empty for Twilio's API; set it for a Twilio-compatible carrier or an emulator" : 'Leave empty for the built-in sandbox'} />
        <fieldset class="span-all tel-fieldset" aria-describedby={usersError ? 'connect-users-err' : undefined}>
          <legend>Users</legend>
          <div class="check">
            <input type="radio" id="connect-scope-some" name="connect-scope" checked={scope === 'some'} onChange={() => setScope('some')} />
            <label for="connect-scope-some">Specific users</label>
          </div>
          {scope === 'some' && (
            <ul class="tel-checklist" aria-label="Users to add">
              {active.map((u) => {
                const other = owners.get(u.id)
                const id = `connect-user-${u.id}`
                return (
                  <li key={u.id} class="check">
                    <input type="checkbox" id={id} checked={chosen.includes(u.id)}
                      onChange={(e) => {
                        const on = (e.currentTarget as HTMLInputElement).checked
                        setChosen(on ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))
                      }} />
                    <label for={id}>
                      {u.name || u.email}
                      {other && <span class="muted"> — in {other.name}</span>}
                    </label>
                  </li>
                )
              })}
            </ul>
          )}
          <div class="check">
            <input type="radio" id="connect-scope-all" name="connect-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            <label for="connect-scope-all">All users</label>
          </div>
          {scope === 'all' && (
            <div class="check tel-indent">
              <input type="checkbox" id="connect-include-new" checked={includeNew}
                onChange={(e) => setIncludeNew((e.currentTarget as HTMLInputElement).checked)} />
              <label for="connect-include-new">Also add users who join later</label>
            </div>
          )}
          <p class="hint">A user belongs to one provider at a time: remove them from their provider first. You can add users later.</p>
          {usersError && (
            <p class="field-error" id="connect-users-err" role="alert">
              {usersError}
            </p>
          )}
        </fieldset>
        <div class="span-all">
          {error && error.status !== 409 && <FormError error={error} shown={(k) => SHOWN.includes(k)} />}
          <div class="row">
            <button type="submit" class="btn btn-primary" aria-disabled={busy || undefined}>
              {busy ? (kind === 'twilio' ? 'Checking at Twilio…' : 'Connecting…') : 'Connect provider'}
            </button>
            <button type="button" class="btn" onClick={() => { onDone(); focusSoon('connect-provider-open') }}>
              Cancel
            </button>
          </div>
        </div>
      </form>
    </section>
  )
}
