import { describe, expect, it } from 'vitest'
import type { Hours } from './api'
import {
  copyDay, describeWallClock, holidayText, nextRange, normClock, offset, openAt, overlaps, parseClock, parseWallClock, rangeProblem, wallClock,
  weekSummary,
} from './time'

describe('offset', () => {
  it.each([
    [0, '0:00'],
    [1.5, '0:01.5'],
    [1.04, '0:01'],
    [59.96, '1:00'],
    [65, '1:05'],
    [3725.2, '1:02:05.2'],
    [-3, '0:00'],
  ])('%s s → %s', (s, want) => expect(offset(s)).toBe(want))
})

describe('clock times', () => {
  it('parses HH:MM as the server does', () => {
    expect(parseClock('09:30')).toBe(570)
    expect(parseClock('24:00')).toBeNull()
    expect(parseClock('24:00', true)).toBe(1440)
    expect(parseClock('9:30')).toBeNull()
    expect(parseClock('23:60')).toBeNull()
  })
  it.each([
    ['9', '09:00'],
    ['930', '09:30'],
    ['17.30', '17:30'],
    ['8h15', '08:15'],
    [' 12:00 ', '12:00'],
    ['24:00', '24:00'],
    ['noon', 'noon'],
  ])('tidies %j → %j', (s, want) => expect(normClock(s)).toBe(want))
  it('finds bad and overlapping ranges', () => {
    expect(rangeProblem({ from: '09:00', to: '17:00' })).toBeNull()
    expect(rangeProblem({ from: '18:00', to: '24:00' })).toBeNull()
    expect(rangeProblem({ from: '17:00', to: '09:00' })).toMatch(/^Start must be before end/)
    expect(rangeProblem({ from: '25:00', to: '26:00' })).toMatch(/^Start must be a time/)
    expect(overlaps([{ from: '09:00', to: '12:00' }, { from: '14:00', to: '18:00' }, { from: '11:00', to: '13:00' }])).toEqual([2])
    expect(overlaps([{ from: '09:00', to: '12:00' }, { from: '12:00', to: '13:00' }])).toEqual([])
  })
  it('proposes the next range', () => {
    expect(nextRange([])).toEqual({ from: '09:00', to: '17:00' })
    expect(nextRange([{ from: '09:00', to: '12:00' }])).toEqual({ from: '13:00', to: '14:00' })
    expect(nextRange([{ from: '09:00', to: '23:30' }])).toEqual({ from: '23:00', to: '24:00' })
  })
})

describe('week', () => {
  it('copies a day and summarises', () => {
    const w = copyDay({ monday: [{ from: '09:00', to: '17:00' }] }, 'monday', ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'])
    expect(w.friday).toEqual([{ from: '09:00', to: '17:00' }])
    expect(w.friday).not.toBe(w.monday)
    w.saturday = [{ from: '10:00', to: '12:00' }]
    expect(weekSummary(w)).toBe('Mon–Fri 09:00–17:00; Sat 10:00–12:00')
    expect(weekSummary({})).toBe('closed every day')
  })
  it('describes holidays', () => {
    const day = (s: string) => `<${s}>`
    expect(holidayText({ date: '2026-12-24', end_date: '2026-12-26', name: 'Christmas' }, day)).toBe('Christmas, <2026-12-24> – <2026-12-26>')
    expect(holidayText({ date: '2026-01-01', name: '' }, day)).toBe('<2026-01-01>')
  })
})

describe('wall clock', () => {
  it('is read in the org time zone', () => {
    const t = new Date('2026-11-23T09:30:00Z')
    expect(wallClock('Europe/Paris', t)).toBe('2026-11-23T10:30')
    expect(wallClock('America/New_York', t)).toBe('2026-11-23T04:30')
    expect(wallClock('UTC', new Date('2026-11-23T23:59:00Z'))).toBe('2026-11-23T23:59')
    expect(wallClock('No/Such_Zone', t)).toBe('2026-11-23T09:30')
  })
  it('parses and describes', () => {
    expect(parseWallClock('2026-11-23T10:30')).toEqual({ date: '2026-11-23', day: 'monday', minute: 630 })
    expect(parseWallClock('2026-02-30T10:30')).toBeNull()
    expect(parseWallClock('')).toBeNull()
    expect(describeWallClock('2026-11-23T10:30', 'en-GB')).toMatch(/^Monday,? 23 November 2026, 10:30$/)
  })
  it('decides whether the number is open', () => {
    const h: Hours = {
      always_open: false,
      use_org: false,
      weekly: { monday: [{ from: '09:00', to: '12:00' }] },
      holidays: [{ date: '2026-12-24', end_date: '2026-12-26', name: 'Christmas' }],
    }
    expect(openAt(h, '2026-11-23T10:30')).toEqual({ open: true, why: 'open Monday 09:00–12:00' })
    expect(openAt(h, '2026-11-23T12:00')).toEqual({ open: false, why: 'outside Monday’s hours' })
    expect(openAt(h, '2026-11-24T10:00')).toEqual({ open: false, why: 'closed on Tuesdays' })
    expect(openAt({ ...h, always_open: true }, '2026-12-25T10:00')).toEqual({ open: false, why: 'closed for Christmas' })
    expect(openAt({ ...h, always_open: true }, '2026-12-27T03:00')).toEqual({ open: true, why: 'always open' })
  })
})
