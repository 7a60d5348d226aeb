import { describe, expect, it } from 'vitest'
import {
  agentOptions, anyFilter, apiQuery, appendPage, callTime, cost, exportPath, filtersFrom, midnightIn, mmss, normalNumber, recordingPath,
  replaceCall, searchOf, tombstoneText, type CallEntry, type Filters,
} from './calllog'

const none: Filters = { from: '', to: '', agent: '', direction: '', status: '', outcome: '', summary_outcome: '', needs_outcome: '', number: '' }

const call = (id: number, agents: { id: number; name: string }[] = []): CallEntry => ({
  id,
  agents,
  anonymous: false,
  answered_at: null,
  answered_by: null,
  direction: 'inbound',
  duration_seconds: null,
  ended_at: null,
  from: '+14155550101',
  held: false,
  ivr_path: [],
  muted: false,
  needs_outcome: false,
  notes: '',
  number_id: 1,
  outcome: '',
  price: '',
  price_unit: '',
  queue_wait_seconds: 0,
  record_id: null,
  record_name: '',
  recording_deleted: null,
  recording_url: '',
  started_at: '2026-11-21T10:04:00Z',
  status: 'completed',
  summary_outcome: '',
  to: '+442071234567',
})

describe('filters in the URL', () => {
  it.each([
    ['nothing', '', none],
    ['each filter', '?from=2026-11-01&to=2026-11-21&agent=3&direction=inbound&status=completed&outcome=answered&summary_outcome=Sale+made&needs_outcome=true&number=%2B14155550101',
      { from: '2026-11-01', to: '2026-11-21', agent: '3', direction: 'inbound', status: 'completed', outcome: 'answered', summary_outcome: 'Sale made',
        needs_outcome: 'true', number: '+14155550101' }],
    ['unknown keys are ignored, values trimmed', '?page=2&direction=%20outbound%20', { ...none, direction: 'outbound' }],
  ])('%s', (_n, search, want) => {
    expect(filtersFrom(search)).toEqual(want)
    expect(filtersFrom(searchOf(want))).toEqual(want)
  })

  it.each([
    ['none set', none, ''],
    ['only what is set, in a fixed order', { ...none, number: '+14155550101', direction: 'inbound' }, '?direction=inbound&number=%2B14155550101'],
  ])('searchOf: %s', (_n, f, want) => expect(searchOf(f)).toBe(want))

  it.each([
    ['none', none, false],
    ['one', { ...none, outcome: 'busy' }, true],
  ])('anyFilter: %s', (_n, f, want) => expect(anyFilter(f)).toBe(want))
})

describe('midnightIn', () => {
  it.each([
    ['UTC', '2026-11-21', 'UTC', 0, '2026-11-21T00:00:00Z'],
    ['west of UTC in winter', '2026-11-21', 'America/Los_Angeles', 0, '2026-11-21T08:00:00Z'],
    ['west of UTC in summer', '2026-07-04', 'America/Los_Angeles', 0, '2026-07-04T07:00:00Z'],
    ['east of UTC', '2026-11-21', 'Asia/Tokyo', 0, '2026-11-20T15:00:00Z'],
    ['half-hour zone', '2026-11-21', 'Asia/Kolkata', 0, '2026-11-20T18:30:00Z'],
    ['the day after, across a month end', '2026-11-30', 'Europe/London', 1, '2026-12-01T00:00:00Z'],
    ['the day the clocks go forward (London, 29 March 2026)', '2026-03-29', 'Europe/London', 1, '2026-03-29T23:00:00Z'],
    ['a day starting at 01:00 (Santiago springs forward at midnight)', '2026-09-06', 'America/Santiago', 0, '2026-09-06T04:00:00Z'],
  ])('%s', (_n, ymd, tz, add, want) => expect(midnightIn(ymd, tz, add)).toBe(want))

  it.each([
    ['not a date', 'yesterday', 'UTC'],
    ['an unknown zone', '2026-11-21', 'Mars/Olympus'],
  ])('null for %s', (_n, ymd, tz) => expect(midnightIn(ymd, tz)).toBeNull())
})

describe('apiQuery', () => {
  it.each([
    ['nothing', none, 'UTC', {}],
    ['a day range is inclusive, in the org zone', { ...none, from: '2026-11-21', to: '2026-11-21' }, 'America/New_York',
      { from: '2026-11-21T05:00:00Z', to: '2026-11-22T05:00:00Z' }],
    ['an unreadable date goes as typed, for the server to name', { ...none, from: 'soon' }, 'UTC', { from: 'soon' }],
    ['a typed number loses its spacing', { ...none, number: '+1 (415) 555-0101' }, 'UTC', { number: '+14155550101' }],
    ['the other filters pass through', { ...none, agent: '7', direction: 'outbound', status: 'completed', outcome: 'answered', summary_outcome: 'Sale made', needs_outcome: 'true' }, 'UTC',
      { agent: '7', direction: 'outbound', status: 'completed', outcome: 'answered', summary_outcome: 'Sale made', needs_outcome: 'true' }],
  ])('%s', (_n, f, tz, want) => expect(apiQuery(f, tz)).toEqual(want))

  it('exportPath carries the same query', () => {
    expect(exportPath(none, 'UTC')).toBe('/api/v1/calls/export')
    expect(exportPath({ ...none, direction: 'inbound', from: '2026-11-21' }, 'UTC')).toBe(
      '/api/v1/calls/export?from=2026-11-21T00%3A00%3A00Z&direction=inbound',
    )
  })
})

