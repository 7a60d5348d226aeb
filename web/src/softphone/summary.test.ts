import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  addDays, assignees, defaultTitle, formOf, instantOf, localInput, outcomeChoices, pendingOf, requestOf, summaryDue, withFollow,
  type CallSummary, type SummaryForm,
} from './summary'
import { moved, namesOf, nextKey, rowError, rowsOf } from './summaryOutcomes'
import { callChanged, dismissReminder, openSummary, pendingSummaries, readStored, remind, reminders, startSummaries, summarySaved, summarySkipped } from './summaryStore'
import type { CardContact, PhoneCall } from './types'

const ME = 7

const call = (over: Partial<PhoneCall> = {}): PhoneCall => ({
  id: 41,
  number_id: 1,
  number: '+14155550100',
  direction: 'inbound',
  from: '+12065550112',
  to: '+14155550100',
  anonymous: false,
  leg_sid: 'CA41',
  ringing: false,
  ended: true,
  status: 'completed',
  answered_by: ME,
  started_at: '2026-11-21T10:00:00Z',
  answered_at: '2026-11-21T10:00:05Z',
  contacts: [],
  ...over,
})

const summary = (over: Partial<CallSummary> = {}): CallSummary => ({
  call_id: 41,
  record: { id: 3, kind: 'contact', name: 'Simon Martin' },
  summary_outcome: '',
  notes: 'asked for a quote',
  deal_id: null,
  deals: [],
  follow_up: null,
  saved_at: null,
  saved_by: null,
  needs_outcome: true,
  ended: true,
  can_edit: true,
  ...over,
})

describe('summaryDue', () => {
  const cases: { name: string; c: PhoneCall; want: boolean }[] = [
    { name: 'an inbound call I answered ends', c: call(), want: true },
    { name: 'an outbound call I placed ends after the customer answered', c: call({ direction: 'outbound' }), want: true },
    { name: 'an outbound call I placed ends unanswered', c: call({ direction: 'outbound', answered_by: null, answered_at: null }), want: true },
    { name: 'an inbound call that rang me was answered by a colleague', c: call({ answered_by: 9 }), want: false },
    { name: 'an inbound call that rang me ended unanswered (missed)', c: call({ answered_by: null, answered_at: null }), want: false },
    { name: 'a call in progress is not over', c: call({ ended: false, status: 'in-progress' }), want: false },
    { name: 'a call forwarded away while ringing is not mine', c: call({ ended: true, status: 'ringing', answered_by: null }), want: false },
  ]
  for (const tc of cases) it(tc.name, () => expect(summaryDue(tc.c, ME)).toBe(tc.want))
  it('nobody signed in has no summaries', () => expect(summaryDue(call({ answered_by: 0 as unknown as number }), 0)).toBe(false))
})

describe('pendingOf', () => {
  const owner = (id: number, name: string): CardContact => ({
    record_id: id, kind: 'contact', name: `R${id}`, company: '', owner: { id, name }, open_deal: null,
  })
  it('names the caller of an inbound call and keeps the card\'s owners once each', () => {
    const before = call({ ended: false, contacts: [owner(2, 'Bob'), owner(2, 'Bob'), owner(5, 'Eve')] })
    expect(pendingOf(call(), before)).toEqual({ id: 41, party: '+12065550112', owners: [{ id: 2, name: 'Bob' }, { id: 5, name: 'Eve' }] })
  })
  it('names the customer of an outbound call; no card known is no owners', () => {
    expect(pendingOf(call({ direction: 'outbound', from: '+14155550100', to: '+12065550112' }), undefined)).toEqual({ id: 41, party: '+12065550112', owners: [] })
  })
  it('a withheld caller is Anonymous', () => {
    expect(pendingOf(call({ anonymous: true, from: 'Anonymous' }), undefined).party).toBe('Anonymous')
  })
})

