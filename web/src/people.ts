// Names of the org's users, for timelines, tasks, assignees and the call
// log: every member may list their colleagues' names (GET /api/v1/members).
import { signal } from '@preact/signals'
import { api } from './api/endpoints'
import type { Colleague } from './api/types'
import { me } from './session'

export const users = signal<Map<number, Colleague>>(new Map())
let loading: Promise<void> | null = null

/** loadUsers fetches the org's members once; safe to call often. */
export function loadUsers(): void {
  if (loading) return
  loading = api.members().then(
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
  return u ? u.name : 'a colleague'
}
