// /records/:id — tasks know a record's id but not its kind; find it (the
// four look-ups run in parallel) and go to the record's page.
import { useEffect, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../api/client'
import { api } from '../api/endpoints'
import { KINDS } from '../api/types'
import { ErrorBox, Loading, PageHeading } from '../components/ui'
import { kindPath, navigate } from '../router'

export function ResolveRecord({ id }: { id: number }) {
  const [error, setError] = useState<ApiError | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const ctl = new AbortController()
    Promise.any(KINDS.map((k) => api.record(k, id, ctl.signal).then((r) => r.kind))).then(
      (kind) => navigate(`${kindPath(kind)}/${id}`, { replace: true }),
      (agg: AggregateError) => {
        if (ctl.signal.aborted) return
        const errs = agg.errors.map(toApiError)
        setError(errs.find((e) => e.status !== 404) || new ApiError(404, 'not_found', 'This record no longer exists.'))
      },
    )
    return () => ctl.abort()
  }, [id, tick])
  if (!error) return <Loading label="Opening the record…" />
  return (
    <section>
      <PageHeading>Record not found</PageHeading>
      <ErrorBox error={error} retry={() => { setError(null); setTick((t) => t + 1) }} />
    </section>
  )
}
