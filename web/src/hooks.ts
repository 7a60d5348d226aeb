import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, toApiError } from './api/client'
import { addLeaveGuard } from './router'

export interface Async<T> {
  data: T | undefined
  error: ApiError | null
  loading: boolean
  reload: () => void
  set: (v: T) => void
}

/** useAsync runs load when deps change, cancelling the previous run. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error: ApiError | null; loading: boolean }>({ error: null, loading: true })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const ctl = new AbortController()
    setState((s) => ({ ...s, error: null, loading: true }))
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, error: null, loading: false }),
      (e) => !ctl.signal.aborted && setState((s) => ({ ...s, error: toApiError(e), loading: false })),
    )
    return () => ctl.abort()
  }, [...deps, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  const set = useCallback((data: T) => setState({ data, error: null, loading: false }), [])
  return { data: state.data, error: state.error, loading: state.loading, reload, set }
}

const DRAFT = 'sb:draft:'

/** clearDrafts forgets every saved draft (on an explicit sign-out). */
export function clearDrafts(): void {
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith(DRAFT)) sessionStorage.removeItem(k)
  } catch {
    // storage unavailable
  }
}

/** useDraft keeps a form's values in sessionStorage while it is edited, so
 * a reload or a trip through the sign-in page does not lose them. */
export function useDraft<T>(key: string, initial: () => T) {
  const storageKey = DRAFT + key
  const [restored, setRestored] = useState(false)
  const dirty = useRef(false)
  const [value, setValue] = useState<T>(() => {
    try {
      const s = sessionStorage.getItem(storageKey)
      if (s) {
        dirty.current = true
        setTimeout(() => setRestored(true))
        return JSON.parse(s) as T
      }
    } catch {
      // storage unavailable: a plain in-memory form
    }
    return initial()
  })
  const update = useCallback(
    (v: T) => {
      dirty.current = true
      setValue(v)
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(v))
      } catch {
        // quota or private mode: keep it in memory only
      }
    },
    [storageKey],
  )
  const clear = useCallback(() => {
    dirty.current = false
    setRestored(false)
    try {
      sessionStorage.removeItem(storageKey)
    } catch {
      // nothing to clear
    }
  }, [storageKey])
  const discard = useCallback(() => {
    clear()
    setValue(initial())
  }, [clear])
  /** reset replaces the values without marking them as a draft (loaded data). */
  const reset = useCallback((v: T) => setValue(v), [])
  return { value, update, clear, discard, reset, restored, dirty }
}

/** useLeaveGuard asks before leaving a page with unsaved changes. */
export function useLeaveGuard(
  when: () => boolean,
  message = 'You have unsaved changes. Leave this page and discard them?',
  onDiscard?: () => void,
) {
  const ref = useRef(when)
  ref.current = when
  const discard = useRef(onDiscard)
  discard.current = onDiscard
  useEffect(() => {
    const off = addLeaveGuard(() => {
      if (!ref.current()) return true
      if (!window.confirm(message)) return false
      discard.current?.()
      return true
    })
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (ref.current()) e.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      off()
      window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [message])
}

/** useDebounced returns value after it has stopped changing for ms. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

/** useTitle sets the document title. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Switchboard` : 'Switchboard'
  }, [title])
}
