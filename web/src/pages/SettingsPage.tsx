// Admin settings: users (R-ORG-1, R-ORG-4) and org settings (R-ORG-5).
import { useMemo, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import type { OrgBody, User, UserRequest } from '../api/types'
import { BusinessHoursEditor } from '../components/BusinessHoursEditor'
import { OutcomesSettings } from '../components/OutcomesEditor'
import { ErrorBox, Field, FormError, Link, Loading, PageHeading, SelectField, TextField } from '../components/ui'
import { useAsync, useTitle } from '../hooks'
import { users as userCache } from '../people'
import { isAdmin, me, org } from '../session'
import { TelephonySettings } from './telephony/TelephonySettings'

export function SettingsPage({ tab }: { tab: 'users' | 'org' | 'telephony' }) {
  useTitle('Settings')
  if (!isAdmin.value) {
    return (
      <section>
        <PageHeading>Settings</PageHeading>
        <div class="alert alert-error" role="alert">
          Only admins can change settings. Ask an admin of {org.value?.name || 'your org'}.
        </div>
      </section>
    )
  }
  return (
    <section>
      <PageHeading>Settings</PageHeading>
      <nav class="tabs" aria-label="Settings sections">
        <Link href="/settings" class="tab" aria-current={tab === 'users' ? 'page' : undefined}>
          Users
        </Link>
        <Link href="/settings/org" class="tab" aria-current={tab === 'org' ? 'page' : undefined}>
          Organisation
        </Link>
        <Link href="/settings/telephony" class="tab" aria-current={tab === 'telephony' ? 'page' : undefined}>
          Telephony
        </Link>
      </nav>
      {tab === 'users' ? <UsersTab /> : tab === 'org' ? <OrgTab /> : <TelephonySettings />}
    </section>
  )
}

const ROLES = [
  { value: 'agent', label: 'Agent' },
  { value: 'admin', label: 'Admin' },
]

function UsersTab() {
  const list = useAsync(() => api.users(), [])
  const replace = (u: User) => {
    const items = list.data!.items.some((x) => x.id === u.id) ? list.data!.items.map((x) => (x.id === u.id ? u : x)) : [...list.data!.items, u]
    list.set({ items })
    userCache.value = new Map(items.map((x) => [x.id, x]))
  }
  if (list.error) return <ErrorBox error={list.error} retry={list.reload} />
  if (!list.data) return <Loading />
  return (
    <div class="stack">
      <section class="panel" aria-labelledby="users-h">
        <h2 id="users-h">Users</h2>
        <ul class="user-list">
          {list.data.items.map((u) => (
            <UserRow key={u.id} user={u} onSaved={replace} />
          ))}
        </ul>
      </section>
      <NewUser onCreated={replace} />
    </div>
  )
}

function UserRow({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const [role, setRole] = useState<string>(user.role)
  const [active, setActive] = useState(user.active)
  const [fwd, setFwd] = useState(user.forwarding_number)
  const [error, setError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const dirty = role !== user.role || active !== user.active || fwd !== user.forwarding_number
  const self = me.value?.id === user.id
  const save = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    setSaved(false)
    const body: UserRequest = {}
    if (role !== user.role) body.role = role as UserRequest['role']
    if (active !== user.active) body.active = active
    if (fwd !== user.forwarding_number) body.forwarding_number = fwd
    try {
      const u = await api.updateUser(user.id, body)
      onSaved(u)
      setFwd(u.forwarding_number)
      setSaved(true)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const p = `u${user.id}`
  return (
    <li class="user-row">
      <form onSubmit={save} aria-label={`User ${user.name || user.email}`}>
        <div class="user-id">
          <strong>{user.name || user.email}</strong>
          {self && <span class="badge">you</span>}
          {!user.active && <span class="badge badge-muted">inactive</span>}
          <br />
          <span class="muted">{user.email}</span>
        </div>
        <SelectField label="Role" name={`${p}-role`} value={role} onChange={setRole} options={ROLES} error={error?.fields.role} />
        <Field label="Active" name={`${p}-active`} error={error?.fields.active} class="check-field">
          {(a) => <input {...a} type="checkbox" checked={active} onChange={(e) => setActive((e.currentTarget as HTMLInputElement).checked)} />}
        </Field>
        <TextField label="Forwarding number" name={`${p}-fwd`} type="tel" inputMode="tel" value={fwd} onInput={setFwd}
          error={error?.fields.forwarding_number} hint="Rings when they are offline; E.164 or local" />
        <div class="user-actions">
          <button type="submit" class="btn" disabled={!dirty || busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <span role="status" class="saved">{saved && !dirty ? 'Saved' : ''}</span>
        </div>
        {error && !error.fields.role && !error.fields.active && !error.fields.forwarding_number && <ErrorBox error={error} />}
      </form>
    </li>
  )
}

function NewUser({ onCreated }: { onCreated: (u: User) => void }) {
  const blank = { name: '', email: '', role: 'agent', password: '', forwarding_number: '' }
  const [v, setV] = useState(blank)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<User | null>(null)
  const set = (k: keyof typeof blank) => (val: string) => setV({ ...v, [k]: val })
  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const u = await api.createUser({ ...v, role: v.role as UserRequest['role'], forwarding_number: v.forwarding_number || undefined })
      onCreated(u)
      setCreated(u)
      setV(blank)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const f = error?.fields || {}
  return (
    <section class="panel" aria-labelledby="new-user-h">
      <h2 id="new-user-h">Add a user</h2>
      <p class="hint">Give them the e-mail and the first password; they sign in with it.</p>
      {created && (
        <div class="alert alert-info" role="status">
          {created.name || created.email} was added.
        </div>
      )}
      <form class="form-grid" onSubmit={submit} noValidate>
        <TextField label="Name" name="new-name" value={v.name} onInput={set('name')} error={f.name} autoComplete="off" />
        <TextField label="E-mail" name="new-email" type="email" value={v.email} onInput={set('email')} error={f.email} autoComplete="off" />
        <SelectField label="Role" name="new-role" value={v.role} onChange={set('role')} options={ROLES} error={f.role} />
        <TextField label="First password" name="new-password" type="password" value={v.password} onInput={set('password')}
          error={f.password} hint="At least 10 characters" autoComplete="new-password" />
        <TextField label="Forwarding number (optional)" name="new-fwd" type="tel" value={v.forwarding_number}
          onInput={set('forwarding_number')} error={f.forwarding_number} />
        <div class="span-all">
          <FormError error={error} shown={(k) => k in blank} />
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add user'}
          </button>
        </div>
      </form>
    </section>
  )
}

function OrgTab() {
  const res = useAsync(() => api.org(), [])
  if (res.error) return <ErrorBox error={res.error} retry={res.reload} />
  if (!res.data) return <Loading />
  return (
    <div class="stack">
      <OrgForm initial={res.data} />
      <OutcomesSettings />
    </div>
  )
}

function OrgForm({ initial }: { initial: OrgBody }) {
  const [v, setV] = useState(initial)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)
  const zones = useMemo(() => {
    try {
      return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone')
    } catch {
      return []
    }
  }, [])
  const set = <K extends keyof OrgBody>(k: K, val: OrgBody[K]) => {
    setSaved(false)
    setV({ ...v, [k]: val })
  }
  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const o = await api.updateOrg({
        name: v.name, default_country: v.default_country.trim().toUpperCase(), time_zone: v.time_zone.trim(),
        auto_create_contacts: v.auto_create_contacts, recording_announcement: v.recording_announcement,
        recording_retention_days: v.recording_retention_days, business_hours: v.business_hours,
      })
      setV(o)
      org.value = o
      setSaved(true)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const f = error?.fields || {}
  return (
    <section class="panel" aria-labelledby="org-h">
      <h2 id="org-h">Organisation</h2>
      <form class="form-grid" onSubmit={submit} noValidate>
        <TextField label="Name" name="org-name" value={v.name} onInput={(x) => set('name', x)} error={f.name} />
        <TextField label="Default country" name="org-country" value={v.default_country} onInput={(x) => set('default_country', x)}
          error={f.default_country} hint="Two letters, e.g. US; used to read numbers typed without +country code" />
        <TextField label="Time zone" name="org-tz" value={v.time_zone} onInput={(x) => set('time_zone', x)} error={f.time_zone}
          list="time-zones" hint="e.g. Europe/Paris; decides what “due today” means" />
        <datalist id="time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <TextField label="Keep recordings for (days)" name="org-retention" type="number" inputMode="numeric"
          value={String(v.recording_retention_days)} onInput={(x) => set('recording_retention_days', Number(x) || 0)}
          error={f.recording_retention_days} hint="0 keeps them forever" />
        <Field label="Recording announcement" name="org-announcement" error={f.recording_announcement} class="span-all"
          hint="Played before a recorded call, e.g. “This call may be recorded.”">
          {(a) => (
            <textarea {...a} rows={2} value={v.recording_announcement}
              onInput={(e) => set('recording_announcement', (e.currentTarget as HTMLTextAreaElement).value)} />
          )}
        </Field>
        <div class="check span-all">
          <input id="org-autocreate" type="checkbox" checked={v.auto_create_contacts}
            onChange={(e) => set('auto_create_contacts', (e.currentTarget as HTMLInputElement).checked)} />
          <label for="org-autocreate">Create a contact for calls from unknown numbers</label>
        </div>
        <section class="span-all stack" aria-labelledby="org-hours-h">
          <h3 id="org-hours-h">Business hours and holidays</h3>
          <p class="hint">
            Outside these hours and on holidays, callers take the unavailable path of every number whose routing uses the org’s
            business hours; a number can have custom hours instead.
          </p>
          <BusinessHoursEditor prefix="business_hours" hours={v.business_hours} errs={f} timeZone={v.time_zone}
            onChange={(h) => set('business_hours', h)} />
        </section>
        <div class="span-all">
          <FormError error={error} shown={(k) => k in initial || k.startsWith('business_hours')} />
          <div class="row">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
            <span role="status" class="saved">{saved ? 'Saved' : ''}</span>
          </div>
        </div>
      </form>
    </section>
  )
}
