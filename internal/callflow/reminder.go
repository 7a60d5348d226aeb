package callflow

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/event"
)

// EventReminder is the event a follow-up call's assignee gets at its
// time (docs/events.md).
const EventReminder = "reminder"

// Reminder is the reminder event's payload: the call task to make now.
type Reminder struct {
	TaskID     int64  `json:"task_id"`
	Title      string `json:"title"`
	RecordID   *int64 `json:"record_id"`
	RecordName string `json:"record_name"`
	Phone      string `json:"phone"`
	DueAt      string `json:"due_at"`
}

// remind runs a reminder job: the task's assignee is told it is time to
// call, unless the task was deleted, done or rescheduled since (checked
// and marked in one transaction, so a job run twice reminds once).
func (w *Worker) remind(ctx context.Context, j call.Job) error {
	var pl call.ReminderPayload
	if err := json.Unmarshal([]byte(j.Payload), &pl); err != nil {
		return fmt.Errorf("reminder payload: %w", err)
	}
	r, ok, err := w.Store.ClaimReminder(ctx, j.OrgID, pl.TaskID, pl.DueAt)
	if err != nil || !ok || w.Events == nil || w.Events.Hub == nil {
		return err
	}
	t := r.Task
	body := Reminder{TaskID: int64(t.ID), Title: t.Title, RecordName: r.RecordName, Phone: t.Phone,
		DueAt: t.DueAt.UTC().Format(time.RFC3339)}
	if t.RecordID != 0 {
		id := int64(t.RecordID)
		body.RecordID = &id
	}
	e, err := event.New(j.OrgID, t.AssigneeID, EventReminder, body)
	if err != nil {
		return err
	}
	if err := w.Events.Hub.Publish(ctx, e); err != nil {
		// Claimed: a retry would not remind again. The app also lists the
		// task among the agent's tasks due today.
		w.Log.WarnContext(ctx, "publishing a reminder", "task", t.ID, "err", err)
	}
	return nil
}
