// Settings → Telephony → a number → Routing (R-IN, R-PLAT-4, R-SIM-4): the
// editor of the number's draft, publishing it, its published versions with
// what changed, and the IVR test console, which runs the saved draft.
import './routing.css'
import { useMemo, useRef, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import type { User } from '../../api/types'
import { ErrorBox, Link, Loading, PageHeading } from '../../components/ui'
import { when } from '../../format'
import { useAsync, useLeaveGuard, useTitle } from '../../hooks'
import { navigate, pathFor, queryParams } from '../../router'
import { isAdmin, org } from '../../session'
import { displayNumber } from '../../telephony'
import { rt, type Config, type NumberBody, type RoutingBody, type VersionBody } from './api'
import { Editor } from './Editor'
import { focusPath } from './parts'
import { ancestors } from './paths'
import { TestConsole } from './TestConsole'
import { sameConfig } from './tree'
import { Versions } from './Versions'

interface Loaded {
  number: NumberBody
  routing: RoutingBody
  users: User[]
  versions: VersionBody[]
  /** The live version's configuration, to tell whether the draft differs. */
  live: Config | null
}

async function load(id: number, signal: AbortSignal): Promise<Loaded> {
  const [number, routing, users, versions] = await Promise.all([rt.number(id, signal), rt.routing(id, signal), rt.users(signal), rt.versions(id, signal)])
  const live = routing.live ? (await rt.version(id, routing.live.version, signal)).config || null : null
  return { number, routing, users: users.items, versions: versions.items, live }
}

export type View = 'edit' | 'test' | 'versions'
const VIEWS: { key: View; label: string }[] = [
  { key: 'edit', label: 'Editor' },
  { key: 'test', label: 'Test console' },
  { key: 'versions', label: 'Versions' },
]

export function RoutingPage({ number: id }: { number: number }) {
  const res = useAsync((signal) => load(id, signal), [id])
  const heading = res.data ? `Routing of ${displayNumber(res.data.number.e164)}` : 'Routing'
  useTitle(heading)
  const crumbs = (
    <nav aria-label="Breadcrumb" class="rt-crumbs">
      <Link href="/settings/telephony">Settings › Telephony</Link>
      <span aria-hidden="true"> › </span>
      <span aria-current="page">{res.data ? displayNumber(res.data.number.e164) : `Number ${id}`}</span>
    </nav>
  )
  if (!isAdmin.value) {
    return (
      <section>
        <PageHeading>Routing</PageHeading>
        <div class="alert alert-error" role="alert">
          Only admins can change routing.
        </div>
      </section>
    )
  }
  return (
    <section class="rt">
      {crumbs}
      <PageHeading>{heading}</PageHeading>
      {res.error && !res.data && <ErrorBox error={res.error} retry={res.reload} />}
      {!res.data && !res.error && <Loading label="Loading the routing…" />}
      {res.data && <Routing key={id} id={id} data={res.data} />}
    </section>
  )
}

/** The state of the page: the saved draft as the server has it, the
 * editor's draft, and problems from the last save or publish. */
function Routing({ id, data }: { id: number; data: Loaded }) {
  const [saved, setSaved] = useState<RoutingBody>(data.routing)
  const [draft, setDraftState] = useState<Config>(data.routing.draft)
  const [versions, setVersions] = useState<VersionBody[]>(data.versions)
  const [live, setLive] = useState<Config | null>(data.live)
  const [errs, setErrs] = useState<Record<string, string>>({})
  const [showProblems, setShowProblems] = useState(false)
  const [busy, setBusy] = useState<'' | 'save' | 'publish' | 'restore'>('')
  const [error, setError] = useState<ApiError | null>(null)
  const [said, setSaid] = useState('')
  const [view, setViewState] = useState<View>(() => {
    const v = queryParams().get('view')
    return v === 'test' || v === 'versions' ? v : 'edit'
  })
  const current = useRef(draft)
  current.current = draft
  const dirty = !sameConfig(draft, saved.draft)
  const label = displayNumber(data.number.e164)
  useLeaveGuard(() => dirty, `The routing of ${label} has unsaved changes. Leave and discard them?`)
  const userById = useMemo(() => new Map(data.users.map((u) => [u.id, u])), [data.users])
  const userName = (uid: number) => {
    const u = userById.get(uid)
    return u ? u.name || u.email : `User #${uid}`
  }

  const setDraft = (c: Config) => {
    setDraftState(c)
    setSaid('')
  }
  // A panel is rendered once it has been opened, then kept (hidden) so
  // the test console keeps its set-up while the admin edits.
  const [visited, setVisited] = useState<Set<View>>(() => new Set([view]))
  const setView = (v: View) => {
    setViewState(v)
    setVisited((s) => (s.has(v) ? s : new Set([...s, v])))
    const path = pathFor({ name: 'routing', number: id })
    navigate(v === 'edit' ? path : `${path}?view=${v}`, { replace: true, force: true, keepFocus: true })
  }

  /** save sends the draft; on success the editor takes the server's
   * (trimmed) copy unless it was edited meanwhile. */
  const save = async (): Promise<boolean> => {
    const sent = draft
    setBusy('save')
    setError(null)
    setSaid('')
    try {
      const body = await rt.save(id, sent)
      setSaved(body)
      setErrs({})
      if (current.current === sent) setDraftState(body.draft)
      setSaid('Draft saved')
      return true
    } catch (e) {
      const err = toApiError(e)
      if (err.status === 422 && Object.keys(err.fields).length) {
        setErrs(err.fields)
        setShowProblems(true)
        requestAnimationFrame(() => document.getElementById('rt-problems')?.focus())
      }
      setError(err)
      return false
    } finally {
      setBusy('')
    }
  }

  const refresh = async () => {
    const [r, vs] = await Promise.all([rt.routing(id), rt.versions(id)])
    setSaved(r)
    setVersions(vs.items)
    return r
  }

  const publish = async () => {
    if (dirty && !(await save())) return
    setBusy('publish')
    setError(null)
    setSaid('')
    try {
      const v = await rt.publish(id)
      setLive(v.config || null)
      setErrs({})
      setShowProblems(false)
      await refresh()
      setSaid(`Version ${v.version} is live`)
    } catch (e) {
      const err = toApiError(e)
      if (err.status === 422 && Object.keys(err.fields).length) {
        setErrs(err.fields)
        setShowProblems(true)
        requestAnimationFrame(() => document.getElementById('rt-problems')?.focus())
      } else setError(err)
    } finally {
      setBusy('')
    }
  }

  /** restore publishes an earlier version again; it becomes the draft. */
  const restore = async (v: number): Promise<ApiError | null> => {
    setBusy('restore')
    setError(null)
    try {
      const nv = await rt.restore(id, v)
      setLive(nv.config || null)
      const r = await refresh()
      setDraftState(r.draft)
      setErrs({})
      setShowProblems(false)
      setSaid(`Version ${v} was published again as version ${nv.version}`)
      return null
    } catch (e) {
      const err = toApiError(e)
      if (err.status === 422) setErrs(err.fields)
      return err
    } finally {
      setBusy('')
    }
  }

  const discard = () => {
    setDraftState(saved.draft)
    setErrs({})
    setError(null)
  }

  /** goEdit opens the editor, at the field of a problem when given. */
  const goEdit = (path?: string) => {
    setShowProblems(true)
    setView('edit')
    if (path) requestAnimationFrame(() => requestAnimationFrame(() => focusPath(ancestors(path))))
  }

  const liveV = saved.live
  const sameAsLive = !!live && sameConfig(draft, live)
  const timeZone = org.value?.time_zone || 'UTC'
  return (
    <>
      <p class="rt-status">
        {liveV ? (
          <>
            <span class="badge">Live</span> version {liveV.version}, published {when(liveV.published_at)} by {userName(liveV.published_by)}
            {liveV.restored_from ? ` (restored from version ${liveV.restored_from})` : ''}.
          </>
        ) : (
          <>
            <span class="badge badge-muted">Not live</span> Nothing is published yet: calls to this number are not routed.
          </>
        )}{' '}
        {dirty ? 'The draft has unsaved changes.' : sameAsLive ? 'The draft is the live version.' : liveV ? 'The saved draft differs from the live version.' : ''}
      </p>
      <div class="tabs" role="tablist" aria-label="Routing sections" onKeyDown={(e) => tabKeys(e, view, setView)}>
        {VIEWS.map((v) => (
          <button key={v.key} type="button" role="tab" class="tab" id={`rt-tab-${v.key}`} aria-selected={view === v.key}
            aria-controls={`rt-panel-${v.key}`} tabIndex={view === v.key ? 0 : -1} onClick={() => setView(v.key)}>
            {v.label}
            {v.key === 'versions' && versions.length > 0 ? ` (${versions.length})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="rt-panel-edit" aria-labelledby="rt-tab-edit" hidden={view !== 'edit'}>
        <Editor
          number={data.number}
          draft={draft}
          setDraft={setDraft}
          users={data.users}
          userName={userName}
          errs={{ ...(showProblems ? saved.publish_problems : {}), ...errs }}
          problems={saved.publish_problems}
          saveErrors={errs}
          showProblems={showProblems}
          setShowProblems={setShowProblems}
          dirty={dirty}
          sameAsLive={sameAsLive}
          savedAt={saved.draft_saved_at}
          busy={busy}
          error={error}
          said={said}
          timeZone={timeZone}
          save={save}
          publish={publish}
          discard={discard}
        />
      </div>
      <div role="tabpanel" id="rt-panel-test" aria-labelledby="rt-tab-test" hidden={view !== 'test'}>
        {visited.has('test') && <TestConsole id={id} saved={saved} dirty={dirty} busy={busy === 'save'} save={save} users={data.users} userName={userName}
          timeZone={timeZone} goEdit={goEdit} />}
      </div>
      <div role="tabpanel" id="rt-panel-versions" aria-labelledby="rt-tab-versions" hidden={view !== 'versions'}>
        {visited.has('versions') && (
          <Versions id={id} versions={versions} userName={userName} dirty={dirty} restore={restore} busy={busy === 'restore'} said={said} />
        )}
      </div>
    </>
  )
}

/** tabKeys moves between tabs with the arrow keys, Home and End. */
function tabKeys(e: KeyboardEvent, view: View, setView: (v: View) => void) {
  const i = VIEWS.findIndex((v) => v.key === view)
  let j = -1
  if (e.key === 'ArrowRight') j = (i + 1) % VIEWS.length
  else if (e.key === 'ArrowLeft') j = (i + VIEWS.length - 1) % VIEWS.length
  else if (e.key === 'Home') j = 0
  else if (e.key === 'End') j = VIEWS.length - 1
  if (j < 0) return
  e.preventDefault()
  setView(VIEWS[j].key)
  document.getElementById(`rt-tab-${VIEWS[j].key}`)?.focus()
}
