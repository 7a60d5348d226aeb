import { describe, expect, it } from 'vitest'
import { EMPTY, inCall, reduce, ringing, shown, type PhoneState } from './state'
import type { MissedCall, PhoneCall, Presence } from './types'

const ME = 7

const call = (id: number, over: Partial<PhoneCall> = {}): PhoneCall => ({
  id,
  number_id: 1,
  number: '+442071234567',
  direction: 'inbound',
  from: '+14155550101',
  anonymous: false,
  leg_sid: `CA${id}`,
  ringing: true,
  ended: false,
  status: 'ringing',
  answered_by: null,
  started_at: `2026-11-21T10:00:0${id}Z`,
  answered_at: null,
  held: false,
  muted: false,
  notes: '',
  script: '',
  contacts: [],
  ...over,
})

const presence = (user: number, over: Partial<Presence> = {}): Presence => ({
  user_id: user,
  status: 'online',
  busy: false,
  reachable: true,
  online_since: '2026-11-21T09:00:00Z',
  last_seen: '2026-11-21T09:00:00Z',
  ...over,
})

const missed = (id: number): MissedCall => ({
  id,
  started_at: '2026-11-21T10:00:00Z',
  from: '+14155550101',
  anonymous: false,
  contacts: [],
  number_id: 1,
  number: '+442071234567',
  reason: 'rejected',
  answered_by: null,
  recording_url: null,
})

type Step = [string, unknown]

const run = (steps: Step[], from: PhoneState = EMPTY) => steps.reduce((s, [t, d]) => reduce(s, t, d), from)

describe('reduce', () => {
  const cases: { name: string; steps: Step[]; want: (s: PhoneState) => void }[] = [
    {
      name: 'sync replaces presence and calls and keeps the heartbeat',
      steps: [
        ['presence', presence(3)],
        ['call', call(9)],
        ['sync', { presence: [presence(ME)], calls: [call(2, { ringing: false, answered_by: ME, status: 'in-progress' })], heartbeat: { interval_seconds: 15, grace_seconds: 45 } }],
      ],
      want: (s) => {
        expect(Object.keys(s.presence)).toEqual([String(ME)])
        expect(s.calls.map((c) => c.id)).toEqual([2])
        expect(s.heartbeat).toEqual({ interval_seconds: 15, grace_seconds: 45 })
        expect(s.synced).toBe(true)
      },
    },
    {
      name: 'resync replaces like sync',
      steps: [
        ['call', call(1)],
        ['resync', { presence: [], calls: [], heartbeat: { interval_seconds: 1, grace_seconds: 3 } }],
      ],
      want: (s) => expect(s.calls).toEqual([]),
    },
    {
      name: 'a call rings, then is answered by me: one call, no longer ringing',
      steps: [
        ['call', call(1)],
        ['call', call(1, { ringing: false, answered_by: ME, status: 'in-progress', answered_at: '2026-11-21T10:00:05Z' })],
      ],
      want: (s) => {
        expect(ringing(s)).toEqual([])
        expect(inCall(s, ME)?.answered_at).toBe('2026-11-21T10:00:05Z')
      },
    },
    {
      name: 'ended removes the call (answered in another tab or elsewhere)',
      steps: [
        ['call', call(1)],
        ['call', call(2)],
        ['call', call(1, { ended: true })],
      ],
      want: (s) => expect(s.calls.map((c) => c.id)).toEqual([2]),
    },
    {
      name: 'an event applied twice is harmless',
      steps: [
        ['call', call(1, { held: true })],
        ['call', call(1, { held: true })],
      ],
      want: (s) => expect(s.calls).toHaveLength(1),
    },
    {
      name: 'an ended call in a sync is not shown',
      steps: [['sync', { presence: [], calls: [call(1, { ended: true })], heartbeat: { interval_seconds: 15, grace_seconds: 45 } }]],
      want: (s) => expect(s.calls).toEqual([]),
    },
    {
      name: 'calls stay oldest first',
      steps: [
        ['call', call(3)],
        ['call', call(1)],
        ['call', call(2)],
      ],
      want: (s) => expect(s.calls.map((c) => c.id)).toEqual([1, 2, 3]),
    },
    {
      name: 'presence replaces one agent',
      steps: [
        ['presence', presence(ME)],
        ['presence', presence(3)],
        ['presence', presence(ME, { reachable: false })],
      ],
      want: (s) => {
        expect(s.presence[ME].reachable).toBe(false)
        expect(s.presence[3].reachable).toBe(true)
      },
    },
    {
      name: 'missed sets the badge and lists the call once, newest first',
      steps: [
        ['missed', { call: missed(1), unseen: 1 }],
        ['missed', { call: missed(2), unseen: 2 }],
        ['missed', { call: missed(1), unseen: 2 }],
      ],
      want: (s) => {
        expect(s.unseen).toBe(2)
        expect(s.missed.map((m) => m.id)).toEqual([1, 2])
      },
    },
    {
      name: 'missed_seen (from any tab) resets the badge and keeps the list',
      steps: [
        ['missed', { call: missed(1), unseen: 1 }],
        ['missed_seen', { unseen: 0 }],
      ],
      want: (s) => {
        expect(s.unseen).toBe(0)
        expect(s.missed.map((m) => m.id)).toEqual([1])
      },
    },
    {
      name: 'an unknown event type changes nothing',
      steps: [['typing', { user_id: 3 }]],
      want: (s) => expect(s).toBe(EMPTY),
    },
  ]
  it.each(cases)('$name', ({ steps, want }) => want(run(steps)))
})

describe('inCall', () => {
  it('is only the call I answered', () => {
    const s = run([
      ['call', call(1, { ringing: false, answered_by: 3, status: 'in-progress' })],
      ['call', call(2)],
    ])
    expect(inCall(s, ME)).toBeUndefined()
  })
})

describe('shown', () => {
  it.each([
    ['unknown', undefined, 'offline'],
    ['offline', presence(ME, { status: 'offline', reachable: false }), 'offline'],
    ['online', presence(ME), 'online'],
    ['online on a call', presence(ME, { busy: true }), 'busy'],
    ['online, heartbeat lapsed', presence(ME, { reachable: false }), 'unreachable'],
    ['lapsed while on a call', presence(ME, { reachable: false, busy: true }), 'unreachable'],
  ])('%s', (_n, p, want) => expect(shown(p as Presence | undefined)).toBe(want))
})
