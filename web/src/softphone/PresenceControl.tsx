// The agent's presence in the top bar (R-AG-1): they set Online or
// Offline; the app shows what routing sees — online, busy on a call, or
// unreachable (online but the heartbeat lapsed).
import { useState } from 'preact/hooks'
import { link, myPresence, myShown, problem, setMyStatus } from './phone'

const SHOWN = { busy: 'Busy', unreachable: 'Unreachable' } as const

export function PresenceControl() {
  const [error, setError] = useState('')
  /** The status asked for, shown at once while the server is asked. */
  const [asked, setAsked] = useState<boolean | null>(null)
  const p = myPresence.value
  const s = myShown.value
  const note =
    s === 'unreachable'
      ? 'Calls skip you: this app stopped checking in.'
      : link.value === 'open'
        ? ''
        : 'Reconnecting…'
  const change = async (status: 'online' | 'offline') => {
    setAsked(status === 'online')
    setError('')
    try {
      await setMyStatus(status)
    } catch (e) {
      setError(problem(e))
    } finally {
      setAsked(null)
    }
  }
  const online = asked ?? p?.status === 'online'
  return (
    <div class="presence">
      <span class={`presence-dot presence-${s}`} aria-hidden="true" />
      <input
        id="my-status"
        type="checkbox"
        role="switch"
        checked={online}
        disabled={asked !== null || !p}
        aria-describedby="my-status-shown"
        onChange={(e) => change((e.currentTarget as HTMLInputElement).checked ? 'online' : 'offline')}
      />
      <label for="my-status">Online</label>
      <span id="my-status-shown" class={`presence-shown presence-${s}`} role="status" title={note || undefined}>
        {s === 'busy' || s === 'unreachable' ? SHOWN[s] : ''}
        {note && <span class="sr-only"> {note}</span>}
      </span>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}
