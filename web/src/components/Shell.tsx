import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { isAdmin, me, signOut } from '../session'
import { location, mayLeave, navigate } from '../router'
import { Link } from './ui'
import { SearchBox } from './SearchBox'
import { PresenceControl } from '../softphone/PresenceControl'
import { phone } from '../softphone/phone'
import { Softphone } from '../softphone/Softphone'

const NAV = [
  { href: '/contacts', label: 'Contacts' },
  { href: '/leads', label: 'Leads' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/deals', label: 'Deals' },
  { href: '/tasks', label: 'Tasks' },
  { href: '/calls', label: 'Calls' },
  { href: '/calls/missed', label: 'Missed calls' },
]

export function Shell({ children }: { children: ComponentChildren }) {
  const [menu, setMenu] = useState(false)
  const userBox = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!menu) return
    const close = (e: Event) => {
      if (userBox.current && !userBox.current.contains(e.target as Node)) setMenu(false)
    }
    document.addEventListener('mousedown', close)
    document.addEventListener('focusin', close)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('focusin', close)
    }
  }, [menu])
  const path = location.value.path
  const items = isAdmin.value ? [...NAV, { href: '/settings', label: 'Settings' }] : NAV
  // Calls is the log only: Missed calls, under it, is its own entry.
  const current = (href: string) => path === href || (href !== '/calls' && path.startsWith(href + '/'))
  const user = me.value
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href="/contacts" class="brand">
          <svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path d="M10 9h4l2 5-2.5 1.5a11 11 0 0 0 5 5L20 18l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 8 11a2 2 0 0 1 2-2z" fill="#fff" />
          </svg>
          <span>Switchboard</span>
        </Link>
        <SearchBox />
        <PresenceControl />
        <div class="user" ref={userBox}>
          <button
            type="button"
            class="btn btn-ghost user-button"
            aria-expanded={menu}
            aria-controls="user-menu"
            onClick={() => setMenu(!menu)}
          >
            <span class="avatar" aria-hidden="true">
              {(user?.name || user?.email || '?').slice(0, 1).toUpperCase()}
            </span>
            <span class="user-name">{user?.name || user?.email}</span>
          </button>
          {menu && (
            <div class="user-menu" id="user-menu" onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
              <p>
                <strong>{user?.name}</strong>
                <br />
                {user?.email}
                <br />
                <span class="badge">{user?.role}</span>
              </p>
              <p>
                <Link href="/account" onClick={() => setMenu(false)}>
                  My account and API tokens
                </Link>
              </p>
              <button
                type="button"
                class="btn"
                onClick={async () => {
                  setMenu(false)
                  if (!mayLeave()) return
                  await signOut()
                  navigate('/signin', { force: true })
                }}
              >
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <nav class="sidenav" aria-label="Main">
        <ul>
          {items.map((n) => (
            <li key={n.href}>
              <Link href={n.href} aria-current={current(n.href) ? 'page' : undefined}>
                {n.label}
                {n.href === '/calls/missed' && <MissedBadge />}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="content">
        {children}
      </main>
      <Softphone />
    </div>
  )
}

/** MissedBadge counts the missed calls not yet seen (R-AG-5). */
function MissedBadge() {
  const n = phone.value.unseen
  if (!n) return null
  return (
    <span class="count-badge">
      {n}
      <span class="sr-only"> unseen</span>
    </span>
  )
}
