import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import type { CallEntry } from '../calllog'
import { describeCall, filterErrors, zone } from './CallLogPage'

const call = (p: Partial<CallEntry>): CallEntry => ({
  id: 1, agents: [], anonymous: false, answered_at: null, answered_by: null, direction: 'inbound', duration_seconds: 12, ended_at: null,
  from: '+14155550101', held: false, ivr_path: [], muted: false, needs_outcome: false, notes: '', number_id: 1, outcome: 'answered', price: '', price_unit: '',
  queue_wait_seconds: 0, record_id: null, record_name: '', recording_deleted: null, recording_url: '', started_at: '2026-11-21T10:04:00Z',
  status: 'completed', summary_outcome: '', to: '+442071234567', ...p,
})

describe('zone', () => {
  it('is the org zone when known', () => expect(zone('Europe/London')).toBe('Europe/London'))
  it('is the browser zone otherwise', () => expect(zone(undefined)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone))
})

describe('describeCall', () => {
  it.each([
    ['an inbound call names its caller', call({}), /^the inbound call from \+14155550101 on .*2026.*10:04$/],
    ['a withheld caller', call({ anonymous: true, from: '+266696687' }), /^the inbound call from Anonymous on /],
    ['an outbound call names the customer called', call({ direction: 'outbound', from: '+442071234567', to: '+12065550112' }),
      /^the outbound call to \+12065550112 on /],
  ])('%s', (_n, c, want) => expect(describeCall(c, 'UTC')).toMatch(want))
})

describe('filterErrors', () => {
  it.each([
    ['no error', null, {}, []],
    ['an error with no fields', new ApiError(500, 'internal', 'boom'), {}, []],
    ['filter fields beside their filter, others listed',
      new ApiError(400, 'invalid', 'invalid', { to: 'must be after from', number: 'must be an E.164 number', limit: 'must be 1-200' }),
      { to: 'must be after from', number: 'must be an E.164 number' }, [['limit', 'must be 1-200']]],
  ])('%s', (_n, err, byFilter, other) => expect(filterErrors(err)).toEqual({ byFilter, other }))
})
