// The softphone dock: calls ringing this agent and the call they are in,
// in every open tab of theirs (answering in one removes the ringing panel
// from the others: the server's `call` event says it no longer rings).
import { useEffect } from 'preact/hooks'
import { me } from '../session'
import { cardSummary, caller } from './format'
import { InCallPanel } from './InCallPanel'
import { currentCall, ringingCalls, startPhone } from './phone'
import { RingingPanel } from './RingingPanel'

export function Softphone() {
  const user = me.value?.id || 0
  useEffect(() => (user ? startPhone(user) : undefined), [user])
  const rings = ringingCalls.value
  const call = currentCall.value
  const announce = rings.map((c) => `Incoming call from ${caller(c.from, c.anonymous)}: ${cardSummary(c.contacts)}.`).join(' ')
  return (
    <>
      <div class="sr-only" aria-live="assertive" aria-atomic="true">
        {announce}
      </div>
      {(rings.length > 0 || call) && (
        <aside class="softphone" aria-label="Phone">
          {rings.map((c) => (
            <RingingPanel key={`ring-${c.id}`} call={c} />
          ))}
          {call && <InCallPanel key={`call-${call.id}`} call={call} />}
        </aside>
      )}
    </>
  )
}
