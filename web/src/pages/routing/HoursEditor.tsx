// A number's business hours (R-IN-16): the org's hours and holidays
// (hours.use_org, decision 0020), shown read-only, or custom hours for this
// number, edited with the same editor as the org's.
import { BusinessHoursEditor, BusinessHoursSummary, hoursOf, type BusinessHours } from '../../components/BusinessHoursEditor'
import { Link } from '../../components/ui'
import type { Hours } from './api'
import { idFor } from './paths'
import type { Errs } from './parts'

export function HoursEditor({ hours: h, orgHours, errs, timeZone, onChange }: {
  hours: Hours
  orgHours: BusinessHours | undefined
  errs: Errs
  timeZone: string
  onChange: (h: Hours) => void
}) {
  const useOrg = !!h.use_org
  const choose = (v: boolean) => onChange({ ...h, use_org: v })
  return (
    <div class="stack">
      <fieldset class="rt-choice" id={idFor('hours.use_org')} tabIndex={-1}>
        <legend class="sr-only">Whose hours this number follows</legend>
        <label>
          <input type="radio" name="rt-hours-source" checked={useOrg} onChange={() => choose(true)} /> Use the org’s business hours
        </label>
        <label>
          <input type="radio" name="rt-hours-source" checked={!useOrg} onChange={() => choose(false)} /> Custom hours for this number
        </label>
      </fieldset>
      {useOrg ? (
        <div class="stack">
          {orgHours ? (
            <BusinessHoursSummary hours={orgHours} timeZone={timeZone} label="The org’s business hours" />
          ) : (
            <p class="muted">The org’s business hours could not be loaded.</p>
          )}
          <p class="hint">
            Change them in <Link href="/settings/org">Settings › Organisation</Link>; every number that uses them follows.
          </p>
        </div>
      ) : (
        <BusinessHoursEditor prefix="hours" hours={hoursOf(h)} errs={errs} timeZone={timeZone}
          onChange={(x) => onChange({ ...x, use_org: false })} />
      )}
    </div>
  )
}
