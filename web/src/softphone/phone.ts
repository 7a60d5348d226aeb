// The softphone's one event-stream client and its device: an EventSource
// on /api/v1/events whose events are applied to the `phone` signal by the
// pure reducer (state.ts); the device back-end asked of GET
// /api/v1/softphone at start and after every reconnect; the heartbeat while
// the agent is online; desktop notifications for calls ringing a hidden tab.
import { computed, effect, signal } from '@preact/signals'
import { toApiError } from '../api/client'
import { api } from '../api/endpoints'
import { backendFor, createDevice, refreshDelay, type Device } from './device'
import { cardSummary, caller } from './format'
import { startBeating, type Ticker } from './heartbeat'
import { dialling, EMPTY, inCall, reduce, ringing, shown, type PhoneState } from './state'
import type { Reminder } from './summary'
import { callChanged, remind } from './summaryStore'
import type { DeviceInfo, PhoneCall, Presence } from './types'

export const phone = signal<PhoneState>(EMPTY)
/** The event stream: connecting (or reconnecting), open, or down (refused; retrying later). */
export const link = signal<'connecting' | 'open' | 'down'>('connecting')
export const device = signal<Device | null>(null)
export const deviceInfo = signal<DeviceInfo | null>(null)
/** Why calls cannot ring this browser, when they cannot. */
export const deviceProblem = signal('')
export const myId = signal(0)

export const myPresence = computed<Presence | undefined>(() => phone.value.presence[myId.value])
export const myShown = computed(() => shown(myPresence.value))
export const ringingCalls = computed(() => ringing(phone.value))
export const currentCall = computed(() => inCall(phone.value, myId.value))
export const outgoingCalls = computed(() => dialling(phone.value, myId.value))

const TYPES = ['sync', 'resync', 'presence', 'call', 'missed', 'missed_seen', 'reminder'] as const

/** apply applies one event to the state (also used for REST answers that
 * carry the same objects as events). */
export function apply(typ: string, data: unknown): void {
  const before = phone.value
  phone.value = reduce(before, typ, data)
  if (typ === 'call') {
    const c = data as PhoneCall
    notify(c)
    // A call the agent answered or placed has ended: its summary opens (R-POST-1).
    callChanged(c, before.calls.find((x) => x.id === c.id), myId.value)
  }
  if (typ === 'reminder') remind(data as Reminder)
}

/** problem is what to tell the user about a failed action. */
export function problem(e: unknown): string {
  if (e instanceof Error && e.message) return e.message
  return toApiError(e).message
}

/** setMyStatus sets the agent online or offline. Going online is a user
 * gesture, so it is when the app asks to show desktop notifications. */
export async function setMyStatus(status: 'online' | 'offline'): Promise<void> {
  if (status === 'online' && typeof Notification !== 'undefined' && Notification.permission === 'default') {
    void Notification.requestPermission().catch(() => undefined)
  }
  apply('presence', await api.setMyStatus(status))
}

/** refreshUnseen reads the missed-calls badge count. */
export async function refreshUnseen(): Promise<void> {
  try {
    const r = await api.missedCalls({ limit: 1 })
    phone.value = { ...phone.value, unseen: r.unseen }
  } catch {
    // the badge stays as it was; the next sync tries again
  }
}

/** markMissedSeen resets the badge (the missed-calls list is on screen). */
export async function markMissedSeen(): Promise<void> {
  await api.missedSeen()
  phone.value = { ...phone.value, unseen: 0 }
}

const notes = new Map<number, Notification>()

/** notify shows a desktop notification for a call ringing while the tab
 * is hidden, and closes it once the call stops ringing. */
function notify(c: PhoneCall) {
  const open = notes.get(c.id)
  if (!c.ringing || c.ended || c.direction === 'outbound') {
    open?.close()
    notes.delete(c.id)
    return
  }
  if (open || typeof Notification === 'undefined' || Notification.permission !== 'granted' || document.visibilityState !== 'hidden') return
  try {
    const n = new Notification(`Incoming call from ${caller(c.from, c.anonymous)}`, { body: cardSummary(c.contacts), tag: `call-${c.id}` })
    n.onclick = () => {
      window.focus()
      n.close()
    }
    notes.set(c.id, n)
  } catch {
    // notifications unavailable (e.g. a mobile browser needs a service worker)
  }
}

