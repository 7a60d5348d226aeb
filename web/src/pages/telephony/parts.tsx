// Small pieces shared by the telephony screens: capability badges, switches,
// an in-place confirmation, and who-is-who helpers.
import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { User } from '../../api/types'
import { CAPABILITIES, capabilityText, type Capabilities } from '../../telephony'

const ICONS: Record<string, string> = {
  // a handset
  voice: 'M6.6 2.2 9 2l1.6 4.1-1.9 1.3a9.6 9.6 0 0 0 4 4l1.3-1.9L18 11v2.4a1.8 1.8 0 0 1-1.9 1.8A14.2 14.2 0 0 1 2.8 4.1 1.8 1.8 0 0 1 4.6 2.2z',
  // a speech bubble
  sms: 'M3 3h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H8l-4 3v-3H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm3 4v2h8V7zm0 3v1.5h5V10z',
  // a picture
  mms: 'M3 3h14a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm1 11h12l-4-5-3 3.5-2-2zm3-6.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z',
}

/** Caps shows a number's capabilities as icons with their names; a missing
 * one is struck through and read as "no SMS". */
export function Caps({ caps }: { caps: Capabilities }) {
  return (
    <ul class="tel-caps" aria-label={`Capabilities: ${capabilityText(caps)}`}>
      {CAPABILITIES.map((c) => (
        <li key={c.key} class={caps[c.key] ? 'tel-cap' : 'tel-cap tel-cap-off'} title={caps[c.key] ? `Can carry ${c.long}` : `Cannot carry ${c.long}`}>
          <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
            <path d={ICONS[c.key]} fill="currentColor" />
          </svg>
          {!caps[c.key] && <span class="sr-only">no </span>}
          {c.label}
        </li>
      ))}
    </ul>
  )
}

/** Switch is a checkbox announced as an on/off switch. */
export function Switch(props: {
  label: string
  /** A longer accessible name when the visible label is short ("Outgoing" → "Outgoing calls for Bob"). */
  name?: string
  checked: boolean
  onChange: (on: boolean) => void
  hint?: string
  id: string
}) {
  return (
    <div class="tel-switch">
      <input
        id={props.id}
        type="checkbox"
        role="switch"
        checked={props.checked}
        aria-label={props.name}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
    </div>
  )
}

/** Confirm asks in place before a destructive action; its first button
 * takes focus, and Escape cancels. */
export function Confirm(props: {
  children: ComponentChildren
  confirm: string
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const first = useRef<HTMLButtonElement>(null)
  useEffect(() => first.current?.focus(), [])
  return (
    <div class="tel-confirm" role="group" aria-label="Confirm" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <p>{props.children}</p>
      <div class="row">
        <button type="button" class="btn btn-danger" ref={first} aria-disabled={props.busy || undefined} onClick={() => !props.busy && props.onConfirm()}>
          {props.busy ? 'Working…' : props.confirm}
        </button>
        <button type="button" class="btn" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}

/** who names a user, or says which id is unknown. */
export function who(users: ReadonlyMap<number, User>, id: number): string {
  const u = users.get(id)
  return u ? u.name || u.email : `User #${id}`
}

/** focusSoon moves focus to an element that is about to be rendered. */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(id)?.focus()))
}
