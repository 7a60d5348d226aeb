// A call's recording (R-POST-2, R-POST-3, R-IN-17): a player streaming it
// through the server (never the carrier's URL), Delete for the agent who
// answered or an admin (the server decides, and its refusal is shown), and
// once deleted, the tombstone saying who deleted it and when.
import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import { recordingPath, tombstoneText, type CallEntry, type Tombstone } from '../calllog'
import { isAdmin, me, org } from '../session'
import { ErrorBox } from './ui'

interface Props {
  callId: number
  /** The call has a recording not deleted. */
  recorded: boolean
  deleted: Tombstone | null
  /** The agent who answered the call (may delete), null = nobody. */
  answeredBy: number | null
  /** Names the call for screen readers: "the call from +1… on 21 Nov, 10:04". */
  describe: string
  /** Told the call's new state once its recording is gone. */
  onDeleted?: (c: CallEntry) => void
}

export function CallRecording({ callId, recorded, deleted, answeredBy, describe, onDeleted }: Props) {
  const [gone, setGone] = useState<Tombstone | null>(deleted)
  const [error, setError] = useState<ApiError | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const trigger = useRef<HTMLButtonElement>(null)
  const stone = useRef<HTMLParagraphElement>(null)
  const moveFocus = useRef(false)
  useEffect(() => setGone(deleted), [deleted])
  useEffect(() => {
    // The Delete button is gone: focus goes to what replaced it.
    if (gone && moveFocus.current) stone.current?.focus()
    moveFocus.current = false
  }, [gone])
  const tz = org.value?.time_zone

  if (gone) {
    return (
      <>
        <p class="tombstone" tabIndex={-1} ref={stone}>
          {tombstoneText(gone, tz)}
        </p>
        {error && <ErrorBox error={error} />}
      </>
    )
  }
  if (!recorded) return <span class="muted">—</span>

  const finish = (c: CallEntry) => {
    moveFocus.current = true
    setGone(c.recording_deleted)
    onDeleted?.(c)
  }
  const remove = async () => {
    setBusy(true)
    setError(null)
    try {
      finish(await api.deleteRecording(callId))
    } catch (e) {
      const err = toApiError(e)
      setError(err)
      // Deleted meanwhile (by someone else or the retention): show its tombstone.
      if (err.status === 410) await api.call(callId).then((c) => c.recording_deleted && finish(c), () => undefined)
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }
  const mayDelete = isAdmin.value || (answeredBy !== null && answeredBy === me.value?.id)
  return (
    <div class="recording">
      <audio controls preload="none" src={recordingPath(callId)} aria-label={`Recording of ${describe}`} />
      {mayDelete && (
        <button type="button" class="btn btn-small btn-danger" ref={trigger} disabled={busy} onClick={() => setConfirming(true)}>
          Delete recording<span class="sr-only"> of {describe}</span>
        </button>
      )}
      {error && <ErrorBox error={error} />}
      {confirming && (
        <ConfirmDelete
          describe={describe}
          busy={busy}
          onConfirm={remove}
          onClose={() => {
            setConfirming(false)
            trigger.current?.focus()
          }}
        />
      )}
    </div>
  )
}

/** ConfirmDelete asks before deleting: it cannot be undone, at the carrier either. */
function ConfirmDelete({ describe, busy, onConfirm, onClose }: { describe: string; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    return () => d?.open && d.close()
  }, [])
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="del-rec-title" aria-describedby="del-rec-body" onClose={onClose}>
      <div class="stack">
        <h2 id="del-rec-title">Delete this recording?</h2>
        <p id="del-rec-body">
          The recording of {describe} is deleted at the phone carrier too, and cannot be played again. The call log keeps a note of
          who deleted it and when.
        </p>
        <div class="row">
          <button type="button" class="btn btn-danger" disabled={busy} onClick={onConfirm}>
            {busy ? 'Deleting…' : 'Delete recording'}
          </button>
          <button type="button" class="btn" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </div>
    </dialog>
  )
}
