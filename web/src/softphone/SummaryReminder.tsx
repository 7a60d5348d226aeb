// A follow-up call's reminder in the dock (R-POST-1): who to call and
// why, with Call (the usual click to call) and Dismiss. Placing a call to
// the number dismisses it.
import { useEffect } from 'preact/hooks'
import { Link } from '../components/ui'
import { when } from '../format'
import { CallButton } from './CallButton'
import { phone } from './phone'
import type { Reminder } from './summary'
import { dismissReminder, reminderText } from './summaryStore'

export function SummaryReminder({ r }: { r: Reminder }) {
  const calling = phone.value.calls.some((c) => c.direction === 'outbound' && c.to === r.phone)
  useEffect(() => {
    if (calling) dismissReminder(r.task_id)
  }, [calling])
  const titleId = `reminder-${r.task_id}`
  return (
    <section class="phone-panel reminder" aria-labelledby={titleId}>
      <h2 id={titleId}>Reminder: {reminderText(r)}</h2>
      <p>
        {r.title} <span class="muted">· due <time dateTime={r.due_at}>{when(r.due_at)}</time></span>
      </p>
      {r.record_id && <Link href={`/records/${r.record_id}`}>Open {r.record_name || 'the record'}</Link>}
      <div class="row phone-actions">
        {r.phone && <CallButton to={r.phone} label={r.record_name ? `${r.record_name} ${r.phone}` : r.phone} recordId={r.record_id || undefined} />}
        <button type="button" class="btn btn-small" onClick={() => dismissReminder(r.task_id)}>
          Dismiss<span class="sr-only"> the reminder to {reminderText(r)}</span>
        </button>
      </div>
    </section>
  )
}
