import { describe, expect, it } from 'vitest'
import { centsToInput, day, duration, money, parseMoney, todayIn } from './format'

describe('money', () => {
  it('formats cents', () => expect(money(4800000)).toBe('$48,000.00'))
  it.each([
    ['48000', 4800000],
    ['48,000.5', 4800050],
    ['$1,250.00', 125000],
    ['0.07', 7],
    ['', 0],
  ])('parseMoney(%s) = %i', (s, want) => expect(parseMoney(s)).toBe(want))
  it.each(['12.345', 'abc', '-5', '1.2.3'])('parseMoney(%s) refuses', (s) => expect(parseMoney(s)).toBeNull())
  it('centsToInput', () => {
    expect(centsToInput(125000)).toBe('1250.00')
    expect(centsToInput(0)).toBe('')
  })
})

describe('duration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [185, '3 min 05 s'],
    [3720, '1 h 02 min'],
    [null, ''],
    [-1, ''],
  ])('%s → %s', (s, want) => expect(duration(s)).toBe(want))
})

describe('dates', () => {
  it('day does not shift a date through the local time zone', () => expect(day('2026-01-01')).toMatch(/2026/))
  it('day leaves other text alone', () => expect(day('soon')).toBe('soon'))
  it('todayIn uses the org time zone', () => {
    const t = new Date('2026-03-01T02:00:00Z')
    expect(todayIn('America/Los_Angeles', t)).toBe('2026-02-28')
    expect(todayIn('Europe/Paris', t)).toBe('2026-03-01')
    expect(todayIn('Not/AZone', t)).toBe('2026-03-01')
  })
})
