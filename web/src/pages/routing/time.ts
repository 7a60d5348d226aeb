// Time helpers for the routing page: business hours (wall-clock "HH:MM" in
// the org's time zone, R-IN-16), the test console's date and time, and the
// offsets of a test call's steps.
import type { Holiday, Hours, TimeRange, Week } from './api'

export type Day = keyof Week
export const WEEK: readonly { key: Day; label: string }[] = [
  { key: 'monday', label: 'Monday' },
  { key: 'tuesday', label: 'Tuesday' },
  { key: 'wednesday', label: 'Wednesday' },
  { key: 'thursday', label: 'Thursday' },
  { key: 'friday', label: 'Friday' },
  { key: 'saturday', label: 'Saturday' },
  { key: 'sunday', label: 'Sunday' },
]
export const MAX_RANGES = 12

/** offset shows a step's time since the call was placed: 0 → "0:00",
 * 1.5 → "0:01.5", 65 → "1:05", 3725 → "1:02:05". */
export function offset(seconds: number): string {
  const s = Math.max(0, Math.round(seconds * 10) / 10)
  const whole = Math.floor(s)
  const tenth = Math.round((s - whole) * 10)
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const ss = String(whole % 60).padStart(2, '0')
  const frac = tenth ? `.${tenth}` : ''
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}${frac}` : `${m}:${ss}${frac}`
}

/** parseClock reads "HH:MM" as minutes since midnight; "24:00" only as the
 * end of a range (as the server does). */
export function parseClock(s: string, end = false): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(s)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (end && h === 24 && min === 0) return 24 * 60
  if (h > 23 || min > 59) return null
  return h * 60 + min
}

/** normClock tidies what an admin typed into "HH:MM": "9" → "09:00",
 * "9:5" stays invalid, "930" → "09:30", "17.30" → "17:30". Anything it
 * cannot read is returned trimmed, for the server to name. */
export function normClock(s: string): string {
  const t = s.trim()
  let m = /^(\d{1,2})$/.exec(t)
  if (m) return `${m[1].padStart(2, '0')}:00`
  m = /^(\d{1,2})[:.h](\d{2})$/.exec(t)
  if (m) return `${m[1].padStart(2, '0')}:${m[2]}`
  m = /^(\d{1,2})(\d{2})$/.exec(t)
  if (m) return `${m[1].padStart(2, '0')}:${m[2]}`
  return t
}

/** rangeProblem says what is wrong with an opening range, or null. */
export function rangeProblem(r: TimeRange): string | null {
  const from = parseClock(r.from)
  const to = parseClock(r.to, true)
  if (from === null) return 'Start must be a time HH:MM between 00:00 and 23:59.'
  if (to === null) return 'End must be a time HH:MM between 00:01 and 24:00.'
  if (from >= to) return 'Start must be before end (split a range that crosses midnight over two days).'
  return null
}

/** overlaps lists the indices of a day's ranges that overlap an earlier one. */
export function overlaps(rs: readonly TimeRange[]): number[] {
  const spans = rs
    .map((r, i) => ({ from: parseClock(r.from), to: parseClock(r.to, true), i }))
    .filter((s): s is { from: number; to: number; i: number } => s.from !== null && s.to !== null && s.from < s.to)
    .sort((a, b) => a.from - b.from)
  const out: number[] = []
  let latest = -1
  for (const s of spans) {
    if (latest > s.from) out.push(s.i)
    latest = Math.max(latest, s.to)
  }
  return out.sort((a, b) => a - b)
}

/** nextRange proposes a new range after a day's last one: 09:00–17:00 on
 * an empty day, else one hour after the last end. */
export function nextRange(rs: readonly TimeRange[]): TimeRange {
  const ends = rs.map((r) => parseClock(r.to, true)).filter((x): x is number => x !== null)
  if (ends.length === 0) return { from: '09:00', to: '17:00' }
  const start = Math.min(Math.max(...ends) + 60, 23 * 60)
  const end = Math.min(start + 60, 24 * 60)
  return { from: clock(start), to: clock(end) }
}

/** clock writes minutes since midnight as "HH:MM". */
export function clock(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`
}

