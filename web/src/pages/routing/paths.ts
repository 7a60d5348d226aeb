// The API names each setting of a routing configuration by a field path
// ("menu.options[1].submenu.options[0].label" in validation errors,
// "menu.options[key=2].label" in a version's changes). These helpers turn
// such a path into the id of the control that edits it, and into words an
// admin reads ("IVR menu › 2 Support › 1 Billing › Label").
import type { Config } from './api'

/** tokens splits a field path into names and [index] parts. */
export function tokens(path: string): string[] {
  return path.match(/\[[^\]]*\]|[^.[\]]+/g) || []
}

/** join is the inverse of tokens. */
function join(ts: readonly string[]): string {
  return ts.reduce((s, t) => (t.startsWith('[') ? s + t : s ? `${s}.${t}` : t), '')
}

/** idFor is the DOM id of the control that edits the setting at path. */
export function idFor(path: string): string {
  return `rt-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-$/, '')}`
}

/** ancestors lists path and the paths that contain it, innermost first:
 * "a.b[1].c" → ["a.b[1].c", "a.b[1]", "a.b", "a"]. A problem is shown at
 * the first of them that has a control. */
export function ancestors(path: string): string[] {
  const ts = tokens(path)
  const out: string[] = []
  for (let n = ts.length; n > 0; n--) out.push(join(ts.slice(0, n)))
  return out
}

/** placeOf returns, for each problem, the path of the control it is shown
 * beside: the nearest ancestor (or itself) among the paths that have one. */
export function placeOf(path: string, hasControl: (p: string) => boolean): string | null {
  for (const p of ancestors(path)) if (hasControl(p)) return p
  return null
}

const TOP: Record<string, string> = {
  online: 'Online', mode: 'Routing mode', menu: 'IVR menu', group: 'Ring group', voice: 'Voice', queue: 'Call queue',
  hours: 'Business hours', voicemail: 'Voicemail', recording: 'Call recording', config: 'Configuration',
}
const UNDER: Record<string, Record<string, string>> = {
  menu: { options: 'Options', label: 'Label', key: 'Key', action: 'Action', group: 'Ring group', submenu: 'Sub-menu' },
  group: { users: 'Users', ring: 'Ring type', interval_seconds: 'Ring interval', timeout_seconds: 'Ring timeout', repeat: 'Repeat' },
  voice: {
    format: 'Voice format', voice: 'Voice', language: 'Language', welcome: 'Welcome message', menu: 'Menu message', busy: 'Busy message',
    unavailable: 'Unavailable message', text: 'Text', audio_url: 'Audio URL', audio_file_id: 'Audio file',
  },
  queue: {
    enabled: 'On', max_callers: 'Maximum callers', max_wait_minutes: 'Maximum wait', hold_music_url: 'Hold music URL',
    announcement: 'Announcement', announcement_text: 'Announcement text', announcement_every_seconds: 'Announcement every',
  },
  hours: {
    use_org: 'Hours used', always_open: 'Always open', weekly: 'Weekly hours', monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday',
    friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday', from: 'From', to: 'To', holidays: 'Holidays', date: 'First day',
    end_date: 'Last day', name: 'Name',
  },
  voicemail: { enabled: 'On', max_length_seconds: 'Maximum length' },
  recording: { enabled: 'On', announcement: 'Announcement' },
}

type Node = unknown

/** describePath names a setting in words. Menu options and group users are
 * named from the configurations given (the first that has them), e.g.
 * "IVR menu › 2 Support › 1 Billing › Ring group › Users". */
