// Pure logic behind Settings → Telephony (R-PROV, R-NUM): capability
// labels, grouping numbers under their providers, provider health and
// scope, operator edits and the outbound (caller-ID) mapping.
import type { components } from './api/schema'

type S = components['schemas']
export type Provider = S['ProviderBody']
export type NumberBody = S['NumberBody']
export type Operator = S['OperatorBody']
export type Capabilities = S['CapabilitiesBody']
export type CallerID = S['CallerIDBody']

export type Capability = keyof Capabilities
export const CAPABILITIES: readonly { key: Capability; label: string; long: string }[] = [
  { key: 'voice', label: 'Voice', long: 'voice calls' },
  { key: 'sms', label: 'SMS', long: 'text messages' },
  { key: 'mms', label: 'MMS', long: 'picture messages' },
]

/** capabilityText says what a number carries, e.g. "Voice and SMS", or
 * "Voice only", for text alternatives and summaries. */
export function capabilityText(c: Capabilities): string {
  const on = CAPABILITIES.filter((x) => c[x.key]).map((x) => x.label)
  if (on.length === 0) return 'No voice, SMS or MMS'
  if (on.length === 1) return `${on[0]} only`
  return `${on.slice(0, -1).join(', ')} and ${on[on.length - 1]}`
}

/** displayNumber spaces an E.164 number for reading: North American
 * numbers as +1 415 555 0101, others as given. */
export function displayNumber(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  if (m) return `+1 ${m[1]} ${m[2]} ${m[3]}`
  const uk = /^\+44(\d{2})(\d{4})(\d{4})$/.exec(e164)
  if (uk) return `+44 ${uk[1]} ${uk[2]} ${uk[3]}`
  return e164
}

export interface NumberGroup {
  /** null for numbers whose provider is no longer installed. */
  provider: Provider | null
  numbers: NumberBody[]
}

/** groupNumbers puts each linked number under its provider, in the
 * providers' order, numbers sorted by E.164; numbers of a provider that is
 * not installed any more come last, in a group of their own. */
export function groupNumbers(providers: readonly Provider[], numbers: readonly NumberBody[]): NumberGroup[] {
  const byE164 = (a: NumberBody, b: NumberBody) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : a.id - b.id)
  const groups: NumberGroup[] = providers.map((p) => ({
    provider: p,
    numbers: numbers.filter((n) => n.provider_id === p.id).sort(byE164),
  }))
  const known = new Set(providers.map((p) => p.id))
  const orphans = numbers.filter((n) => !known.has(n.provider_id)).sort(byE164)
  if (orphans.length) groups.push({ provider: null, numbers: orphans })
  return groups
}

/** providerOfUser maps each user to the provider they belong to. */
export function providerOfUser(providers: readonly Provider[]): Map<number, Provider> {
  const m = new Map<number, Provider>()
  for (const p of providers) for (const u of p.user_ids) m.set(u, p)
  return m
}

export interface Health {
  ok: boolean
  /** What the admin reads, e.g. "Connection failing: …". */
  text: string
  /** The time of the last check, ISO. */
  at: string | null
}

/** health reads a provider's last check: failing when its last error is
 * newer than its last success. */
export function health(p: Pick<Provider, 'last_ok_at' | 'last_error' | 'last_error_at'>): Health {
  const ok = p.last_ok_at ? Date.parse(p.last_ok_at) : NaN
  const bad = p.last_error_at ? Date.parse(p.last_error_at) : NaN
  if (!Number.isNaN(bad) && (Number.isNaN(ok) || bad >= ok)) {
    return { ok: false, text: `Connection failing: ${p.last_error || 'the carrier refused the last request'}`, at: p.last_error_at }
  }
  if (!Number.isNaN(ok)) return { ok: true, text: 'Connected', at: p.last_ok_at }
  return { ok: true, text: 'Not checked yet', at: null }
}

/** scopeText says who the provider was installed for. */
export function scopeText(p: Pick<Provider, 'all_users' | 'include_new_users'>): string {
  if (p.all_users && p.include_new_users) return 'Installed for all users; users who join later are added to it.'
  if (p.all_users) return 'Installed for all users who were active when it was connected.'
  return 'Installed for specific users.'
}

// Operator edits: a number's operators are replaced as a whole (PUT), so
// the card edits a copy and saves it in one request.

/** addOperator adds a user (at the end) with the given switches; a user
 * who is already an operator is left as is. */
