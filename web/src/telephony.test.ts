import { describe, expect, it } from 'vitest'
import {
  addOperator, callerIdMap, callerIdWarning, capabilityText, displayNumber, groupNumbers, health, operatorFieldErrors,
  pickFields, providerOfUser, removeOperator, sameOperators, scopeText, searchQuery, setSwitch, sharedNumbers,
  type NumberBody, type Operator, type Provider,
} from './telephony'

const provider = (id: number, over: Partial<Provider> = {}): Provider => ({
  id, kind: 'sandbox', name: `P${id}`, account_sid: 'AC1', api_url: '', account_type: 'Full', all_users: false,
  include_new_users: false, user_ids: [], last_ok_at: null, last_error: '', last_error_at: null, created_at: '2026-01-01T00:00:00Z',
  ...over,
})

const number = (id: number, providerId: number, e164: string, over: Partial<NumberBody> = {}): NumberBody => ({
  id, provider_id: providerId, sid: `PN${id}`, e164, friendly_name: e164, capabilities: { voice: true, sms: true, mms: false },
  outgoing_enabled: true, recording_enabled: false, script: '', operators: [], linked_at: '2026-01-01T00:00:00Z', ...over,
})

describe('capabilityText', () => {
  it.each([
    [{ voice: true, sms: true, mms: true }, 'Voice, SMS and MMS'],
    [{ voice: true, sms: true, mms: false }, 'Voice and SMS'],
    [{ voice: true, sms: false, mms: false }, 'Voice only'],
    [{ voice: false, sms: true, mms: true }, 'SMS and MMS'],
    [{ voice: false, sms: false, mms: false }, 'No voice, SMS or MMS'],
  ])('%o → %s', (caps, want) => expect(capabilityText(caps)).toBe(want))
})

describe('displayNumber', () => {
  it.each([
    ['+14155550101', '+1 415 555 0101'],
    ['+442079460123', '+44 20 7946 0123'],
    ['+33612345678', '+33612345678'],
    ['not a number', 'not a number'],
  ])('%s → %s', (e164, want) => expect(displayNumber(e164)).toBe(want))
})

describe('groupNumbers', () => {
  it('puts numbers under their provider in provider order, sorted, with orphans last', () => {
    const ps = [provider(2), provider(1)]
    const ns = [number(1, 1, '+14155550102'), number(2, 2, '+442079460000'), number(3, 1, '+14155550101'), number(4, 9, '+15550000000')]
    const g = groupNumbers(ps, ns)
    expect(g.map((x) => [x.provider?.id ?? null, x.numbers.map((n) => n.id)])).toEqual([
      [2, [2]],
      [1, [3, 1]],
      [null, [4]],
    ])
  })
  it('gives a provider with no numbers an empty group and adds no orphan group', () => {
    expect(groupNumbers([provider(1)], [])).toEqual([{ provider: provider(1), numbers: [] }])
  })
})

describe('providerOfUser', () => {
  it('maps users to their provider', () => {
    const m = providerOfUser([provider(1, { user_ids: [1, 2] }), provider(2, { user_ids: [3] })])
    expect([...m].map(([u, p]) => [u, p.id])).toEqual([[1, 1], [2, 1], [3, 2]])
  })
})

describe('health', () => {
  it('is failing when the last error is newer than the last success', () => {
    const h = health({ last_ok_at: '2026-01-01T10:00:00Z', last_error: 'HTTP 401: Authenticate', last_error_at: '2026-01-01T11:00:00Z' })
    expect(h).toEqual({ ok: false, text: 'Connection failing: HTTP 401: Authenticate', at: '2026-01-01T11:00:00Z' })
  })
  it('is connected when a success came after the error', () => {
    const h = health({ last_ok_at: '2026-01-01T12:00:00Z', last_error: 'old', last_error_at: '2026-01-01T11:00:00Z' })
    expect(h).toEqual({ ok: true, text: 'Connected', at: '2026-01-01T12:00:00Z' })
  })
  it('says when it was never checked, and names no error it was not given', () => {
    expect(health({ last_ok_at: null, last_error: '', last_error_at: null }).text).toBe('Not checked yet')
    expect(health({ last_ok_at: null, last_error: '', last_error_at: '2026-01-01T11:00:00Z' }).text).toMatch(/^Connection failing: the carrier/)
  })
})

describe('scopeText', () => {
  it.each([
    [true, true, /all users; users who join later/],
    [true, false, /all users who were active/],
    [false, false, /specific users/],
  ])('all=%s new=%s', (all, inc, want) => expect(scopeText({ all_users: all, include_new_users: inc })).toMatch(want))
})

