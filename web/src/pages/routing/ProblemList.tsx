// A list of problems the server named by field path, in words, each with a
// button that takes the admin to the field.
import type { Config } from './api'
import { ancestors, describePath } from './paths'
import { focusPath } from './parts'

export function ProblemList(p: {
  id: string
  title: string
  problems: Record<string, string>
  configs: (Config | null | undefined)[]
  userName: (id: number) => string
  /** Go to the field; without it, the field is looked for on this page. */
  onGo?: (path: string) => void
  onHide?: () => void
}) {
  const entries = Object.entries(p.problems).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
  return (
    <div class="alert alert-error rt-problems" id={p.id} tabIndex={-1} role="alert" aria-labelledby={`${p.id}-h`}>
      <p id={`${p.id}-h`}>
        <strong>{p.title}</strong>
        {p.onHide && (
          <button type="button" class="btn btn-small" onClick={p.onHide}>
            Hide
          </button>
        )}
      </p>
      <ul>
        {entries.map(([path, msg]) => {
          const where = describePath(path, p.configs, p.userName)
          return (
            <li key={path}>
              <span class="rt-problem-where">{where}</span>: {msg}{' '}
              <button type="button" class="btn btn-small btn-ghost rt-go" aria-label={`Go to ${where}`}
                onClick={() => (p.onGo ? p.onGo(path) : focusPath(ancestors(path)))}>
                Go to field
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

const AREAS = ['online', 'mode', 'menu', 'group', 'voice', 'queue', 'hours', 'voicemail', 'recording']

/** order sorts problems as the editor shows the settings. */
function order(path: string): number {
  const i = AREAS.indexOf(path.split(/[.[]/)[0])
  return i < 0 ? AREAS.length : i
}
