// A call's summary on a timeline (R-POST-1): the outcome the agent chose,
// the deal the call was about, and the call's notes.
import type { Activity } from '../api/types'
import { Link } from '../components/ui'
import { kindPath } from '../router'

export function SummaryLines({ a }: { a: Activity }) {
  if (!a.summary_outcome && !a.notes && !a.deal_id) return null
  return (
    <div class="call-summary">
      {(a.summary_outcome || a.deal_id) && (
        <p>
          {a.summary_outcome && (
            <>
              <span class="muted">Outcome:</span> <strong>{a.summary_outcome}</strong>
            </>
          )}
          {a.summary_outcome && a.deal_id ? ' · ' : ''}
          {a.deal_id && (
            <>
              <span class="muted">Deal:</span> <Link href={`${kindPath('deal')}/${a.deal_id}`}>{a.deal_name || `Deal #${a.deal_id}`}</Link>
            </>
          )}
        </p>
      )}
      {a.notes && <p class="call-notes">{a.notes}</p>}
    </div>
  )
}