/** startPhone opens the event stream and sets up the device for user;
 * the returned function stops both (sign-out). */
export function startPhone(user: number): () => void {
  myId.value = user
  phone.value = EMPTY
  let stopped = false
  let es: EventSource | null = null
  let lastId = ''
  let opened = false
  let attempt = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let tokenTimer: ReturnType<typeof setTimeout> | undefined

  async function setupDevice() {
    clearTimeout(tokenTimer)
    let info: DeviceInfo
    try {
      info = await api.softphone()
    } catch (e) {
      deviceProblem.value = `Calls cannot ring in this browser: ${toApiError(e).message}`
      return
    }
    if (stopped) return
    deviceInfo.value = info
    const want = backendFor(info)
    const cur = device.value
    if (cur && cur.kind === want) {
      cur.update(info)
    } else {
      cur?.destroy()
      device.value = null
      deviceProblem.value = want ? '' : info.reason || 'Calls cannot ring in this browser.'
      if (want) {
        try {
          const d = await createDevice(info)
          await d?.register()
          if (stopped) d?.destroy()
          else device.value = d
        } catch (e) {
          deviceProblem.value = `The phone could not start: ${(e as Error).message}`
        }
      }
    }
    const delay = refreshDelay(info.expires_at, Date.now())
    if (delay !== null && !stopped) tokenTimer = setTimeout(setupDevice, delay)
  }

  function open() {
    if (stopped) return
    link.value = 'connecting'
    const src = new EventSource(lastId ? `/api/v1/events?last_event_id=${encodeURIComponent(lastId)}` : '/api/v1/events')
    es = src
    src.onopen = () => {
      link.value = 'open'
      attempt = 0
      if (opened) void setupDevice()
      opened = true
    }
    for (const t of TYPES) {
      src.addEventListener(t, (e) => {
        const m = e as MessageEvent<string>
        if (m.lastEventId) lastId = m.lastEventId
        let data: unknown
        try {
          data = JSON.parse(m.data)
        } catch {
          return
        }
        apply(t, data)
        if (t === 'sync' || t === 'resync') void refreshUnseen()
      })
    }
    src.onerror = () => {
      if (src.readyState !== EventSource.CLOSED) {
        link.value = 'connecting' // the browser reconnects by itself, sending Last-Event-ID
        return
      }
      // Refused (signed out, too many tabs, server restarting): the browser
      // gives up, so the app opens a new stream later.
      link.value = 'down'
      es = null
      retryTimer = setTimeout(open, Math.min(30_000, 2_000 * 2 ** attempt++))
    }
  }

  let beating: Ticker | null = null
  let beatEvery = 0
  const stopBeat = effect(() => {
    const online = myPresence.value?.status === 'online'
    const every = phone.value.heartbeat?.interval_seconds || 0
    if (online && every && beating && every === beatEvery) return
    beating?.stop()
    beating = null
    beatEvery = every
    if (online && every && !stopped) {
      beating = startBeating(every, () => {
        api.heartbeat().then((r) => apply('presence', r.presence), () => undefined)
      })
    }
  })

  // A page kept in the back/forward cache would keep its stream open and,
  // with a few of them, use up the browser's connections to the server
  // (six per host over HTTP/1.1): close it when the page is hidden away,
  // open it again (resuming) if the page comes back.
  const onHide = () => {
    es?.close()
    es = null
    clearTimeout(retryTimer)
  }
  const onShow = (e: PageTransitionEvent) => {
    if (e.persisted && !stopped && !es) open()
  }
  window.addEventListener('pagehide', onHide)
  window.addEventListener('pageshow', onShow)

  open()
  void setupDevice()
  return () => {
    stopped = true
    window.removeEventListener('pagehide', onHide)
    window.removeEventListener('pageshow', onShow)
    es?.close()
    clearTimeout(retryTimer)
    clearTimeout(tokenTimer)
    stopBeat()
    beating?.stop()
    device.value?.destroy()
    device.value = null
    for (const n of notes.values()) n.close()
    notes.clear()
    phone.value = EMPTY
  }
}
