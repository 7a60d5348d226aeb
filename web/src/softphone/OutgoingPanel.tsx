// An outbound call until the customer answers (R-OUT-1): who is being
// called, the contact card, and Cancel (the server hangs up the agent's
// leg at the carrier: their browser's, or their phone's for call me first).
import { useState } from 'preact/hooks'
import { api } from '../api/endpoints'
import { ContactCard } from './ContactCard'
import { party } from './format'
import { device, deviceProblem, problem } from './phone'
import type { PhoneCall } from './types'

export function OutgoingPanel({ call }: { call: PhoneCall }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const dev = device.value
  const to = party(call)
  const cancel = async () => {
    setBusy(true)
    setError('')
    try {
      await api.hangupCall(call.id)
    } catch (e) {
      setError(problem(e))
      setBusy(false)
    }
  }
  const titleId = `out-${call.id}`
  return (
    <section class="phone-panel outgoing" aria-labelledby={titleId}>
      <h2 id={titleId}>Calling {to}</h2>
      <p class="muted">{call.ringing ? 'Ringing…' : 'Connecting…'}</p>
      <ContactCard contacts={call.contacts} label={`Who you are calling: ${to}`} />
      {!dev && <p class="hint">{deviceProblem.value || 'The phone is starting…'}</p>}
      <div class="row phone-actions">
        <button type="button" class="btn btn-danger" disabled={busy} onClick={cancel}>
          {busy ? 'Cancelling…' : 'Cancel call'}
        </button>
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
