// Business hours and holidays (R-ORG-5, R-IN-16), in the org's time zone:
// always open, or opening ranges per weekday; holidays close all day. One
// editor for the org's default hours (Settings, fields "business_hours.…")
// and a number's custom hours (routing editor, fields "hours.…").
import type { components } from '../api/schema'
import { day as formatDay } from '../format'
import { idFor } from '../pages/routing/paths'
import { FieldError, Refusable, Text, Toggle, type Errs } from '../pages/routing/parts'
import '../pages/routing/routing.css'
import { copyDay, holidayText, MAX_RANGES, nextRange, normClock, overlaps, rangeProblem, WEEK, weekSummary } from '../pages/routing/time'

type S = components['schemas']
export type BusinessHours = S['BusinessHours']
type Holiday = S['Holiday']
type TimeRange = S['TimeRange']
type Week = S['Week']

const focusSoon = (id: string) => requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(id)?.focus()))

/** BusinessHoursEditor edits hours whose fields the server names under
 * prefix ("business_hours" or "hours"), so its problems show beside them. */
export function BusinessHoursEditor({ prefix, hours: h, errs, timeZone, onChange }: {
  prefix: string
  hours: BusinessHours
  errs: Errs
  timeZone: string
  onChange: (h: BusinessHours) => void
}) {
  const set = (patch: Partial<BusinessHours>) => onChange({ ...h, ...patch })
  const setWeek = (w: Week) => set({ weekly: w })
  const holidays = h.holidays || []
  const setHolidays = (hs: Holiday[]) => set({ holidays: hs })
  const addHoliday = `${idFor(prefix)}-add-holiday`
  return (
    <div class="stack">
      <p class="hint">Times are in the organisation’s time zone, {timeZone}.</p>
      <Toggle path={`${prefix}.always_open`} label="Always open" errs={errs} checked={h.always_open}
        hint={h.always_open ? 'Calls are taken at any time (holidays still close)' : `Open: ${weekSummary(h.weekly)}`}
        onChange={(on) => set({ always_open: on })} />
      {!h.always_open && (
        <div class="rt-week" id={idFor(`${prefix}.weekly`)} tabIndex={-1} role="group" aria-label="Opening hours by day">
          {WEEK.map((d) => (
            <DayEditor key={d.key} path={`${prefix}.weekly.${d.key}`} label={d.label} ranges={h.weekly[d.key] || []} errs={errs}
              onChange={(rs) => setWeek({ ...h.weekly, [d.key]: rs })}
              onCopy={d.key === 'monday' ? () => setWeek(copyDay(h.weekly, 'monday', ['tuesday', 'wednesday', 'thursday', 'friday'])) : undefined} />
          ))}
          <FieldError path={`${prefix}.weekly`} errs={errs} />
        </div>
      )}
      <fieldset class="rt-holidays" id={idFor(`${prefix}.holidays`)} tabIndex={-1}>
        <legend>Holidays</legend>
        <p class="hint">Closed all day from the first to the last day, whatever the hours say.</p>
        {holidays.length === 0 && <p class="empty">No holidays.</p>}
        <ul class="rt-plain">
          {holidays.map((x, i) => (
            <li key={i}>
              <HolidayEditor path={`${prefix}.holidays[${i}]`} n={i + 1} holiday={x} errs={errs}
                onChange={(y) => setHolidays(holidays.map((z, j) => (j === i ? y : z)))}
                onRemove={() => {
                  setHolidays(holidays.filter((_, j) => j !== i))
                  focusSoon(addHoliday)
                }} />
            </li>
          ))}
        </ul>
        <FieldError path={`${prefix}.holidays`} errs={errs} />
        <button type="button" class="btn btn-small" id={addHoliday}
          onClick={() => {
            setHolidays([...holidays, { date: '', end_date: '', name: '' }])
            focusSoon(idFor(`${prefix}.holidays[${holidays.length}].name`))
          }}>
          + Add a holiday
        </button>
      </fieldset>
    </div>
  )
}

