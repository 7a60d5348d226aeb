package store

import (
	"context"
	"fmt"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

const taskColumns = `id, org_id, kind, title, due_date, assignee_id, done, COALESCE(record_id, 0), due_at, phone, COALESCE(call_id, 0),
  reminded_at, created_by, created_at, updated_at`

func scanTask(row interface{ Scan(...any) error }) (crm.Task, error) {
	var t crm.Task
	err := row.Scan(&t.ID, &t.OrgID, &t.Kind, &t.Title, &t.DueDate, &t.AssigneeID, &t.Done, &t.RecordID, &t.DueAt, &t.Phone, &t.CallID,
		&t.RemindedAt, &t.CreatedBy, &t.CreatedAt, &t.UpdatedAt)
	return t, err
}

func checkTaskRefs(ctx context.Context, q querier, orgID org.ID, t crm.Task) error {
	f := problem.Fields{}
	if !exists(ctx, q, `SELECT 1 FROM users WHERE org_id = $1 AND id = $2 AND active`, orgID, t.AssigneeID) {
		f.Add("assignee_id", "no active user with this id")
	}
	if t.RecordID != 0 && !exists(ctx, q, `SELECT 1 FROM records WHERE org_id = $1 AND id = $2`, orgID, t.RecordID) {
		f.Add("record_id", "no record with this id")
	}
	return f.Err()
}

// CreateTask stores a validated task; a call task's reminder is queued
// with it.
func (s *Store) CreateTask(ctx context.Context, orgID org.ID, t crm.Task) (crm.Task, error) {
	err := s.tx(ctx, func(tx querier) error {
		var err error
		t, err = s.createTask(ctx, tx, orgID, t)
		return err
	})
	return t, err
}

func (s *Store) createTask(ctx context.Context, tx querier, orgID org.ID, t crm.Task) (crm.Task, error) {
	t.OrgID, t.CreatedAt = orgID, s.stamp()
	t.UpdatedAt = t.CreatedAt
	if t.Kind == "" {
		t.Kind = crm.TaskTodo
	}
	if err := checkTaskRefs(ctx, tx, orgID, t); err != nil {
		return t, err
	}
	id, err := insertID(ctx, tx, `INSERT INTO tasks (org_id, kind, title, due_date, assignee_id, done, record_id, due_at, phone, call_id,
	  created_by, created_us, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
		orgID, t.Kind, t.Title, t.DueDate, t.AssigneeID, t.Done, nullID(t.RecordID), utcPtr(t.DueAt), t.Phone, nullID(t.CallID),
		t.CreatedBy, t.CreatedAt.UnixMicro(), t.CreatedAt)
	if err != nil {
		return t, internal("create task", err)
	}
	t.ID = crm.TaskID(id)
	return t, queueReminder(ctx, tx, orgID, t, nil)
}

// queueReminder queues t's reminder when it is an open call task whose
// time is new (created, rescheduled, or reopened): the job checks the
// task again when it runs.
func queueReminder(ctx context.Context, tx querier, orgID org.ID, t crm.Task, before *crm.Task) error {
	j, ok := call.ReminderJob(t)
	if !ok || (before != nil && before.Kind == t.Kind && !before.Done && before.DueAt != nil && before.DueAt.Equal(*t.DueAt)) {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO jobs (org_id, kind, payload, run_at, attempts, last_error) VALUES ($1, $2, $3, $4, 0, '')`,
		orgID, j.Kind, j.Payload, j.RunAt.UTC())
	return internal("queue reminder", err)
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// Task returns one task.
func (s *Store) Task(ctx context.Context, orgID org.ID, id crm.TaskID) (crm.Task, error) {
	t, err := scanTask(s.q.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE org_id = $1 AND id = $2`, orgID, id))
	if isNoRows(err) {
		return crm.Task{}, notFound("task")
	}
	return t, internal("task", err)
}

// UpdateTask saves a validated task; a call task rescheduled or
// reopened has its reminder queued with it.
func (s *Store) UpdateTask(ctx context.Context, orgID org.ID, t crm.Task) (crm.Task, error) {
	err := s.tx(ctx, func(tx querier) error {
		var err error
		t, err = s.updateTask(ctx, tx, orgID, t)
		return err
	})
	return t, err
}

func (s *Store) updateTask(ctx context.Context, tx querier, orgID org.ID, t crm.Task) (crm.Task, error) {
	t.UpdatedAt = s.stamp()
	if err := checkTaskRefs(ctx, tx, orgID, t); err != nil {
		return t, err
	}
	before, err := scanTask(tx.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE org_id = $1 AND id = $2`, orgID, t.ID))
	if isNoRows(err) {
		return t, notFound("task")
	}
	if err != nil {
		return t, internal("task", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE tasks SET kind = $3, title = $4, due_date = $5, assignee_id = $6, done = $7,
	  record_id = $8, due_at = $9, phone = $10, call_id = $11, updated_at = $12 WHERE org_id = $1 AND id = $2`,
		orgID, t.ID, t.Kind, t.Title, t.DueDate, t.AssigneeID, t.Done, nullID(t.RecordID), utcPtr(t.DueAt), t.Phone, nullID(t.CallID), t.UpdatedAt)
	if err != nil {
		return t, internal("update task", err)
	}
	t.RemindedAt = before.RemindedAt
	return t, queueReminder(ctx, tx, orgID, t, &before)
}

// DeleteTask deletes a task.
func (s *Store) DeleteTask(ctx context.Context, orgID org.ID, id crm.TaskID) error {
	res, err := s.q.ExecContext(ctx, `DELETE FROM tasks WHERE org_id = $1 AND id = $2`, orgID, id)
	return affected(res, err, "task")
}

// Tasks lists tasks by due date (undated last), then id, keyset-paged.
func (s *Store) Tasks(ctx context.Context, orgID org.ID, f crm.TaskFilter) ([]crm.Task, string, error) {
	w := newWhere("org_id = ?", orgID)
	if f.AssigneeID != 0 {
		w.add("assignee_id = ?", f.AssigneeID)
	}
	if f.RecordID != 0 {
		w.add("record_id = ?", f.RecordID)
	}
	if f.Done != nil {
		w.add("done = ?", *f.Done)
	}
	switch f.Due {
	case crm.DueToday:
		w.add("due_date = ?", f.Today)
	case crm.DueOverdue:
		w.add("due_date <> '' AND due_date < ?", f.Today)
	case crm.DueUpcoming:
		w.add("due_date > ?", f.Today)
	}
	// Undated tasks sort after dated ones: their key is "9999-99-99".
	const key = "CASE WHEN due_date = '' THEN '9999-99-99' ELSE due_date END"
	if f.Cursor != "" {
		k, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, "", err
		}
		w.add(fmt.Sprintf("(%s > ? OR (%s = ? AND id > ?))", key, key), k, k, id)
	}
	rows, err := s.q.QueryContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE `+w.String()+
		` ORDER BY `+key+`, id LIMIT `+w.limit(f.Limit+1), w.args...)
	if err != nil {
		return nil, "", internal("tasks", err)
	}
	list, err := collect(rows, scanTask)
	if err != nil || len(list) <= f.Limit {
		return list, "", err
	}
	list = list[:f.Limit]
	last := list[len(list)-1]
	k := last.DueDate
	if k == "" {
		k = "9999-99-99"
	}
	return list, encodeCursor(k, int64(last.ID)), nil
}

// ClaimReminder marks the org's call task id reminded of its time dueAt
// and returns it with its record's name. ok is false when there is
// nothing to remind of: the task was deleted, done, rescheduled or made
// a to-do, or its time was reminded of already (the job ran twice).
func (s *Store) ClaimReminder(ctx context.Context, orgID org.ID, id crm.TaskID, dueAt time.Time) (crm.Reminder, bool, error) {
	var r crm.Reminder
	ok := false
	err := s.tx(ctx, func(tx querier) error {
		t, err := scanTask(tx.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE org_id = $1 AND id = $2`+s.forUpdate(), orgID, id))
		if isNoRows(err) {
			return nil
		}
		if err != nil {
			return internal("task", err)
		}
		if t.Done || t.Kind != crm.TaskCall || t.DueAt == nil || !t.DueAt.Equal(dueAt) || (t.RemindedAt != nil && t.RemindedAt.Equal(dueAt)) {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tasks SET reminded_at = $3 WHERE org_id = $1 AND id = $2`, orgID, id, dueAt.UTC()); err != nil {
			return internal("claim reminder", err)
		}
		r.Task, ok = t, true
		r.Task.RemindedAt = &dueAt
		if t.RecordID == 0 {
			return nil
		}
		return internal("reminder record", tx.QueryRowContext(ctx, `SELECT `+recordName+` FROM records r WHERE r.org_id = $1 AND r.id = $2`,
			orgID, t.RecordID).Scan(&r.RecordName))
	})
	return r, ok, err
}

// forUpdate locks the rows a transaction's SELECT reads (PostgreSQL; an
// SQLite write transaction holds the whole database already).
func (s *Store) forUpdate() string {
	if s.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}
