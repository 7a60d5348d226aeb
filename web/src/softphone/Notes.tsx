// The call's notes, saved as typed (debounced PUT /api/v1/calls/{id}/notes).
import { type MutableRef, useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../api/endpoints'
import { problem } from './phone'
import type { PhoneCall } from './types'

export const NOTES_DELAY_MS = 500
export const NOTES_MAX = 10_000

type Saved = 'idle' | 'pending' | 'saving' | 'saved' | 'failed'

/** Notes shows the call's notes; flush, when given, is set to a function
 * that saves whatever is still waiting (End call runs it first, so the
 * last words typed reach the call and the after-call summary). */
export function Notes({ call, flush }: { call: PhoneCall; flush?: MutableRef<(() => Promise<void>) | undefined> }) {
  const [text, setText] = useState(call.notes || '')
  const [state, setState] = useState<Saved>('idle')
  const [error, setError] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const latest = useRef(text)
  const sent = useRef(call.notes || '')

  const save = async () => {
    const v = latest.current
    if (v === sent.current) return setState((s) => (s === 'pending' ? 'saved' : s))
    setState('saving')
    try {
      await api.callNotes(call.id, v)
      sent.current = v
      setError('')
      setState(latest.current === v ? 'saved' : 'pending')
    } catch (e) {
      setError(problem(e))
      setState('failed')
    }
  }

  if (flush) {
    flush.current = async () => {
      if (timer.current === undefined) return
      clearTimeout(timer.current)
      timer.current = undefined
      await save()
    }
  }

  // Notes typed in another tab arrive in `call` events: take them when
  // nothing typed here is waiting.
  useEffect(() => {
    const n = call.notes || ''
    if (n !== sent.current && latest.current === sent.current) {
      sent.current = n
      latest.current = n
      setText(n)
    }
  }, [call.notes])

  // Whatever is still pending is saved when the panel goes (the call ended).
  useEffect(() => () => {
    if (timer.current !== undefined) {
      clearTimeout(timer.current)
      if (latest.current !== sent.current) void api.callNotes(call.id, latest.current).catch(() => undefined)
    }
  }, [])

  const onInput = (v: string) => {
    setText(v)
    latest.current = v
    setState('pending')
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      timer.current = undefined
      void save()
    }, NOTES_DELAY_MS)
  }

  const id = `call-notes-${call.id}`
  return (
    <div class="field phone-notes">
      <label for={id}>Notes</label>
      <textarea
        id={id}
        rows={3}
        maxLength={NOTES_MAX}
        value={text}
        aria-describedby={`${id}-state`}
        aria-invalid={state === 'failed' ? true : undefined}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <p id={`${id}-state`} class={state === 'failed' ? 'field-error' : state === 'saved' ? 'saved' : 'hint'} role="status">
        {state === 'saving' || state === 'pending' ? 'Saving…' : state === 'saved' ? 'Notes saved' : state === 'failed' ? `Not saved: ${error}` : ''}
      </p>
    </div>
  )
}
