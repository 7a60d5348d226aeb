import { useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import type { Activity, Kind, RecordBody, Task, Timeline, TaskList } from '../api/types'
import { CallRecording } from '../components/CallRecording'
import { ErrorBox, Link, Loading, PageHeading } from '../components/ui'
import { day, duration, money, todayIn, when } from '../format'
import { useAsync, useDraft, useTitle } from '../hooks'
import { loadUsers, userName } from '../people'
import { address } from '../records'
import { kindPath, navigate } from '../router'
import { KIND_LABEL, KIND_PLURAL } from '../search'
import { isAdmin, me, org } from '../session'
import { CallButton } from '../softphone/CallButton'
import { SummaryLines } from '../softphone/SummaryLines'
import { lastSaved } from '../softphone/summaryStore'

interface Loaded {
  record: RecordBody
  timeline: Timeline
  tasks: TaskList
  /** An account's contacts and deals. */
  related?: { contacts: RecordBody[]; deals: RecordBody[] }
}

/** loadRecord fires the record, timeline and task requests at once. */
export async function loadRecord(kind: Kind, id: number, signal: AbortSignal): Promise<Loaded> {
  loadUsers()
  const account = kind === 'account'
  const [record, timeline, tasks, contacts, deals] = await Promise.all([
    api.record(kind, id, signal),
    api.timeline(id, undefined, signal),
    api.tasks({ record_id: id, limit: 100 }, signal),
    account ? api.records('contact', { account_id: id, limit: 100 }, signal) : undefined,
    account ? api.records('deal', { account_id: id, limit: 100 }, signal) : undefined,
  ])
  return { record, timeline, tasks, related: contacts && deals ? { contacts: contacts.items, deals: deals.items } : undefined }
}

export function RecordView({ kind, id }: { kind: Kind; id: number }) {
  // A summary saved on this record (or its deal) from the dock shows at once.
  const saved = lastSaved.value
  const summarised = saved && (saved.record?.id === id || saved.deal_id === id) ? saved.saved_at : null
  const res = useAsync((signal) => loadRecord(kind, id, signal), [kind, id, summarised])
  useTitle(res.data ? res.data.record.name : KIND_LABEL[kind])

  if (res.error) {
    return (
      <section>
        <PageHeading>{res.error.status === 404 ? `${KIND_LABEL[kind]} not found` : KIND_LABEL[kind]}</PageHeading>
        <ErrorBox error={res.error} retry={res.reload} />
        <p>
          <Link href={kindPath(kind)}>Back to {KIND_PLURAL[kind].toLowerCase()}</Link>
        </p>
      </section>
    )
  }
  if (!res.data) return <Loading />
  const { record: r, timeline, tasks } = res.data
  const update = (p: Partial<Loaded>) => res.set({ ...res.data!, ...p })

  return (
    <article class="record">
      <PageHeading
        actions={
          <>
            <Link class="btn" href={`${kindPath(kind)}/${id}/edit`}>
              Edit
            </Link>
            <DeleteButton kind={kind} record={r} />
          </>
        }
      >
        {r.name || '(no name)'} <span class="badge">{KIND_LABEL[kind]}</span>
      </PageHeading>
      {(r.title || r.company) && <p class="subtitle">{[r.title, r.company].filter(Boolean).join(' at ')}</p>}
      <div class="record-grid">
        <div class="stack">
          <Details record={r} />
          {res.data.related && <Related related={res.data.related} />}
          <TasksPanel recordId={id} tasks={tasks.items} onChange={(items) => update({ tasks: { ...tasks, items } })} onTimeline={res.reload} />
        </div>
        <TimelinePanel
          recordId={id}
          timeline={timeline}
          onAdd={(a) => update({ timeline: { ...timeline, items: [a, ...timeline.items] } })}
          onMore={(t) => update({ timeline: { items: [...timeline.items, ...t.items], next_cursor: t.next_cursor } })}
          onRemove={(a) => update({ timeline: { ...timeline, items: timeline.items.filter((x) => !(x.type === a.type && x.id === a.id)) } })}
        />
      </div>
    </article>
  )
}

function DeleteButton({ kind, record }: { kind: Kind; record: RecordBody }) {
  const [error, setError] = useState<ApiError | null>(null)
  const run = async () => {
    if (!window.confirm(`Delete ${record.name}, with its numbers, notes and tasks? This cannot be undone.`)) return
    try {
      await api.deleteRecord(kind, record.id)
      navigate(kindPath(kind))
    } catch (e) {
      setError(toApiError(e))
    }
  }
  return (
    <>
      <button type="button" class="btn btn-danger" onClick={run}>
        Delete
      </button>
      {error && <ErrorBox error={error} />}
    </>
  )
}

function Details({ record: r }: { record: RecordBody }) {
  const addr = address(r)
  const rows: [string, preact.ComponentChild][] = []
  if (r.kind === 'deal') {
    rows.push(['Stage', r.stage], ['Amount', money(r.amount)], ['Close date', r.close_date ? day(r.close_date) : ''])
    if (r.account_id) rows.push(['Account', <LinkedRecord kind="account" id={r.account_id} />])
    if (r.contact_id) rows.push(['Contact', <LinkedRecord kind="contact" id={r.contact_id} />])
  } else {
    if (r.kind === 'lead') rows.push(['Status', r.status])
    if (r.kind !== 'account') rows.push(['Company', r.company], ['Title', r.title])
    rows.push(['E-mail', r.email ? <a href={`mailto:${r.email}`}>{r.email}</a> : ''], ['Address', addr])
    if (r.kind === 'contact' && r.account_id) rows.push(['Account', <LinkedRecord kind="account" id={r.account_id} />])
  }
  if (r.owner_id) rows.push(['Owner', userName(r.owner_id)])
  return (
    <section class="panel" aria-labelledby="details-h">
      <h2 id="details-h">Details</h2>
      {r.kind !== 'deal' && (
        <>
          <h3 class="sub">Phone numbers</h3>
          {r.phones.length === 0 ? (
            <p class="empty">No phone numbers.</p>
          ) : (
            <ul class="phones">
              {r.phones.map((p) => (
                <li key={p.id}>
                  <span class="phone-label">{p.label}</span>{' '}
                  <a href={`tel:${p.e164}`} title={p.e164}>
                    {p.raw || p.e164}
                  </a>
                  {p.raw && p.raw.replace(/[^\d+]/g, '') !== p.e164 && <span class="muted"> {p.e164}</span>}
                  <CallButton to={p.e164} label={`${p.label} ${p.e164}`} recordId={r.id} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <dl class="fields">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v || <span class="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

function Related({ related }: { related: NonNullable<Loaded['related']> }) {
  const list = (title: string, kind: Kind, items: RecordBody[], extra: (r: RecordBody) => string) => (
    <>
      <h3 class="sub">{title}</h3>
      {items.length === 0 ? (
        <p class="empty">None.</p>
      ) : (
        <ul class="related">
          {items.map((x) => (
            <li key={x.id}>
              <Link href={`${kindPath(kind)}/${x.id}`}>{x.name}</Link> <span class="muted">{extra(x)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
  return (
    <section class="panel" aria-labelledby="related-h">
      <h2 id="related-h">People and deals</h2>
      {list('Contacts', 'contact', related.contacts, (c) => c.title)}
      {list('Deals', 'deal', related.deals, (d) => `${d.stage} · ${money(d.amount)}`)}
    </section>
  )
}

/** LinkedRecord links a deal to its contact or account, with its name once known. */
function LinkedRecord({ kind, id }: { kind: Kind; id: number }) {
  const r = useAsync((signal) => api.record(kind, id, signal), [kind, id])
  return <Link href={`${kindPath(kind)}/${id}`}>{r.data ? r.data.name : `${KIND_LABEL[kind]} #${id}`}</Link>
}

function TimelinePanel({
  recordId, timeline, onAdd, onMore, onRemove,
}: {
  recordId: number
  timeline: Timeline
  onAdd: (a: Activity) => void
  onRemove: (a: Activity) => void
  onMore: (t: Timeline) => void
}) {
  const draft = useDraft<string>(`note:${recordId}`, () => '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [more, setMore] = useState<{ busy: boolean; error: ApiError | null }>({ busy: false, error: null })

  const save = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const n = await api.createNote(recordId, draft.value)
      onAdd({ type: 'note', id: n.id, at: n.created_at, actor_id: n.author_id, title: '', body: n.body, due_date: '', done: false, record_id: n.record_id })
      draft.discard()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const removeNote = async (a: Activity) => {
    if (!window.confirm('Delete this note?')) return
    setError(null)
    try {
      await api.deleteNote(a.id)
      onRemove(a)
    } catch (err) {
      setError(toApiError(err))
    }
  }
  const loadMore = async () => {
    setMore({ busy: true, error: null })
    try {
      onMore(await api.timeline(recordId, timeline.next_cursor))
      setMore({ busy: false, error: null })
    } catch (err) {
      setMore({ busy: false, error: toApiError(err) })
    }
  }

  return (
    <section class="panel" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Activity</h2>
      <form class="stack note-form" onSubmit={save}>
        <div class={`field${error?.fields.body ? ' has-error' : ''}`}>
          <label for="note-body">Add a note</label>
          <textarea
            id="note-body"
            rows={3}
            value={draft.value}
            aria-invalid={error?.fields.body ? true : undefined}
            aria-describedby={error?.fields.body ? 'note-body-err' : undefined}
            onInput={(e) => draft.update((e.currentTarget as HTMLTextAreaElement).value)}
          />
          {error?.fields.body && (
            <p class="field-error" id="note-body-err">
              {error.fields.body}
            </p>
          )}
        </div>
        {error && !error.fields.body && <ErrorBox error={error} />}
        {draft.restored && <p class="hint">Your unsaved note was restored.</p>}
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={busy || !draft.value.trim()}>
            {busy ? 'Saving…' : 'Save note'}
          </button>
        </div>
      </form>
      {timeline.items.length === 0 ? (
        <p class="empty">No activity yet.</p>
      ) : (
        <ol class="timeline" aria-label="Activity, newest first">
          {timeline.items.map((a) => (
            <li key={`${a.type}:${a.id}`} class={`activity activity-${a.type}`}>
              <div class="activity-meta">
                <span class="badge">{ACTIVITY_LABEL[a.type]}</span> <time dateTime={a.at}>{when(a.at)}</time>
                {a.actor_id ? <span class="muted"> · {userName(a.actor_id)}</span> : null}
                {a.type === 'note' && (a.actor_id === me.value?.id || isAdmin.value) && (
                  <button type="button" class="btn btn-small btn-ghost note-delete" aria-label={`Delete the note from ${when(a.at)}`}
                    onClick={() => removeNote(a)}>
                    Delete
                  </button>
                )}
              </div>
              {a.type === 'call' ? (
                <>
                  <CallActivity a={a} />
                  <SummaryLines a={a} />
                  <CallActivityRecording a={a} />
                </>
              ) : a.type === 'note' ? (
                <p class="activity-body">{a.body}</p>
              ) : (
                <p class="activity-body">
                  {a.done ? '✓ ' : ''}
                  {a.title}
                  {a.due_date && <span class="muted"> · due {day(a.due_date)}</span>}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {more.error && <ErrorBox error={more.error} retry={loadMore} />}
      {timeline.next_cursor && (
        <button type="button" class="btn" onClick={loadMore} disabled={more.busy}>
          {more.busy ? 'Loading…' : 'Show older activity'}
        </button>
      )}
    </section>
  )
}

function TasksPanel({
  recordId, tasks, onChange, onTimeline,
}: {
  recordId: number
  tasks: Task[]
  onChange: (t: Task[]) => void
  onTimeline: () => void
}) {
  const [title, setTitle] = useState('')
  const [due, setDue] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const today = todayIn(org.value?.time_zone || 'UTC')

  const add = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const t = await api.createTask({ title, due_date: due || undefined, record_id: recordId })
      onChange([...tasks, t])
      setTitle('')
      setDue('')
      onTimeline()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="panel" aria-labelledby="tasks-h">
      <h2 id="tasks-h">Tasks</h2>
      {tasks.length === 0 ? (
        <p class="empty">No tasks.</p>
      ) : (
        <TaskItems tasks={tasks} today={today} onChange={(t) => onChange(tasks.map((x) => (x.id === t.id ? t : x)))} />
      )}
      <form class="task-form" onSubmit={add}>
        <div class={`field grow${error?.fields.title ? ' has-error' : ''}`}>
          <label for="task-title">New task</label>
          <input id="task-title" value={title} aria-invalid={error?.fields.title ? true : undefined}
            aria-describedby={error?.fields.title ? 'task-title-err' : undefined}
            onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
          {error?.fields.title && <p class="field-error" id="task-title-err">{error.fields.title}</p>}
        </div>
        <div class={`field${error?.fields.due_date ? ' has-error' : ''}`}>
          <label for="task-due">Due</label>
          <input id="task-due" type="date" value={due} aria-invalid={error?.fields.due_date ? true : undefined}
            aria-describedby={error?.fields.due_date ? 'task-due-err' : undefined}
            onInput={(e) => setDue((e.currentTarget as HTMLInputElement).value)} />
          {error?.fields.due_date && <p class="field-error" id="task-due-err">{error.fields.due_date}</p>}
        </div>
        <button type="submit" class="btn" disabled={busy || !title.trim()}>
          Add task
        </button>
      </form>
      {error && !error.fields.title && !error.fields.due_date && <ErrorBox error={error} />}
    </section>
  )
}

const ACTIVITY_LABEL: Record<Activity['type'], string> = { note: 'Note', task: 'Task', call: 'Call' }

/** CallActivity is a call on the timeline: direction, parties, outcome,
 * duration, and the recording when there is one. Title and body are the
 * caller's and the called number. */
function CallActivity({ a }: { a: Activity }) {
  const dir = a.direction === 'outbound' ? 'Outbound call' : a.direction === 'inbound' ? 'Inbound call' : 'Call'
  const parts = [a.outcome, duration(a.duration_seconds)].filter(Boolean)
  return (
    <p class="activity-body">
      {dir}
      {a.title && <> from {a.title}</>}
      {a.body && <> to {a.body}</>}
      {parts.length > 0 && <span class="muted"> · {parts.join(' · ')}</span>}
    </p>
  )
}

/** CallActivityRecording plays a timeline call's recording through the
 * server, with Delete for its answering agent (the actor) or an admin, or
 * says who deleted it and when. */
function CallActivityRecording({ a }: { a: Activity }) {
  if (!a.recording_url && !a.recording_deleted) return null
  const dir = a.direction === 'outbound' || a.direction === 'inbound' ? `${a.direction} call` : 'call'
  return (
    <CallRecording
      callId={a.id}
      recorded={!!a.recording_url}
      deleted={a.recording_deleted ?? null}
      answeredBy={a.actor_id || null}
      describe={`the ${dir}${a.title ? ` from ${a.title}` : ''}${a.body ? ` to ${a.body}` : ''} on ${when(a.at)}`}
    />
  )
}

/** TaskItems lists tasks with a done checkbox each. */
export function TaskItems({ tasks, today, onChange, showRecord }: { tasks: Task[]; today: string; onChange: (t: Task) => void; showRecord?: boolean }) {
  const [error, setError] = useState<ApiError | null>(null)
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
      <ul class="tasks">
        {tasks.map((t) => {
          const overdue = !t.done && t.due_date && t.due_date < today
          return (
            <li key={t.id} class={t.done ? 'done' : undefined}>
              <input type="checkbox" id={`task-${t.id}`} checked={t.done} onChange={() => toggle(t)} />
              <label for={`task-${t.id}`}>
                {t.title}
                {t.assignee_id !== me.value?.id && <span class="muted"> · for {userName(t.assignee_id)}</span>}
              </label>
              <span class={`due${overdue ? ' overdue' : ''}`}>
                {t.kind === 'call' && t.due_at ? (
                  <time dateTime={t.due_at}>{`${overdue ? 'overdue · ' : ''}call ${when(t.due_at)}`}</time>
                ) : t.due_date ? (
                  overdue ? `overdue · ${day(t.due_date)}` : t.due_date === today ? 'today' : day(t.due_date)
                ) : (
                  'no due date'
                )}
              </span>
              {t.kind === 'call' && t.phone && !t.done && <CallButton to={t.phone} label={`${t.phone} (${t.title})`} recordId={t.record_id || undefined} />}
              {showRecord && t.record_id && (
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
