import { useEffect, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import { PHONE_LABELS, type Kind, type RecordBody } from '../api/types'
import { ErrorBox, Field, FormError, Link, Loading, PageHeading, SelectField, TextField } from '../components/ui'
import { useAsync, useDraft, useLeaveGuard, useTitle } from '../hooks'
import { DEAL_STAGES, emptyForm, formFields, formFromRecord, LEAD_STATUSES, mapPhoneErrors, toRequest, type RecordFormValues } from '../records'
import { kindPath, navigate } from '../router'
import { KIND_LABEL } from '../search'
import { isAdmin, me } from '../session'

const LABELS: Record<string, string> = {
  first_name: 'First name', last_name: 'Last name', name: 'Name', company: 'Company', title: 'Title', email: 'E-mail',
  street: 'Street', city: 'City', region: 'State / region', postal_code: 'Postal code', country: 'Country',
  status: 'Status', stage: 'Stage', amount: 'Amount', close_date: 'Close date', account_id: 'Account', contact_id: 'Contact',
}

interface Options {
  record?: RecordBody
  accounts: { id: number; name: string }[]
  contacts: { id: number; name: string }[]
  /** Active users, for admins choosing an owner; empty for agents. */
  users: { id: number; name: string }[]
}

async function loadOptions(kind: Kind, id: number | undefined, signal: AbortSignal): Promise<Options> {
  const needAccounts = kind === 'contact' || kind === 'deal'
  const needContacts = kind === 'deal'
  const [record, accounts, contacts, users] = await Promise.all([
    id ? api.record(kind, id, signal) : Promise.resolve(undefined),
    needAccounts ? api.records('account', { limit: 200 }, signal) : Promise.resolve({ items: [], next_cursor: '' }),
    needContacts ? api.records('contact', { limit: 200 }, signal) : Promise.resolve({ items: [], next_cursor: '' }),
    isAdmin.value ? api.users() : Promise.resolve({ items: [] }),
  ])
  const pick = (l: { items: RecordBody[] }) => l.items.map((r) => ({ id: r.id, name: r.name }))
  return {
    record, accounts: pick(accounts), contacts: pick(contacts),
    users: users.items.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name || u.email })),
  }
}

export function RecordForm({ kind, id }: { kind: Kind; id?: number }) {
  const res = useAsync((signal) => loadOptions(kind, id, signal), [kind, id])
  const heading = id ? `Edit ${KIND_LABEL[kind].toLowerCase()}` : `New ${KIND_LABEL[kind].toLowerCase()}`
  useTitle(heading)
  if (res.error) {
    return (
      <section>
        <PageHeading>{heading}</PageHeading>
        <ErrorBox error={res.error} retry={res.reload} />
      </section>
    )
  }
  if (!res.data) return <Loading />
  return <Form kind={kind} id={id} options={res.data} heading={heading} />
}

