// Settings › Call outcomes (R-POST-1): the admin-defined list the
// after-call summary offers — add, rename, remove, reorder, then Save.
// The server checks the list (1–30 entries, 1–60 characters, no
// duplicates ignoring case) and names the entry at fault.
import { useEffect, useRef, useState } from 'preact/hooks'
import { toApiError, type ApiError } from '../api/client'
import { api } from '../api/endpoints'
import { moved, namesOf, nextKey, rowError, rowsOf, orgOutcomes, type OutcomeRow } from '../softphone/summaryOutcomes'
import { useAsync } from '../hooks'
import { ErrorBox, Loading } from './ui'

export function OutcomesSettings() {
  const res = useAsync(() => api.outcomes(), [])
  return (
    <section class="panel" aria-labelledby="outcomes-h">
      <h2 id="outcomes-h">Call outcomes</h2>
      <p class="hint">Agents choose one of these in the summary after each call; the call log and timelines show it.</p>
      {res.error && <ErrorBox error={res.error} retry={res.reload} />}
      {!res.data && !res.error && <Loading />}
      {res.data && <OutcomesEditor initial={res.data.outcomes} />}
    </section>
  )
}

export function OutcomesEditor({ initial }: { initial: string[] }) {
  const [rows, setRows] = useState<OutcomeRow[]>(() => rowsOf(initial))
  const [fresh, setFresh] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  // The server's errors by row key: they stay beside their entry when rows move.
  const [rowErrs, setRowErrs] = useState<Record<number, string>>({})
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)
  // A moved row's button keeps the focus (the browser drops it when the row moves).
  const refocus = useRef('')
  useEffect(() => {
    if (!refocus.current) return
    const [key, dir] = refocus.current.split(':')
    refocus.current = ''
    const btn = document.getElementById(`outcome-${key}-${dir}`) as HTMLButtonElement | null
    const other = document.getElementById(`outcome-${key}-${dir === 'up' ? 'down' : 'up'}`) as HTMLButtonElement | null
    ;(btn && !btn.disabled ? btn : other)?.focus()
  }, [rows])
  const edit = (next: OutcomeRow[]) => {
    setRows(next)
    setSaved(false)
  }
  const add = () => {
    if (!fresh.trim()) return
    edit([...rows, { key: nextKey(rows), name: fresh.trim() }])
    setFresh('')
  }
  const save = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    setRowErrs({})
    const sent = rows
    try {
      const r = await api.setOutcomes(namesOf(sent))
      orgOutcomes.value = r.outcomes
      setRows(rowsOf(r.outcomes))
      setSaved(true)
    } catch (err) {
      const ae = toApiError(err)
      setError(ae)
      const byKey: Record<number, string> = {}
      sent.forEach((row, i) => {
        const m = rowError(ae.fields, i)
        if (m) byKey[row.key] = m
      })
      setRowErrs(byKey)
    } finally {
      setBusy(false)
    }
  }
  const listErr = error?.fields.outcomes
  return (
    <form onSubmit={save} noValidate aria-label="Call outcomes">
      <ol class="outcomes" aria-describedby={listErr ? 'outcomes-err' : undefined}>
        {rows.map((row, i) => (
          <OutcomeItem key={row.key} row={row} i={i} last={i === rows.length - 1} error={rowErrs[row.key]}
            onRename={(name) => edit(rows.map((x) => (x.key === row.key ? { ...x, name } : x)))}
            onMove={(d) => {
              refocus.current = `${row.key}:${d < 0 ? 'up' : 'down'}`
              edit(moved(rows, i, d))
            }}
            onRemove={() => edit(rows.filter((x) => x.key !== row.key))} />
        ))}
      </ol>
      {rows.length === 0 && <p class="empty">No outcomes: add at least one.</p>}
      {listErr && (
        <p class="field-error" id="outcomes-err">
          {listErr}
        </p>
      )}
      <div class="row outcome-add">
        <label for="outcome-new">New outcome</label>
        <input id="outcome-new" value={fresh} onInput={(e) => setFresh((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }} />
        <button type="button" class="btn" disabled={!fresh.trim()} onClick={add}>
          Add
        </button>
      </div>
      {error && Object.keys(error.fields).length === 0 && <ErrorBox error={error} />}
      {error && Object.keys(error.fields).length > 0 && (
        <p class="field-error" role="alert">
          Not saved: fix the {listErr ? 'list' : 'outcomes marked above'}.
        </p>
      )}
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save outcomes'}
        </button>
        <span role="status" class="saved">
          {saved ? 'Saved' : ''}
        </span>
      </div>
    </form>
  )
}

interface ItemProps {
  row: OutcomeRow
  i: number
  last: boolean
  error?: string
  onRename: (name: string) => void
  onMove: (delta: number) => void
  onRemove: () => void
}

function OutcomeItem({ row, i, last, error, onRename, onMove, onRemove }: ItemProps) {
  const id = `outcome-${row.key}`
  const name = row.name || `outcome ${i + 1}`
  return (
    <li class={`outcome-row${error ? ' has-error' : ''}`}>
      <label for={id} class="sr-only">
        Outcome {i + 1}
      </label>
      <input id={id} value={row.name} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined} onInput={(e) => onRename((e.currentTarget as HTMLInputElement).value)} />
      <button type="button" id={`${id}-up`} class="btn btn-small" disabled={i === 0} aria-label={`Move ${name} up`} onClick={() => onMove(-1)}>
        Up
      </button>
      <button type="button" id={`${id}-down`} class="btn btn-small" disabled={last} aria-label={`Move ${name} down`} onClick={() => onMove(1)}>
        Down
      </button>
      <button type="button" class="btn btn-small btn-danger" aria-label={`Remove ${name}`} onClick={onRemove}>
        Remove
      </button>
      {error && (
        <p class="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </li>
  )
}
