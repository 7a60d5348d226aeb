// The after-call summary (R-POST-1): its wire shapes and the pure rules
// the panel follows — when a call's end opens a summary, what the form
// starts with, and the request it sends.
import type { components } from '../api/schema'
import type { PhoneCall } from './types'

type S = components['schemas']

/** GET/PUT /api/v1/calls/{id}/summary: notes are prefilled with those typed during the call. */
export type CallSummary = S['SummaryBody']
export type SummaryRequest = S['SummaryRequest']
export type FollowUpRequest = S['FollowUpRequest']
/** A call log entry, with its summary's outcome (GET /api/v1/calls). */
export type CallEntry = S['CallBody']
export type CallEntryList = S['CallList']

/** The `reminder` event: a follow-up call is due. */
export interface Reminder {
  task_id: number
  title: string
  record_id: number | null
  record_name: string
  phone: string
  due_at: string
}

/** A colleague the follow-up may be assigned to. */
export interface Person {
  id: number
  name: string
}

/** A summary waiting in the dock: the call, who was on the other side
 * (until the summary says the record), and the record owners from the
 * call's contact card (assignees an agent can choose besides themself). */
export interface Pending {
  id: number
  party: string
  owners: Person[]
}

/** summaryDue says whether a call event ends a call the user has to sum
 * up: one they answered, or one they placed (answered or not). A call
 * that merely rang them (answered elsewhere, missed) does not. */
export function summaryDue(c: PhoneCall, me: number): boolean {
  return !!c.ended && !!me && (c.answered_by === me || c.direction === 'outbound')
}

/** pendingOf is the summary a call's end opens; before is the call as the
 * dock last knew it (the ended event carries no contact card). */
export function pendingOf(c: PhoneCall, before: PhoneCall | undefined): Pending {
  const party = c.direction === 'outbound' ? c.to || '' : c.anonymous ? 'Anonymous' : c.from
  const owners: Person[] = []
  for (const ct of before?.contacts || []) {
    if (ct.owner && !owners.some((o) => o.id === ct.owner!.id)) owners.push({ id: ct.owner.id, name: ct.owner.name })
  }
  return { id: c.id, party, owners }
}

export type FollowKind = 'none' | 'task' | 'call'

/** The panel's form, as typed (kept as a draft across reloads). */
export interface SummaryForm {
  outcome: string
  notes: string
  /** The deal id, "" for none. */
  deal: string
  follow: FollowKind
  title: string
  /** YYYY-MM-DD, for a follow-up task. */
  dueDate: string
  /** A datetime-local value (YYYY-MM-DDTHH:MM, the browser's time), for a follow-up call. */
  dueAt: string
  /** The assignee's user id. */
  assignee: string
}

/** addDays adds n days to a YYYY-MM-DD date. */
export function addDays(ymd: string, n: number): string {
  const d = new Date(`${ymd}T00:00:00Z`)
  if (Number.isNaN(d.getTime())) return ymd
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** localInput shows an instant as a datetime-local value in the browser's time zone. */
export function localInput(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** instantOf reads a datetime-local value (the browser's time) as RFC 3339
 * UTC; what cannot be read is sent as typed, for the server to name. */
export function instantOf(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return local
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? local : d.toISOString().replace('.000Z', 'Z')
}

/** defaultTitle is the follow-up's title until the agent types one. */
export function defaultTitle(kind: FollowKind, name: string): string {
  if (kind === 'call') return name ? `Call ${name}` : 'Call back'
  return name ? `Follow up with ${name}` : 'Follow up'
}

/** formOf is the form for a summary: what was saved, else the call's
 * notes, no outcome, and a follow-up (if chosen) due tomorrow, for me. */
export function formOf(s: CallSummary, me: number, today: string, party: string): SummaryForm {
  const name = s.record?.name || party
  const f = s.follow_up
  const tomorrow = addDays(today, 1)
  const follow: FollowKind = f ? f.kind : 'none'
  return {
    outcome: s.summary_outcome,
    notes: s.notes,
    deal: s.deal_id ? String(s.deal_id) : '',
    follow,
    title: f?.title || defaultTitle(follow === 'none' ? 'task' : follow, name),
    dueDate: f?.due_date || tomorrow,
    dueAt: f?.due_at ? localInput(f.due_at) : `${tomorrow}T10:00`,
    assignee: String(f?.assignee_id || me),
  }
}

/** withFollow switches the follow-up kind, keeping a typed title but
 * swapping the default one. */
export function withFollow(f: SummaryForm, kind: FollowKind, name: string): SummaryForm {
  const typed = f.title !== defaultTitle('task', name) && f.title !== defaultTitle('call', name)
  return { ...f, follow: kind, title: typed || kind === 'none' ? f.title : defaultTitle(kind, name) }
}

/** requestOf is what Save sends. Nothing is checked here: the server
 * names every bad field. */
export function requestOf(f: SummaryForm): SummaryRequest {
  const assignee = Number(f.assignee) || undefined
  const title = f.title.trim() || undefined
  let follow_up: FollowUpRequest | null = null
  if (f.follow === 'task') follow_up = { kind: 'task', title, due_date: f.dueDate, assignee_id: assignee }
  if (f.follow === 'call') follow_up = { kind: 'call', title, due_at: instantOf(f.dueAt), assignee_id: assignee }
  return { summary_outcome: f.outcome, notes: f.notes, deal_id: f.deal ? Number(f.deal) : null, follow_up }
}

/** The fields the panel shows errors beside. */
export const SUMMARY_FIELDS = [
  'summary_outcome', 'notes', 'deal_id', 'follow_up', 'follow_up.kind', 'follow_up.title',
  'follow_up.due_date', 'follow_up.due_at', 'follow_up.assignee_id',
] as const

/** outcomeChoices lists the org's outcomes, plus the saved one when it was
 * renamed or removed since (so the select still shows it). */
export function outcomeChoices(org: string[], current: string): string[] {
  return current && !org.includes(current) ? [...org, current] : org
}

/** assignees lists who a follow-up may go to: me first, then the users
 * the app knows (admins see everyone; agents the record owners). */
export function assignees(me: Person, known: Person[]): Person[] {
  const out = [me]
  for (const p of known) if (!out.some((o) => o.id === p.id)) out.push(p)
  return out
}