function HolidayEditor(p: { path: string; n: number; holiday: Holiday; errs: Errs; onChange: (h: Holiday) => void; onRemove: () => void }) {
  const x = p.holiday
  const upd = (patch: Partial<Holiday>) => p.onChange({ ...x, ...patch })
  const backwards = x.end_date && x.date && x.end_date < x.date
  const what = x.name || (x.date ? formatDay(x.date) : `holiday ${p.n}`)
  return (
    <div class="rt-holiday" role="group" aria-label={`Holiday ${p.n}`}>
      <Text path={`${p.path}.name`} label="Name" value={x.name} errs={p.errs} placeholder="e.g. Christmas" onInput={(v) => upd({ name: v })} />
      <Text path={`${p.path}.date`} label="First day" type="date" value={x.date} errs={p.errs} onInput={(v) => upd({ date: v })} />
      <Text path={`${p.path}.end_date`} label="Last day" type="date" value={x.end_date || ''} errs={p.errs}
        warn={backwards ? 'The last day is before the first.' : null} hint="Empty for one day"
        onInput={(v) => upd({ end_date: v })} />
      <button type="button" class="btn btn-small btn-danger" aria-label={`Remove holiday ${what}`} onClick={p.onRemove}>
        Remove
      </button>
      {x.date && <p class="hint rt-span-all">{holidayText(x, formatDay)}</p>}
    </div>
  )
}

function DayEditor(p: { path: string; label: string; ranges: TimeRange[]; errs: Errs; onChange: (rs: TimeRange[]) => void; onCopy?: () => void }) {
  const { path, ranges: rs } = p
  const over = overlaps(rs)
  const upd = (i: number, patch: Partial<TimeRange>) => p.onChange(rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const refused = rs.length >= MAX_RANGES ? `At most ${MAX_RANGES} ranges a day.` : null
  return (
    <fieldset class="rt-day" id={idFor(path)} tabIndex={-1}>
      <legend>{p.label}</legend>
      {rs.length === 0 && <p class="muted rt-closed">Closed</p>}
      <ul class="rt-plain">
        {rs.map((r, i) => {
          const rp = `${path}[${i}]`
          const problem = (r.from && r.to && rangeProblem(r)) || (over.includes(i) ? 'Overlaps another range of this day.' : null)
          return (
            <li key={i} class="rt-range">
              <Text path={`${rp}.from`} label="From" name={`${p.label} range ${i + 1} from`} value={r.from} errs={p.errs} inputMode="numeric"
                placeholder="09:00" maxLength={5} onInput={(v) => upd(i, { from: v })} onBlur={() => upd(i, { from: normClock(r.from) })} />
              <span aria-hidden="true" class="rt-dash">–</span>
              <Text path={`${rp}.to`} label="To" name={`${p.label} range ${i + 1} to`} value={r.to} errs={p.errs} inputMode="numeric"
                placeholder="17:00" maxLength={5} onInput={(v) => upd(i, { to: v })} onBlur={() => upd(i, { to: normClock(r.to) })} />
              <button type="button" class="btn btn-small btn-ghost" aria-label={`Remove ${p.label} ${r.from}–${r.to}`}
                onClick={() => {
                  p.onChange(rs.filter((_, j) => j !== i))
                  focusSoon(`${idFor(path)}-add`)
                }}>
                Remove
              </button>
              {(problem || p.errs[rp]) && (
                <p class={p.errs[rp] ? 'field-error rt-span-all' : 'rt-warn rt-span-all'} id={`${idFor(rp)}-err`}>
                  {p.errs[rp] || problem}
                </p>
              )}
            </li>
          )
        })}
      </ul>
      <div class="row">
        <Refusable id={`${idFor(path)}-add`} refused={refused} label={`Add hours on ${p.label}`}
          onClick={() => {
            p.onChange([...rs, nextRange(rs)])
            focusSoon(idFor(`${path}[${rs.length}].from`))
          }}>
          + Add hours
        </Refusable>
        {p.onCopy && rs.length > 0 && (
          <button type="button" class="btn btn-small btn-ghost" onClick={p.onCopy}>
            Copy to Tuesday–Friday
          </button>
        )}
      </div>
      <FieldError path={path} errs={p.errs} />
    </fieldset>
  )
}

/** BusinessHoursSummary shows hours read-only: the week in one line and
 * each holiday. */
export function BusinessHoursSummary({ hours: h, timeZone, label }: { hours: BusinessHours; timeZone: string; label: string }) {
  const holidays = h.holidays || []
  return (
    <div class="stack" role="group" aria-label={label}>
      <p>
        <strong>{h.always_open ? 'Always open' : `Open ${weekSummary(h.weekly)}`}</strong>{' '}
        <span class="muted">({timeZone})</span>
      </p>
      {holidays.length === 0 ? (
        <p class="muted">No holidays.</p>
      ) : (
        <ul class="rt-plain" aria-label="Holidays">
          {holidays.map((x, i) => (
            <li key={i}>Closed: {holidayText(x, formatDay)}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** hoursOf is the hours part of a number's hours (dropping use_org). */
export function hoursOf(h: BusinessHours & { use_org?: boolean }): BusinessHours {
  return { always_open: h.always_open, weekly: h.weekly, holidays: h.holidays }
}
