// The ringing panel (R-AG-2, R-AG-3, R-IN-9): who is calling, the contact
// card, and Answer / Reject / Forward.
import { useState } from 'preact/hooks'
import { api } from '../api/endpoints'
import { me } from '../session'
import { ContactCard } from './ContactCard'
import { caller } from './format'
import { apply, device, deviceProblem, problem } from './phone'
import type { PhoneCall } from './types'

export function RingingPanel({ call }: { call: PhoneCall }) {
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')
  const dev = device.value
  const fwd = me.value?.forwarding_number || ''
  const from = caller(call.from, call.anonymous)
  const act = (what: string, f: () => Promise<unknown>) => async () => {
    setBusy(what)
    setError('')
    try {
      await f()
    } catch (e) {
      setError(problem(e))
      setBusy('')
    }
  }
  const titleId = `ring-${call.id}`
  return (
    <section class="phone-panel ringing" aria-labelledby={titleId}>
      <h2 id={titleId}>Incoming call</h2>
      <p class="phone-from">{from}</p>
      {call.number && <p class="muted phone-to">to {call.number}</p>}
      <ContactCard contacts={call.contacts} label={`Who is calling: ${from}`} />
      {!dev && <p class="hint">{deviceProblem.value || 'The phone is starting…'}</p>}
      <div class="row phone-actions">
        <button type="button" class="btn btn-primary" disabled={!dev || !!busy} onClick={act('answer', () => dev!.accept(call))}>
          {busy === 'answer' ? 'Answering…' : 'Answer'}
        </button>
        <button type="button" class="btn btn-danger" disabled={!dev || !!busy} onClick={act('reject', () => dev!.reject(call))}>
          {busy === 'reject' ? 'Rejecting…' : 'Reject'}
        </button>
        {fwd && (
          <button
            type="button"
            class="btn"
            disabled={!!busy}
            onClick={act('forward', async () => apply('call', { ...call, ...(await api.forwardCall(call.id)) }))}
          >
            {busy === 'forward' ? 'Forwarding…' : `Forward to ${fwd}`}
          </button>
        )}
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
