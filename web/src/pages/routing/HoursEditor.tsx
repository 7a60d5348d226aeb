// Business hours and holidays (R-IN-16), in the org's time zone: always
// open, or opening ranges per weekday; holidays close the number all day.
import { day as formatDay } from '../../format'
import type { Holiday, Hours, TimeRange, Week } from './api'
import { idFor } from './paths'
import { FieldError, Refusable, Text, Toggle, type Errs } from './parts'
import { copyDay, holidayText, MAX_RANGES, nextRange, normClock, overlaps, rangeProblem, WEEK, weekSummary, type Day } from './time'

const focusSoon = (id: string) => requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(id)?.focus()))

export function HoursEditor({ hours: h, errs, timeZone, onChange }: { hours: Hours; errs: Errs; timeZone: string; onChange: (h: Hours) => void }) {
  const set = (patch: Partial<Hours>) => onChange({ ...h, ...patch })
  const setWeek = (w: Week) => set({ weekly: w })
  const holidays = h.holidays || []
  const setHolidays = (hs: Holiday[]) => set({ holidays: hs })
  return (
    <div class="stack">
      <p class="hint">Times are in the organisation’s time zone, {timeZone}.</p>
      <Toggle path="hours.always_open" label="Always open" errs={errs} checked={h.always_open}
        hint={h.always_open ? 'Calls are taken at any time (holidays still close the number)' : `Open: ${weekSummary(h.weekly)}`}
        onChange={(on) => set({ always_open: on })} />
      {!h.always_open && (
        <div class="rt-week" id={idFor('hours.weekly')} tabIndex={-1} role="group" aria-label="Opening hours by day">
          {WEEK.map((d) => (
            <DayEditor key={d.key} day={d.key} label={d.label} ranges={h.weekly[d.key] || []} errs={errs}
              onChange={(rs) => setWeek({ ...h.weekly, [d.key]: rs })}
              onCopy={d.key === 'monday' ? () => setWeek(copyDay(h.weekly, 'monday', ['tuesday', 'wednesday', 'thursday', 'friday'])) : undefined} />
          ))}
          <FieldError path="hours.weekly" errs={errs} />
        </div>
      )}
      <fieldset class="rt-holidays" id={idFor('hours.holidays')} tabIndex={-1}>
        <legend>Holidays</legend>
        <p class="hint">Closed all day from the first to the last day, whatever the hours say.</p>
        {holidays.length === 0 && <p class="empty">No holidays.</p>}
        <ul class="rt-plain">
          {holidays.map((x, i) => {
            const p = `hours.holidays[${i}]`
            const upd = (patch: Partial<Holiday>) => setHolidays(holidays.map((y, j) => (j === i ? { ...y, ...patch } : y)))
            const backwards = x.end_date && x.date && x.end_date < x.date
            const what = x.name || (x.date ? formatDay(x.date) : `holiday ${i + 1}`)
            return (
              <li key={i}>
               <div class="rt-holiday" role="group" aria-label={`Holiday ${i + 1}`}>
                <Text path={`${p}.name`} label="Name" value={x.name} errs={errs} placeholder="e.g. Christmas" onInput={(v) => upd({ name: v })} />
                <Text path={`${p}.date`} label="First day" type="date" value={x.date} errs={errs} onInput={(v) => upd({ date: v })} />
                <Text path={`${p}.end_date`} label="Last day" type="date" value={x.end_date || ''} errs={errs}
                  warn={backwards ? 'The last day is before the first.' : null} hint="Empty for one day"
                  onInput={(v) => upd({ end_date: v })} />
                <button type="button" class="btn btn-small btn-danger" aria-label={`Remove holiday ${what}`}
                  onClick={() => {
                    setHolidays(holidays.filter((_, j) => j !== i))
                    focusSoon('rt-add-holiday')
                  }}>
                  Remove
                </button>
                {x.date && <p class="hint rt-span-all">{holidayText(x, formatDay)}</p>}
               </div>
              </li>
            )
          })}
        </ul>
        <FieldError path="hours.holidays" errs={errs} />
        <button type="button" class="btn btn-small" id="rt-add-holiday"
          onClick={() => {
            setHolidays([...holidays, { date: '', end_date: '', name: '' }])
            focusSoon(idFor(`hours.holidays[${holidays.length}].name`))
          }}>
          + Add a holiday
        </button>
      </fieldset>
    </div>
  )
}

function DayEditor(p: { day: Day; label: string; ranges: TimeRange[]; errs: Errs; onChange: (rs: TimeRange[]) => void; onCopy?: () => void }) {
  const path = `hours.weekly.${p.day}`
  const rs = p.ranges
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
