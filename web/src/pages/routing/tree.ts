// Pure logic behind the IVR editor: the menu tree addressed by option
// indices, the limits of R-IN-1 and R-IN-2 enforced while editing, the
// menu template (R-IN-4) and the choice of keys for the test console.
// Limits mirror internal/routing/config.go; the server checks them again.
import type { Config, Group, Menu, Option } from './api'

export const MIN_KEY = 1
export const MAX_KEY = 9
export const MAX_OPTIONS = 9
export const MAX_LEVELS = 5
export const MAX_LABEL = 100
export const KEY_VAR = '${Key press}'
export const MENU_VAR = '${Menu}'
export const DEFAULT_TEMPLATE = `Press ${KEY_VAR} for ${MENU_VAR}.`

export const GROUP_LIMITS = { interval: [5, 120, 20], timeout: [5, 120, 30] } as const
export const QUEUE_LIMITS = { callers: [1, 25, 10], wait: [1, 25, 5], every: [1, 30, 30] } as const
export const VOICEMAIL_LIMITS = [5, 600, 120] as const

export type Mode = 'ivr' | 'direct'
export type Action = 'ring' | 'submenu'
export type RingType = 'simultaneous' | 'sequential'

/** A MenuPath names a menu by the option indices leading to it: [] is the
 * root menu, [1] the sub-menu of the root's second option, and so on. */
export type MenuPath = readonly number[]

/** levelOf is a menu's depth: the root menu is level 1. */
export const levelOf = (p: MenuPath) => p.length + 1

/** fieldOf is the API's field path of a menu, as validation errors name it:
 * "menu", "menu.options[1].submenu", … */
export function fieldOf(p: MenuPath): string {
  return p.reduce((s, i) => `${s}.options[${i}].submenu`, 'menu')
}

/** optionField is the field path of option i of the menu at p. */
export const optionField = (p: MenuPath, i: number) => `${fieldOf(p)}.options[${i}]`

/** newGroup is a group with nobody in it yet and the default timings. */
export function newGroup(): Group {
  return { users: [], ring: 'simultaneous', interval_seconds: GROUP_LIMITS.interval[2], timeout_seconds: GROUP_LIMITS.timeout[2], repeat: false }
}

/** menuAt returns the menu at p, or undefined when the path leads nowhere. */
export function menuAt(root: Menu | null | undefined, p: MenuPath): Menu | undefined {
  let m = root || undefined
  for (const i of p) m = m?.options[i]?.submenu || undefined
  return m
}

/** updateMenu returns root with the menu at p replaced by f(menu); other
 * menus are shared, not copied. */
export function updateMenu(root: Menu, p: MenuPath, f: (m: Menu) => Menu): Menu {
  if (p.length === 0) return f(root)
  const [i, ...rest] = p
  const o = root.options[i]
  if (!o) return root
  const sub = updateMenu(o.submenu || { options: [] }, rest, f)
  return { ...root, options: root.options.map((x, j) => (j === i ? { ...x, submenu: sub } : x)) }
}

/** addOptionRefusal says why no option can be added to m, or null. */
export function addOptionRefusal(m: Menu): string | null {
  return m.options.length >= MAX_OPTIONS ? `A menu has at most ${MAX_OPTIONS} options (keys ${MIN_KEY}–${MAX_KEY}).` : null
}

/** submenuRefusal says why an option of a menu at level can not open a
 * sub-menu, or null. */
export function submenuRefusal(level: number): string | null {
  return level >= MAX_LEVELS
    ? `Menus go at most ${MAX_LEVELS} levels deep: this menu is level ${level}, so its options can only ring users.`
    : null
}

/** nextFreeKey is the lowest key no option of m uses, or null. */
export function nextFreeKey(m: Menu): number | null {
  const used = new Set(m.options.map((o) => o.key))
  for (let k = MIN_KEY; k <= MAX_KEY; k++) if (!used.has(k)) return k
  return null
}

/** addOption appends an option with the next free key that rings a new
 * group; m is returned unchanged when it is full. */
export function addOption(m: Menu): Menu {
  const key = nextFreeKey(m)
  if (addOptionRefusal(m) || key === null) return m
  return { ...m, options: [...m.options, { key, label: '', action: 'ring', group: newGroup() }] }
}

export function removeOption(m: Menu, i: number): Menu {
  return { ...m, options: m.options.filter((_, j) => j !== i) }
}

/** moveOption moves option i by delta places (options are played in the
 * order they are listed); out of range moves change nothing. */
export function moveOption(m: Menu, i: number, delta: number): Menu {
  const j = i + delta
  if (i < 0 || i >= m.options.length || j < 0 || j >= m.options.length) return m
  const opts = [...m.options]
  const [o] = opts.splice(i, 1)
  opts.splice(j, 0, o)
  return { ...m, options: opts }
}

export function setOption(m: Menu, i: number, patch: Partial<Option>): Menu {
  return { ...m, options: m.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) }
}

/** setAction switches what an option does. The part it stops using is
 * kept (the server keeps it too), so switching back loses nothing; a
 * sub-menu is refused at the deepest level (the option is returned as is). */
export function setAction(o: Option, action: Action, level: number): Option {
  if (action === 'submenu') {
    if (submenuRefusal(level)) return o
    return { ...o, action, submenu: o.submenu || { options: [] } }
  }
  return { ...o, action, group: o.group || newGroup() }
}

export interface KeyChoice {
  key: number
  /** The label of the other option of the menu that has this key. */
  usedBy: string | null
}