describe('operator edits', () => {
  const ops: Operator[] = [{ user_id: 1, outgoing: true, recording: false }]
  it('adds a user once, with the defaults', () => {
    const a = addOperator(ops, 2, { outgoing: true, recording: true })
    expect(a).toEqual([...ops, { user_id: 2, outgoing: true, recording: true }])
    expect(addOperator(a, 2, { outgoing: false, recording: false })).toEqual(a)
    expect(ops).toHaveLength(1) // the input is not changed
  })
  it('removes and switches', () => {
    expect(removeOperator(ops, 1)).toEqual([])
    expect(setSwitch(ops, 1, 'recording', true)).toEqual([{ user_id: 1, outgoing: true, recording: true }])
    expect(setSwitch(ops, 9, 'recording', true)).toEqual(ops)
  })
  it('compares lists regardless of order', () => {
    const a: Operator[] = [{ user_id: 1, outgoing: true, recording: false }, { user_id: 2, outgoing: false, recording: true }]
    expect(sameOperators(a, [...a].reverse())).toBe(true)
    expect(sameOperators(a, setSwitch(a, 2, 'outgoing', true))).toBe(false)
    expect(sameOperators(a, a.slice(1))).toBe(false)
    expect(sameOperators(a, [a[0], { user_id: 3, outgoing: false, recording: true }])).toBe(false)
  })
  it('maps operators[i] field errors to the user of row i', () => {
    const sent: Operator[] = [{ user_id: 7, outgoing: true, recording: false }, { user_id: 9, outgoing: true, recording: false }]
    const m = operatorFieldErrors({ 'operators[1].user_id': 'no active user with this id', other: 'x', 'operators[5].user_id': 'y' }, sent)
    expect([...m]).toEqual([[9, 'no active user with this id']])
  })
})

describe('caller IDs', () => {
  it('maps users to numbers and finds shared numbers', () => {
    const m = callerIdMap([{ user_id: 1, number_id: 10 }, { user_id: 2, number_id: 10 }, { user_id: 3, number_id: 11 }, { user_id: 4, number_id: null }])
    expect([...m]).toEqual([[1, 10], [2, 10], [3, 11]])
    expect([...sharedNumbers(m)]).toEqual([[10, [1, 2]]])
  })
  it('warns when the caller ID will not work for the user', () => {
    const op = { user_id: 1, outgoing: true, recording: false }
    const ns = [
      number(10, 1, '+14155550101', { operators: [op] }),
      number(11, 1, '+14155550102', { operators: [] }),
      number(12, 1, '+14155550103', { operators: [{ ...op, outgoing: false }] }),
      number(13, 1, '+14155550104', { operators: [op], outgoing_enabled: false }),
      number(14, 1, '+14155550105', { operators: [op], capabilities: { voice: false, sms: true, mms: false } }),
    ]
    expect(callerIdWarning(1, undefined, ns)).toBe('')
    expect(callerIdWarning(1, 10, ns)).toBe('')
    expect(callerIdWarning(1, 11, ns)).toMatch(/not an operator/)
    expect(callerIdWarning(1, 12, ns)).toMatch(/Their outgoing calls/)
    expect(callerIdWarning(1, 13, ns)).toMatch(/switched off on this number/)
    expect(callerIdWarning(1, 14, ns)).toMatch(/cannot make voice calls/)
    expect(callerIdWarning(1, 99, ns)).toMatch(/no longer linked/)
    const owners = providerOfUser([provider(1, { user_ids: [1] }), provider(2, { name: 'EU', user_ids: [2] })])
    expect(callerIdWarning(1, 10, ns, owners)).toBe('')
    expect(callerIdWarning(2, 10, ns, owners)).toBe('They call through EU, and this number belongs to another provider.')
    expect(callerIdWarning(3, 10, ns, owners)).toMatch(/no provider/)
  })
})

describe('searchQuery', () => {
  it('sends what was asked for, upper-casing the country', () => {
    expect(searchQuery({ country: ' us ', type: 'Local', areaCode: ' 212 ', contains: '', voice: true, sms: false })).toEqual({
      country: 'US', type: 'Local', area_code: '212', voice: 'true',
    })
    expect(searchQuery({ country: 'GB', type: 'Mobile', areaCode: '', contains: '7946', voice: false, sms: true })).toEqual({
      country: 'GB', type: 'Mobile', contains: '7946', sms: 'true',
    })
  })
})

describe('pickFields', () => {
  it('splits the fields a form shows from the others', () => {
    expect(pickFields({ country: 'is required', sid: 'x' }, ['country', 'area_code'])).toEqual({
      shown: { country: 'is required' },
      rest: { sid: 'x' },
    })
  })
})