function Form({ kind, id, options, heading }: { kind: Kind; id?: number; options: Options; heading: string }) {
  const draft = useDraft<RecordFormValues>(`record:${kind}:${id || 'new'}`, () =>
    options.record ? formFromRecord(options.record) : emptyForm(kind),
  )
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  useLeaveGuard(() => draft.dirty.current, undefined, draft.clear)
  const v = draft.value
  const set = (k: keyof RecordFormValues, val: string) => draft.update({ ...v, [k]: val })
  const err = (k: string) => error?.fields[k]
  const fields = formFields(kind)

  useEffect(() => {
    if (error && Object.keys(error.fields).length) {
      const el = document.querySelector<HTMLElement>('.has-error input, .has-error select, .has-error textarea')
      el?.focus()
    }
  }, [error])

  const submit = async (e: Event) => {
    e.preventDefault()
    const { body, rowOf, localErrors } = toRequest(kind, v)
    if (Object.keys(localErrors).length) {
      setError(new ApiError(422, 'invalid', 'Check the marked fields.', localErrors))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const saved = id ? await api.updateRecord(kind, id, body) : await api.createRecord(kind, body)
      draft.clear()
      navigate(`${kindPath(kind)}/${saved.id}`, { force: true })
    } catch (e) {
      const ae = toApiError(e)
      setError(new ApiError(ae.status, ae.code, ae.message, mapPhoneErrors(ae.fields, rowOf)))
      setBusy(false)
    }
  }

  const shown = (k: string) => fields.includes(k as keyof RecordFormValues) || /^phones(\[\d+\])?/.test(k) || (k === 'owner_id' && options.users.length > 0)
  const text = (k: keyof RecordFormValues, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField key={k} label={LABELS[k]} name={k} value={v[k] as string} error={err(k)} onInput={(val) => set(k, val)} {...extra} />
  )

  const control = (k: keyof RecordFormValues) => {
    switch (k) {
      case 'phones':
        return null
      case 'email':
        return text(k, { type: 'email', autoComplete: 'off', inputMode: 'email' })
      case 'status':
        return <SelectField key={k} label={LABELS[k]} name={k} value={v.status} error={err(k)} onChange={(val) => set(k, val)}
          options={LEAD_STATUSES.map((s) => ({ value: s, label: s }))} />
      case 'stage':
        return <SelectField key={k} label={LABELS[k]} name={k} value={v.stage} error={err(k)} onChange={(val) => set(k, val)}
          options={DEAL_STAGES.map((s) => ({ value: s, label: s }))} />
      case 'amount':
        return text(k, { inputMode: 'decimal', hint: 'In dollars, e.g. 1250.00' })
      case 'close_date':
        return text(k, { type: 'date' })
      case 'account_id':
        return <SelectField key={k} label={LABELS[k]} name={k} value={v.account_id} error={err(k)} onChange={(val) => set(k, val)}
          options={[{ value: '', label: '(none)' }, ...options.accounts.map((a) => ({ value: String(a.id), label: a.name }))]} />
      case 'contact_id':
        return <SelectField key={k} label={LABELS[k]} name={k} value={v.contact_id} error={err(k)} onChange={(val) => set(k, val)}
          options={[{ value: '', label: '(none)' }, ...options.contacts.map((a) => ({ value: String(a.id), label: a.name }))]} />
      default:
        return text(k)
    }
  }

  const cancelHref = id ? `${kindPath(kind)}/${id}` : kindPath(kind)
  return (
    <section>
      <PageHeading>{heading}</PageHeading>
      {draft.restored && (
        <div class="alert alert-info" role="status">
          Your unsaved changes were restored.{' '}
          <button type="button" class="btn btn-small" onClick={draft.discard}>
            Discard them
          </button>
        </div>
      )}
      <form class="record-form" onSubmit={submit} noValidate>
        <div class="form-grid">
          {fields.map(control)}
          {options.users.length > 0 && (
            <SelectField label="Owner" name="owner_id" value={v.owner_id || String(options.record?.owner_id || me.value?.id || '')}
              error={err('owner_id')} onChange={(val) => set('owner_id', val)}
              options={options.users.map((u) => ({ value: String(u.id), label: u.id === me.value?.id ? `${u.name} (you)` : u.name }))} />
          )}
        </div>
        {fields.includes('phones') && (
          <PhonesEditor
            phones={v.phones}
            errors={error?.fields || {}}
            onChange={(phones) => draft.update({ ...v, phones })}
          />
        )}
        <FormError error={error} shown={shown} />
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : id ? 'Save changes' : `Create ${KIND_LABEL[kind].toLowerCase()}`}
          </button>
          <Link class="btn" href={cancelHref}>
            Cancel
          </Link>
        </div>
      </form>
    </section>
  )
}

function PhonesEditor({
  phones, errors, onChange,
}: {
  phones: { label: string; number: string }[]
  errors: Record<string, string>
  onChange: (p: { label: string; number: string }[]) => void
}) {
  const setRow = (i: number, p: Partial<{ label: string; number: string }>) => onChange(phones.map((x, j) => (j === i ? { ...x, ...p } : x)))
  return (
    <fieldset class="phones-editor">
      <legend>Phone numbers</legend>
      {errors.phones && <p class="field-error">{errors.phones}</p>}
      {phones.map((p, i) => {
        const numErr = errors[`phones[${i}].number`] || errors[`phones[${i}]`]
        const labErr = errors[`phones[${i}].label`]
        return (
          <div class="phone-row" key={i}>
            <Field label={`Label for number ${i + 1}`} name={`phones-${i}-label`} error={labErr} class="phone-label-field">
              {(a) => (
                <select {...a} value={p.label} onChange={(e) => setRow(i, { label: (e.currentTarget as HTMLSelectElement).value })}>
                  {PHONE_LABELS.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={`Number ${i + 1}`} name={`phones-${i}-number`} error={numErr} class="grow" hint={i === 0 ? 'With +country code, or a local number' : undefined}>
              {(a) => (
                <input {...a} type="tel" inputMode="tel" autoComplete="off" value={p.number}
                  onInput={(e) => setRow(i, { number: (e.currentTarget as HTMLInputElement).value })} />
              )}
            </Field>
            <button type="button" class="btn btn-small remove" aria-label={`Remove number ${i + 1}`} onClick={() => onChange(phones.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        )
      })}
      <button type="button" class="btn btn-small" onClick={() => onChange([...phones, { label: 'mobile', number: '' }])}>
        Add a number
      </button>
    </fieldset>
  )
}
