// The in-call panel (R-AG-4): timer, hold/resume, mute, keypad, notes, the
// number's call script and end call. Hold, mute, notes and the timer come
// from the call itself, so they survive a reload.
import { useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../api/endpoints'
import { ContactCard } from './ContactCard'
import { party, timer } from './format'
import { Keypad } from './Keypad'
import { Notes } from './Notes'
import { apply, device, deviceProblem, problem } from './phone'
import type { PhoneCall } from './types'

/** useNow is the time, updated every second. */
function useNow(): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [])
  return now
}

export function InCallPanel({ call }: { call: PhoneCall }) {
  const now = useNow()
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')
  const dev = device.value
  const from = party(call)
  const act = (what: string, f: () => Promise<unknown>) => async () => {
    setBusy(what)
    setError('')
    try {
      await f()
    } catch (e) {
      setError(problem(e))
    } finally {
      setBusy('')
    }
  }
  const hold = act('hold', async () => apply('call', { ...call, ...(await api.holdCall(call.id, !call.held)) }))
  const mute = act('mute', async () => apply('call', { ...call, ...(await api.muteCall(call.id, !call.muted)) }))
  const flushNotes = useRef<() => Promise<void>>()
  const end = act('end', async () => {
    await flushNotes.current?.()
    await api.hangupCall(call.id)
  })
  const titleId = `call-${call.id}`
  return (
    <section class="phone-panel in-call" aria-labelledby={titleId}>
      <h2 id={titleId}>On a call with {from}</h2>
      <p class="row call-state">
        <span class="call-timer" role="timer" aria-label="Call time">
          {timer(call.answered_at, now)}
        </span>
        {call.held && <span class="badge">On hold</span>}
        {call.muted && <span class="badge">Muted</span>}
      </p>
      <ContactCard contacts={call.contacts} label={call.direction === 'outbound' ? `Who you called: ${from}` : `Who is calling: ${from}`} />
      {!dev && <p class="hint">{deviceProblem.value || 'The phone is starting…'}</p>}
      <div class="row phone-actions">
        <button type="button" class="btn" disabled={!!busy} onClick={hold}>
          {call.held ? 'Resume' : 'Hold'}
        </button>
        <button type="button" class="btn" disabled={!!busy} onClick={mute}>
          {call.muted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" class="btn btn-danger" disabled={!!busy} onClick={end}>
          {busy === 'end' ? 'Ending…' : 'End call'}
        </button>
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <Keypad call={call} dev={dev} />
      <Notes call={call} flush={flushNotes} />
      {call.script && (
        <details class="call-script" open>
          <summary>Call script</summary>
          <p>{call.script}</p>
        </details>
      )}
    </section>
  )
}
