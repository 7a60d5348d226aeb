// The dial pad (R-OUT-3): a number outside the CRM, read with the chosen
// country (the org's default preselected); the server's refusal is shown
// beside the field and nothing is dialled. Search to call (R-OUT-2) sits
// above it.
import { useMemo, useState } from 'preact/hooks'
import { me, org } from '../session'
import { callProblem, placeCall, type Via } from './callout'
import { countries } from './countries'
import { SearchCall } from './SearchCall'

export function Dialer() {
  const def = (org.value?.default_country || 'US').toUpperCase()
  const list = useMemo(() => countries(def), [def])
  const [open, setOpen] = useState(false)
  const [to, setTo] = useState('')
  const [country, setCountry] = useState(def)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const fwd = me.value?.forwarding_number || ''
  if (!open) {
    return (
      <button type="button" class="btn dial-toggle" aria-expanded="false" onClick={() => setOpen(true)}>
        Dial pad
      </button>
    )
  }
  const call = async (via: Via) => {
    setError('')
    if (!to.trim()) {
      setError('Type the number to call.')
      return
    }
    setBusy(true)
    try {
      await placeCall({ to: to.trim(), country, via })
      setTo('')
    } catch (e) {
      setError(callProblem(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="phone-panel dialer" aria-labelledby="dialer-h">
      <div class="row dialer-head">
        <h2 id="dialer-h">Dial a number</h2>
        <button type="button" class="btn btn-small" aria-expanded="true" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      <SearchCall />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void call('browser')
        }}
      >
        <label for="dial-country">Country</label>
        <select id="dial-country" value={country} onChange={(e) => setCountry((e.currentTarget as HTMLSelectElement).value)}>
          {list.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <label for="dial-to">Number</label>
        <input
          id="dial-to"
          type="tel"
          autocomplete="off"
          value={to}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'dial-error' : undefined}
          onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)}
        />
        {error && (
          <p id="dial-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <div class="row phone-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Calling…' : 'Call'}
          </button>
          {fwd && (
            <button type="button" class="btn" disabled={busy} onClick={() => void call('phone')}>
              Call my phone first
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
