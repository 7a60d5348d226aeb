// Names of users, for timelines and tasks. Only admins may list users, so
// agents see their own name and "a colleague" for others.
import { signal } from '@preact/signals'
import { api } from './api/endpoints'
import type { User } from './api/types'
import { isAdmin, me } from './session'

export const users = signal<Map<number, User>>(new Map())
let loading: Promise<void> | null = null

/** loadUsers fetches the user list once (admins only); safe to call often. */
export function loadUsers(): void {
  if (!isAdmin.value || loading) return
  loading = api.users().then(
    (l) => {
      users.value = new Map(l.items.map((u) => [u.id, u]))
    },
    () => {
      loading = null
    },
  )
}

export function userName(id: number | null | undefined): string {
  if (!id) return ''
  if (me.value && me.value.id === id) return 'You'
  const u = users.value.get(id)
  return u ? u.name || u.email : 'a colleague'
}
