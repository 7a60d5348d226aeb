import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { callProblem } from './callout'
import { countries } from './countries'
import { party } from './format'
import { callable } from './SearchCall'
import { dialling, EMPTY, inCall, reduce, ringing } from './state'
import type { PhoneCall } from './types'

const ME = 7

const call = (id: number, over: Partial<PhoneCall> = {}): PhoneCall => ({
  id,
  number_id: 1,
  number: '+442071234567',
  direction: 'outbound',
  from: '+442071234567',
  to: '+12065550112',
  anonymous: false,
  leg_sid: `CA${id}`,
  ringing: true,
  ended: false,
  status: 'ringing',
  answered_by: null,
  started_at: `2026-11-21T10:00:0${id}Z`,
  answered_at: null,
  contacts: [],
  ...over,
})

describe('outbound calls in the dock', () => {
  const cases: { name: string; c: PhoneCall; ringing: number; dialling: number; inCall: boolean }[] = [
    { name: 'an outbound call ringing the customer is dialling, not incoming', c: call(1), ringing: 0, dialling: 1, inCall: false },
    { name: 'an outbound call not yet ringing is dialling', c: call(1, { ringing: false, status: 'queued' }), ringing: 0, dialling: 1, inCall: false },
    {
      name: 'an outbound call the customer answered is the call the agent is in',
      c: call(1, { ringing: false, status: 'in-progress', answered_by: ME, answered_at: '2026-11-21T10:00:05Z' }),
      ringing: 0,
      dialling: 0,
      inCall: true,
    },
    { name: 'an ended outbound call is gone', c: call(1, { ended: true, ringing: false, status: 'completed' }), ringing: 0, dialling: 0, inCall: false },
    { name: 'an inbound call ringing is incoming', c: call(1, { direction: 'inbound', from: '+14155550101' }), ringing: 1, dialling: 0, inCall: false },
  ]
  for (const tc of cases) {
    it(tc.name, () => {
      const s = reduce(EMPTY, 'call', tc.c)
      expect(ringing(s)).toHaveLength(tc.ringing)
      expect(dialling(s, ME)).toHaveLength(tc.dialling)
      expect(!!inCall(s, ME)).toBe(tc.inCall)
    })
  }
})

describe('party', () => {
  const cases = [
    { name: 'outbound shows the number called', c: call(1), want: '+12065550112' },
    { name: 'inbound shows the caller', c: call(1, { direction: 'inbound', from: '+14155550101' }), want: '+14155550101' },
    { name: 'inbound withheld is Anonymous', c: call(1, { direction: 'inbound', anonymous: true }), want: 'Anonymous' },
  ]
  for (const tc of cases) it(tc.name, () => expect(party(tc.c)).toBe(tc.want))
})

describe('callProblem', () => {
  const cases = [
    {
      name: 'a 422 names the field and its rule',
      e: new ApiError(422, 'invalid', 'Some fields are not valid.', { to: 'is not a possible phone number for GB' }),
      want: 'The number is not a possible phone number for GB',
    },
    {
      name: 'a 409 says why in the server words',
      e: new ApiError(409, 'conflict', 'You have no caller ID number: ask an admin to map you to one.'),
      want: 'You have no caller ID number: ask an admin to map you to one.',
    },
    { name: 'a device failure keeps its message', e: new Error('The phone in this browser is not ready.'), want: 'The phone in this browser is not ready.' },
  ]
  for (const tc of cases) it(tc.name, () => expect(callProblem(tc.e)).toBe(tc.want))
})

describe('countries', () => {
  it('names regions and sorts them by name', () => {
    const list = countries('GB', 'en')
    expect(list.find((c) => c.code === 'GB')?.name).toBe('United Kingdom (GB)')
    const names = list.map((c) => c.name)
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names)
  })
  it('keeps a preselected code the list lacks', () => {
    expect(countries('AC', 'en').some((c) => c.code === 'AC')).toBe(true)
  })
})

describe('callable', () => {
  const hit = (kind: 'lead' | 'contact' | 'account' | 'deal', id: number) => ({ record_id: id, kind, name: `r${id}`, company: '', address: '', phone: null })
  const cases = [
    { name: 'deals have no numbers of their own', hits: [hit('deal', 1), hit('contact', 2)], want: [2] },
    { name: 'leads, contacts and accounts are kept in order', hits: [hit('account', 3), hit('lead', 1), hit('contact', 2)], want: [3, 1, 2] },
    { name: 'nothing found is nothing to call', hits: [], want: [] },
  ]
  for (const tc of cases) it(tc.name, () => expect(callable(tc.hits).map((h) => h.record_id)).toEqual(tc.want))
})
