// The softphone's state and the pure reducer that applies each event of
// the stream to it. Every payload is a whole object, so applying one twice
// (an event that arrives again on top of a sync) is harmless.
import type { Heartbeat, MissedCall, MissedEvent, PhoneCall, Presence, SyncState } from './types'

export interface PhoneState {
  /** Every org member's presence, by user id. */
  presence: Record<number, Presence>
  /** Calls ringing the user or in progress with them, oldest first. */
  calls: PhoneCall[]
  heartbeat: Heartbeat | null
  /** Missed calls not yet seen (the badge); null until known. */
  unseen: number | null
  /** Missed calls that arrived live since the app started, newest first. */
  missed: MissedCall[]
  /** True once a sync (or resync) was applied. */
  synced: boolean
}

export const EMPTY: PhoneState = { presence: {}, calls: [], heartbeat: null, unseen: null, missed: [], synced: false }

const byStart = (a: PhoneCall, b: PhoneCall) => a.started_at.localeCompare(b.started_at) || a.id - b.id

/** upsertCall adds or replaces a call; an ended call is removed. */
export function upsertCall(calls: PhoneCall[], c: PhoneCall): PhoneCall[] {
  const rest = calls.filter((x) => x.id !== c.id)
  if (c.ended) return rest
  return [...rest, c].sort(byStart)
}

/** reduce applies one event of type typ with its parsed data. Unknown
 * types leave the state as it is (a newer server may send more). */
export function reduce(s: PhoneState, typ: string, data: unknown): PhoneState {
  switch (typ) {
    case 'sync':
    case 'resync': {
      const st = data as SyncState
      const presence: Record<number, Presence> = {}
      for (const p of st.presence || []) presence[p.user_id] = p
      const calls = (st.calls || []).filter((c) => !c.ended).sort(byStart)
      return { ...s, presence, calls, heartbeat: st.heartbeat || s.heartbeat, synced: true }
    }
    case 'presence': {
      const p = data as Presence
      return { ...s, presence: { ...s.presence, [p.user_id]: p } }
    }
    case 'call':
      return { ...s, calls: upsertCall(s.calls, data as PhoneCall) }
    case 'missed': {
      const m = data as MissedEvent
      return { ...s, unseen: m.unseen, missed: [m.call, ...s.missed.filter((x) => x.id !== m.call.id)].slice(0, 100) }
    }
    case 'missed_seen':
      return { ...s, unseen: (data as { unseen: number }).unseen }
    default:
      return s
  }
}

const outbound = (c: PhoneCall) => c.direction === 'outbound'

/** ringing lists the calls ringing the user now, oldest first (an
 * outbound call rings the customer, not the user). */
export function ringing(s: PhoneState): PhoneCall[] {
  return s.calls.filter((c) => c.ringing && !outbound(c))
}

/** dialling lists the user's outbound calls whose customer is not
 * answering yet (ringing, or not yet reached). */
export function dialling(s: PhoneState, me: number): PhoneCall[] {
  return s.calls.filter((c) => outbound(c) && c.answered_by !== me)
}

/** inCall is the call the user is in, if any. */
export function inCall(s: PhoneState, me: number): PhoneCall | undefined {
  return s.calls.find((c) => !c.ringing && c.answered_by === me)
}

export type PresenceShown = 'offline' | 'online' | 'busy' | 'unreachable'

/** shown is how an agent's presence is shown (R-AG-1): offline as they
 * set it, unreachable when online but their app stopped beating, busy on
 * a call, else online. */
export function shown(p: Presence | undefined): PresenceShown {
  if (!p || p.status === 'offline') return 'offline'
  if (!p.reachable) return 'unreachable'
  return p.busy ? 'busy' : 'online'
}
