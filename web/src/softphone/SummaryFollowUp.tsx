// The summary's follow-up: none, a task (title, due date, assignee) or a
// call (title, date and time, assignee) — it lands in the assignee's tasks
// and a follow-up call reminds them at its time.
import { Field } from '../components/ui'
import { me } from '../session'
import { assignees, withFollow, type FollowKind, type Person, type SummaryForm } from './summary'

const KINDS: { value: FollowKind; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'task', label: 'Task' },
  { value: 'call', label: 'Call' },
]

interface Props {
  prefix: string
  form: SummaryForm
  who: string
  errs: Record<string, string>
  people: Person[]
  onChange: (f: SummaryForm) => void
}

export function SummaryFollowUp({ prefix: p, form: f, who, errs, people, onChange }: Props) {
  const set = (x: Partial<SummaryForm>) => onChange({ ...f, ...x })
  const self = { id: me.value?.id || 0, name: 'Me' }
  const choices = assignees(self, people)
  if (f.assignee && !choices.some((u) => String(u.id) === f.assignee)) choices.push({ id: Number(f.assignee), name: 'A colleague' })
  const kindErr = errs['follow_up.kind'] || errs.follow_up
  return (
    <fieldset class="summary-follow" aria-describedby={kindErr ? `${p}-follow-err` : undefined}>
      <legend>Follow-up</legend>
      <div class="row summary-kinds">
        {KINDS.map((k) => (
          <label key={k.value} class="check">
            <input type="radio" name={`${p}-follow`} value={k.value} checked={f.follow === k.value}
              onChange={() => onChange(withFollow(f, k.value, who))} />
            {k.label}
          </label>
        ))}
      </div>
      {kindErr && (
        <p class="field-error" id={`${p}-follow-err`}>
          {kindErr}
        </p>
      )}
      {f.follow !== 'none' && (
        <>
          <Field label={f.follow === 'call' ? 'Call title' : 'Task title'} name={`${p}-title`} error={errs['follow_up.title']}>
            {(a) => <input {...a} value={f.title} onInput={(e) => set({ title: (e.currentTarget as HTMLInputElement).value })} />}
          </Field>
          {f.follow === 'task' ? (
            <Field label="Due date" name={`${p}-due`} error={errs['follow_up.due_date']}>
              {(a) => <input {...a} type="date" value={f.dueDate} onInput={(e) => set({ dueDate: (e.currentTarget as HTMLInputElement).value })} />}
            </Field>
          ) : (
            <Field label="Call at" name={`${p}-at`} error={errs['follow_up.due_at']} hint="Your time; a reminder shows then">
              {(a) => (
                <input {...a} type="datetime-local" value={f.dueAt} onInput={(e) => set({ dueAt: (e.currentTarget as HTMLInputElement).value })} />
              )}
            </Field>
          )}
          <Field label="Assign to" name={`${p}-assignee`} error={errs['follow_up.assignee_id']}>
            {(a) => (
              <select {...a} value={f.assignee} onChange={(e) => set({ assignee: (e.currentTarget as HTMLSelectElement).value })}>
                {choices.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
    </fieldset>
  )
}
