import { describe, expect, it } from 'vitest'
import { parseRoute, pathFor, safeNext, shouldIntercept, type Route } from './router'

describe('parseRoute', () => {
  const cases: [string, string, Route][] = [
    ['/', '', { name: 'home' }],
    ['/signin', '?next=%2Fcontacts%2F12', { name: 'signin', next: '/contacts/12' }],
    ['/signin', '?next=https://evil.example', { name: 'signin', next: '/contacts' }],
    ['/contacts', '', { name: 'list', kind: 'contact' }],
    ['/deals/', '', { name: 'list', kind: 'deal' }],
    ['/leads/new', '', { name: 'new', kind: 'lead' }],
    ['/accounts/42', '', { name: 'record', kind: 'account', id: 42 }],
    ['/contacts/7/edit', '', { name: 'edit', kind: 'contact', id: 7 }],
    ['/contacts/import', '', { name: 'import' }],
    ['/records/9', '', { name: 'resolve', id: 9 }],
    ['/tasks', '?show=overdue', { name: 'tasks' }],
    ['/settings', '', { name: 'settings', tab: 'users' }],
    ['/account', '', { name: 'account' }],
    ['/calls/missed', '', { name: 'missed' }],
    ['/calls', '?direction=inbound', { name: 'calls' }],
    ['/calls/nope', '', { name: 'notfound', path: '/calls/nope' }],
    ['/settings/org', '', { name: 'settings', tab: 'org' }],
    ['/settings/telephony', '', { name: 'settings', tab: 'telephony' }],
    ['/contacts/0', '', { name: 'notfound', path: '/contacts/0' }],
    ['/contacts/abc', '', { name: 'notfound', path: '/contacts/abc' }],
    ['/leads/import', '', { name: 'notfound', path: '/leads/import' }],
    ['/settings/nope', '', { name: 'notfound', path: '/settings/nope' }],
    ['/nothing', '', { name: 'notfound', path: '/nothing' }],
  ]
  it.each(cases)('%s%s', (path, search, want) => expect(parseRoute(path, search)).toEqual(want))

  it('pathFor is its inverse', () => {
    for (const [path, search, r] of cases) {
      if (r.name === 'notfound') continue
      const p = pathFor(r)
      const [pp, qs = ''] = p.split('?')
      expect(parseRoute(pp, qs ? `?${qs}` : ''), `${path}${search} → ${p}`).toEqual(r)
    }
  })
})

describe('safeNext', () => {
  it.each([
    ['/deals/3', '/deals/3'],
    ['/tasks?show=overdue', '/tasks?show=overdue'],
    [null, '/contacts'],
    ['', '/contacts'],
    ['//evil.example/x', '/contacts'],
    ['https://evil.example', '/contacts'],
    ['/signin?next=/x', '/contacts'],
    ['/api/v1/session', '/contacts'],
  ])('%s → %s', (next, want) => expect(safeNext(next)).toBe(want))
})

describe('shouldIntercept', () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false }
  it('takes plain left clicks on app links', () => expect(shouldIntercept(click, '/contacts')).toBe(true))
  it.each([
    ['a new-tab click', { ...click, ctrlKey: true }, '/contacts', null],
    ['a middle click', { ...click, button: 1 }, '/contacts', null],
    ['a handled click', { ...click, defaultPrevented: true }, '/contacts', null],
    ['an API link (CSV export)', click, '/api/v1/contacts/export', null],
    ['an external link', click, 'https://example.com', null],
    ['a protocol-relative link', click, '//example.com', null],
    ['a target=_blank link', click, '/contacts', '_blank'],
  ])('leaves %s to the browser', (_, e, href, target) => expect(shouldIntercept(e, href, target)).toBe(false))
})
