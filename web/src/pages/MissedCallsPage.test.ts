import { describe, expect, it } from 'vitest'
import type { MissedCall } from '../softphone/types'
import { mergeMissed } from './MissedCallsPage'

const m = (id: number): MissedCall => ({
  id,
  started_at: '2026-11-21T10:00:00Z',
  from: '+14155550101',
  anonymous: false,
  contacts: [],
  number_id: 1,
  number: '+442071234567',
  reason: 'no-answer',
  answered_by: null,
  recording_url: null,
})

describe('mergeMissed', () => {
  it.each([
    ['nothing live', [], [m(3), m(2)], [3, 2]],
    ['live calls go on top', [m(5), m(4)], [m(3)], [5, 4, 3]],
    ['a call both live and loaded is listed once, where it arrived live', [m(4)], [m(4), m(3)], [4, 3]],
    ['nothing at all', [], [], []],
  ])('%s', (_n, live, loaded, want) => expect(mergeMissed(live, loaded).map((c) => c.id)).toEqual(want))
})