export function describePath(path: string, configs: readonly (Config | null | undefined)[], name: (id: number) => string): string {
  const ts = tokens(path)
  if (ts.length === 0) return path
  const area = ts[0]
  const out: string[] = [TOP[area] || area]
  let nodes: Node[] = configs.filter(Boolean).map((c) => (c as Record<string, unknown>)[area])
  let ctx = area === 'menu' ? 'menu' : area
  let list = '' // the name of the list an [index] part indexes
  for (const t of ts.slice(1)) {
    if (t.startsWith('[')) {
      const inner = t.slice(1, -1).replace(/#\d+$/, '')
      const found = nodes.map((n) => pick(n, inner)).find((x) => x !== undefined)
      out.push(itemName(list, inner, found, name))
      nodes = nodes.map((n) => pick(n, inner))
      continue
    }
    list = t
    const label = (UNDER[ctx] && UNDER[ctx][t]) || t
    // "options" and the sub-menu are implied by the option names.
    if (!(ctx === 'menu' && (t === 'options' || t === 'submenu'))) out.push(label)
    if (ctx === 'menu' && t === 'group') ctx = 'group'
    nodes = nodes.map((n) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[t] : undefined))
  }
  if (out.length === 1 && ts.length > 1 && ts[ts.length - 1] === 'options') out.push('Options')
  return out.join(' › ')
}

/** pick returns an element of a list by [index], [key=k] (menu options) or
 * [YYYY-MM-DD] (holidays). */
function pick(n: Node, inner: string): Node {
  if (!Array.isArray(n)) return undefined
  const key = /^key=(\d+)$/.exec(inner)
  if (key) return n.find((o) => o && (o as { key?: number }).key === Number(key[1]))
  if (/^\d+$/.test(inner)) return n[Number(inner)]
  return n.find((h) => h && (h as { date?: string }).date === inner)
}

function itemName(list: string, inner: string, found: Node, name: (id: number) => string): string {
  const key = /^key=(\d+)$/.exec(inner)
  if (list === 'options') {
    const o = found as { key?: number; label?: string } | undefined
    const k = key ? key[1] : o?.key
    const label = o?.label?.trim()
    return k !== undefined ? `${k}${label ? ` ${label}` : ''}` : `option ${Number(inner) + 1}`
  }
  if (list === 'users') return typeof found === 'number' ? name(found) : `user ${Number(inner) + 1}`
  if (list === 'holidays') {
    const h = found as { date?: string; name?: string } | undefined
    return h ? `${h.name ? `${h.name} ` : ''}(${h.date})`.trim() : /^\d+$/.test(inner) ? `holiday ${Number(inner) + 1}` : inner
  }
  return /^\d+$/.test(inner) ? `range ${Number(inner) + 1}` : inner
}

const WORDS: Record<string, string> = {
  ivr: 'IVR menu', direct: 'Direct to users', text: 'Text to speech', audio_file: 'Audio file', audio_url: 'Audio URL',
  none: 'None', all_agents_busy: '“All our agents are busy…”', call_important: '“Your call is important to us…”',
  please_hold: '“Please hold…”', custom: 'Custom text', simultaneous: 'Simultaneous', sequential: 'Sequential',
  ring: 'Ring users', submenu: 'Sub-menu',
}
const UNITS: Record<string, string> = {
  interval_seconds: 's', timeout_seconds: 's', max_wait_minutes: 'min', max_length_seconds: 's', announcement_every_seconds: 's',
}
const DAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])

/** describeValue shows one side of a change in words: user ids as names,
 * switches as on/off, units after numbers, "closed" for a day without
 * hours. Empty values give "" (the caller shows "—"). */
export function describeValue(path: string, value: string, name: (id: number) => string): string {
  const ts = tokens(path)
  const last = ts[ts.length - 1] || ''
  if (value === '') return DAYS.has(last) ? 'closed' : ''
  if (last === 'users') {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (/^\d+$/.test(s) ? name(Number(s)) : s))
      .join(', ')
  }
  if (value === 'true') return 'on'
  if (value === 'false') return 'off'
  if (UNITS[last] && /^\d+$/.test(value)) return `${value} ${UNITS[last]}`
  if (last.startsWith('[key=')) return value.replace(/: ring$/, ': rings users').replace(/: submenu$/, ': opens a sub-menu')
  if (last === 'group' && /^\d+ users?, /.test(value)) return value.replace(/, (simultaneous|sequential)$/, ', $1 ring')
  if (['mode', 'format', 'announcement', 'ring', 'action'].includes(last) && WORDS[value]) return WORDS[value]
  return value
}
