// The softphone's wire shapes: the payloads of the event stream
// (docs/events.md, docs/softphone.md), which the OpenAPI document does not
// describe (the stream is one text/event-stream response there), and the
// REST shapes generated from it.
import type { components } from '../api/schema'

type S = components['schemas']

/** A matching CRM record on the contact card (R-AG-3). */
export interface CardContact {
  record_id: number
  kind: 'contact' | 'lead' | 'account'
  name: string
  company: string
  owner: { id: number; name: string } | null
  open_deal: { id: number; name: string; stage: string } | null
}

/** A call ringing the user or in progress with them (the `call` event and
 * the `calls` of sync/resync). */
export interface PhoneCall {
  id: number
  number_id: number
  number?: string
  direction: string
  from: string
  /** The number called: the customer, on an outbound call. */
  to?: string
  record_id?: number | null
  anonymous: boolean
  leg_sid?: string | null
  ringing: boolean
  ended?: boolean
  status: string
  answered_by: number | null
  started_at: string
  answered_at: string | null
  held?: boolean
  muted?: boolean
  notes?: string
  script?: string
  contacts?: CardContact[]
}

/** An agent's presence (the `presence` event, GET /api/v1/presence). */
export type Presence = S['PresenceBody']
export type HeartbeatBody = S['HeartbeatBody']

export interface Heartbeat {
  interval_seconds: number
  grace_seconds: number
}

/** What sync and resync carry. */
export interface SyncState {
  presence: Presence[]
  calls: PhoneCall[]
  heartbeat: Heartbeat
}

export type MissedReason = 'no-answer' | 'rejected' | 'abandoned' | 'voicemail' | 'forwarded'

/** A call the user missed (R-AG-5). */
export interface MissedCall {
  id: number
  started_at: string
  from: string
  anonymous: boolean
  contacts: CardContact[]
  number_id: number
  number: string
  reason: MissedReason
  answered_by: { id: number; name: string } | null
  recording_url: string | null
}

/** The `missed` event. */
export interface MissedEvent {
  call: MissedCall
  unseen: number
}

export interface MissedList {
  calls: MissedCall[]
  unseen: number
  next: string | null
}

/** The answer of GET /api/v1/softphone: which device back-end to use. */
export type DeviceInfo = S['SoftphoneBody']
export type DeviceAction = S['SoftphoneActionRequest']
/** POST /api/v1/calls (docs/outbound.md). */
export type PlaceCallRequest = S['PlaceCallRequest']
export type PlacedCall = S['PlacedCallBody']
