// Global search results: grouped by record type, one row per phone number.
import type { Kind, SearchHit } from './api/types'

export const KIND_LABEL: Record<Kind, string> = { contact: 'Contact', lead: 'Lead', account: 'Account', deal: 'Deal' }
export const KIND_PLURAL: Record<Kind, string> = { contact: 'Contacts', lead: 'Leads', account: 'Accounts', deal: 'Deals' }
const ORDER: Kind[] = ['contact', 'lead', 'account', 'deal']

export interface HitGroup {
  kind: Kind
  label: string
  hits: SearchHit[]
}

/** groupHits groups hits by kind (contacts, leads, accounts, deals), keeping
 * the server's order inside each group; empty groups are left out. */
export function groupHits(items: readonly SearchHit[]): HitGroup[] {
  return ORDER.map((kind) => ({ kind, label: KIND_PLURAL[kind], hits: items.filter((h) => h.kind === kind) })).filter(
    (g) => g.hits.length > 0,
  )
}

/** flatten lists hits in display order, for keyboard navigation. */
export function flatten(groups: readonly HitGroup[]): SearchHit[] {
  return groups.flatMap((g) => g.hits)
}

/** hitKey identifies one row: a record with one of its numbers. */
export function hitKey(h: SearchHit): string {
  return `${h.record_id}:${h.phone ? h.phone.id || h.phone.e164 : '-'}`
}

/** hitDetail is the secondary line: company and address when known. */
export function hitDetail(h: SearchHit): string {
  return [h.company, h.address].filter((s) => s && s.trim()).join(' · ')
}

/** phoneText shows a number as it was typed, with its label. */
export function phoneText(p: { label: string; raw: string; e164: string } | null | undefined): string {
  if (!p) return ''
  return `${p.label}: ${p.raw || p.e164}`
}

/** shouldSearch: at least 2 characters, or 1 digit-free letter is too broad. */
export function normaliseQuery(q: string): string | null {
  const t = q.trim()
  return t.length >= 2 ? t.slice(0, 100) : null
}
