// Published versions (R-PLAT-4): who published each and when, what changed
// against the version before it, and restoring one as a new version.
import { useEffect, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import { ErrorBox, Loading } from '../../components/ui'
import { when } from '../../format'
import { Confirm } from '../telephony/parts'
import { rt, type VersionBody } from './api'
import { describePath, describeValue } from './paths'

const focusSoon = (id: string) => requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(id)?.focus()))

export function Versions(p: {
  id: number
  versions: VersionBody[]
  userName: (id: number) => string
  dirty: boolean
  busy: boolean
  said: string
  restore: (v: number) => Promise<ApiError | null>
}) {
  // The newest version's changes are shown until the admin picks another.
  const [picked, setOpen] = useState<number | null | undefined>(undefined)
  const open = picked === undefined ? (p.versions[0]?.version ?? null) : picked
  if (p.versions.length === 0) {
    return (
      <section class="panel" aria-labelledby="rt-versions-h">
        <h2 id="rt-versions-h">Versions</h2>
        <p class="empty">Nothing is published yet. Each time you publish, the draft becomes a new version here.</p>
      </section>
    )
  }
  return (
    <section class="panel stack" aria-labelledby="rt-versions-h">
      <h2 id="rt-versions-h">Versions</h2>
      <p class="hint">Newest first. Restoring publishes an earlier version again, as a new version, and makes it the draft.</p>
      <span role="status" class="saved">
        {p.said}
      </span>
      <ol class="rt-versions">
        {p.versions.map((v, i) => (
          <VersionRow key={v.version} {...p} v={v} live={i === 0} open={open === v.version}
            toggle={() => setOpen(open === v.version ? null : v.version)} />
        ))}
      </ol>
    </section>
  )
}

function VersionRow(p: {
  id: number
  v: VersionBody
  live: boolean
  open: boolean
  toggle: () => void
  userName: (id: number) => string
  dirty: boolean
  busy: boolean
  restore: (v: number) => Promise<ApiError | null>
}) {
  const { v } = p
  const [asking, setAsking] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const hid = `rt-version-${v.version}`
  return (
    <li class="rt-version" aria-labelledby={hid}>
      <div class="rt-version-head">
        <h3 id={hid}>
          Version {v.version} {p.live && <span class="badge">Live</span>}
        </h3>
        <span class="muted">
          published {when(v.published_at)} by {p.userName(v.published_by)}
          {v.restored_from ? ` · restored from version ${v.restored_from}` : ''}
        </span>
        <div class="row rt-version-tools">
          <button type="button" class="btn btn-small" aria-expanded={p.open} aria-controls={`${hid}-changes`} onClick={p.toggle}>
            {p.open ? 'Hide changes' : 'Show changes'}
            <span class="sr-only"> of version {v.version}</span>
          </button>
          {!p.live && !asking && (
            <button type="button" class="btn btn-small" id={`${hid}-restore`} onClick={() => setAsking(true)}>
              Restore<span class="sr-only"> version {v.version}</span>
            </button>
          )}
        </div>
      </div>
      {asking && (
        <Confirm confirm={`Restore version ${v.version}`} busy={p.busy}
          onCancel={() => {
            setAsking(false)
            focusSoon(`${hid}-restore`)
          }}
          onConfirm={async () => {
            setError(null)
            const err = await p.restore(v.version)
            if (err) setError(err)
            else setAsking(false)
          }}>
          Publish version {v.version} again as a new version? It goes live at once and replaces the draft
          {p.dirty ? ', including your unsaved changes' : ''}.
        </Confirm>
      )}
      {error && <ErrorBox error={error} title={error.status === 422 ? 'It cannot be restored as it is:' : undefined} />}
      {error?.status === 422 && (
        <ul class="rt-plain">
          {Object.entries(error.fields).map(([k, m]) => (
            <li key={k} class="field-error">
              {describePath(k, [], p.userName)}: {m}
            </li>
          ))}
        </ul>
      )}
      <div id={`${hid}-changes`}>{p.open && <Changes id={p.id} version={v.version} userName={p.userName} />}</div>
    </li>
  )
}

function Changes({ id, version, userName }: { id: number; version: number; userName: (id: number) => string }) {
  const [state, setState] = useState<{ v?: VersionBody; prev?: VersionBody | null; error?: ApiError }>({})
  const [tick, setTick] = useState(0)
  useVersion(id, version, tick, setState)
  if (state.error) return <ErrorBox error={state.error} retry={() => setTick((t) => t + 1)} />
  if (!state.v) return <Loading label={`Loading version ${version}…`} />
  const changes = state.v.changes || []
  if (version === 1) return <p class="muted">The first version: there is no earlier one to compare it with.</p>
  if (changes.length === 0) return <p class="muted">No changes against version {version - 1}.</p>
  const configs = [state.v.config, state.prev?.config]
  return (
    <div class="table-wrap rt-changes">
      <table class="table">
        <caption>
          Changes in version {version} against version {version - 1}
        </caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => {
            const before = describeValue(c.path, c.old, userName)
            const after = describeValue(c.path, c.new, userName)
            return (
              <tr key={c.path}>
                <th scope="row">{describePath(c.path, configs, userName)}</th>
                <td class={c.old === '' && c.new !== '' ? 'rt-none' : 'rt-old'}>{before || <Empty added={c.old === '' && c.new !== ''} />}</td>
                <td class={c.new === '' && c.old !== '' ? 'rt-none' : 'rt-new'}>{after || <Empty added={false} removed={c.new === '' && c.old !== ''} />}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function Empty({ added, removed }: { added?: boolean; removed?: boolean }) {
  return <span class="muted">{added ? '(added)' : removed ? '(removed)' : '(empty)'}</span>
}


/** useVersion loads a version (with its changes) and the one before it,
 * whose configuration names options that were removed. */
function useVersion(id: number, version: number, tick: number, set: (s: { v?: VersionBody; prev?: VersionBody | null; error?: ApiError }) => void) {
  useEffect(() => {
    const ctl = new AbortController()
    set({})
    Promise.all([rt.version(id, version, ctl.signal), version > 1 ? rt.version(id, version - 1, ctl.signal) : Promise.resolve(null)]).then(
      ([v, prev]) => !ctl.signal.aborted && set({ v, prev }),
      (e) => !ctl.signal.aborted && set({ error: toApiError(e) }),
    )
    return () => ctl.abort()
  }, [id, version, tick])
}
