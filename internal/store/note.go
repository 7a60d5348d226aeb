package store

import (
	"context"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// CreateNote attaches a note to one of orgID's records.
func (s *Store) CreateNote(ctx context.Context, orgID org.ID, n crm.Note) (crm.Note, error) {
	n.OrgID, n.CreatedAt = orgID, s.stamp()
	if !exists(ctx, s.db, `SELECT 1 FROM records WHERE org_id = $1 AND id = $2`, orgID, n.RecordID) {
		return crm.Note{}, problem.Field("record_id", "no record with this id")
	}
	id, err := insertID(ctx, s.db, `INSERT INTO notes (org_id, record_id, author_id, body, created_at)
	  VALUES ($1, $2, $3, $4, $5)`, orgID, n.RecordID, n.AuthorID, n.Body, n.CreatedAt)
	n.ID = crm.NoteID(id)
	return n, internal("create note", err)
}

// DeleteNote deletes a note.
func (s *Store) DeleteNote(ctx context.Context, orgID org.ID, id crm.NoteID) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM notes WHERE org_id = $1 AND id = $2`, orgID, id)
	return affected(res, err, "note")
}

// Timeline returns a record's activities, newest first, up to limit, older
// than the cursor when one is given (R-CRM-6). Calls and messages join this
// union when they exist.
func (s *Store) Timeline(ctx context.Context, orgID org.ID, id crm.RecordID, limit int, cursor string) ([]crm.Activity, string, error) {
	if !exists(ctx, s.db, `SELECT 1 FROM records WHERE org_id = $1 AND id = $2`, orgID, id) {
		return nil, "", notFound("record")
	}
	args := []any{orgID, id, limit + 1}
	after := ""
	if cursor != "" {
		key, cid, err := decodeCursor(cursor)
		if err != nil {
			return nil, "", err
		}
		args = append(args, key, cid)
		after = ` WHERE (a.sort_at < $4 OR (a.sort_at = $4 AND a.uid < $5))`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.type, a.id, a.at, a.actor, a.title, a.body, a.due, a.done, a.sort_at, a.uid FROM (
	    SELECT 'note' AS type, n.id, n.created_at AS at, n.author_id AS actor, '' AS title, n.body, '' AS due,
	      `+s.boolLit(false)+` AS done, `+s.timeKey("n.created_at")+` AS sort_at, n.id * 2 AS uid
	    FROM notes n WHERE n.org_id = $1 AND n.record_id = $2
	    UNION ALL
	    SELECT 'task', t.id, t.created_at, t.created_by, t.title, '', t.due_date, t.done,
	      `+s.timeKey("t.created_at")+`, t.id * 2 + 1
	    FROM tasks t WHERE t.org_id = $1 AND t.record_id = $2
	  ) a`+after+` ORDER BY a.sort_at DESC, a.uid DESC LIMIT $3`, args...)
	if err != nil {
		return nil, "", internal("timeline", err)
	}
	type row struct {
		a   crm.Activity
		key string
		uid int64
	}
	list, err := collect(rows, func(r interface{ Scan(...any) error }) (row, error) {
		var x row
		a := &x.a
		err := r.Scan(&a.Type, &a.ID, &a.At, &a.ActorID, &a.Title, &a.Body, &a.DueDate, &a.Done, &x.key, &x.uid)
		a.RecordID = id
		return x, err
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(list) > limit {
		list = list[:limit]
		last := list[len(list)-1]
		next = encodeCursor(last.key, last.uid)
	}
	out := make([]crm.Activity, len(list))
	for i, x := range list {
		out[i] = x.a
	}
	return out, next, nil
}

// timeKey renders a timestamp column as fixed-width text that sorts in time
// order on both engines, for keyset cursors.
func (s *Store) timeKey(col string) string {
	if s.dialect == Postgres {
		return `to_char(` + col + ` AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`
	}
	return `strftime('%Y-%m-%dT%H:%M:%f', ` + col + `)`
}

func (s *Store) boolLit(b bool) string {
	switch {
	case s.dialect == Postgres && b:
		return "TRUE"
	case s.dialect == Postgres:
		return "FALSE"
	case b:
		return "1"
	}
	return "0"
}
