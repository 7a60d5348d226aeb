import type { ComponentChildren, JSX } from 'preact'
import { useLayoutEffect, useRef } from 'preact/hooks'
import { ApiError } from '../api/client'
import { headingFocus, navigate, shouldIntercept } from '../router'

export function Link(props: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { onClick, ...rest } = props
  return (
    <a
      {...rest}
      onClick={(e) => {
        if (onClick) (onClick as (e: MouseEvent) => void)(e)
        const a = e.currentTarget as HTMLAnchorElement
        if (shouldIntercept(e, props.href, a.target)) {
          e.preventDefault()
          navigate(props.href)
        }
      }}
    />
  )
}

/** ErrorBox shows a failed request; network failures get a Retry button. */
export function ErrorBox({ error, retry, title }: { error: ApiError; retry?: () => void; title?: string }) {
  return (
    <div class="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      <span>{error.message}</span>
      {retry && (error.isNetwork || error.status >= 500 || error.status === 429) && (
        <button type="button" class="btn btn-small" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  )
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      {label}
    </p>
  )
}

/** PageHeading is the page's h1. After an in-app navigation it takes focus,
 * unless the user is already typing somewhere (the search box). */
export function PageHeading({ children, actions }: { children: ComponentChildren; actions?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null)
  // A layout effect runs as the page appears, before any later key press.
  useLayoutEffect(() => {
    if (!headingFocus.pending) return
    headingFocus.pending = false
    const active = document.activeElement as HTMLElement | null
    if (active && active.matches('input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable]')) return
    ref.current?.focus({ preventScroll: true })
  }, [])
  return (
    <div class="page-head">
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {actions && <div class="actions">{actions}</div>}
    </div>
  )
}

interface FieldProps {
  label: string
  name: string
  error?: string
  hint?: string
  children: (a: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ComponentChildren
  class?: string
}

/** Field lays out a label, a control and the control's error or hint. */
export function Field({ label, name, error, hint, children, class: cls }: FieldProps) {
  const id = `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
  const desc = error ? `${id}-err` : hint ? `${id}-hint` : undefined
  return (
    <div class={`field${error ? ' has-error' : ''}${cls ? ' ' + cls : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': desc })}
      {error ? (
        <p class="field-error" id={`${id}-err`}>
          {error}
        </p>
      ) : hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  )
}

export function TextField(props: {
  label: string
  name: string
  value: string
  onInput: (v: string) => void
  error?: string
  hint?: string
  type?: string
  required?: boolean
  autoComplete?: string
  class?: string
  inputMode?: 'text' | 'tel' | 'email' | 'numeric' | 'decimal'
  list?: string
}) {
  return (
    <Field label={props.label} name={props.name} error={props.error} hint={props.hint} class={props.class}>
      {(a) => (
        <input
          {...a}
          name={props.name}
          type={props.type || 'text'}
          value={props.value}
          required={props.required}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          list={props.list}
          onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        />
      )}
    </Field>
  )
}

export function SelectField(props: {
  label: string
  name: string
  value: string
  onChange: (v: string) => void
  options: { value: string; label: string }[]
  error?: string
}) {
  return (
    <Field label={props.label} name={props.name} error={props.error}>
      {(a) => (
        <select {...a} name={props.name} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** FormError is the summary above a form's buttons. Field errors the form
 * shows beside their fields are counted; any others are listed here. */
export function FormError({ error, shown }: { error: ApiError | null; shown?: (field: string) => boolean }) {
  if (!error) return null
  const fields = Object.entries(error.fields)
  if (fields.length === 0) {
    return (
      <div class="alert alert-error" role="alert">
        {error.message}
      </div>
    )
  }
  const other = fields.filter(([k]) => !shown || !shown(k))
  const n = fields.length - other.length
  return (
    <div class="alert alert-error" role="alert">
      {n > 0 && <p>Not saved: fix the {n === 1 ? 'field' : `${n} fields`} marked above.</p>}
      {other.length > 0 && (
        <ul>
          {other.map(([k, v]) => (
            <li key={k}>
              {k}: {v}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
