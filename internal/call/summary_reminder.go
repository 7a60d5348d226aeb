package call

import (
	"encoding/json"
	"time"

	"github.com/switchboard/switchboard/internal/crm"
)

// JobReminder reminds a follow-up call's assignee at its time (R-POST-1).
// It has no call: its payload names the task.
const JobReminder = "reminder"

// ReminderPayload is a reminder job's payload: the task and the time it
// reminds of. A task rescheduled since has another job; this one then
// reminds of nothing.
type ReminderPayload struct {
	TaskID crm.TaskID `json:"task_id"`
	DueAt  time.Time  `json:"due_at"`
}

// ReminderJob is the job reminding of t at its DueAt; ok is false when t
// is not an open call task with a time.
func ReminderJob(t crm.Task) (Job, bool) {
	if t.Kind != crm.TaskCall || t.DueAt == nil || t.Done || t.ID == 0 {
		return Job{}, false
	}
	p, _ := json.Marshal(ReminderPayload{TaskID: t.ID, DueAt: t.DueAt.UTC()})
	return Job{OrgID: t.OrgID, Kind: JobReminder, Payload: string(p), RunAt: *t.DueAt}, true
}
