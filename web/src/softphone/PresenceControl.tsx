// The agent's presence in the top bar (R-AG-1): they set Online or
// Offline; the app shows what routing sees — online, busy on a call, or
// unreachable (online but the heartbeat lapsed).
import { useState } from 'preact/hooks'
import { link, myPresence, myShown, problem, setMyStatus } from './phone'

const SHOWN = {
  offline: 'Offline',
  online: 'Online',
  busy: 'Busy',
  unreachable: 'Unreachable',
} as const

export function PresenceControl() {
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  const p = myPresence.value
  const s = myShown.value
  const note =
    s === 'unreachable'
      ? 'Calls skip you: this app stopped checking in.'
      : link.value === 'open'
        ? ''
        : 'Reconnecting…'
  const change = async (status: 'online' | 'offline') => {
    setSaving(true)
    setError('')
    try {
      await setMyStatus(status)
    } catch (e) {
      setError(problem(e))
    } finally {
      setSaving(false)
    }
  }
  return (
    <div class="presence">
      <span class={`presence-dot presence-${s}`} aria-hidden="true" />
      <label class="sr-only" for="my-status">
        My status
      </label>
      <select
        id="my-status"
        value={p?.status || 'offline'}
        disabled={saving || !p}
        aria-describedby="my-status-shown"
        onChange={(e) => change((e.currentTarget as HTMLSelectElement).value as 'online' | 'offline')}
      >
        <option value="online">Online</option>
        <option value="offline">Offline</option>
      </select>
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
