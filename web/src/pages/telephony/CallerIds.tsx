// Outbound mapping (R-NUM-6): the number each user calls out from, and
// whether a number may be shared by several users or is unique to one.
import { useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import type { User } from '../../api/types'
import { org as sessionOrg } from '../../session'
import { callerIdWarning, displayNumber, providerOfUser, sharedNumbers } from '../../telephony'
import { tel, type Provider } from './api'
import { who } from './parts'
import type { TelCtx } from './TelephonySettings'

export function CallerIds({ ctx }: { ctx: TelCtx }) {
  const users = ctx.data.users.filter((u) => u.active)
  const owners = providerOfUser(ctx.data.providers)
  return (
    <section aria-labelledby="callerid-h" class="stack">
      <h2 id="callerid-h">Outbound caller ID</h2>
      <p class="hint">The number each user calls out from. Removing it stops their outgoing calls until they get another.</p>
      <div class="panel stack">
        <Mode ctx={ctx} />
        {ctx.data.numbers.length === 0 ? (
          <p class="empty">Link a number first.</p>
        ) : (
          <ul class="tel-callerids" aria-label="Caller ID of each user">
            {users.map((u) => (
              <CallerIdRow key={u.id} ctx={ctx} user={u} owners={owners} />
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}

function Mode({ ctx }: { ctx: TelCtx }) {
  const [pending, setPending] = useState<'shared' | 'unique' | null>(null)
  const mode = pending ?? ctx.data.org.caller_id_mode
  const busy = pending !== null
  const [error, setError] = useState<ApiError | null>(null)
  const [said, setSaid] = useState('')
  const shared = sharedNumbers(ctx.data.callerIds)
  const set = async (m: 'shared' | 'unique') => {
    if (busy) return
    setPending(m)
    setError(null)
    setSaid('')
    try {
      const o = await tel.updateOrg({ caller_id_mode: m })
      ctx.update((d) => ({ ...d, org: o }))
      sessionOrg.value = o
      setSaid('Saved')
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setPending(null)
    }
  }
  return (
    <fieldset class="tel-fieldset" aria-busy={busy || undefined} aria-describedby={error ? 'callerid-mode-err' : 'callerid-mode-hint'}>
      <legend>Numbers are</legend>
      <div class="check">
        <input type="radio" id="callerid-shared" name="callerid-mode" checked={mode === 'shared'} onChange={() => set('shared')} />
        <label for="callerid-shared">Shared: several users may call out from the same number</label>
      </div>
      <div class="check">
        <input type="radio" id="callerid-unique" name="callerid-mode" checked={mode === 'unique'} onChange={() => set('unique')} />
        <label for="callerid-unique">Unique: each number is the caller ID of one user only</label>
      </div>
      {error ? (
        <p class="field-error" id="callerid-mode-err" role="alert">
          {error.message}
        </p>
      ) : (
        <p class="hint" id="callerid-mode-hint">
          {mode === 'shared' && shared.size > 0
            ? `To make numbers unique, first give each user of a shared number another one (${[...shared.keys()].length} shared now).`
            : ' '}
        </p>
      )}
      <span role="status" class="saved">
        {said}
      </span>
    </fieldset>
  )
}

function CallerIdRow({ ctx, user: u, owners }: { ctx: TelCtx; user: User; owners: Map<number, Provider> }) {
  const saved = ctx.data.callerIds.get(u.id)
  // The choice shows while it is saved, and goes back if saving fails.
  const [pending, setPending] = useState<number | null | undefined>(undefined)
  const busy = pending !== undefined
  const [, setTick] = useState(0)
  const current = busy ? (pending ?? undefined) : saved
  const [error, setError] = useState<ApiError | null>(null)
  const [said, setSaid] = useState('')
  const id = `callerid-${u.id}`
  const name = who(ctx.userById, u.id)
  const voice = ctx.data.numbers.filter((n) => n.capabilities.voice || n.id === saved)
  const warning = callerIdWarning(u.id, saved, ctx.data.numbers, owners)
  const set = async (v: string) => {
    const numberId = v ? Number(v) : null
    if (busy) {
      setTick((t) => t + 1) // one change at a time: re-render the choice being saved
      return
    }
    setPending(numberId)
    setError(null)
    setSaid('')
    try {
      await tel.setCallerId(u.id, numberId)
      ctx.update((d) => {
        const m = new Map(d.callerIds)
        if (numberId === null) m.delete(u.id)
        else m.set(u.id, numberId)
        return { ...d, callerIds: m }
      })
      setSaid('Saved')
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setPending(undefined)
    }
  }
  const desc = [error ? `${id}-err` : '', warning ? `${id}-warn` : ''].filter(Boolean).join(' ') || undefined
  return (
    <li class="tel-callerid">
      <label for={id}>
        <span class="sr-only">Caller ID for </span>
        {name}
      </label>
      <select id={id} value={current ? String(current) : ''} aria-busy={busy || undefined} aria-invalid={error ? true : undefined} aria-describedby={desc}
        onChange={(e) => set((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">No caller ID (cannot call out)</option>
        {voice.map((n) => (
          <option key={n.id} value={n.id}>
            {displayNumber(n.e164)}
          </option>
        ))}
      </select>
      <span role="status" class="saved">
        {said}
      </span>
      {error && (
        <p class="field-error" id={`${id}-err`}>
          {error.fields.number_id && error.status !== 409 ? error.fields.number_id : error.message}
        </p>
      )}
      {warning && !error && (
        <p class="hint tel-warn" id={`${id}-warn`}>
          {warning}
        </p>
      )}
    </li>
  )
}
