// A ring group (R-IN-6 to R-IN-8): who rings, at once or in turn, for how
// long, and (in an IVR option only) whether the sequence rings once more.
import type { User } from '../../api/types'
import type { Group } from './api'
import { idFor } from './paths'
import { FieldError, Num, Radios, Toggle, type Errs } from './parts'
import { GROUP_LIMITS, type RingType } from './tree'

export function GroupEditor(p: {
  group: Group
  path: string
  /** An IVR option's group (repeat allowed) rather than the number's direct group. */
  inOption: boolean
  /** What the group is for, in names: "Sales" or "this number". */
  purpose: string
  users: User[]
  errs: Errs
  onChange: (g: Group) => void
}) {
  const { group: g, path, errs } = p
  const set = (patch: Partial<Group>) => p.onChange({ ...g, ...patch })
  const usersPath = `${path}.users`
  const listed = new Set(g.users)
  // Active users, and anyone listed who is not active any more (to remove them).
  const shown = [...p.users.filter((u) => u.active), ...p.users.filter((u) => !u.active && listed.has(u.id))]
  const unknown = g.users.filter((id) => !p.users.some((u) => u.id === id))
  const toggle = (id: number, on: boolean) => set({ users: on ? [...g.users, id] : g.users.filter((u) => u !== id) })
  const ring = (g.ring || 'simultaneous') as RingType
  return (
    <div class="rt-group" id={idFor(path)} tabIndex={-1}>
      <fieldset class="rt-users" id={idFor(usersPath)} tabIndex={-1} aria-describedby={errs[usersPath] ? `${idFor(usersPath)}-err` : undefined}>
        <legend>Users to ring for {p.purpose}</legend>
        {shown.length === 0 && <p class="empty">There are no active users yet: add them under Settings → Users.</p>}
        <ul class="rt-checklist">
          {shown.map((u) => {
            const cid = `${idFor(usersPath)}-${u.id}`
            const at = g.users.indexOf(u.id)
            const err = at >= 0 ? errs[`${usersPath}[${at}]`] : undefined
            return (
              <li key={u.id} class="check">
                <input type="checkbox" id={cid} checked={listed.has(u.id)} aria-invalid={err ? true : undefined}
                  onChange={(e) => toggle(u.id, (e.currentTarget as HTMLInputElement).checked)} />
                <label for={cid}>
                  {u.name || u.email}
                  {!u.active && <span class="badge badge-muted">inactive</span>}
                </label>
                {err && <span class="field-error">{err}</span>}
              </li>
            )
          })}
          {unknown.map((id) => (
            <li key={`x${id}`} class="check">
              <input type="checkbox" id={`${idFor(usersPath)}-${id}`} checked onChange={() => toggle(id, false)} />
              <label for={`${idFor(usersPath)}-${id}`}>
                User #{id} <span class="badge badge-muted">no longer in the org</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError path={usersPath} errs={errs} />
      </fieldset>
      <Radios
        path={`${path}.ring`}
        legend="Ring type"
        value={ring}
        inline
        errs={errs}
        onChange={(v) => set({ ring: v })}
        choices={[
          { value: 'simultaneous', label: 'Simultaneous', hint: 'All at once; the first to answer gets the call' },
          { value: 'sequential', label: 'Sequential', hint: 'One after another, in the order they came online' },
        ]}
      />
      <div class="rt-row">
        {ring === 'sequential' ? (
          <Num path={`${path}.interval_seconds`} label="Ring each user for" unit="s" errs={errs} value={g.interval_seconds}
            min={GROUP_LIMITS.interval[0]} max={GROUP_LIMITS.interval[1]} onChange={(v) => set({ interval_seconds: v })} />
        ) : (
          <Num path={`${path}.timeout_seconds`} label="Ring for" unit="s" errs={errs} value={g.timeout_seconds}
            min={GROUP_LIMITS.timeout[0]} max={GROUP_LIMITS.timeout[1]} onChange={(v) => set({ timeout_seconds: v })} />
        )}
        {p.inOption ? (
          <Toggle path={`${path}.repeat`} label="Repeat" name={`Repeat the ring for ${p.purpose}`} errs={errs} checked={g.repeat}
            hint={ring === 'sequential' ? 'Ring the whole sequence once more if nobody answers' : 'Ring everyone once more if nobody answers'}
            onChange={(on) => set({ repeat: on })} />
        ) : (
          <p class="hint rt-row-note">An unanswered sequence is repeated up to two cycles in all.</p>
        )}
      </div>
      <FieldError path={`${path}.repeat`} errs={p.inOption ? {} : errs} />
      <FieldError path={path} errs={errs} />
    </div>
  )
}