/** keyChoices lists keys 1–9 for option i, naming the options that already
 * use each, so the editor can offer only free keys. */
export function keyChoices(m: Menu, i: number): KeyChoice[] {
  const out: KeyChoice[] = []
  for (let k = MIN_KEY; k <= MAX_KEY; k++) {
    const other = m.options.findIndex((o, j) => j !== i && o.key === k)
    out.push({ key: k, usedBy: other < 0 ? null : m.options[other].label.trim() || `option ${other + 1}` })
  }
  return out
}

/** duplicateKeys returns the indices of options whose key an earlier
 * option of the same menu already has. */
export function duplicateKeys(m: Menu): number[] {
  const seen = new Set<number>()
  const dup: number[] = []
  m.options.forEach((o, i) => {
    if (seen.has(o.key)) dup.push(i)
    seen.add(o.key)
  })
  return dup
}

/** multiLevel reports whether a menu opens a sub-menu (R-IN-3: then only
 * the text voice format is supported). */
export function multiLevel(m: Menu | null | undefined): boolean {
  return !!m && m.options.some((o) => o.action === 'submenu')
}

/** depth is how many levels of menus m has in use (0 without a menu). */
export function depth(m: Menu | null | undefined): number {
  if (!m) return 0
  let d = 0
  for (const o of m.options) if (o.action === 'submenu') d = Math.max(d, depth(o.submenu))
  return d + 1
}

/** countOptions counts the options in use in the whole tree. */
export function countOptions(m: Menu | null | undefined): number {
  if (!m) return 0
  return m.options.reduce((n, o) => n + 1 + (o.action === 'submenu' ? countOptions(o.submenu) : 0), 0)
}

/** hasMenuVars reports whether a menu template has both variables (R-IN-4). */
export function hasMenuVars(t: string): boolean {
  return t.includes(KEY_VAR) && t.includes(MENU_VAR)
}

/** missingVars lists the variables a menu template lacks. */
export function missingVars(t: string): string[] {
  return [KEY_VAR, MENU_VAR].filter((v) => !t.includes(v))
}

/** renderTemplate fills a menu template for one option:
 * "Press ${Key press} for ${Menu}." → "Press 1 for Sales." */
export function renderTemplate(t: string, key: number, label: string): string {
  return t.split(KEY_VAR).join(String(key)).split(MENU_VAR).join(label)
}

/** setMode switches between an IVR menu and a direct group, creating the
 * part the new mode needs; the other part is kept for switching back. */
export function setMode(c: Config, mode: Mode): Config {
  if (mode === 'ivr') return { ...c, mode, menu: c.menu || { options: [] } }
  return { ...c, mode, group: c.group || newGroup() }
}

/** usersOf lists the users the configuration's mode can ring, each once,
 * in the order they first appear. */
export function usersOf(c: Config): number[] {
  const out: number[] = []
  const add = (g: Group | null | undefined) => g?.users.forEach((u) => out.includes(u) || out.push(u))
  const walk = (m: Menu | null | undefined) =>
    m?.options.forEach((o) => (o.action === 'submenu' ? walk(o.submenu) : add(o.group)))
  if (c.mode === 'ivr') walk(c.menu)
  else add(c.group)
  return out
}

/** parseKeys reads the keys a test caller presses: one entry per menu
 * prompt, separated by spaces or commas ("2 1", "2,1"). An entry may hold
 * several keys ("123#" for a prompt that asks for more than one). Keys are
 * 0–9, * and #; any other character is returned in bad. */
export function parseKeys(s: string): { keys: string[]; bad: string[] } {
  const keys = s.split(/[\s,;]+/).filter(Boolean)
  const bad = [...new Set(keys.join('').replace(/[0-9*#]/g, ''))]
  return { keys, bad }
}

/** explainKeys says where successive key presses lead in a menu tree, one
 * line per key, e.g. ["2 → Support (sub-menu)", "1 → Billing: rings Alice"].
 * An unknown key repeats the menu, as a caller would hear it (R-IN-5). */
export function explainKeys(root: Menu | null | undefined, keys: readonly string[], name: (id: number) => string): string[] {
  const out: string[] = []
  let m = root
  for (const k of keys) {
    if (!m) {
      out.push(`${k} → (the call has left the menu)`)
      continue
    }
    const o = m.options.find((x) => String(x.key) === k)
    if (!o) {
      out.push(`${k} → not an option here: the menu is repeated`)
      continue
    }
    const label = o.label.trim() || `option ${k}`
    if (o.action === 'submenu') {
      out.push(`${k} → ${label} (sub-menu)`)
      m = o.submenu
    } else {
      const users = o.group?.users || []
      out.push(`${k} → ${label}: rings ${users.length ? users.map(name).join(', ') : 'nobody yet'}`)
      m = undefined
    }
  }
  return out
}

/** canonical writes a value as JSON with sorted keys, leaving out what the
 * server leaves out when empty (null, undefined, empty lists), so two
 * configurations that mean the same compare equal. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const parts = Object.keys(v)
      .sort()
      .filter((k) => {
        const x = (v as Record<string, unknown>)[k]
        return x !== undefined && x !== null && !(Array.isArray(x) && x.length === 0)
      })
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
    return `{${parts.join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

/** sameConfig compares two configurations by meaning. */
export function sameConfig(a: Config | null | undefined, b: Config | null | undefined): boolean {
  return canonical(a ?? null) === canonical(b ?? null)
}
