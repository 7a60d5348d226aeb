// The summaries waiting in the dock and the follow-up call reminders.
// Pending summaries are kept in sessionStorage (per tab, with the drafts,
// cleared on sign-out) so a reload does not lose one; a summary saved or
// skipped in one tab closes in the user's other tabs (BroadcastChannel).
import { signal } from '@preact/signals'
import { pendingOf, summaryDue, type CallSummary, type Pending, type Reminder } from './summary'
import type { PhoneCall } from './types'

/** The summaries to fill in, oldest first. */
export const pendingSummaries = signal<Pending[]>([])
/** Follow-up calls due, oldest first, until dismissed. */
export const reminders = signal<Reminder[]>([])
/** The last summary saved in this tab (lists of calls needing an outcome refresh on it). */
export const lastSaved = signal<CallSummary | null>(null)
/** What the dock announces once a summary closes. */
export const summaryNews = signal('')

// Storage under the drafts' prefix, so clearDrafts (sign-out) removes it.
const KEY = 'sb:draft:summaries:'
const DONE_KEPT = 100

interface Stored {
  pending: Pending[]
  /** Calls saved or skipped: a repeated end event does not reopen them. */
  done: number[]
}

let user = 0
let done: number[] = []
let channel: BroadcastChannel | null = null

/** PendingStore is where pending summaries survive a reload (sessionStorage). */
export type PendingStore = Pick<Storage, 'getItem' | 'setItem'>

function storage(): PendingStore | null {
  try {
    return sessionStorage
  } catch {
    return null
  }
}

/** readStored reads a user's pending summaries; anything unreadable is none. */
export function readStored(s: PendingStore | null, id: number): Stored {
  try {
    const v = JSON.parse(s?.getItem(KEY + id) || 'null') as Stored | null
    if (v && Array.isArray(v.pending) && Array.isArray(v.done)) return v
  } catch {
    // not ours or damaged: start empty
  }
  return { pending: [], done: [] }
}

function save() {
  try {
    storage()?.setItem(KEY + user, JSON.stringify({ pending: pendingSummaries.value, done } satisfies Stored))
  } catch {
    // quota or private mode: kept in memory only
  }
}

/** startSummaries loads the user's pending summaries; the returned
 * function forgets them in memory (sign-out). */
export function startSummaries(id: number): () => void {
  user = id
  const st = readStored(storage(), id)
  done = st.done
  pendingSummaries.value = st.pending
  reminders.value = []
  try {
    channel = new BroadcastChannel(`sb-summary-${id}`)
    channel.onmessage = (e: MessageEvent<{ closed?: number; dismissed?: number }>) => {
      if (e.data.closed) close(e.data.closed, false)
      if (e.data.dismissed) dismissReminder(e.data.dismissed, false)
    }
  } catch {
    channel = null // no BroadcastChannel: each tab keeps its own
  }
  return () => {
    channel?.close()
    channel = null
    user = 0
    done = []
    pendingSummaries.value = []
    reminders.value = []
  }
}

/** openSummary puts a summary in the dock (once; again after it was
 * skipped only when asked explicitly, from a needs-outcome list). */
export function openSummary(p: Pending, explicit = false): void {
  if (!user || pendingSummaries.value.some((x) => x.id === p.id)) return
  if (done.includes(p.id)) {
    if (!explicit) return
    done = done.filter((x) => x !== p.id)
  }
  pendingSummaries.value = [...pendingSummaries.value, p]
  save()
}

/** callChanged opens the summary when a call event ends a call the user
 * answered or placed; before is the call as the dock knew it. */
export function callChanged(c: PhoneCall, before: PhoneCall | undefined, me: number): void {
  if (summaryDue(c, me)) openSummary(pendingOf(c, before))
}

function close(id: number, tell: boolean) {
  if (!done.includes(id)) done = [...done, id].slice(-DONE_KEPT)
  pendingSummaries.value = pendingSummaries.value.filter((x) => x.id !== id)
  save()
  if (tell) channel?.postMessage({ closed: id })
}

/** summarySaved closes a saved summary here and in the user's other tabs. */
export function summarySaved(s: CallSummary, who: string): void {
  close(s.call_id, true)
  lastSaved.value = s
  summaryNews.value = `Summary of the call with ${who} saved.`
}

/** summarySkipped closes a summary unsaved: the call keeps needing an outcome. */
export function summarySkipped(id: number, who: string): void {
  close(id, true)
  summaryNews.value = `Summary of the call with ${who} skipped; the call needs an outcome.`
}

/** remind shows a follow-up call's reminder (once per task), and a
 * desktop notification while the tab is hidden. */
export function remind(r: Reminder): void {
  if (reminders.value.some((x) => x.task_id === r.task_id)) return
  reminders.value = [...reminders.value, r]
  notifyReminder(r)
}

/** dismissReminder removes a reminder here and in the user's other tabs. */
export function dismissReminder(taskId: number, tell = true): void {
  if (!reminders.value.some((x) => x.task_id === taskId)) return
  reminders.value = reminders.value.filter((x) => x.task_id !== taskId)
  if (tell) channel?.postMessage({ dismissed: taskId })
}

/** reminderText is what a reminder says: "Call Simon Martin (+1…) — Follow up". */
export function reminderText(r: Reminder): string {
  const who = r.record_name ? `${r.record_name} (${r.phone})` : r.phone || 'the customer'
  return `Call ${who}`
}

function notifyReminder(r: Reminder) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || document.visibilityState !== 'hidden') return
  try {
    const n = new Notification(reminderText(r), { body: r.title, tag: `reminder-${r.task_id}` })
    n.onclick = () => {
      window.focus()
      n.close()
    }
  } catch {
    // notifications unavailable (e.g. a mobile browser needs a service worker)
  }
}
