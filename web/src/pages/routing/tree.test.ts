import { describe, expect, it } from 'vitest'
import type { Config, Menu, Option } from './api'
import {
  addOption, addOptionRefusal, canonical, countOptions, depth, duplicateKeys, explainKeys, fieldOf, keyChoices, levelOf, MAX_LEVELS,
  MAX_OPTIONS, menuAt, missingVars, moveOption, multiLevel, newGroup, nextFreeKey, optionField, parseKeys, removeOption, renderTemplate,
  sameConfig, setAction, setMode, setOption, submenuRefusal, updateMenu, usersOf,
} from './tree'

const ring = (key: number, label: string, users: number[] = []): Option => ({ key, label, action: 'ring', group: { ...newGroup(), users } })
const sub = (key: number, label: string, options: Option[]): Option => ({ key, label, action: 'submenu', submenu: { options } })

// 1 Sales → ring 2, 3; 2 Support → { 1 Billing → ring 4; 2 Tech → { 1 Hardware → ring 5 } }
const tree = (): Menu => ({
  options: [ring(1, 'Sales', [2, 3]), sub(2, 'Support', [ring(1, 'Billing', [4]), sub(2, 'Tech', [ring(1, 'Hardware', [5])])])],
})

const config = (over: Partial<Config> = {}): Config => ({
  online: true, mode: 'ivr', menu: tree(), group: newGroup(),
  voice: { format: 'text', voice: '', language: '', welcome: { text: 'Hi' }, menu: { text: 'Press ${Key press} for ${Menu}.' }, busy: { text: 'b' }, unavailable: { text: 'u' } },
  queue: { enabled: false, max_callers: 10, max_wait_minutes: 5, hold_music_url: '', announcement: 'all_agents_busy', announcement_text: '', announcement_every_seconds: 30 },
  hours: { use_org: false, always_open: true, weekly: {} }, voicemail: { enabled: false, max_length_seconds: 120 }, recording: { enabled: false, announcement: true },
  ...over,
})

const full = (): Menu => ({ options: Array.from({ length: 9 }, (_, i) => ring(i + 1, `O${i + 1}`)) })

describe('menu paths', () => {
  it('finds menus by option indices', () => {
    const t = tree()
    expect(menuAt(t, [])).toBe(t)
    expect(menuAt(t, [1])!.options.map((o) => o.label)).toEqual(['Billing', 'Tech'])
    expect(menuAt(t, [1, 1])!.options[0].label).toBe('Hardware')
    expect(menuAt(t, [0])).toBeUndefined()
    expect(menuAt(t, [7, 1])).toBeUndefined()
    expect(menuAt(null, [])).toBeUndefined()
  })
  it('names them as the API does', () => {
    expect(fieldOf([])).toBe('menu')
    expect(fieldOf([1, 0])).toBe('menu.options[1].submenu.options[0].submenu')
    expect(optionField([1], 2)).toBe('menu.options[1].submenu.options[2]')
    expect(levelOf([])).toBe(1)
    expect(levelOf([1, 1])).toBe(3)
  })
  it('updates one menu and shares the others', () => {
    const t = tree()
    const u = updateMenu(t, [1, 1], (m) => setOption(m, 0, { label: 'Devices' }))
    expect(menuAt(u, [1, 1])!.options[0].label).toBe('Devices')
    expect(menuAt(t, [1, 1])!.options[0].label).toBe('Hardware')
    expect(u.options[0]).toBe(t.options[0])
    expect(menuAt(u, [1])!.options[0]).toBe(menuAt(t, [1])!.options[0])
  })
})

