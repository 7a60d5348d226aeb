// How the softphone shows times, callers and reasons.
import type { CardContact, MissedReason } from './types'

/** timer shows the time since start as m:ss (minutes keep counting past
 * 59: 75:03). Before start (clock skew) it shows 0:00. */
export function timer(startISO: string | null | undefined, nowMs: number): string {
  if (!startISO) return '0:00'
  const start = Date.parse(startISO)
  if (Number.isNaN(start)) return '0:00'
  const s = Math.max(0, Math.floor((nowMs - start) / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** caller is the caller's number as shown (R-IN-9): withheld numbers are "Anonymous". */
export function caller(from: string, anonymous: boolean): string {
  return anonymous || !from ? 'Anonymous' : from
}

/** party is the other side of a call: the caller, or the customer called. */
export function party(c: { direction: string; from: string; to?: string; anonymous: boolean }): string {
  return c.direction === 'outbound' ? c.to || 'Unknown' : caller(c.from, c.anonymous)
}

const REASONS: Record<MissedReason, string> = {
  'no-answer': 'Not answered',
  rejected: 'Rejected',
  abandoned: 'Caller hung up',
  voicemail: 'Voicemail',
  forwarded: 'Forwarded',
}

/** reason says why a call was missed, in words. */
export function reason(r: string): string {
  return REASONS[r as MissedReason] || r
}

/** cardSummary is a one-line description of the contact card, for
 * notifications and announcements: "Margaret Smith (Marcom)", "Unknown",
 * or the first name and how many more. */
export function cardSummary(contacts: CardContact[] | undefined): string {
  if (!contacts || contacts.length === 0) return 'Unknown'
  const first = contacts[0].company ? `${contacts[0].name} (${contacts[0].company})` : contacts[0].name
  return contacts.length === 1 ? first : `${first} and ${contacts.length - 1} more`
}
