// The call log's pure parts (R-POST-2, R-POST-3): its filters as they sit
// in the page's URL and as the API takes them, and how a call's time,
// length, cost and deleted recording read.
import type { Query } from './api/client'
import type { components } from './api/schema'

export type CallEntry = components['schemas']['CallBody']
export type CallList = components['schemas']['CallList']
export type Tombstone = components['schemas']['RecordingTombstone']

/** The log's filters, named as in the page's URL and the API's query:
 * summary_outcome is the outcome the agent chose after the call (R-POST-1),
 * needs_outcome "true" the answered calls still waiting for one. */
export const FILTER_KEYS = ['from', 'to', 'agent', 'direction', 'status', 'outcome', 'summary_outcome', 'needs_outcome', 'number'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]
export type Filters = Record<FilterKey, string>

export const DIRECTIONS = [
  { value: 'inbound', label: 'Inbound' },
  { value: 'outbound', label: 'Outbound' },
]
export const STATUSES = [
  { value: 'ringing', label: 'Ringing' },
  { value: 'queued', label: 'Queued' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'completed', label: 'Completed' },
]
/** OUTCOMES are how a call ended (decision 0024). */
export const OUTCOMES = [
  { value: 'answered', label: 'Answered' },
  { value: 'missed', label: 'Missed' },
  { value: 'voicemail', label: 'Voicemail' },
  { value: 'busy', label: 'Busy' },
  { value: 'abandoned', label: 'Abandoned' },
  { value: 'forwarded', label: 'Forwarded' },
  { value: 'failed', label: 'Failed' },
]

/** label finds a value's label in a vocabulary; unknown values show as they are. */
export function label(vocab: { value: string; label: string }[], v: string): string {
  return vocab.find((o) => o.value === v)?.label || v
}

/** filtersFrom reads the filters from the page's query string. */
export function filtersFrom(search: string): Filters {
  const q = new URLSearchParams(search)
  const f = {} as Filters
  for (const k of FILTER_KEYS) f[k] = (q.get(k) || '').trim()
  return f
}

/** searchOf is the page's query string for filters ("" when none is set). */
export function searchOf(f: Partial<Filters>): string {
  const q = new URLSearchParams()
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]!)
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** anyFilter says whether a filter is set. */
export function anyFilter(f: Filters): boolean {
  return FILTER_KEYS.some((k) => f[k] !== '')
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/

/** offsetMinutes is how far timeZone is ahead of UTC at the instant ms. */
function offsetMinutes(timeZone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(ms))
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  return (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(ms / 1000) * 1000) / 60_000
}

/** midnightIn is the instant a day (YYYY-MM-DD) starts in timeZone, as an
 * RFC 3339 UTC time; days later when addDays is given. null when ymd is
 * not a date or the zone is unknown. */
export function midnightIn(ymd: string, timeZone: string, addDays = 0): string | null {
  const m = YMD.exec(ymd)
  if (!m) return null
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays)
  if (Number.isNaN(guess)) return null
  try {
    // The wall time 00:00 at the zone's offsets around it: the earliest
    // that really is midnight there; in a gap (clocks jump at midnight),
    // the day starts when the clocks jump, the later candidate.
    const first = offsetMinutes(timeZone, guess)
    const second = offsetMinutes(timeZone, guess - first * 60_000)
    const candidates = [first, second].map((off) => ({ t: guess - off * 60_000, off }))
    const real = candidates.filter((c) => offsetMinutes(timeZone, c.t) === c.off).map((c) => c.t)
    const t = real.length ? Math.min(...real) : Math.max(...candidates.map((c) => c.t))
    return new Date(t).toISOString().replace('.000Z', 'Z')
  } catch {
    return null
  }
}

/** normalNumber strips the spaces, dots, dashes and brackets people type
 * in a phone number; anything else is left for the server to judge. */
export function normalNumber(s: string): string {
  const t = s.trim()
  const bare = t.replace(/[\s().-]/g, '')
  return /^\+?\d+$/.test(bare) ? bare : t
}

/** apiQuery is the API's query for the page's filters: the dates become
 * the start of the "from" day and the end of the "to" day (inclusive) in
 * the org's time zone; a value the page cannot read goes as it is, so the
 * server names the field and the rule. */
