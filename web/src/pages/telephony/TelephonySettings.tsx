// Settings → Telephony (issue #5): providers with their users and health,
// the numbers of each provider with operators and switches, and who calls
// out from which number. Everything the page needs is requested at once.
import './telephony.css'
import { useMemo, useRef, useState } from 'preact/hooks'
import type { OrgBody, User } from '../../api/types'
import { ErrorBox, Loading } from '../../components/ui'
import { useAsync } from '../../hooks'
import { callerIdMap, groupNumbers } from '../../telephony'
import { AddNumber } from './AddNumber'
import { tel, type NumberBody, type Provider } from './api'
import { CallerIds } from './CallerIds'
import { ConnectProvider } from './ConnectProvider'
import { NumberCard } from './NumberCard'
import { ProviderCard } from './ProviderCard'

export interface TelData {
  providers: Provider[]
  numbers: NumberBody[]
  users: User[]
  /** user id → caller-ID number id */
  callerIds: Map<number, number>
  org: OrgBody
}

/** What every telephony card gets: the data, a way to change it after a
 * successful request, and a full reload for changes with wide effects. */
export interface TelCtx {
  data: TelData
  userById: Map<number, User>
  update: (f: (d: TelData) => TelData) => void
  reload: () => void
}

async function load(signal: AbortSignal): Promise<TelData> {
  const [p, n, u, c, org] = await Promise.all([
    tel.providers(signal), tel.numbers(signal), tel.users(signal), tel.callerIds(signal), tel.org(signal),
  ])
  return { providers: p.items, numbers: n.items, users: u.items, callerIds: callerIdMap(c.items), org }
}

export function TelephonySettings() {
  const res = useAsync(load, [])
  const latest = useRef<TelData | undefined>(undefined)
  latest.current = res.data
  const userById = useMemo(() => new Map((res.data?.users || []).map((u) => [u.id, u])), [res.data?.users])
  if (res.error && !res.data) return <ErrorBox error={res.error} retry={res.reload} />
  if (!res.data) return <Loading label="Loading providers and numbers…" />
  const ctx: TelCtx = {
    data: res.data,
    userById,
    update: (f) => {
      const next = f(latest.current!)
      latest.current = next
      res.set(next)
    },
    reload: res.reload,
  }
  return (
    <div class="stack tel">
      {res.error && <ErrorBox error={res.error} retry={res.reload} title="Could not refresh." />}
      <Providers ctx={ctx} />
      <Numbers ctx={ctx} />
      <CallerIds ctx={ctx} />
    </div>
  )
}

function Providers({ ctx }: { ctx: TelCtx }) {
  const [connecting, setConnecting] = useState(false)
  const list = ctx.data.providers
  return (
    <section aria-labelledby="providers-h" class="stack">
      <div class="tel-head">
        <h2 id="providers-h" tabIndex={-1}>
          Providers
        </h2>
        {!connecting && (
          <button type="button" id="connect-provider-open" class="btn btn-primary" onClick={() => setConnecting(true)}>
            Connect a provider
          </button>
        )}
      </div>
      <p class="hint">
        The carrier accounts calls and texts go through. Each user belongs to one provider; to move someone, remove them from
        their provider, then add them to the other.
      </p>
      {connecting && <ConnectProvider ctx={ctx} onDone={() => setConnecting(false)} />}
      {list.length === 0 && !connecting && <p class="empty">No provider is connected yet: connect Twilio, or the built-in sandbox to try things out.</p>}
      {list.map((p) => (
        <ProviderCard key={p.id} ctx={ctx} provider={p} />
      ))}
    </section>
  )
}

function Numbers({ ctx }: { ctx: TelCtx }) {
  const groups = groupNumbers(ctx.data.providers, ctx.data.numbers)
  return (
    <section aria-labelledby="numbers-h" class="stack">
      <h2 id="numbers-h" tabIndex={-1}>
        Numbers
      </h2>
      <p class="hint">
        Each number lists its operators (the users who may use it) with their own switches. Numbers are bought or linked through
        a provider.
      </p>
      {groups.length === 0 && <p class="empty">Connect a provider first, then buy or link numbers through it.</p>}
      {groups.map((g) => {
        const key = g.provider ? `p${g.provider.id}` : 'orphans'
        const title = g.provider ? `Numbers of ${g.provider.name}` : 'Numbers of providers no longer installed'
        return (
          <section key={key} class="tel-group" aria-labelledby={`${key}-numbers-h`}>
            <div class="tel-head">
              <h3 id={`${key}-numbers-h`}>{title}</h3>
              <span class="muted">
                {g.numbers.length} {g.numbers.length === 1 ? 'number' : 'numbers'}
              </span>
            </div>
            {g.provider && <AddNumber ctx={ctx} provider={g.provider} />}
            {g.numbers.length === 0 ? (
              <p class="empty">No numbers yet.</p>
            ) : (
              <ul class="tel-numbers">
                {g.numbers.map((n) => (
                  <li key={n.id}>
                    <NumberCard ctx={ctx} number={n} provider={g.provider} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        )
      })}
    </section>
  )
}
