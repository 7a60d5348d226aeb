import { describe, expect, it } from 'vitest'
import { cardSummary, caller, reason, timer } from './format'
import type { CardContact } from './types'

describe('timer', () => {
  const start = '2026-11-21T10:00:00Z'
  const at = (s: number) => Date.parse(start) + s * 1000
  it.each([
    ['at the start', start, at(0), '0:00'],
    ['seconds', start, at(9), '0:09'],
    ['a minute', start, at(60), '1:00'],
    ['minutes and seconds', start, at(125.9), '2:05'],
    ['past an hour the minutes keep counting', start, at(75 * 60 + 3), '75:03'],
    ['clock skew: the start is in the future', start, at(-4), '0:00'],
    ['no start yet', null, at(30), '0:00'],
    ['an unreadable start', 'soon', at(30), '0:00'],
  ])('%s', (_name, s, now, want) => expect(timer(s, now)).toBe(want))
})

describe('caller', () => {
  it.each([
    ['a number', '+14155550101', false, '+14155550101'],
    ['a withheld number', '+266696687', true, 'Anonymous'],
    ['no number at all', '', false, 'Anonymous'],
  ])('%s', (_n, from, anon, want) => expect(caller(from, anon)).toBe(want))
})

describe('reason', () => {
  it.each([
    ['no-answer', 'Not answered'],
    ['rejected', 'Rejected'],
    ['abandoned', 'Caller hung up'],
    ['voicemail', 'Voicemail'],
    ['forwarded', 'Forwarded'],
    ['something-new', 'something-new'],
  ])('%s', (r, want) => expect(reason(r)).toBe(want))
})

describe('cardSummary', () => {
  const c = (name: string, company = ''): CardContact => ({ record_id: 1, kind: 'contact', name, company, owner: null, open_deal: null })
  it.each([
    ['no match', [], 'Unknown'],
    ['no card', undefined, 'Unknown'],
    ['one match with a company', [c('Margaret Smith', 'Marcom')], 'Margaret Smith (Marcom)'],
    ['one match without', [c('Lucas Silva')], 'Lucas Silva'],
    ['several', [c('Margaret Smith', 'Marcom'), c('Marcom'), c('Oliver Brown')], 'Margaret Smith (Marcom) and 2 more'],
  ])('%s', (_n, contacts, want) => expect(cardSummary(contacts)).toBe(want))
})
