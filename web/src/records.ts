// What the app shows and edits for each kind of record.
import type { Kind, RecordBody, RecordRequest } from './api/types'
import { money, parseMoney } from './format'

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified']
export const DEAL_STAGES = ['qualification', 'proposal', 'negotiation', 'won', 'lost']

export const isPerson = (k: Kind) => k === 'contact' || k === 'lead'
export const hasPhones = (k: Kind) => k !== 'deal'

/** address joins the address fields into one line. */
export function address(r: Pick<RecordBody, 'street' | 'city' | 'region' | 'postal_code' | 'country'>): string {
  return [r.street, r.city, [r.region, r.postal_code].filter(Boolean).join(' '), r.country].filter((s) => s && s.trim()).join(', ')
}

export interface Column {
  label: string
  value: (r: RecordBody) => string
  wide?: boolean
}

const firstPhone = (r: RecordBody) => (r.phones.length ? `${r.phones[0].raw || r.phones[0].e164}${r.phones.length > 1 ? ` (+${r.phones.length - 1})` : ''}` : '')

export const COLUMNS: Record<Kind, Column[]> = {
  contact: [
    { label: 'Company', value: (r) => r.company },
    { label: 'Title', value: (r) => r.title, wide: true },
    { label: 'Phone', value: firstPhone },
    { label: 'E-mail', value: (r) => r.email, wide: true },
  ],
  lead: [
    { label: 'Company', value: (r) => r.company },
    { label: 'Status', value: (r) => r.status },
    { label: 'Phone', value: firstPhone, wide: true },
    { label: 'E-mail', value: (r) => r.email, wide: true },
  ],
  account: [
    { label: 'City', value: (r) => [r.city, r.region].filter(Boolean).join(', ') },
    { label: 'Phone', value: firstPhone, wide: true },
  ],
  deal: [
    { label: 'Stage', value: (r) => r.stage },
    { label: 'Amount', value: (r) => money(r.amount) },
    { label: 'Close date', value: (r) => r.close_date, wide: true },
  ],
}

/** Form is the editable values of a record, as strings for inputs. */
export interface RecordFormValues {
  first_name: string
  last_name: string
  name: string
  company: string
  title: string
  email: string
  street: string
  city: string
  region: string
  postal_code: string
  country: string
  status: string
  stage: string
  amount: string
  close_date: string
  account_id: string
  contact_id: string
  /** Empty: unchanged (the form shows an owner only to admins). */
  owner_id: string
  phones: { label: string; number: string }[]
}

export function emptyForm(kind: Kind): RecordFormValues {
  return {
    first_name: '', last_name: '', name: '', company: '', title: '', email: '', street: '', city: '', region: '',
    postal_code: '', country: '', status: kind === 'lead' ? 'new' : '', stage: kind === 'deal' ? 'qualification' : '',
    amount: '', close_date: '', account_id: '', contact_id: '', owner_id: '',
    phones: hasPhones(kind) ? [{ label: 'mobile', number: '' }] : [],
  }
}

export function formFromRecord(r: RecordBody): RecordFormValues {
  return {
    first_name: r.first_name, last_name: r.last_name, name: r.name, company: r.company, title: r.title, email: r.email,
    street: r.street, city: r.city, region: r.region, postal_code: r.postal_code, country: r.country,
    status: r.status, stage: r.stage, amount: r.amount ? (r.amount / 100).toFixed(2) : '', close_date: r.close_date,
    account_id: r.account_id ? String(r.account_id) : '', contact_id: r.contact_id ? String(r.contact_id) : '',
    owner_id: '', // unchanged unless an admin picks another owner
    phones: r.phones.map((p) => ({ label: p.label, number: p.raw || p.e164 })),
  }
}

/** The fields each kind's form shows, in order. */
export function formFields(kind: Kind): (keyof RecordFormValues)[] {
  const addr: (keyof RecordFormValues)[] = ['street', 'city', 'region', 'postal_code', 'country']
  switch (kind) {
    case 'contact':
      return ['first_name', 'last_name', 'company', 'title', 'email', 'account_id', ...addr, 'phones']
    case 'lead':
      return ['first_name', 'last_name', 'company', 'title', 'email', 'status', ...addr, 'phones']
    case 'account':
      return ['name', 'email', ...addr, 'phones']
    case 'deal':
      return ['name', 'stage', 'amount', 'close_date', 'account_id', 'contact_id']
  }
}

/** toRequest builds the request body; phone rows left blank are not sent,
 * and rowOf maps the index the server reports back to the form's row. */
export function toRequest(kind: Kind, v: RecordFormValues): { body: RecordRequest; rowOf: number[]; localErrors: Record<string, string> } {
  const body: Record<string, unknown> = {}
  const localErrors: Record<string, string> = {}
  const rowOf: number[] = []
  for (const f of formFields(kind)) {
    if (f === 'phones') {
      const phones: { label: string; number: string }[] = []
      v.phones.forEach((p, i) => {
        if (p.number.trim()) {
          rowOf.push(i)
          phones.push({ label: p.label, number: p.number.trim() })
        }
      })
      body.phones = phones
    } else if (f === 'amount') {
      const cents = parseMoney(v.amount)
      if (cents === null) localErrors.amount = 'must be an amount like 1250.00'
      else body.amount = cents
    } else if (f === 'account_id' || f === 'contact_id') {
      body[f] = v[f] ? Number(v[f]) : 0
    } else {
      body[f] = v[f]
    }
  }
  if (v.owner_id) body.owner_id = Number(v.owner_id)
  return { body: body as RecordRequest, rowOf, localErrors }
}

/** mapPhoneErrors renames phones[i]… errors from the sent index to the row. */
export function mapPhoneErrors(fields: Record<string, string>, rowOf: number[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) {
    const m = /^phones\[(\d+)\](.*)$/.exec(k)
    out[m && rowOf[Number(m[1])] !== undefined ? `phones[${rowOf[Number(m[1])]}]${m[2]}` : k] = v
  }
  return out
}

