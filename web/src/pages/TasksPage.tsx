import { useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import type { Task } from '../api/types'
import { ErrorBox, Field, Link, Loading, PageHeading } from '../components/ui'
import { day, todayIn, when } from '../format'
import { useAsync, useTitle } from '../hooks'
import { location, navigate } from '../router'
import { org } from '../session'
import { CallButton } from '../softphone/CallButton'
import { SummaryNeeds } from '../softphone/SummaryNeeds'
import { TaskItems } from './RecordView'

/** isCall tells a follow-up call (R-POST-1: a time and a number to call) from a to-do. */
const isCall = (t: Task) => t.kind === 'call'

const TABS = [
  { id: 'today', label: 'Due today', q: { due: 'today', done: 'false' } },
  { id: 'overdue', label: 'Overdue', q: { due: 'overdue', done: 'false' } },
  { id: 'upcoming', label: 'Upcoming', q: { due: 'upcoming', done: 'false' } },
  { id: 'open', label: 'All open', q: { done: 'false' } },
  { id: 'done', label: 'Done', q: { done: 'true' } },
] as const

export function TasksPage() {
  useTitle('My tasks')
  const tabId = new URLSearchParams(location.value.search).get('show') || 'today'
  const tab = TABS.find((t) => t.id === tabId) || TABS[0]
  const [cursors, setCursors] = useState<string[]>([''])
  const cursor = cursors[cursors.length - 1]
  const list = useAsync((signal) => api.tasks({ assignee: 'me', ...tab.q, cursor: cursor || undefined, limit: 50 }, signal), [tab.id, cursor])
  const today = todayIn(org.value?.time_zone || 'UTC')
  const show = (id: string) => {
    setCursors([''])
    navigate(id === 'today' ? '/tasks' : `/tasks?show=${id}`, { replace: true, keepFocus: true })
  }
  const onChange = (t: Task) => list.set({ ...list.data!, items: list.data!.items.map((x) => (x.id === t.id ? t : x)) })

  return (
    <section>
      <PageHeading>My tasks</PageHeading>
      <SummaryNeeds />
      <NewTask onCreated={list.reload} />
      <div
        class="tabs"
        role="tablist"
        aria-label="Which tasks"
        onKeyDown={(e) => {
          // from the focused tab, not this render's: keys can come faster than renders
          const i = Math.max(0, TABS.findIndex((t) => `tab-${t.id}` === (e.target as HTMLElement).id))
          const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -2
          if (j === -2) return
          e.preventDefault()
          const next = TABS[(j + TABS.length) % TABS.length]
          show(next.id)
          document.getElementById(`tab-${next.id}`)?.focus()
        }}
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === tab.id}
            tabIndex={t.id === tab.id ? 0 : -1}
            aria-controls="tasks-panel"
            class="tab"
            onClick={() => show(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="tasks-panel" role="tabpanel" aria-labelledby={`tab-${tab.id}`}>
        {list.error && <ErrorBox error={list.error} retry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data &&
          (list.data.items.length === 0 ? (
            <p class="empty">Nothing here. {tab.id === 'today' ? 'No tasks are due today.' : ''}</p>
          ) : (
            <>
              <CallTaskItems tasks={list.data.items.filter(isCall)} onChange={onChange} />
              <TaskItems tasks={list.data.items.filter((t) => !isCall(t))} today={today} onChange={onChange} showRecord />
            </>
          ))}
        {list.data && (cursors.length > 1 || list.data.next_cursor) && (
          <nav class="pager" aria-label="Pages">
            <button type="button" class="btn" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous page
            </button>
            <button type="button" class="btn" disabled={!list.data.next_cursor} onClick={() => setCursors([...cursors, list.data!.next_cursor])}>
              Next page
            </button>
          </nav>
        )}
      </div>
    </section>
  )
}

/** NewTask adds a task for me, not linked to a record. */
function NewTask({ onCreated }: { onCreated: () => void }) {
  const [title, setTitle] = useState('')
  const [due, setDue] = useState(todayIn(org.value?.time_zone || 'UTC'))
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const add = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.createTask({ title, due_date: due || undefined })
      setTitle('')
      onCreated()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const f = error?.fields || {}
  return (
    <form class="task-form panel new-task" onSubmit={add} aria-label="Add a task">
      <Field label="New task" name="new-task-title" error={f.title} class="grow">
        {(a) => <input {...a} value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Field label="Due" name="new-task-due" error={f.due_date}>
        {(a) => <input {...a} type="date" value={due} onInput={(e) => setDue((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" class="btn" disabled={busy || !title.trim()}>
        Add task
      </button>
      {error && !f.title && !f.due_date && <ErrorBox error={error} />}
    </form>
  )
}

/** CallTaskItems lists follow-up calls: when, who, and Call (R-POST-1). */
function CallTaskItems({ tasks, onChange }: { tasks: Task[]; onChange: (t: Task) => void }) {
  const [error, setError] = useState<ApiError | null>(null)
  if (tasks.length === 0) return null
  const now = new Date().toISOString()
  const toggle = async (t: Task) => {
    setError(null)
    try {
      onChange(await api.updateTask(t.id, { done: !t.done }))
    } catch (e) {
      setError(toApiError(e))
    }
  }
  return (
    <>
      {error && <ErrorBox error={error} />}
      <ul class="tasks call-tasks" aria-label="Follow-up calls">
        {tasks.map((t) => {
          const overdue = !t.done && !!t.due_at && t.due_at < now
          return (
            <li key={t.id} class={t.done ? 'done' : undefined}>
              <input type="checkbox" id={`task-${t.id}`} checked={t.done} onChange={() => toggle(t)} />
              <label for={`task-${t.id}`}>
                <span class="badge">Call</span> {t.title}
              </label>
              <span class={`due${overdue ? ' overdue' : ''}`}>
                {t.due_at ? <time dateTime={t.due_at}>{overdue ? `overdue · ${when(t.due_at)}` : when(t.due_at)}</time> : t.due_date ? day(t.due_date) : 'no time set'}
              </span>
              {t.phone && !t.done && <CallButton to={t.phone} label={`${t.phone} (${t.title})`} recordId={t.record_id || undefined} />}
              {t.record_id && (
                <Link class="task-record" href={`/records/${t.record_id}`}>
                  Open record<span class="sr-only"> of “{t.title}”</span>
                </Link>
              )}
            </li>
          )
        })}
      </ul>
    </>
  )
}
