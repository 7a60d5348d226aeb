// The contact card of a call (R-AG-3): every CRM record whose phone
// matches the caller, or "Unknown".
import { Link } from '../components/ui'
import type { CardContact } from './types'

const KIND: Record<CardContact['kind'], string> = { contact: 'Contact', lead: 'Lead', account: 'Account' }

export function ContactCard({ contacts, label }: { contacts: CardContact[] | undefined; label: string }) {
  if (!contacts || contacts.length === 0) {
    return (
      <p class="card-unknown" aria-label={label}>
        Unknown
      </p>
    )
  }
  return (
    <ul class="contact-card" aria-label={label}>
      {contacts.map((c) => (
        <li key={c.record_id}>
          <p class="card-name">
            <Link href={`/records/${c.record_id}`}>{c.name}</Link> <span class="badge badge-muted">{KIND[c.kind] || c.kind}</span>
          </p>
          <dl class="card-fields">
            {c.company && (
              <div>
                <dt>Company</dt>
                <dd>{c.company}</dd>
              </div>
            )}
            <div>
              <dt>Open deal</dt>
              <dd>{c.open_deal ? `${c.open_deal.name} (${c.open_deal.stage})` : 'None'}</dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd>{c.owner ? c.owner.name : 'Nobody'}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  )
}
