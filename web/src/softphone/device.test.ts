import { describe, expect, it } from 'vitest'
import { backendFor, legOf, refreshDelay } from './device'
import type { DeviceInfo, PhoneCall } from './types'

describe('backendFor', () => {
  const cases: [string, DeviceInfo | null, string | null][] = [
    ['sandbox', { device: 'sandbox', identity: 'user_7', token: null, expires_at: null }, 'sandbox'],
    ['twilio with a token', { device: 'twilio', identity: 'user_7', token: 'eyJ', expires_at: '2026-11-21T10:10:00Z' }, 'twilio'],
    ['twilio without a token', { device: 'twilio', identity: 'user_7', token: null, expires_at: null }, null],
    ['none', { device: 'none', identity: 'user_7', token: null, expires_at: null, reason: 'You are not on any telephony provider.' }, null],
    ['an unknown device', { device: 'sip' as DeviceInfo['device'], identity: 'user_7', token: null, expires_at: null }, null],
    ['no answer', null, null],
  ]
  it.each(cases)('%s', (_n, info, want) => expect(backendFor(info)).toBe(want))
})

describe('refreshDelay', () => {
  const now = Date.parse('2026-11-21T10:00:00Z')
  it.each([
    ['10 minutes left: at 8 minutes', '2026-11-21T10:10:00Z', 480_000],
    ['expired or nearly: no sooner than 5 s', '2026-11-21T09:59:00Z', 5_000],
    ['no expiry', null, null],
    ['unreadable', 'tomorrow', null],
  ])('%s', (_n, exp, want) => expect(refreshDelay(exp, now)).toBe(want))
})

describe('legOf', () => {
  const c = { id: 1, leg_sid: 'CA123' } as PhoneCall
  it('is the leg ringing the agent', () => expect(legOf(c)).toBe('CA123'))
  it('refuses a call without one', () => expect(() => legOf({ ...c, leg_sid: null })).toThrow(/no leg/))
})
