// Add a number to a provider (R-NUM-1, 2, 4): search the carrier's stock
// and buy one, or link a number the account already owns. Errors (a trial
// account's one-number limit, a missing public URL) show on the row.
import { useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import { ErrorBox, Loading, SelectField, TextField } from '../../components/ui'
import { useAsync } from '../../hooks'
import { displayNumber, pickFields, searchQuery, type SearchForm } from '../../telephony'
import { tel, type AvailableNumber, type NumberBody, type Provider } from './api'
import { Caps, focusSoon } from './parts'
import type { TelCtx } from './TelephonySettings'

const TYPES = [
  { value: 'Local', label: 'Local' },
  { value: 'Mobile', label: 'Mobile' },
  { value: 'TollFree', label: 'Toll-free' },
]

export function AddNumber({ ctx, provider: p }: { ctx: TelCtx; provider: Provider }) {
  const [mode, setMode] = useState<'' | 'buy' | 'link'>('')
  const [added, setAdded] = useState('')
  const onAdded = (n: NumberBody, verb: string) => {
    ctx.update((d) => ({ ...d, numbers: [...d.numbers.filter((x) => x.id !== n.id), n] }))
    setAdded(`${verb} ${displayNumber(n.e164)}: choose its operators below.`)
    focusSoon(`number-${n.id}-h`)
  }
  const panel = `add-number-${p.id}`
  return (
    <div class="tel-add">
      <div class="row" role="group" aria-label={`Add a number to ${p.name}`}>
        <button type="button" class={mode === 'buy' ? 'btn btn-primary' : 'btn'} aria-expanded={mode === 'buy'} aria-controls={panel}
          onClick={() => setMode(mode === 'buy' ? '' : 'buy')}>
          Buy a number
        </button>
        <button type="button" class={mode === 'link' ? 'btn btn-primary' : 'btn'} aria-expanded={mode === 'link'} aria-controls={panel}
          onClick={() => setMode(mode === 'link' ? '' : 'link')}>
          Link a number you own
        </button>
      </div>
      <p role="status" class="saved">
        {added}
      </p>
      <div id={panel}>
        {mode === 'buy' && <Buy ctx={ctx} provider={p} onAdded={(n) => onAdded(n, 'Bought')} />}
        {mode === 'link' && <Link provider={p} linked={ctx.data.numbers} onAdded={(n) => onAdded(n, 'Linked')} />}
      </div>
    </div>
  )
}

function Buy({ ctx, provider: p, onAdded }: { ctx: TelCtx; provider: Provider; onAdded: (n: NumberBody) => void }) {
  const [form, setForm] = useState<SearchForm>({
    country: ctx.data.org.default_country || 'US', type: 'Local', areaCode: '', contains: '', voice: true, sms: false,
  })
  const [results, setResults] = useState<AvailableNumber[] | null>(null)
  const [searching, setSearching] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const set = <K extends keyof SearchForm>(k: K) => (v: SearchForm[K]) => setForm({ ...form, [k]: v })
  const pre = `buy-${p.id}`
  const search = async (e: Event) => {
    e.preventDefault()
    if (searching) return
    setSearching(true)
    setError(null)
    try {
      const r = await tel.available(p.id, searchQuery(form))
      setResults(r.items)
    } catch (err) {
      setError(toApiError(err))
      setResults(null)
    } finally {
      setSearching(false)
    }
  }
  const { shown, rest } = error ? pickFields(error.fields, ['country', 'type', 'area_code', 'contains']) : { shown: {} as Record<string, string>, rest: {} }
  return (
    <section class="panel tel-subpanel" aria-labelledby={`${pre}-h`}>
      <h4 id={`${pre}-h`}>Buy a number from {p.name}</h4>
      <form class="tel-search" onSubmit={search} noValidate aria-label={`Search numbers to buy from ${p.name}`}>
        <TextField label="Country" name={`${pre}-country`} value={form.country} onInput={set('country')} error={shown.country}
          hint="Two letters, e.g. US, GB" autoComplete="off" />
        <SelectField label="Type" name={`${pre}-type`} value={form.type} onChange={(v) => set('type')(v as SearchForm['type'])} options={TYPES}
          error={shown.type} />
        <TextField label="Area code" name={`${pre}-area`} value={form.areaCode} onInput={set('areaCode')} error={shown.area_code}
          inputMode="numeric" hint="e.g. 212" />
        <TextField label="Contains" name={`${pre}-contains`} value={form.contains} onInput={set('contains')} error={shown.contains}
          hint="Digits; * is any digit" />
        <fieldset class="tel-fieldset tel-needs">
          <legend>Must carry</legend>
          <div class="check">
            <input type="checkbox" id={`${pre}-voice`} checked={form.voice} onChange={(e) => set('voice')((e.currentTarget as HTMLInputElement).checked)} />
            <label for={`${pre}-voice`}>Voice</label>
          </div>
          <div class="check">
            <input type="checkbox" id={`${pre}-sms`} checked={form.sms} onChange={(e) => set('sms')((e.currentTarget as HTMLInputElement).checked)} />
            <label for={`${pre}-sms`}>SMS</label>
          </div>
        </fieldset>
        <div class="tel-search-go">
          <button type="submit" class="btn btn-primary" aria-disabled={searching || undefined}>
            {searching ? 'Searching…' : 'Search'}
          </button>
        </div>
      </form>
      {error && Object.keys(shown).length === 0 && <ErrorBox error={error} />}
      {error && Object.keys(rest).length > 0 && Object.keys(shown).length > 0 && (
        <div class="alert alert-error" role="alert">
          {Object.entries(rest).map(([k, v]) => `${k}: ${v}`).join('; ')}
        </div>
      )}
      {results && (
        <div aria-live="polite">
          {results.length === 0 ? (
            <p class="empty">No numbers match: try another area code, or fewer digits.</p>
          ) : (
            <ul class="tel-offers" aria-label={`Numbers for sale (${results.length})`}>
              {results.map((a) => (
                <Offer key={a.phone_number} provider={p} offer={a}
                  onBought={(n) => {
                    setResults(results.filter((x) => x.phone_number !== a.phone_number))
                    onAdded(n)
                  }} />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  )
}

function Offer({ provider: p, offer: a, onBought }: { provider: Provider; offer: AvailableNumber; onBought: (n: NumberBody) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const buy = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      onBought(await tel.buy(p.id, a.phone_number))
    } catch (e) {
      setError(toApiError(e))
      setBusy(false)
    }
  }
  const place = [a.locality, a.region, a.country].filter(Boolean).join(', ')
  return (
    <li class="tel-offer">
      <div class="tel-offer-main">
        <strong class="tel-num">{displayNumber(a.phone_number)}</strong>
        {place && <span class="muted"> {place}</span>}
      </div>
      <Caps caps={a.capabilities} />
      <button type="button" class="btn btn-small" aria-disabled={busy || undefined} onClick={buy} aria-label={`Buy ${displayNumber(a.phone_number)}`}>
        {busy ? 'Buying…' : 'Buy'}
      </button>
      {error && (
        <div class="tel-row-error">
          <ErrorBox error={error.fields.public_url ? new ApiError(error.status, error.code, error.fields.public_url) : error} />
        </div>
      )}
    </li>
  )
}

function Link(props: { provider: Provider; linked: NumberBody[]; onAdded: (n: NumberBody) => void }) {
  const { provider: p, onAdded } = props
  // Whether a number is linked is read from the page's numbers, so an
  // unlink or a link elsewhere on the page shows here at once.
  const linkedSids = new Set(props.linked.filter((n) => n.provider_id === p.id).map((n) => n.sid))
  const res = useAsync((signal) => tel.carrierNumbers(p.id, signal), [p.id])
  const [busy, setBusy] = useState('')
  const [errors, setErrors] = useState<Record<string, ApiError>>({})
  const link = async (sid: string) => {
    setBusy(sid)
    const { [sid]: _, ...others } = errors
    setErrors(others)
    try {
      onAdded(await tel.link(p.id, sid))
    } catch (e) {
      setErrors({ ...others, [sid]: toApiError(e) })
    } finally {
      setBusy('')
    }
  }
  return (
    <section class="panel tel-subpanel" aria-labelledby={`link-${p.id}-h`}>
      <h4 id={`link-${p.id}-h`}>Numbers in the {p.name} account</h4>
      {res.error ? (
        <ErrorBox error={res.error} retry={res.reload} />
      ) : !res.data ? (
        <Loading label="Asking the carrier…" />
      ) : res.data.items.length === 0 ? (
        <p class="empty">The account holds no numbers yet: buy one instead.</p>
      ) : (
        <ul class="tel-offers" aria-label={`Numbers in the ${p.name} account`}>
          {res.data.items.map((c) => (
            <li key={c.sid} class="tel-offer">
              <div class="tel-offer-main">
                <strong class="tel-num">{displayNumber(c.phone_number)}</strong>
                {c.friendly_name && c.friendly_name !== c.phone_number && <span class="muted"> {c.friendly_name}</span>}
              </div>
              <Caps caps={c.capabilities} />
              {linkedSids.has(c.sid) ? (
                <span class="badge">Linked</span>
              ) : (
                <button type="button" class="btn btn-small" aria-disabled={busy === c.sid || undefined} onClick={() => busy !== c.sid && link(c.sid)}
                  aria-label={`Link ${displayNumber(c.phone_number)}`}>
                  {busy === c.sid ? 'Linking…' : 'Link'}
                </button>
              )}
              {errors[c.sid] && (
                <div class="tel-row-error">
                  <ErrorBox error={errors[c.sid]} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="hint">Linking points the number's calls and messages at this server; unlinking gives it its previous settings back.</p>
    </section>
  )
}
