// The IVR test console (R-SIM-4): a simulated call to the number's saved
// draft, with the caller, the time, the keys pressed and how each user
// takes part chosen here; it shows step by step what the caller hears and
// who rings. It runs in a private sandbox: nobody's phone rings and nothing
// is logged.
import { useMemo, useState } from 'preact/hooks'
import { ApiError, toApiError } from '../../api/client'
import type { User } from '../../api/types'
import { ErrorBox } from '../../components/ui'
import { org } from '../../session'
import { rt, type RoutingBody, type TestAgent, type TestResult } from './api'
import { plural } from './Editor'
import { ProblemList } from './ProblemList'
import { defaultAgents, moveAgent, outcomeText, stepText, stepTone } from './steps'
import { describeWallClock, offset, openAt, wallClock } from './time'
import { explainKeys, parseKeys, usersOf } from './tree'

const STATUSES: { value: TestAgent['status']; label: string }[] = [
  { value: 'online', label: 'Online' },
  { value: 'busy', label: 'Busy on another call' },
  { value: 'offline', label: 'Offline' },
]
const ANSWERS: { value: TestAgent['answer']; label: string }[] = [
  { value: 'answer', label: 'Answers' },
  { value: 'reject', label: 'Rejects' },
  { value: 'ignore', label: 'Doesn’t answer' },
]