/** copyDay gives each of the days the ranges of day from. */
export function copyDay(w: Week, from: Day, to: readonly Day[]): Week {
  const rs = w[from] || []
  const out: Week = { ...w }
  for (const d of to) if (d !== from) out[d] = rs.map((r) => ({ ...r }))
  return out
}

/** weekSummary describes a week in one line: "Mon–Fri 09:00–17:00, Sat
 * 10:00–12:00", or "closed every day". */
export function weekSummary(w: Week): string {
  const text = WEEK.map((d) => (w[d.key] || []).map((r) => `${r.from}–${r.to}`).join(', '))
  const parts: string[] = []
  for (let i = 0; i < 7; ) {
    let j = i
    while (j + 1 < 7 && text[j + 1] === text[i]) j++
    if (text[i]) {
      const name = (k: number) => WEEK[k].label.slice(0, 3)
      parts.push(`${i === j ? name(i) : `${name(i)}–${name(j)}`} ${text[i]}`)
    }
    i = j + 1
  }
  return parts.length ? parts.join('; ') : 'closed every day'
}

/** holidayText describes a holiday: "Christmas, 24 Dec 2026 – 26 Dec 2026". */
export function holidayText(h: Holiday, day: (ymd: string) => string): string {
  const span = h.end_date && h.end_date !== h.date ? `${day(h.date)} – ${day(h.end_date)}` : day(h.date)
  return h.name ? `${h.name}, ${span}` : span
}

/** wallClock is the date and time now in a time zone, as a
 * datetime-local input shows it: "2026-11-23T10:30". */
export function wallClock(timeZone: string, now = new Date()): string {
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(now)
  } catch {
    return now.toISOString().slice(0, 16)
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value || '00'
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`
}

/** parseWallClock reads "YYYY-MM-DDTHH:MM" into its date, weekday and
 * minute of the day, or null. */
export function parseWallClock(at: string): { date: string; day: Day; minute: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(at)
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  if (d.getUTCDate() !== Number(m[3]) || Number(m[4]) > 23 || Number(m[5]) > 59) return null
  const days: Day[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
  return { date: at.slice(0, 10), day: days[d.getUTCDay()], minute: Number(m[4]) * 60 + Number(m[5]) }
}

/** describeWallClock shows "2026-11-23T10:30" as "Monday 23 November 2026,
 * 10:30" (the org's wall clock, not shifted through the browser's zone). */
export function describeWallClock(at: string, locale?: string): string {
  const p = parseWallClock(at)
  if (!p) return at
  const [y, mo, d] = p.date.split('-').map(Number)
  const date = new Date(Date.UTC(y, mo - 1, d)).toLocaleDateString(locale, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  })
  return `${date}, ${at.slice(11)}`
}

/** openAt says whether hours let a call in at a wall-clock time, and why
 * not, as the server decides it (R-IN-16): holidays close all day; then
 * always open, or the day's ranges. */
export function openAt(h: Pick<Hours, 'always_open' | 'weekly' | 'holidays'>, at: string): { open: boolean; why: string } {
  const p = parseWallClock(at)
  if (!p) return { open: false, why: 'not a date and time' }
  const hol = (h.holidays || []).find((x) => x.date <= p.date && p.date <= (x.end_date || x.date))
  if (hol) return { open: false, why: `closed for ${hol.name || 'a holiday'}` }
  if (h.always_open) return { open: true, why: 'always open' }
  const rs = h.weekly[p.day] || []
  const r = rs.find((x) => {
    const from = parseClock(x.from)
    const to = parseClock(x.to, true)
    return from !== null && to !== null && from <= p.minute && p.minute < to
  })
  const day = WEEK.find((d) => d.key === p.day)!.label
  if (r) return { open: true, why: `open ${day} ${r.from}–${r.to}` }
  return { open: false, why: rs.length ? `outside ${day}’s hours` : `closed on ${day}s` }
}
