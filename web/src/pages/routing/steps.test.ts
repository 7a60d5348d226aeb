import { describe, expect, it } from 'vitest'
import type { TestStep } from './api'
import { defaultAgents, moveAgent, outcomeText, stepText, stepTone } from './steps'

const step = (kind: string, over: Partial<TestStep> = {}): TestStep => ({ offset_seconds: 0, kind, ...over })

describe('stepText', () => {
  it.each([
    [step('say', { text: 'Press 1 for Sales.', party: 'caller' }), 'Caller hears “Press 1 for Sales.”'],
    [step('play', { url: 'https://x.test/a.mp3' }), 'Caller hears a recording: https://x.test/a.mp3'],
    [step('music'), 'Caller hears hold music'],
    [step('gather', { party: 'caller' }), 'Listens for a key press'],
    [step('placed', { party: 'caller', text: 'inbound call to +1415' }), 'Caller dials the number'],
    [step('placed', { party: 'Alice', text: 'outbound-api call from +1415' }), 'Alice is called (outbound-api call from +1415)'],
    [step('answered', { party: 'caller' }), 'Switchboard answers the call'],
    [step('play', { party: 'caller', url: 'http://com.twilio.sounds.music.s3.amazonaws.com/x.mp3' }), 'Caller hears hold music'],
    [step('digits', { digits: '2', party: 'caller' }), 'Caller presses 2'],
    [step('ring', { party: 'Alice Martin' }), 'Alice Martin rings'],
    [step('answered', { party: 'Alice Martin' }), 'Alice Martin answers'],
    [step('no-answer', { party: 'Bob' }), 'Bob does not answer'],
    [step('busy', { party: 'Bob', status: 'rejected' }), 'Bob rejects the call'],
    [step('busy', { party: 'Bob' }), 'Bob is busy'],
    [step('canceled', { party: 'Bob' }), 'Bob stops ringing'],
    [step('hangup', { party: 'caller' }), 'Caller hangs up'],
    [step('hangup', { party: 'caller', text: 'end of TwiML document' }), 'Caller hangs up (end of TwiML document)'],
    [step('ended', { status: 'completed', party: 'caller' }), 'The call ends (completed)'],
    [step('ended', { status: 'completed', party: 'Alice' }), 'Alice’s line ends (completed)'],
    [step('conference-join', { party: 'Alice' }), 'Alice joins the caller'],
    [step('conference-join', { party: 'caller' }), 'Caller is put through to the call’s conference'],
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
