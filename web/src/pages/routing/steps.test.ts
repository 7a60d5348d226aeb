import { describe, expect, it } from 'vitest'
import type { TestStep } from './api'
import { defaultAgents, moveAgent, outcomeText, stepText, stepTone } from './steps'

const step = (kind: string, over: Partial<TestStep> = {}): TestStep => ({ offset_seconds: 0, kind, ...over })

describe('stepText', () => {
  it.each([
    [step('say', { text: 'Press 1 for Sales.', party: 'caller' }), 'Caller hears “Press 1 for Sales.”'],
    [step('play', { url: 'https://x.test/a.mp3' }), 'Caller hears a recording: https://x.test/a.mp3'],
    [step('music'), 'Caller hears hold music'],
    [step('gather'), 'Waiting for a key press'],
    [step('digits', { digits: '2', party: 'caller' }), 'Caller presses 2'],
    [step('ring', { party: 'Alice Martin' }), 'Alice Martin rings'],
    [step('answered', { party: 'Alice Martin' }), 'Alice Martin answers'],
    [step('no-answer', { party: 'Bob' }), 'Bob does not answer'],
    [step('busy', { party: 'Bob', status: 'rejected' }), 'Bob rejects the call'],
    [step('busy', { party: 'Bob' }), 'Bob is busy'],
    [step('canceled', { party: 'Bob' }), 'Bob stops ringing'],
    [step('hangup', { party: 'caller' }), 'Caller hangs up'],
    [step('ended', { status: 'completed' }), 'The call ends (completed)'],
    [step('conference-join', { party: 'Alice' }), 'Alice joins the call'],
    [step('note', { text: 'Outside business hours' }), 'Outside business hours'],
    [step('webhook', { text: 'POST /voice', status: '200' }), 'webhook · POST /voice · 200'],
  ])('%o', (s, want) => expect(stepText(s)).toBe(want))

  it('groups kinds by look', () => {
    expect(stepTone('say')).toBe('hear')
    expect(stepTone('digits')).toBe('key')
    expect(stepTone('ring')).toBe('ring')
    expect(stepTone('answered')).toBe('ok')
    expect(stepTone('no-answer')).toBe('bad')
    expect(stepTone('ended')).toBe('end')
    expect(stepTone('anything')).toBe('note')
  })
})

describe('outcomes and agents', () => {
  it('names outcomes', () => {
    expect(outcomeText('answered', 'Alice')).toBe('Answered by Alice')
    expect(outcomeText('answered', null)).toBe('Answered')
    expect(outcomeText('voicemail', null)).toBe('Voicemail left')
    expect(outcomeText('strange', null)).toBe('strange')
  })
  it('keeps earlier choices and adds new users online', () => {
    const prev = [{ user_id: 3, status: 'busy' as const, answer: 'ignore' as const }, { user_id: 9, status: 'online' as const, answer: 'answer' as const }]
    expect(defaultAgents([2, 3], prev)).toEqual([
      { user_id: 3, status: 'busy', answer: 'ignore' },
      { user_id: 2, status: 'online', answer: 'answer' },
    ])
  })
  it('moves agents', () => {
    const a = defaultAgents([1, 2, 3])
    expect(moveAgent(a, 2, -1).map((x) => x.user_id)).toEqual([1, 3, 2])
    expect(moveAgent(a, 0, -1).map((x) => x.user_id)).toEqual([1, 2, 3])
  })
})
