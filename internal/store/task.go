package store

import (
	"context"
	"fmt"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

const taskColumns = `id, org_id, title, due_date, assignee_id, done, COALESCE(record_id, 0), created_by, created_at, updated_at`

func scanTask(row interface{ Scan(...any) error }) (crm.Task, error) {
	var t crm.Task
	err := row.Scan(&t.ID, &t.OrgID, &t.Title, &t.DueDate, &t.AssigneeID, &t.Done, &t.RecordID, &t.CreatedBy, &t.CreatedAt, &t.UpdatedAt)
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

// CreateTask stores a validated task.
func (s *Store) CreateTask(ctx context.Context, orgID org.ID, t crm.Task) (crm.Task, error) {
	t.OrgID, t.CreatedAt = orgID, s.stamp()
	t.UpdatedAt = t.CreatedAt
	err := s.tx(ctx, func(tx querier) error {
		if err := checkTaskRefs(ctx, tx, orgID, t); err != nil {
			return err
		}
		id, err := insertID(ctx, tx, `INSERT INTO tasks (org_id, title, due_date, assignee_id, done, record_id,
		  created_by, created_us, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
			orgID, t.Title, t.DueDate, t.AssigneeID, t.Done, nullID(t.RecordID), t.CreatedBy, t.CreatedAt.UnixMicro(), t.CreatedAt)
		t.ID = crm.TaskID(id)
		return internal("create task", err)
	})
	return t, err
}

// Task returns one task.
func (s *Store) Task(ctx context.Context, orgID org.ID, id crm.TaskID) (crm.Task, error) {
	t, err := scanTask(s.q.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE org_id = $1 AND id = $2`, orgID, id))
	if isNoRows(err) {
		return crm.Task{}, notFound("task")
	}
	return t, internal("task", err)
}

// UpdateTask saves a validated task.
func (s *Store) UpdateTask(ctx context.Context, orgID org.ID, t crm.Task) (crm.Task, error) {
	t.UpdatedAt = s.stamp()
	err := s.tx(ctx, func(tx querier) error {
		if err := checkTaskRefs(ctx, tx, orgID, t); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE tasks SET title = $3, due_date = $4, assignee_id = $5, done = $6,
		  record_id = $7, updated_at = $8 WHERE org_id = $1 AND id = $2`,
			orgID, t.ID, t.Title, t.DueDate, t.AssigneeID, t.Done, nullID(t.RecordID), t.UpdatedAt)
		return affected(res, err, "task")
	})
	return t, err
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