describe('dates', () => {
  const cases = [
    { name: 'next day', in: '2026-11-21', n: 1, want: '2026-11-22' },
    { name: 'month end', in: '2026-11-30', n: 1, want: '2026-12-01' },
    { name: 'leap day', in: '2028-02-28', n: 1, want: '2028-02-29' },
    { name: 'year end', in: '2026-12-31', n: 1, want: '2027-01-01' },
    { name: 'not a date stays', in: 'soon', n: 1, want: 'soon' },
  ]
  for (const tc of cases) it(`addDays: ${tc.name}`, () => expect(addDays(tc.in, tc.n)).toBe(tc.want))

  it('instantOf reads the browser\'s wall time and localInput shows it back', () => {
    const iso = instantOf('2026-11-22T10:30')
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    expect(new Date(iso).getHours()).toBe(10)
    expect(localInput(iso)).toBe('2026-11-22T10:30')
  })
  it('instantOf sends what it cannot read as typed, for the server to name', () => {
    expect(instantOf('')).toBe('')
    expect(instantOf('tomorrow')).toBe('tomorrow')
  })
})

describe('the form', () => {
  it('starts with the call\'s notes, no outcome, no deal, no follow-up, a task due tomorrow for me if chosen', () => {
    expect(formOf(summary(), ME, '2026-11-21', '+12065550112')).toEqual({
      outcome: '', notes: 'asked for a quote', deal: '', follow: 'none', title: 'Follow up with Simon Martin',
      dueDate: '2026-11-22', dueAt: '2026-11-22T10:00', assignee: '7',
    } satisfies SummaryForm)
  })
  it('starts with what was saved', () => {
    const s = summary({
      summary_outcome: 'Connected', deal_id: 12,
      follow_up: { kind: 'call', task_id: 5, title: 'Ring back', due_date: '2026-11-25', due_at: '2026-11-25T09:00:00Z', assignee_id: 2, done: false },
    })
    const f = formOf(s, ME, '2026-11-21', '')
    expect(f).toMatchObject({ outcome: 'Connected', deal: '12', follow: 'call', title: 'Ring back', assignee: '2' })
    expect(f.dueAt).toBe(localInput('2026-11-25T09:00:00Z'))
  })
  it('names the number when the call has no record', () => {
    expect(formOf(summary({ record: null }), ME, '2026-11-21', '+12065550112').title).toBe('Follow up with +12065550112')
  })
  it('switching the follow-up swaps a default title but keeps a typed one', () => {
    const f = formOf(summary(), ME, '2026-11-21', '')
    expect(withFollow(f, 'call', 'Simon Martin').title).toBe(defaultTitle('call', 'Simon Martin'))
    expect(withFollow({ ...f, title: 'Send the brochure' }, 'call', 'Simon Martin').title).toBe('Send the brochure')
  })
})

describe('requestOf', () => {
  const base: SummaryForm = {
    outcome: 'Connected', notes: 'n', deal: '', follow: 'none', title: ' Follow up ', dueDate: '2026-11-22', dueAt: '2026-11-22T10:00', assignee: '7',
  }
  const cases: { name: string; f: SummaryForm; want: unknown }[] = [
    { name: 'no follow-up, no deal', f: base, want: { summary_outcome: 'Connected', notes: 'n', deal_id: null, follow_up: null } },
    { name: 'a deal topic', f: { ...base, deal: '12' }, want: { summary_outcome: 'Connected', notes: 'n', deal_id: 12, follow_up: null } },
    {
      name: 'a follow-up task',
      f: { ...base, follow: 'task' },
      want: { summary_outcome: 'Connected', notes: 'n', deal_id: null, follow_up: { kind: 'task', title: 'Follow up', due_date: '2026-11-22', assignee_id: 7 } },
    },
    {
      name: 'a follow-up call at an instant',
      f: { ...base, follow: 'call', title: '' },
      want: { summary_outcome: 'Connected', notes: 'n', deal_id: null, follow_up: { kind: 'call', title: undefined, due_at: instantOf('2026-11-22T10:00'), assignee_id: 7 } },
    },
    {
      name: 'a bad date goes as typed (the server names follow_up.due_date)',
      f: { ...base, follow: 'task', dueDate: '' },
      want: { summary_outcome: 'Connected', notes: 'n', deal_id: null, follow_up: { kind: 'task', title: 'Follow up', due_date: '', assignee_id: 7 } },
    },
    { name: 'an empty outcome goes as is (the server names summary_outcome)', f: { ...base, outcome: '' }, want: { summary_outcome: '', notes: 'n', deal_id: null, follow_up: null } },
  ]
  for (const tc of cases) it(tc.name, () => expect(requestOf(tc.f)).toEqual(tc.want))
})