export function addOperator(ops: readonly Operator[], userId: number, defaults: { outgoing: boolean; recording: boolean }): Operator[] {
  if (ops.some((o) => o.user_id === userId)) return [...ops]
  return [...ops, { user_id: userId, outgoing: defaults.outgoing, recording: defaults.recording }]
}

export function removeOperator(ops: readonly Operator[], userId: number): Operator[] {
  return ops.filter((o) => o.user_id !== userId)
}

/** setSwitch turns one operator's outgoing or recording switch on or off. */
export function setSwitch(ops: readonly Operator[], userId: number, key: 'outgoing' | 'recording', on: boolean): Operator[] {
  return ops.map((o) => (o.user_id === userId ? { ...o, [key]: on } : o))
}

/** sameOperators compares two operator lists regardless of order. */
export function sameOperators(a: readonly Operator[], b: readonly Operator[]): boolean {
  if (a.length !== b.length) return false
  const m = new Map(a.map((o) => [o.user_id, o]))
  return b.every((o) => {
    const x = m.get(o.user_id)
    return !!x && x.outgoing === o.outgoing && x.recording === o.recording
  })
}

/** operatorFieldErrors maps the API's "operators[i].user_id" field errors
 * to the user they are about, so each shows on its row. */
export function operatorFieldErrors(fields: Record<string, string>, sent: readonly Operator[]): Map<number, string> {
  const out = new Map<number, string>()
  for (const [k, v] of Object.entries(fields)) {
    const m = /^operators\[(\d+)\]/.exec(k)
    const op = m ? sent[Number(m[1])] : undefined
    if (op) out.set(op.user_id, v)
  }
  return out
}

// Outbound mapping (R-NUM-6).

/** callerIdMap maps each user to their caller-ID number. */
export function callerIdMap(list: readonly CallerID[]): Map<number, number> {
  const m = new Map<number, number>()
  for (const c of list) if (c.number_id !== null) m.set(c.user_id, c.number_id)
  return m
}

/** sharedNumbers lists the numbers that are the caller ID of more than one
 * user (what blocks switching the org to unique numbers). */
export function sharedNumbers(ids: ReadonlyMap<number, number>): Map<number, number[]> {
  const by = new Map<number, number[]>()
  for (const [u, n] of ids) by.set(n, [...(by.get(n) || []), u])
  for (const [n, us] of by) if (us.length < 2) by.delete(n)
  return by
}

/** callerIdWarning says why a user's caller ID may not work: the number is
 * gone, belongs to a provider other than theirs (when owners is given), they
 * are not one of its operators, or their outgoing calls on it are switched
 * off. Empty when it is fine. */
export function callerIdWarning(userId: number, numberId: number | undefined, numbers: readonly NumberBody[],
  owners?: ReadonlyMap<number, Provider>): string {
  if (numberId === undefined) return ''
  const n = numbers.find((x) => x.id === numberId)
  if (!n) return 'This number is no longer linked.'
  if (!n.capabilities.voice) return 'This number cannot make voice calls.'
  if (owners) {
    const own = owners.get(userId)
    if (!own) return 'They belong to no provider, so they cannot call out.'
    if (own.id !== n.provider_id) return `They call through ${own.name}, and this number belongs to another provider.`
  }
  const op = n.operators.find((o) => o.user_id === userId)
  if (!op) return 'They are not an operator of this number.'
  if (!n.outgoing_enabled) return 'Outgoing calls are switched off on this number.'
  if (!op.outgoing) return 'Their outgoing calls on this number are switched off.'
  return ''
}

// Number search (R-NUM-1).

export interface SearchForm {
  country: string
  type: 'Local' | 'Mobile' | 'TollFree'
  areaCode: string
  contains: string
  voice: boolean
  sms: boolean
}

/** searchQuery turns the search form into the available-numbers query,
 * leaving out what was not asked for. */
export function searchQuery(f: SearchForm): Record<string, string> {
  const q: Record<string, string> = { country: f.country.trim().toUpperCase(), type: f.type }
  if (f.areaCode.trim()) q.area_code = f.areaCode.trim()
  if (f.contains.trim()) q.contains = f.contains.trim()
  if (f.voice) q.voice = 'true'
  if (f.sms) q.sms = 'true'
  return q
}

/** pickFields splits an error's fields into those a form shows beside its
 * own fields (names) and the rest, which it lists in its summary. */
export function pickFields(fields: Record<string, string>, names: readonly string[]): { shown: Record<string, string>; rest: Record<string, string> } {
  const shown: Record<string, string> = {}
  const rest: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) (names.includes(k) ? shown : rest)[k] = v
  return { shown, rest }
}
