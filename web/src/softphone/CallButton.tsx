// Click to call (R-OUT-1) and call back (R-AG-5): a Call button for one
// number, with "Call my phone first" (R-OUT-5) next to it when the user
// has a forwarding number. Refusals are shown beside the buttons.
import { useState } from 'preact/hooks'
import { me } from '../session'
import { callProblem, placeCall, type Via } from './callout'

export interface CallButtonProps {
  /** The number to call (E.164 or as typed). */
  to: string
  /** What the number is, for the buttons' accessible names ("work +1 206…"). */
  label: string
  recordId?: number
  text?: string
}

export function CallButton({ to, label, recordId, text = 'Call' }: CallButtonProps) {
  const [busy, setBusy] = useState<Via | ''>('')
  const [error, setError] = useState('')
  const fwd = me.value?.forwarding_number || ''
  const call = (via: Via) => async () => {
    setBusy(via)
    setError('')
    try {
      await placeCall({ to, record_id: recordId, via })
    } catch (e) {
      setError(callProblem(e))
    } finally {
      setBusy('')
    }
  }
  return (
    <span class="call-button">
      <button type="button" class="btn btn-small" disabled={!!busy} aria-label={`${text} ${label}`} onClick={call('browser')}>
        {busy === 'browser' ? 'Calling…' : text}
      </button>
      {fwd && (
        <button type="button" class="btn btn-small" disabled={!!busy} aria-label={`Call ${label} from my phone ${fwd} first`} onClick={call('phone')}>
          {busy === 'phone' ? 'Calling your phone…' : 'Call my phone first'}
        </button>
      )}
      {error && (
        <span class="field-error call-error" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}
