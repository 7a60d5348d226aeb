// The IVR menu tree (R-IN-1 to R-IN-4): options with a key, a label and an
// action; a sub-menu is edited in place, indented under its option. The
// limits are enforced as the admin edits: keys are unique in a menu, "Add
// an option" stops at 9 and "Sub-menu" at level 5, each saying why.
import type { User } from '../../api/types'
import type { Menu, Option } from './api'
import { GroupEditor } from './GroupEditor'
import { idFor } from './paths'
import { FieldError, Radios, Refusable, Text, type Errs } from './parts'
import {
  addOption, addOptionRefusal, fieldOf, keyChoices, levelOf, MAX_LABEL, MAX_LEVELS, moveOption, optionField, removeOption, renderTemplate,
  setAction, setOption, submenuRefusal, type Action, type MenuPath,
} from './tree'

export interface MenuCtx {
  errs: Errs
  users: User[]
  /** The menu template in text format; null when messages are recordings. */
  template: string | null
  /** Why an option cannot open a sub-menu whatever its level (the voice format), or null. */
  formatRefusal: string | null
  update: (p: MenuPath, f: (m: Menu) => Menu) => void
}

const focusSoon = (id: string) => requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(id)?.focus()))

/** MenuEditor edits the menu at path and, through its options, the menus below. */
export function MenuEditor({ menu, path, ctx, title }: { menu: Menu; path: MenuPath; ctx: MenuCtx; title: string }) {
  const level = levelOf(path)
  const field = fieldOf(path)
  const full = addOptionRefusal(menu)
  const addId = `${idFor(field)}-add`
  const add = () => {
    const n = menu.options.length
    ctx.update(path, addOption)
    focusSoon(idFor(`${optionField(path, n)}.label`))
  }
  return (
    <div class="rt-menu" id={idFor(field)} tabIndex={-1} role="group" aria-label={`${title} (level ${level} of ${MAX_LEVELS})`}>
      <p class="rt-menu-head">
        <strong>{title}</strong>{' '}
        <span class="muted">
          level {level} of {MAX_LEVELS} · {menu.options.length} of 9 options
        </span>
      </p>
      {menu.options.length === 0 ? (
        <p class="empty">No options yet. Add one for each key callers can press.</p>
      ) : (
        <ol class="rt-options">
          {menu.options.map((o, i) => (
            <li key={i}>
              <OptionEditor menu={menu} option={o} index={i} path={path} ctx={ctx} />
            </li>
          ))}
        </ol>
      )}
      <FieldError path={`${field}.options`} errs={ctx.errs} />
      <FieldError path={field} errs={ctx.errs} />
      <Refusable id={addId} refused={full} onClick={add} label={level === 1 ? 'Add an option' : `Add an option to ${title}`}>
        + Add an option
      </Refusable>
    </div>
  )
}

function OptionEditor({ menu, option: o, index: i, path, ctx }: { menu: Menu; option: Option; index: number; path: MenuPath; ctx: MenuCtx }) {
  const level = levelOf(path)
  const field = optionField(path, i)
  const set = (f: (m: Menu) => Menu) => ctx.update(path, f)
  const label = o.label.trim()
  const name = label ? `${o.key} ${label}` : `key ${o.key}`
  const keys = keyChoices(menu, i)
  const subRefusal = submenuRefusal(level) || (o.action !== 'submenu' ? ctx.formatRefusal : null)
  const move = (delta: number) => {
    set((m) => moveOption(m, i, delta))
    focusSoon(`${idFor(optionField(path, i + delta))}-${delta < 0 ? 'up' : 'down'}`)
  }
  const keyId = idFor(`${field}.key`)
  const keyErr = ctx.errs[`${field}.key`]
  return (
    <fieldset class="rt-option" id={idFor(field)} tabIndex={-1}>
      <legend>
        Option {name}
      </legend>
      <div class="rt-option-head">
        <div class={`field rt-key${keyErr ? ' has-error' : ''}`}>
          <label for={keyId}>Key</label>
          <select id={keyId} value={String(o.key)} aria-invalid={keyErr ? true : undefined} aria-describedby={keyErr ? `${keyId}-err` : undefined}
            onChange={(e) => set((m) => setOption(m, i, { key: Number((e.currentTarget as HTMLSelectElement).value) }))}>
            {keys.map((k) => (
              <option key={k.key} value={k.key} disabled={!!k.usedBy}>
                {k.key}
                {k.usedBy ? ` (used by ${k.usedBy})` : ''}
              </option>
            ))}
          </select>
          {keyErr && <p class="field-error" id={`${keyId}-err`}>{keyErr}</p>}
        </div>
        <Text path={`${field}.label`} label="Label" class="grow" value={o.label} maxLength={MAX_LABEL} errs={ctx.errs}
          name={`Label of option ${o.key}`}
          placeholder="e.g. Sales"
          hint={ctx.template && label ? `Callers hear “${renderTemplate(ctx.template, o.key, label)}”` : undefined}
          onInput={(v) => set((m) => setOption(m, i, { label: v }))} />
        <div class="rt-option-tools">
          <button type="button" class="btn btn-small btn-ghost" id={`${idFor(field)}-up`} aria-label={`Move ${name} up`}
            aria-disabled={i === 0 || undefined} onClick={() => i > 0 && move(-1)}>
            ↑
          </button>
          <button type="button" class="btn btn-small btn-ghost" id={`${idFor(field)}-down`} aria-label={`Move ${name} down`}
            aria-disabled={i === menu.options.length - 1 || undefined} onClick={() => i < menu.options.length - 1 && move(1)}>
            ↓
          </button>
          <button type="button" class="btn btn-small btn-danger" aria-label={`Remove option ${name}`}
            onClick={() => {
              set((m) => removeOption(m, i))
              focusSoon(menu.options.length > 1 ? idFor(`${optionField(path, Math.max(0, i - 1))}.label`) : `${idFor(fieldOf(path))}-add`)
            }}>
            Remove
          </button>
        </div>
      </div>
      <Radios<Action>
        path={`${field}.action`}
        legend={`When ${o.key} is pressed`}
        value={o.action as Action}
        inline
        errs={ctx.errs}
        onChange={(v) => set((m) => setOption(m, i, setAction(m.options[i], v, level)))}
        choices={[
          { value: 'ring', label: 'Ring users' },
          { value: 'submenu', label: 'Open a sub-menu', refused: subRefusal },
        ]}
      />
      {o.action === 'submenu' ? (
        <div class="rt-sub">
          <MenuEditor menu={o.submenu || { options: [] }} path={[...path, i]} ctx={ctx} title={`Sub-menu of ${name}`} />
          <FieldError path={`${field}.submenu`} errs={ctx.errs} />
        </div>
      ) : (
        <>
          {o.group ? (
            <GroupEditor group={o.group} path={`${field}.group`} inOption purpose={label || `key ${o.key}`} users={ctx.users} errs={ctx.errs}
              onChange={(g) => set((m) => setOption(m, i, { group: g }))} />
          ) : null}
          <FieldError path={`${field}.group`} errs={o.group ? {} : ctx.errs} />
        </>
      )}
    </fieldset>
  )
}