describe('normalNumber', () => {
  it.each([
    ['+44 20 7123 4567', '+442071234567'],
    ['415.555.0101', '4155550101'],
    ['call me', 'call me'],
    ['  +14155550101 ', '+14155550101'],
  ])('%s → %s', (s, want) => expect(normalNumber(s)).toBe(want))
})

describe('mmss', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [-1, '—'],
    [0, '0:00'],
    [7, '0:07'],
    [65, '1:05'],
    [4503, '75:03'],
  ])('%s → %s', (s, want) => expect(mmss(s)).toBe(want))
})

describe('cost', () => {
  it.each([
    ['not priced yet', '', 'USD', null],
    ['a charge is negative at the carrier', '-0.02000', 'USD', '$0.02'],
    ['sub-cent prices keep their digits', '-0.00850', 'USD', '$0.0085'],
    ['a free call', '0.00000', 'USD', '$0.00'],
    ['another currency', '-0.0150', 'EUR', '€0.015'],
    ['lower-case unit', '-1.5', 'usd', '$1.50'],
    ['an unknown unit', '-0.02', 'XYZW', '0.02 XYZW'],
    ['not a number', 'n/a', 'USD', null],
  ])('%s', (_n, price, unit, want) => expect(cost(price, unit)).toBe(want))
})

describe('callTime and tombstoneText', () => {
  it('shows the time in the org zone', () => {
    expect(callTime('2026-11-21T10:04:00Z', 'Europe/London', 'en-GB')).toBe('21 Nov 2026, 10:04')
    expect(callTime('2026-11-21T10:04:00Z', 'America/Los_Angeles', 'en-GB')).toBe('21 Nov 2026, 02:04')
  })
  it('leaves an unreadable time as it is', () => expect(callTime('later', 'UTC', 'en-GB')).toBe('later'))
  it('falls back to the browser zone for an unknown one', () => expect(callTime('2026-11-21T10:04:00Z', 'Mars/Olympus', 'en-GB')).toMatch(/2026/))

  it.each([
    ['a user', { at: '2026-11-21T10:04:00Z', by_id: 2, by_name: 'Alice Agent' }, 'Recording deleted by Alice Agent on 21 Nov 2026, 10:04'],
    ['the retention policy', { at: '2026-11-21T10:04:00Z', by_id: null, by_name: '' }, 'Recording deleted by the retention policy on 21 Nov 2026, 10:04'],
    ['a user since removed', { at: '2026-11-21T10:04:00Z', by_id: 9, by_name: '' }, 'Recording deleted by user #9 on 21 Nov 2026, 10:04'],
  ])('tombstone: %s', (_n, t, want) => expect(tombstoneText(t, 'UTC', 'en-GB')).toBe(want))
})

describe('lists', () => {
  it('recordingPath is the server proxy', () => expect(recordingPath(42)).toBe('/api/v1/calls/42/recording'))
  it('appendPage lists a call once', () => expect(appendPage([call(5), call(4)], [call(4), call(3)]).map((c) => c.id)).toEqual([5, 4, 3]))
  it('replaceCall swaps a call in place', () => {
    const got = replaceCall([call(5), call(4)], { ...call(4), outcome: 'answered' })
    expect(got.map((c) => [c.id, c.outcome])).toEqual([[5, ''], [4, 'answered']])
  })
})

describe('agentOptions', () => {
  const alice = { id: 2, name: 'Alice Agent', email: 'alice@x' }
  const bob = { id: 3, name: '', email: 'bob@x' }
  it.each([
    ['every user, for an admin', [alice, bob], { id: 1, name: 'Ada Admin' }, [], '',
      [{ value: '2', label: 'Alice Agent' }, { value: '3', label: 'bob@x' }]],
    ['me and the agents of loaded calls, for an agent', [], { id: 2, name: 'Alice Agent' }, [call(1, [{ id: 3, name: 'Bob Agent' }, { id: 2, name: 'Alice Agent' }])], '',
      [{ value: '2', label: 'Alice Agent (me)' }, { value: '3', label: 'Bob Agent' }]],
    ['a chosen agent not otherwise known', [], { id: 2, name: 'Alice Agent' }, [], '8',
      [{ value: '2', label: 'Alice Agent (me)' }, { value: '8', label: 'User #8' }]],
  ])('%s', (_n, users, me, calls, chosen, want) => expect(agentOptions(users, me, calls, chosen)).toEqual(want))
})