export function apiQuery(f: Filters, timeZone: string): Query {
  const q: Query = {}
  for (const k of FILTER_KEYS) if (f[k]) q[k] = f[k]
  if (f.from) q.from = midnightIn(f.from, timeZone) || f.from
  if (f.to) q.to = midnightIn(f.to, timeZone, 1) || f.to
  if (f.number) q.number = normalNumber(f.number)
  return q
}

/** exportPath is the CSV export of the calls the filters select. */
export function exportPath(f: Filters, timeZone: string): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(apiQuery(f, timeZone))) q.set(k, String(v))
  const s = q.toString()
  return `/api/v1/calls/export${s ? `?${s}` : ''}`
}

/** mmss shows a call's length in seconds as m:ss (minutes keep counting
 * past 59: 75:03); "—" when the call has no length yet. */
export function mmss(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  const s = Math.round(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** cost shows the carrier's price as what the call cost: Twilio gives a
 * charge as a negative decimal ("-0.02000", USD) → "$0.02"; sub-cent
 * prices keep their digits ("$0.0085"). null while the call is not priced. */
export function cost(price: string, unit: string, locale?: string): string | null {
  if (!price || !/^[+-]?\d+(\.\d+)?$/.test(price.trim())) return null
  const amount = 0 - Number(price) || 0 // never "-$0.00"
  const cur = (unit || 'USD').toUpperCase()
  try {
    return new Intl.NumberFormat(locale || 'en-US', { style: 'currency', currency: cur, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount)
  } catch {
    return `${amount} ${cur}`
  }
}

/** callTime shows an instant as a date and time in the org's time zone
 * ("21 Nov 2026, 10:04" in en-GB); the browser's own zone when the org's
 * is unknown. */
export function callTime(iso: string, timeZone?: string, locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
  try {
    return d.toLocaleString(locale, { ...opts, timeZone: timeZone || undefined })
  } catch {
    return d.toLocaleString(locale, opts)
  }
}

/** tombstoneText says who deleted a recording and when (R-POST-3); no
 * user is the org's retention policy. */
export function tombstoneText(t: Tombstone, timeZone?: string, locale?: string): string {
  const who = t.by_id === null ? 'the retention policy' : t.by_name || `user #${t.by_id}`
  return `Recording deleted by ${who} on ${callTime(t.at, timeZone, locale)}`
}

/** recordingPath is where the server streams a call's recording: the
 * browser never sees the carrier's URL nor its credentials. */
export function recordingPath(callId: number): string {
  return `/api/v1/calls/${callId}/recording`
}

/** appendPage adds a further page below the calls loaded, once each (a
 * call that moved between pages while they loaded is not listed twice). */
export function appendPage(loaded: CallEntry[], page: CallEntry[]): CallEntry[] {
  const seen = new Set(loaded.map((c) => c.id))
  return [...loaded, ...page.filter((c) => !seen.has(c.id))]
}

/** replaceCall swaps in a call's new state (after its recording was deleted). */
export function replaceCall(list: CallEntry[], c: CallEntry): CallEntry[] {
  return list.map((x) => (x.id === c.id ? c : x))
}

export interface AgentOption {
  value: string
  label: string
}

/** agentOptions are the agent filter's choices: every user when the list
 * is known (admins), else "me" and the agents of the calls loaded; the
 * chosen one is always there. Sorted by name. */
export function agentOptions(
  users: { id: number; name: string; email?: string }[],
  me: { id: number; name: string } | null,
  calls: CallEntry[],
  chosen: string,
): AgentOption[] {
  const names = new Map<number, string>()
  for (const u of users) names.set(u.id, u.name || u.email || `User #${u.id}`)
  if (users.length === 0) {
    if (me) names.set(me.id, me.name)
    for (const c of calls) for (const a of c.agents) if (!names.has(a.id)) names.set(a.id, a.name)
  }
  const out = [...names].map(([id, n]) => ({ value: String(id), label: me && id === me.id ? `${n} (me)` : n }))
  if (chosen && !names.has(Number(chosen))) out.push({ value: chosen, label: `User #${chosen}` })
  return out.sort((a, b) => a.label.localeCompare(b.label))
}
