// Words for the IVR test console (R-SIM-4): each step of a test call as a
// sentence, the outcome, and the agents a test starts with.
import type { TestAgent, TestStep } from './api'

const CALLER = new Set(['', 'caller', 'Caller'])

/** who names a step's party; the caller is "Caller". */
function who(p: string | undefined): string {
  return !p || CALLER.has(p) ? 'Caller' : p
}

/** Twilio's stock hold music, which the sandbox plays while users ring. */
const HOLD_MUSIC = /twilio\.sounds\.music|\/holdmusic\//i

const paren = (s: string) => (s ? ` (${s})` : '')

const quote = (s: string) => `“${s}”`

/** stepText says in words what happened at one step of a test call. */
export function stepText(s: TestStep): string {
  const party = who(s.party)
  const text = s.text?.trim() || ''
  switch (s.kind) {
    case 'placed':
      return party === 'Caller' ? 'Caller dials the number' : `${party} is called${paren(text)}`
    case 'say':
      return `${party === 'Caller' ? 'Caller hears' : `${party} hears`} ${quote(text)}`
    case 'play':
      if (s.url && HOLD_MUSIC.test(s.url)) return `${party} hears hold music`
      return `${party} hears a recording${s.url ? `: ${s.url}` : text ? `: ${text}` : ''}`
    case 'music':
      return `Caller hears hold music${s.url ? `: ${s.url}` : ''}`
    case 'pause':
      return text ? `Silence (${text})` : 'Silence'
    case 'gather':
      return `Listens for a key press${paren(text)}`
    case 'digits':
      return `${party} presses ${s.digits || text}`
    case 'ring':
      return `${party} rings${text ? ` (${text})` : ''}`
    case 'answered':
      return party === 'Caller' ? 'Switchboard answers the call' : `${party} answers`
    case 'no-answer':
      return `${party} does not answer`
    case 'busy':
      return s.status === 'rejected' || /reject/i.test(text) ? `${party} rejects the call` : `${party} is busy`
    case 'reject':
      return `${party} rejects the call`
    case 'canceled':
      return `${party} stops ringing${text ? ` (${text})` : ''}`
    case 'failed':
      return `${party} cannot be reached${text ? ` (${text})` : ''}`
    case 'record':
      return text ? `Recording: ${text}` : 'Recording'
    case 'hangup':
      return `${party} hangs up${paren(text)}`
    case 'ended':
      return `${party === 'Caller' ? 'The call' : `${party}’s line`} ends${paren(s.status || '')}`
    case 'bridged':
      return `${party} is connected to the caller`
    case 'conference-join':
      return party === 'Caller' ? 'Caller is put through to the call’s conference' : `${party} joins the caller`
    case 'conference-leave':
      return `${party} leaves the call`
    case 'enqueued':
      return `Caller waits in the queue${text ? ` (${text})` : ''}`
    case 'dequeued':
      return `Caller leaves the queue${text ? ` (${text})` : ''}`
    case 'redirect':
      return text ? `Moves on: ${text}` : 'Moves on'
    case 'note':
      return text
    default:
      return [s.kind, party !== 'Caller' ? party : '', text, s.status].filter(Boolean).join(' · ')
  }
}

/** stepTone groups steps for their look: what the caller hears, who rings,
 * a connection, or the end. */
export function stepTone(kind: string): 'hear' | 'key' | 'ring' | 'ok' | 'bad' | 'end' | 'note' {
  if (['say', 'play', 'music', 'pause', 'gather'].includes(kind)) return 'hear'
  if (kind === 'digits') return 'key'
  if (kind === 'ring') return 'ring'
  if (['answered', 'conference-join'].includes(kind)) return 'ok'
  if (['no-answer', 'busy', 'reject', 'canceled', 'failed'].includes(kind)) return 'bad'
  if (['hangup', 'ended', 'conference-leave'].includes(kind)) return 'end'
  return 'note'
}

const OUTCOMES: Record<string, string> = {
  answered: 'Answered',
  missed: 'Missed',
  voicemail: 'Voicemail left',
  busy: 'Busy',
  abandoned: 'Caller hung up',
  forwarded: 'Forwarded',
}

/** outcomeText names a call's outcome, with who answered when known. */
export function outcomeText(outcome: string, answeredBy: string | null): string {
  const base = OUTCOMES[outcome] || outcome || 'Unknown'
  return outcome === 'answered' && answeredBy ? `Answered by ${answeredBy}` : base
}

/** defaultAgents sets each user online and answering, in the order given. */
export function defaultAgents(users: readonly number[], previous: readonly TestAgent[] = []): TestAgent[] {
  const kept = previous.filter((a) => users.includes(a.user_id))
  const added = users.filter((u) => !kept.some((a) => a.user_id === u)).map((u): TestAgent => ({ user_id: u, status: 'online', answer: 'answer' }))
  return [...kept, ...added]
}

/** moveAgent moves an agent up (-1) or down (+1) in the list: online users
 * came online in the listed order, which sets the sequential ring order. */
export function moveAgent(list: readonly TestAgent[], i: number, delta: number): TestAgent[] {
  const j = i + delta
  if (i < 0 || j < 0 || i >= list.length || j >= list.length) return [...list]
  const out = [...list]
  const [a] = out.splice(i, 1)
  out.splice(j, 0, a)
  return out
}