export function TestConsole(p: {
  id: number
  saved: RoutingBody
  dirty: boolean
  busy: boolean
  save: () => Promise<boolean>
  users: User[]
  userName: (id: number) => string
  timeZone: string
  goEdit: (path?: string) => void
}) {
  const c = p.saved.draft
  const [withheld, setWithheld] = useState(false)
  const [from, setFrom] = useState('+33612345678')
  const [now, setNow] = useState(true)
  const [at, setAt] = useState(() => wallClock(p.timeZone))
  const [keysText, setKeysText] = useState('')
  const [everyone, setEveryone] = useState(false)
  const [hangup, setHangup] = useState('')
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<TestResult | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [ran, setRan] = useState('')

  const inDraft = usersOf(c)
  const candidates = everyone ? [...inDraft, ...p.users.filter((u) => u.active && !inDraft.includes(u.id)).map((u) => u.id)] : inDraft
  const [agentState, setAgents] = useState<TestAgent[]>([])
  const agents = useMemo(() => defaultAgents(candidates, agentState), [candidates.join(','), agentState])
  const setAgent = (i: number, patch: Partial<TestAgent>) => setAgents(agents.map((a, j) => (j === i ? { ...a, ...patch } : a)))

  const { keys, bad } = parseKeys(keysText)
  const when = now ? wallClock(p.timeZone) : at
  const open = openAt(c.hours.use_org && org.value ? org.value.business_hours : c.hours, when)
  const hangupSeconds = Math.max(0, Math.trunc(Number(hangup) || 0))

  const run = async (saveFirst: boolean) => {
    if (running || p.busy) return
    if (saveFirst && !(await p.save())) {
      setError(new ApiError(0, 'not_saved', 'The draft could not be saved: fix the problems in the Editor, then run again.'))
      return
    }
    setRunning(true)
    setError(null)
    setRan('')
    try {
      const r = await rt.test(p.id, {
        from: withheld ? '' : from.trim(),
        at: now ? '' : at,
        keys,
        agents: agents.filter((a) => a.status !== 'offline'),
        hangup_after_seconds: hangupSeconds,
      })
      setResult(r)
      setRan(`Test call finished: ${outcomeText(r.outcome, r.answered_by ? p.userName(r.answered_by) : null)}.`)
      requestAnimationFrame(() => document.getElementById('rt-result-h')?.focus())
    } catch (e) {
      const err = toApiError(e)
      setResult(null)
      setError(err.status === 404 && !err.fields.id ? new ApiError(404, err.code, `${err.message} (is the server up to date? the test console needs POST /api/v1/numbers/{id}/routing/test)`) : err)
    } finally {
      setRunning(false)
    }
  }

  const problems = Object.keys(p.saved.publish_problems).length
  return (
    <div class="stack rt-console">
      <section class="panel stack" aria-labelledby="rt-console-h">
        <h2 id="rt-console-h">Test console</h2>
        <p class="hint">
          Places a simulated call to this number using the <strong>saved draft</strong> (not the live version), in a private sandbox: nobody’s
          phone rings and nothing is logged. Save the draft before running to test your latest edits.
        </p>
        {p.dirty && (
          <p class="rt-warn" role="note">
            The editor has unsaved changes: the console runs the draft as last saved.
          </p>
        )}
        {problems > 0 && (
          <p class="rt-warn">
            The saved draft has {plural(problems, 'problem')} that stop it from being published; the test will say which.
          </p>
        )}
        <form class="stack" aria-label="Test call" onSubmit={(e) => { e.preventDefault(); run(false) }}>
          <fieldset class="rt-radios">
            <legend>Caller</legend>
            <div class="rt-radio">
              <input type="radio" id="rt-t-number" name="rt-t-caller" checked={!withheld} onChange={() => setWithheld(false)} />
              <label for="rt-t-number">Calls from a number</label>
            </div>
            {!withheld && (
              <div class="field rt-indent">
                <label for="rt-t-from">Caller’s number</label>
                <input id="rt-t-from" type="tel" inputMode="tel" autoComplete="off" value={from} aria-describedby="rt-t-from-hint"
                  onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
                <p class="hint" id="rt-t-from-hint">E.164 (+33612345678) or in the org’s country format</p>
              </div>
            )}
            <div class="rt-radio">
              <input type="radio" id="rt-t-withheld" name="rt-t-caller" checked={withheld} onChange={() => setWithheld(true)} />
              <label for="rt-t-withheld">Number withheld (anonymous)</label>
            </div>
          </fieldset>

          <fieldset class="rt-radios">
            <legend>When</legend>
            <div class="rt-radio">
              <input type="radio" id="rt-t-now" name="rt-t-when" checked={now} onChange={() => setNow(true)} />
              <label for="rt-t-now">Now</label>
            </div>
            <div class="rt-radio">
              <input type="radio" id="rt-t-at-choice" name="rt-t-when" checked={!now} onChange={() => setNow(false)} />
              <label for="rt-t-at-choice">At a date and time</label>
            </div>
            {!now && (
              <div class="field rt-indent">
                <label for="rt-t-at">Date and time ({p.timeZone})</label>
                <input id="rt-t-at" type="datetime-local" value={at} aria-describedby="rt-t-at-hint"
                  onInput={(e) => setAt((e.currentTarget as HTMLInputElement).value)} />
                <p class="hint" id="rt-t-at-hint">{describeWallClock(at) || 'Choose a date and time'}, the organisation’s local time</p>
              </div>
            )}
            <p class={open.open ? 'hint' : 'rt-warn'}>
              {!c.online
                ? 'The number is offline in this draft: callers take the unavailable path.'
                : open.open
                  ? `The number is open then (${open.why}).`
                  : `The number is closed then (${open.why}): callers take the unavailable path.`}
            </p>
          </fieldset>

          {c.mode === 'ivr' ? (
            <div class="field rt-keys">
              <label for="rt-t-keys">Keys pressed, one per menu prompt</label>
              <input id="rt-t-keys" inputMode="numeric" autoComplete="off" value={keysText} placeholder="e.g. 2 1"
                aria-describedby="rt-t-keys-hint rt-t-keys-path" aria-invalid={bad.length ? true : undefined}
                onInput={(e) => setKeysText((e.currentTarget as HTMLInputElement).value)} />
              <p class="hint" id="rt-t-keys-hint">
                Separate them with spaces: “2 1” presses 2 at the main menu, then 1 at the next prompt. Empty: the caller presses nothing.
              </p>
              {bad.length > 0 && <p class="field-error">Keys are 0–9, * and #: remove {bad.join(' ')}.</p>}
              <ul class="rt-plain rt-path" id="rt-t-keys-path" aria-label="Where the keys lead">
                {explainKeys(c.menu, keys, p.userName).map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p class="hint">This draft rings users directly: there is no menu, so no keys to press.</p>
          )}

          <fieldset class="rt-agents">
            <legend>Users</legend>
            <p class="hint">
              How each user takes part; anyone not listed or offline does not ring. Online users came online in the order listed, which sets
              the order of a sequential ring.
            </p>
            {agents.length === 0 ? (
              <p class="empty">The saved draft rings nobody yet.</p>
            ) : (
              <ul class="rt-plain">
                {agents.map((a, i) => {
                  const name = p.userName(a.user_id)
                  const sid = `rt-t-agent-${a.user_id}`
                  return (
                    <li key={a.user_id}>
                     <div class="rt-agent" role="group" aria-label={name}>
                      <span class="rt-agent-name">
                        {name}
                        {!inDraft.includes(a.user_id) && <span class="badge badge-muted">not rung by this draft</span>}
                      </span>
                      <div class="field">
                        <label for={`${sid}-status`}>Status</label>
                        <select id={`${sid}-status`} aria-label={`Status of ${name}`} value={a.status}
                          onChange={(e) => setAgent(i, { status: (e.currentTarget as HTMLSelectElement).value as TestAgent['status'] })}>
                          {STATUSES.map((s) => (
                            <option key={s.value} value={s.value}>
                              {s.label}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div class="field">
                        <label for={`${sid}-answer`}>When rung</label>
                        <select id={`${sid}-answer`} aria-label={`What ${name} does when rung`} value={a.answer} disabled={a.status !== 'online'}
                          onChange={(e) => setAgent(i, { answer: (e.currentTarget as HTMLSelectElement).value as TestAgent['answer'] })}>
                          {ANSWERS.map((s) => (
                            <option key={s.value} value={s.value}>
                              {s.label}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div class="rt-agent-order">
                        <button type="button" class="btn btn-small btn-ghost" aria-label={`Move ${name} up`} aria-disabled={i === 0 || undefined}
                          onClick={() => i > 0 && setAgents(moveAgent(agents, i, -1))}>
                          ↑
                        </button>
                        <button type="button" class="btn btn-small btn-ghost" aria-label={`Move ${name} down`}
                          aria-disabled={i === agents.length - 1 || undefined} onClick={() => i < agents.length - 1 && setAgents(moveAgent(agents, i, 1))}>
                          ↓
                        </button>
                      </div>
                     </div>
                    </li>
                  )
                })}
              </ul>
            )}
            <div class="check">
              <input type="checkbox" id="rt-t-everyone" checked={everyone} onChange={(e) => setEveryone((e.currentTarget as HTMLInputElement).checked)} />
              <label for="rt-t-everyone">Also list users this draft does not ring</label>
            </div>
          </fieldset>

          <div class="field rt-narrow">
            <label for="rt-t-hangup">Caller hangs up after (seconds)</label>
            <input id="rt-t-hangup" type="number" inputMode="numeric" min={0} max={3600} value={hangup}
              aria-describedby="rt-t-hangup-hint" onInput={(e) => setHangup((e.currentTarget as HTMLInputElement).value)} />
            <p class="hint" id="rt-t-hangup-hint">Empty: the caller stays until the call ends.</p>
          </div>

          <div class="row">
            <button type="submit" class="btn btn-primary" aria-disabled={running || p.busy || undefined}>
              {running ? 'Running…' : 'Run test call'}
            </button>
            {p.dirty && (
              <button type="button" class="btn" aria-disabled={running || p.busy || undefined} onClick={() => run(true)}>
                Save draft, then run
              </button>
            )}
            <span role="status" class="saved">
              {ran}
            </span>
          </div>
        </form>
        {error && error.status === 422 && Object.keys(error.fields).length > 0 ? (
          <ProblemList id="rt-test-problems" title="The saved draft cannot be run: fix these in the Editor" problems={error.fields}
            configs={[c]} userName={p.userName} onGo={(path) => p.goEdit(path)} />
        ) : (
          error && <ErrorBox error={error} />
        )}
      </section>
      {result && <Result result={result} userName={p.userName} />}
    </div>
  )
}

function Result({ result: r, userName }: { result: TestResult; userName: (id: number) => string }) {
  const answeredBy = r.answered_by ? userName(r.answered_by) : null
  const last = r.steps.length ? r.steps[r.steps.length - 1].offset_seconds : 0
  const path = r.call?.ivr_path || []
  const [copied, setCopied] = useState('')
  return (
    <section class="panel stack rt-result" aria-labelledby="rt-result-h">
      <h2 id="rt-result-h" tabIndex={-1}>
        Result
      </h2>
      <p class="rt-outcome">
        <span class={`badge rt-outcome-${r.outcome}`}>{outcomeText(r.outcome, answeredBy)}</span>
        <span class="muted">
          {path.length > 0 && <>IVR path {path.join(' › ')} · </>}
          {plural(r.steps.length, 'step')} · {offset(last)}
        </span>
      </p>
      <ol class="rt-steps" aria-label="What happened, step by step">
        {r.steps.map((s, i) => (
          <li key={i} class={`rt-step rt-tone-${stepTone(s.kind)}`}>
            <span class="rt-at">{offset(s.offset_seconds)}</span>
            <span class="rt-kind">{s.kind}</span>
            <span class="rt-what">{stepText(s)}</span>
          </li>
        ))}
      </ol>
      {r.call && (
        <details class="rt-details">
          <summary>The call record it would leave</summary>
          <dl class="fields">
            <div>
              <dt>From</dt>
              <dd>{r.call.anonymous ? 'Anonymous' : r.call.from}</dd>
            </div>
            <div>
              <dt>Outcome</dt>
              <dd>{r.call.outcome || r.outcome}</dd>
            </div>
            <div>
              <dt>Answered by</dt>
              <dd>{r.call.answered_by ? userName(r.call.answered_by) : '—'}</dd>
            </div>
            <div>
              <dt>IVR path</dt>
              <dd>{r.call.ivr_path.length ? r.call.ivr_path.join(' › ') : '—'}</dd>
            </div>
            <div>
              <dt>Rang</dt>
              <dd>
                {(r.call.legs || []).length === 0
                  ? 'nobody'
                  : (r.call.legs || []).map((l) => `${userName(l.user_id)} (${l.status}${l.cycle > 1 ? `, cycle ${l.cycle}` : ''})`).join(', ')}
              </dd>
            </div>
          </dl>
        </details>
      )}
      {r.text && (
        <details class="rt-details">
          <summary>Plain-text transcript</summary>
          <pre class="rt-transcript">{r.text}</pre>
          <button type="button" class="btn btn-small"
            onClick={() => navigator.clipboard?.writeText(r.text).then(() => setCopied('Copied'), () => setCopied('Could not copy'))}>
            Copy
          </button>
          <span role="status" class="saved">
            {copied}
          </span>
        </details>
      )}
    </section>
  )
}
