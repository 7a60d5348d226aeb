// Form controls of the routing editor. Each control's id comes from the API
// field path it edits (idFor), so a problem the server names can be shown
// beside it and focused from the list of problems.
import type { ComponentChildren } from 'preact'
import { idFor } from './paths'

export type Errs = Record<string, string>

/** describedBy joins the ids of a control's hint, warning and error. */
function describedBy(id: string, hint?: unknown, warn?: unknown, error?: unknown): string | undefined {
  const ids = [hint && `${id}-hint`, warn && `${id}-warn`, error && `${id}-err`].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

/** Notes shows a control's hint, client-side warning and server error. */
function Notes({ id, hint, warn, error }: { id: string; hint?: ComponentChildren; warn?: string | null; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {warn && (
        <p class="rt-warn" id={`${id}-warn`}>
          {warn}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </>
  )
}

/** FieldError shows the server's problem at path (for containers: a menu,
 * a user list, a day). */
export function FieldError({ path, errs }: { path: string; errs: Errs }) {
  const e = errs[path]
  return e ? (
    <p class="field-error" id={`${idFor(path)}-err`}>
      {e}
    </p>
  ) : null
}

interface TextProps {
  path: string
  label: string
  value: string
  onInput: (v: string) => void
  errs: Errs
  hint?: ComponentChildren
  warn?: string | null
  type?: string
  inputMode?: 'text' | 'numeric' | 'tel' | 'url'
  placeholder?: string
  onBlur?: () => void
  list?: string
  rows?: number
  maxLength?: number
  class?: string
  /** Override the accessible name (when the visible label is short). */
  name?: string
}

/** Text is a labelled text input (or a textarea when rows is set). */
export function Text(p: TextProps) {
  const id = idFor(p.path)
  const error = p.errs[p.path]
  const a = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, p.hint, p.warn, error),
    'aria-label': p.name,
    value: p.value,
    placeholder: p.placeholder,
    maxLength: p.maxLength,
    onBlur: p.onBlur,
    onInput: (e: Event) => p.onInput((e.currentTarget as HTMLInputElement).value),
  }
  return (
    <div class={`field${error ? ' has-error' : ''}${p.class ? ` ${p.class}` : ''}`}>
      <label for={id}>{p.label}</label>
      {p.rows ? <textarea rows={p.rows} {...a} /> : <input type={p.type || 'text'} inputMode={p.inputMode} list={p.list} {...a} />}
      <Notes id={id} hint={p.hint} warn={p.warn} error={error} />
    </div>
  )
}

/** Num is a whole-number input with its range; an empty box is 0, which
 * the server reads as the default where the setting is off. */
export function Num(p: {
  path: string
  label: string
  value: number
  onChange: (v: number) => void
  errs: Errs
  min: number
  max: number
  unit?: string
  hint?: ComponentChildren
}) {
  const id = idFor(p.path)
  const error = p.errs[p.path]
  const out = p.value !== 0 && (p.value < p.min || p.value > p.max)
  const warn = out ? `Must be between ${p.min} and ${p.max}${p.unit ? ` ${p.unit}` : ''}.` : null
  const hint = p.hint ?? `${p.min}–${p.max}${p.unit ? ` ${p.unit}` : ''}`
  return (
    <div class={`field rt-num${error ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      <span class="rt-unit">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={p.min}
          max={p.max}
          step={1}
          value={p.value === 0 ? '' : String(p.value)}
          aria-invalid={error || out ? true : undefined}
          aria-describedby={describedBy(id, hint, warn, error)}
          onInput={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value
            p.onChange(v === '' ? 0 : Math.trunc(Number(v)) || 0)
          }}
        />
        {p.unit && <span aria-hidden="true">{p.unit}</span>}
      </span>
      <Notes id={id} hint={hint} warn={warn} error={error} />
    </div>
  )
}

export interface Choice<T extends string> {
  value: T
  label: string
  hint?: string
  /** Why the choice cannot be taken now; the radio is disabled and says so. */
  refused?: string | null
}

/** Radios is a fieldset of radio buttons; refused choices are disabled
 * and say why. */
export function Radios<T extends string>(p: {
  path: string
  legend: string
  value: T
  choices: Choice<T>[]
  onChange: (v: T) => void
  errs: Errs
  inline?: boolean
  hint?: ComponentChildren
}) {
  const id = idFor(p.path)
  const error = p.errs[p.path]
  return (
    <fieldset class={`rt-radios${p.inline ? ' rt-inline' : ''}`} id={id} tabIndex={-1} aria-describedby={describedBy(id, p.hint, null, error)}>
      <legend>{p.legend}</legend>
      {p.choices.map((c) => {
        const cid = `${id}-${c.value}`
        const note = c.refused || c.hint
        return (
          <div class="rt-radio" key={c.value}>
            <input
              type="radio"
              id={cid}
              name={id}
              value={c.value}
              checked={p.value === c.value}
              disabled={!!c.refused && p.value !== c.value}
              aria-describedby={note ? `${cid}-note` : undefined}
              onChange={() => p.onChange(c.value)}
            />
            <label for={cid}>{c.label}</label>
            {note && (
              <span class={c.refused ? 'rt-refused' : 'hint'} id={`${cid}-note`}>
                {note}
              </span>
            )}
          </div>
        )
      })}
      <Notes id={id} hint={p.hint} error={error} />
    </fieldset>
  )
}

/** Toggle is a checkbox announced as an on/off switch. */
export function Toggle(p: {
  path: string
  label: string
  checked: boolean
  onChange: (on: boolean) => void
  errs: Errs
  hint?: ComponentChildren
  name?: string
}) {
  const id = idFor(p.path)
  const error = p.errs[p.path]
  return (
    <div class="rt-toggle">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={p.checked}
        aria-label={p.name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, p.hint, null, error)}
        onChange={(e) => p.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{p.label}</label>
      <div class="rt-toggle-notes">
        <Notes id={id} hint={p.hint} error={error} />
      </div>
    </div>
  )
}

/** Refusable is a button that stays focusable when it cannot be used now,
 * says why beside it, and ignores clicks until it can. */
export function Refusable(p: {
  id?: string
  refused: string | null
  onClick: () => void
  children: ComponentChildren
  class?: string
  label?: string
}) {
  const why = p.id ? `${p.id}-why` : undefined
  return (
    <span class="rt-refusable">
      <button
        type="button"
        id={p.id}
        class={p.class || 'btn btn-small'}
        aria-label={p.label}
        aria-disabled={p.refused ? true : undefined}
        aria-describedby={p.refused && why ? why : undefined}
        onClick={() => !p.refused && p.onClick()}
      >
        {p.children}
      </button>
      {p.refused && (
        <span class="rt-refused" id={why}>
          {p.refused}
        </span>
      )}
    </span>
  )
}

/** focusPath moves focus to the control of a field path, or the nearest
 * control that contains it, and scrolls it into view. */
export function focusPath(paths: readonly string[]): boolean {
  for (const p of paths) {
    const el = document.getElementById(idFor(p))
    if (el) {
      el.scrollIntoView({ block: 'center' })
      el.focus({ preventScroll: true })
      return true
    }
  }
  return false
}
