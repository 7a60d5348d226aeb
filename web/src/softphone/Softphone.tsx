// The softphone dock: calls ringing this agent, the calls they are
// placing and the call they are in, in every open tab of theirs
// (answering in one removes the ringing panel from the others: the
// server's `call` event says it no longer rings), and, when idle, the
// dial pad (R-OUT-3) for a user on a telephony provider.
import { useEffect } from 'preact/hooks'
import { me } from '../session'
import { cardSummary, caller } from './format'
import { Dialer } from './Dialer'
import { InCallPanel } from './InCallPanel'
import { OutgoingPanel } from './OutgoingPanel'
import { currentCall, deviceInfo, outgoingCalls, ringingCalls, startPhone } from './phone'
import { RingingPanel } from './RingingPanel'
import { SummaryPanel } from './SummaryPanel'
import { SummaryReminder } from './SummaryReminder'
import { pendingSummaries, reminders, startSummaries, summaryNews } from './summaryStore'

export function Softphone() {
  const user = me.value?.id || 0
  useEffect(() => (user ? startSummaries(user) : undefined), [user])
  useEffect(() => (user ? startPhone(user) : undefined), [user])
  const rings = ringingCalls.value
  const outs = outgoingCalls.value
  const call = currentCall.value
  const canDial = !!deviceInfo.value && deviceInfo.value.device !== 'none'
  const idle = rings.length === 0 && outs.length === 0 && !call
  const after = pendingSummaries.value
  const due = reminders.value
  const announce = rings.map((c) => `Incoming call from ${caller(c.from, c.anonymous)}: ${cardSummary(c.contacts)}.`).join(' ')
  return (
    <>
      <div class="sr-only" aria-live="assertive" aria-atomic="true">
        {announce}
      </div>
      <div class="sr-only" aria-live="polite" aria-atomic="true">
        {summaryNews.value}
      </div>
      {(!idle || canDial || after.length > 0 || due.length > 0) && (
        <aside class="softphone" aria-label="Phone">
          {rings.map((c) => (
            <RingingPanel key={`ring-${c.id}`} call={c} />
          ))}
          {outs.map((c) => (
            <OutgoingPanel key={`out-${c.id}`} call={c} />
          ))}
          {call && <InCallPanel key={`call-${call.id}`} call={call} />}
          {due.map((r) => (
            <SummaryReminder key={`reminder-${r.task_id}`} r={r} />
          ))}
          {after.map((p) => (
            <SummaryPanel key={`summary-${p.id}`} pending={p} />
          ))}
          {idle && canDial && <Dialer />}
        </aside>
      )}
    </>
  )
}