describe('limits while editing', () => {
  it('adds options with the next free key up to 9', () => {
    let m: Menu = { options: [ring(2, 'B')] }
    m = addOption(m)
    expect(m.options.map((o) => o.key)).toEqual([2, 1])
    expect(m.options[1]).toMatchObject({ label: '', action: 'ring', group: { users: [], ring: 'simultaneous' } })
    expect(nextFreeKey(m)).toBe(3)
    expect(addOptionRefusal(m)).toBeNull()
    const f = full()
    expect(f.options).toHaveLength(MAX_OPTIONS)
    expect(nextFreeKey(f)).toBeNull()
    expect(addOptionRefusal(f)).toBe('A menu has at most 9 options (keys 1–9).')
    expect(addOption(f)).toBe(f)
  })
  it('refuses sub-menus at level 5', () => {
    expect(submenuRefusal(4)).toBeNull()
    expect(submenuRefusal(MAX_LEVELS)).toMatch(/^Menus go at most 5 levels deep: this menu is level 5/)
    const o = ring(1, 'A')
    expect(setAction(o, 'submenu', 5)).toBe(o)
    expect(setAction(o, 'submenu', 4)).toMatchObject({ action: 'submenu', submenu: { options: [] }, group: o.group })
  })
  it('keeps the unused part when switching an action back', () => {
    const s = sub(1, 'A', [ring(1, 'X')])
    const r = setAction(s, 'ring', 2)
    expect(r).toMatchObject({ action: 'ring', submenu: s.submenu })
    expect(r.group).toEqual(newGroup())
    expect(setAction(r, 'submenu', 2).submenu).toBe(s.submenu)
  })
  it('offers each key, naming the option that has it', () => {
    const m: Menu = { options: [ring(1, 'Sales'), ring(3, ' '), ring(2, 'Support')] }
    const c = keyChoices(m, 2)
    expect(c).toHaveLength(9)
    expect(c[0]).toEqual({ key: 1, usedBy: 'Sales' })
    expect(c[1]).toEqual({ key: 2, usedBy: null })
    expect(c[2]).toEqual({ key: 3, usedBy: 'option 2' })
    expect(duplicateKeys({ options: [ring(1, 'a'), ring(1, 'b'), ring(2, 'c'), ring(2, 'd')] })).toEqual([1, 3])
  })
  it('removes and moves options', () => {
    const m: Menu = { options: [ring(1, 'A'), ring(2, 'B'), ring(3, 'C')] }
    expect(removeOption(m, 1).options.map((o) => o.label)).toEqual(['A', 'C'])
    expect(moveOption(m, 2, -1).options.map((o) => o.label)).toEqual(['A', 'C', 'B'])
    expect(moveOption(m, 0, 1).options.map((o) => o.label)).toEqual(['B', 'A', 'C'])
    expect(moveOption(m, 0, -1)).toBe(m)
    expect(moveOption(m, 2, 1)).toBe(m)
  })
  it('measures the tree', () => {
    expect(depth(tree())).toBe(3)
    expect(depth({ options: [] })).toBe(1)
    expect(depth(null)).toBe(0)
    expect(countOptions(tree())).toBe(5)
    expect(multiLevel(tree())).toBe(true)
    expect(multiLevel({ options: [ring(1, 'A')] })).toBe(false)
  })
})

describe('menu template', () => {
  it('renders an option', () => {
    expect(renderTemplate('Press ${Key press} for ${Menu}.', 1, 'Sales')).toBe('Press 1 for Sales.')
    expect(renderTemplate('For ${Menu}, press ${Key press}. ${Key press}!', 2, 'Support')).toBe('For Support, press 2. 2!')
  })
  it('names missing variables', () => {
    expect(missingVars('Press ${Key press}')).toEqual(['${Menu}'])
    expect(missingVars('hello')).toEqual(['${Key press}', '${Menu}'])
    expect(missingVars('${Menu} ${Key press}')).toEqual([])
  })
})

describe('modes and users', () => {
  it('creates what a mode needs and keeps the rest', () => {
    const c = config({ menu: null, group: null, mode: 'direct' })
    const ivr = setMode(c, 'ivr')
    expect(ivr.menu).toEqual({ options: [] })
    expect(ivr.group).toBeNull()
    const back = setMode(ivr, 'direct')
    expect(back.group).toEqual(newGroup())
    expect(back.menu).toEqual({ options: [] })
  })
  it('lists the users the mode rings', () => {
    expect(usersOf(config())).toEqual([2, 3, 4, 5])
    expect(usersOf(config({ mode: 'direct', group: { ...newGroup(), users: [7, 7, 1] } }))).toEqual([7, 1])
  })
})

describe('test console keys', () => {
  it('reads keys in any spacing', () => {
    expect(parseKeys('2 1')).toEqual({ keys: ['2', '1'], bad: [] })
    expect(parseKeys('2,1')).toEqual({ keys: ['2', '1'], bad: [] })
    expect(parseKeys(' 2 , 1# ')).toEqual({ keys: ['2', '1#'], bad: [] })
    expect(parseKeys('2x 1x')).toEqual({ keys: ['2x', '1x'], bad: ['x'] })
    expect(parseKeys('')).toEqual({ keys: [], bad: [] })
  })
  it('explains where they lead', () => {
    const name = (id: number) => `U${id}`
    expect(explainKeys(tree(), ['2', '1'], name)).toEqual(['2 → Support (sub-menu)', '1 → Billing: rings U4'])
    expect(explainKeys(tree(), ['7', '1'], name)).toEqual(['7 → not an option here: the menu is repeated', '1 → Sales: rings U2, U3'])
    expect(explainKeys(tree(), ['1', '2'], name)[1]).toBe('2 → (the call has left the menu)')
    expect(explainKeys({ options: [ring(4, '')] }, ['4'], name)).toEqual(['4 → option 4: rings nobody yet'])
  })
})

describe('sameConfig', () => {
  it('ignores key order and what the server leaves out', () => {
    const a = config()
    const b = JSON.parse(JSON.stringify(a)) as Config
    b.hours = { weekly: { monday: [] }, always_open: true, holidays: [], use_org: false }
    expect(sameConfig(a, b)).toBe(true)
    expect(sameConfig(a, { ...b, online: false })).toBe(false)
    expect(canonical({ b: 1, a: [1, { d: null, c: 'x' }] })).toBe('{"a":[1,{"c":"x"}],"b":1}')
  })
})
