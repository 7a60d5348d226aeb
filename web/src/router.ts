// A small router: the URL is the state. parseRoute and pathFor are pure;
// the location signal follows history.
import { signal } from '@preact/signals'
import type { Kind } from './api/types'

export type Route =
  | { name: 'signin'; next: string }
  | { name: 'home' }
  | { name: 'list'; kind: Kind }
  | { name: 'record'; kind: Kind; id: number }
  | { name: 'new'; kind: Kind }
  | { name: 'edit'; kind: Kind; id: number }
  | { name: 'resolve'; id: number }
  | { name: 'tasks' }
  | { name: 'import' }
  | { name: 'settings'; tab: 'users' | 'org' | 'telephony' }
  | { name: 'routing'; number: number }
  | { name: 'account' }
  | { name: 'missed' }
  | { name: 'calls' }
  | { name: 'notfound'; path: string }

const PLURALS: Record<string, Kind> = { contacts: 'contact', leads: 'lead', accounts: 'account', deals: 'deal' }

export const kindPath = (kind: Kind) => `/${kind}s`

function id(s: string | undefined): number | null {
  if (!s || !/^[1-9][0-9]{0,15}$/.test(s)) return null
  return Number(s)
}

/** safeNext keeps a post-sign-in destination inside the app. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/signin') || next.startsWith('/api/')) {
    return '/contacts'
  }
  return next
}

/** parseRoute maps a path (and its query) to a route. */
export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent)
  const q = new URLSearchParams(search)
  if (parts.length === 0) return { name: 'home' }
  const [a, b, c] = parts
  if (a === 'signin' && parts.length === 1) return { name: 'signin', next: safeNext(q.get('next')) }
  if (a === 'tasks' && parts.length === 1) return { name: 'tasks' }
  if (a === 'account' && parts.length === 1) return { name: 'account' }
  if (a === 'calls' && b === 'missed' && parts.length === 2) return { name: 'missed' }
  if (a === 'calls' && parts.length === 1) return { name: 'calls' }
  if (a === 'settings' && parts.length <= 2) {
    if (!b || b === 'users') return { name: 'settings', tab: 'users' }
    if (b === 'org') return { name: 'settings', tab: 'org' }
    if (b === 'telephony') return { name: 'settings', tab: 'telephony' }
  }
  if (a === 'settings' && b === 'telephony' && c === 'numbers' && parts.length === 5 && parts[4] === 'routing' && id(parts[3])) {
    return { name: 'routing', number: id(parts[3])! }
  }
  if (a === 'records' && parts.length === 2 && id(b)) return { name: 'resolve', id: id(b)! }
  const kind = PLURALS[a]
  if (kind) {
    if (parts.length === 1) return { name: 'list', kind }
    if (parts.length === 2 && b === 'new') return { name: 'new', kind }
    if (parts.length === 2 && b === 'import' && kind === 'contact') return { name: 'import' }
    const n = id(b)
    if (n !== null && parts.length === 2) return { name: 'record', kind, id: n }
    if (n !== null && parts.length === 3 && c === 'edit') return { name: 'edit', kind, id: n }
  }
  return { name: 'notfound', path: pathname }
}

/** pathFor is the inverse of parseRoute. */
export function pathFor(r: Route): string {
  switch (r.name) {
    case 'signin':
      return r.next && r.next !== '/contacts' ? `/signin?next=${encodeURIComponent(r.next)}` : '/signin'
    case 'home':
      return '/'
    case 'list':
      return kindPath(r.kind)
    case 'record':
      return `${kindPath(r.kind)}/${r.id}`
    case 'new':
      return `${kindPath(r.kind)}/new`
    case 'edit':
      return `${kindPath(r.kind)}/${r.id}/edit`
    case 'resolve':
      return `/records/${r.id}`
    case 'tasks':
      return '/tasks'
    case 'account':
      return '/account'
    case 'missed':
      return '/calls/missed'
    case 'calls':
      return '/calls'
    case 'import':
      return '/contacts/import'
    case 'settings':
      return r.tab === 'users' ? '/settings' : `/settings/${r.tab}`
    case 'routing':
      return `/settings/telephony/numbers/${r.number}/routing`
    case 'notfound':
      return r.path
  }
}

/** The current location: path and query string. */
export const location = signal({ path: '/', search: '' })

function sync() {
  location.value = { path: window.location.pathname, search: window.location.search }
}

/** After an in-app navigation the next page heading takes focus (see
 * PageHeading), so keyboard and screen reader users start at the new page. */
export const headingFocus = { pending: false }

/** BeforeLeave hooks can refuse to leave a page (unsaved changes). */
type Guard = () => boolean
const guards = new Set<Guard>()

export function addLeaveGuard(g: Guard): () => void {
  guards.add(g)
  return () => guards.delete(g)
}

/** mayLeave asks every leave guard (unsaved changes) whether the page may close. */
export function mayLeave(): boolean {
  for (const g of guards) if (!g()) return false
  return true
}

/** navigate changes the URL and the location signal, moves focus to the
 * new page's heading, and scrolls to the top. */
export function navigate(to: string, opts: { replace?: boolean; force?: boolean; keepFocus?: boolean } = {}): void {
  if (!opts.force && !mayLeave()) return
  headingFocus.pending = !opts.keepFocus
  const cur = window.location.pathname + window.location.search
  if (to !== cur) {
    if (opts.replace) history.replaceState(null, '', to)
    else history.pushState(null, '', to)
  }
  sync()
  if (!opts.keepFocus) window.scrollTo(0, 0)
}

/** startRouter reads the browser's location and follows back/forward. */
export function startRouter(): void {
  sync()
  let lastPath = window.location.pathname + window.location.search
  window.addEventListener('popstate', () => {
    if (!mayLeave()) {
      history.pushState(null, '', lastPath)
      return
    }
    headingFocus.pending = true
    sync()
  })
  location.subscribe((l) => {
    lastPath = l.path + l.search
  })
}

export interface ClickLike {
  button: number
  metaKey: boolean
  ctrlKey: boolean
  shiftKey: boolean
  altKey: boolean
  defaultPrevented: boolean
}

/** shouldIntercept says whether a link click is an in-app navigation
 * (plain left click, no modifier for a new tab/window). */
export function shouldIntercept(e: ClickLike, href: string | null, target?: string | null): boolean {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false
  if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return false
  return !target || target === '_self'
}

/** query returns the current query parameters. */
export function queryParams(): URLSearchParams {
  return new URLSearchParams(location.value.search)
}
