import { describe, expect, it } from 'vitest'
import type { Config } from './api'
import { ancestors, describePath, describeValue, idFor, placeOf, tokens } from './paths'
import { newGroup } from './tree'

const cfg = {
  online: true, mode: 'ivr',
  menu: {
    options: [
      { key: 1, label: 'Sales', action: 'ring', group: { ...newGroup(), users: [2, 3] } },
      { key: 2, label: 'Support', action: 'submenu', submenu: { options: [{ key: 1, label: 'Billing', action: 'ring', group: { ...newGroup(), users: [4] } }] } },
    ],
  },
  hours: { always_open: false, weekly: {}, holidays: [{ date: '2026-12-25', name: 'Christmas' }] },
} as unknown as Config

const name = (id: number) => ({ 2: 'Alice', 3: 'Bob', 4: 'Carol' })[id] || `User #${id}`

describe('field paths', () => {
  it('split and climb', () => {
    expect(tokens('menu.options[1].submenu.options[0].label')).toEqual(['menu', 'options', '[1]', 'submenu', 'options', '[0]', 'label'])
    expect(ancestors('a.b[1].c')).toEqual(['a.b[1].c', 'a.b[1]', 'a.b', 'a'])
    expect(idFor('menu.options[1].key')).toBe('rt-menu-options-1-key')
    expect(idFor('hours.weekly.monday[0].from')).toBe('rt-hours-weekly-monday-0-from')
    const have = new Set(['menu.options[1]', 'hours.weekly'])
    expect(placeOf('menu.options[1].submenu.options', (p) => have.has(p))).toBe('menu.options[1]')
    expect(placeOf('voice.format', (p) => have.has(p))).toBeNull()
  })
})

describe('describePath', () => {
  it.each([
    ['menu.options[1].submenu.options[0].label', 'IVR menu › 2 Support › 1 Billing › Label'],
    ['menu.options[key=2].submenu.options[key=1].group.users', 'IVR menu › 2 Support › 1 Billing › Ring group › Users'],
    ['menu.options[0].group.users[1]', 'IVR menu › 1 Sales › Ring group › Users › Bob'],
    ['menu.options[key=7]', 'IVR menu › 7'],
    ['menu.options[4].key', 'IVR menu › option 5 › Key'],
    ['menu.options', 'IVR menu › Options'],
    ['menu.options[1].submenu.options', 'IVR menu › 2 Support'],
    ['group.users', 'Ring group › Users'],
    ['voice.menu.text', 'Voice › Menu message › Text'],
    ['queue.max_wait_minutes', 'Call queue › Maximum wait'],
    ['hours.weekly.monday[0].from', 'Business hours › Weekly hours › Monday › range 1 › From'],
    ['hours.use_org', 'Business hours › Hours used'],
    ['hours.holidays[2026-12-25]', 'Business hours › Holidays › Christmas (2026-12-25)'],
    ['hours.holidays[0].end_date', 'Business hours › Holidays › Christmas (2026-12-25) › Last day'],
    ['voicemail.max_length_seconds', 'Voicemail › Maximum length'],
  ])('%s', (path, want) => expect(describePath(path, [cfg], name)).toBe(want))

  it('falls back to the older configuration for removed options', () => {
    const newer = { ...cfg, menu: { options: [] } } as unknown as Config
    expect(describePath('menu.options[key=1]', [newer, cfg], name)).toBe('IVR menu › 1 Sales')
  })
})

describe('describeValue', () => {
  it.each([
    ['menu.options[key=1].group.users', '2, 3, 9', 'Alice, Bob, User #9'],
    ['online', 'false', 'off'],
    ['mode', 'ivr', 'IVR menu'],
    ['menu.options[key=2]', 'Support: submenu', 'Support: opens a sub-menu'],
    ['menu.options[key=1]', 'Sales: ring', 'Sales: rings users'],
    ['group', '2 users, sequential', '2 users, sequential ring'],
    ['group.interval_seconds', '20', '20 s'],
    ['queue.max_wait_minutes', '5', '5 min'],
    ['hours.weekly.sunday', '', 'closed'],
    ['voice.welcome.text', '', ''],
    ['voice.format', 'audio_url', 'Audio URL'],
    ['menu.options[key=1].label', 'Sales', 'Sales'],
  ])('%s = %j', (path, v, want) => expect(describeValue(path, v, name)).toBe(want))
})