describe('choices', () => {
  it('outcomeChoices keeps a saved outcome the org renamed since', () => {
    expect(outcomeChoices(['Connected', 'Busy'], 'Old one')).toEqual(['Connected', 'Busy', 'Old one'])
    expect(outcomeChoices(['Connected', 'Busy'], 'Busy')).toEqual(['Connected', 'Busy'])
    expect(outcomeChoices(['Connected'], '')).toEqual(['Connected'])
  })
  it('assignees puts me first, each person once', () => {
    expect(assignees({ id: 7, name: 'Me' }, [{ id: 2, name: 'Bob' }, { id: 7, name: 'Alice' }, { id: 2, name: 'Bob' }])).toEqual([
      { id: 7, name: 'Me' }, { id: 2, name: 'Bob' },
    ])
  })
})

describe('the outcomes editor', () => {
  const rows = rowsOf(['Connected', 'Busy', 'No answer'])
  const cases = [
    { name: 'up', i: 1, d: -1, want: ['Busy', 'Connected', 'No answer'] },
    { name: 'down', i: 1, d: 1, want: ['Connected', 'No answer', 'Busy'] },
    { name: 'the first cannot go up', i: 0, d: -1, want: ['Connected', 'Busy', 'No answer'] },
    { name: 'the last cannot go down', i: 2, d: 1, want: ['Connected', 'Busy', 'No answer'] },
  ]
  for (const tc of cases) it(`moves ${tc.name}`, () => expect(namesOf(moved(rows, tc.i, tc.d))).toEqual(tc.want))
  it('keeps keys across moves and gives new rows a fresh one', () => {
    expect(moved(rows, 0, 1).map((r) => r.key)).toEqual([2, 1, 3])
    expect(nextKey(rows)).toBe(4)
    expect(nextKey([])).toBe(1)
  })
  it('finds the server\'s error for an entry', () => {
    expect(rowError({ 'outcomes[1]': 'is a duplicate of "Busy"' }, 1)).toBe('is a duplicate of "Busy"')
    expect(rowError({ outcomes: 'must have 1 to 30 entries' }, 0)).toBeUndefined()
  })
})

describe('pending summaries', () => {
  let stop: () => void
  beforeEach(() => {
    stop = startSummaries(ME)
  })
  afterEach(() => stop())

  it('a call I answered opens its summary once, however often its end arrives', () => {
    callChanged(call(), call({ ended: false }), ME)
    callChanged(call(), undefined, ME)
    expect(pendingSummaries.value.map((p) => p.id)).toEqual([41])
  })
  it('a call that merely rang me opens nothing', () => {
    callChanged(call({ answered_by: 9 }), undefined, ME)
    expect(pendingSummaries.value).toEqual([])
  })
  it('saved or skipped, a repeated end does not reopen it; the needs-outcome list does', () => {
    callChanged(call(), undefined, ME)
    summarySkipped(41, 'Simon Martin')
    expect(pendingSummaries.value).toEqual([])
    callChanged(call(), undefined, ME)
    expect(pendingSummaries.value).toEqual([])
    openSummary({ id: 41, party: '', owners: [] }, true)
    expect(pendingSummaries.value.map((p) => p.id)).toEqual([41])
    summarySaved(summary({ summary_outcome: 'Connected', needs_outcome: false }), 'Simon Martin')
    expect(pendingSummaries.value).toEqual([])
  })
  it('reminders show once each until dismissed', () => {
    const r = { task_id: 5, title: 'Call Simon Martin', record_id: 3, record_name: 'Simon Martin', phone: '+12065550112', due_at: '2026-11-22T10:00:00Z' }
    remind(r)
    remind(r)
    expect(reminders.value).toEqual([r])
    dismissReminder(5)
    expect(reminders.value).toEqual([])
  })
})

describe('readStored', () => {
  const store = (v: string | null) => ({ getItem: () => v, setItem: () => undefined })
  const cases = [
    { name: 'nothing stored', s: store(null), want: { pending: [], done: [] } },
    { name: 'damaged', s: store('{'), want: { pending: [], done: [] } },
    { name: 'not ours', s: store('{"pending":3}'), want: { pending: [], done: [] } },
    { name: 'stored', s: store('{"pending":[{"id":4,"party":"x","owners":[]}],"done":[3]}'), want: { pending: [{ id: 4, party: 'x', owners: [] }], done: [3] } },
    { name: 'no storage', s: null, want: { pending: [], done: [] } },
  ]
  for (const tc of cases) it(tc.name, () => expect(readStored(tc.s, ME)).toEqual(tc.want))
})
