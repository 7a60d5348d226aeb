// Who is signed in, and what happens when the session ends: a request that
// gets 401 opens the "sign in again" dialog over the page (nothing typed is
// lost), and is retried once the user has signed in.
import { computed, signal } from '@preact/signals'
import { ApiError, setCsrfToken, setUnauthorizedHandler } from './api/client'
import { api } from './api/endpoints'
import type { OrgBody, SessionBody, User } from './api/types'
import { clearDrafts } from './hooks'

export type AuthState = 'loading' | 'signedOut' | 'signedIn' | 'unreachable'

export const auth = signal<AuthState>('loading')
export const me = signal<User | null>(null)
export const org = signal<OrgBody | null>(null)
export const isAdmin = computed(() => me.value?.role === 'admin')
/** True while the "session expired" dialog is open. */
export const reauthOpen = signal(false)

let waiters: ((ok: boolean) => void)[] = []

function apply(s: SessionBody) {
  setCsrfToken(s.csrf_token || '')
  me.value = s.user
  org.value = s.org
  auth.value = 'signedIn'
}

/** restore asks the server who we are (after a reload). */
export async function restore(): Promise<void> {
  try {
    apply(await api.session())
  } catch (e) {
    const err = e as ApiError
    auth.value = err.status === 401 ? 'signedOut' : 'unreachable'
  }
}

/** signIn signs in from the sign-in page or the expiry dialog. Signing in
 * as someone else from the dialog reloads the app so nothing of the first
 * user stays on screen. */
export async function signIn(email: string, password: string): Promise<void> {
  const prev = me.value
  const s = await api.signIn(email, password)
  if (reauthOpen.value && prev && prev.id !== s.user.id) {
    window.location.reload()
    return
  }
  apply(s)
  finishReauth(true)
}

/** signOut ends the session on the server and locally, and forgets the
 * drafts kept in this tab (the user chose to leave). */
export async function signOut(): Promise<void> {
  clearDrafts()
  try {
    await api.signOut()
  } catch {
    // already expired, or offline: forget it locally anyway
  }
  clearLocal()
}

function clearLocal() {
  setCsrfToken('')
  me.value = null
  org.value = null
  auth.value = 'signedOut'
  finishReauth(false)
}

function finishReauth(ok: boolean) {
  reauthOpen.value = false
  const w = waiters
  waiters = []
  w.forEach((f) => f(ok))
}

/** giveUp closes the expiry dialog without signing in: pending requests
 * fail and the app goes to the sign-in page. */
export function giveUp(): void {
  clearLocal()
}

/** startSessionWatch installs the 401 handler and checks the session now
 * and then, so an expired session is noticed before the user presses Save. */
export function startSessionWatch(): void {
  setUnauthorizedHandler(() => {
    if (auth.value !== 'signedIn') return Promise.resolve(false)
    reauthOpen.value = true
    return new Promise<boolean>((resolve) => waiters.push(resolve))
  })
  const check = async () => {
    if (auth.value !== 'signedIn' || reauthOpen.value || document.visibilityState !== 'visible') return
    try {
      const s = await api.session()
      setCsrfToken(s.csrf_token || '')
    } catch (e) {
      if ((e as ApiError).status === 401 && auth.value === 'signedIn') reauthOpen.value = true
    }
  }
  window.setInterval(check, 60_000)
  document.addEventListener('visibilitychange', check)
}
