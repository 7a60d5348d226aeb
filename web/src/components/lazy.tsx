// lazyPage loads a page's code on first use, as its own chunk, so rarely
// used or heavy pages (and later the Twilio Voice SDK) stay out of the
// initial JavaScript. A failed load (offline, or a new deploy removed the
// old chunk) shows a retry message.
import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../api/client'
import { ErrorBox, Loading } from './ui'

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null
  return function LazyPage(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded)
    const [error, setError] = useState<ApiError | null>(null)
    const [tick, setTick] = useState(0)
    useEffect(() => {
      if (C) return
      let live = true
      load().then(
        (c) => {
          loaded = c
          if (live) setC(() => c)
        },
        () => live && setError(new ApiError(0, 'network', "This page could not be loaded. Check your connection, then retry (or reload the app).")),
      )
      return () => {
        live = false
      }
    }, [tick])
    if (C) return <C {...props} />
    if (error) return <ErrorBox error={error} retry={() => { setError(null); setTick((t) => t + 1) }} />
    return <Loading />
  }
}
