package store

import (
	"context"
	"strconv"

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
	id, err := insertID(ctx, s.db, `INSERT INTO notes (org_id, record_id, author_id, body, created_us, created_at)
	  VALUES ($1, $2, $3, $4, $5, $6)`, orgID, n.RecordID, n.AuthorID, n.Body, n.CreatedAt.UnixMicro(), n.CreatedAt)
	n.ID = crm.NoteID(id)
	return n, internal("create note", err)
}

// DeleteNote deletes a note.
func (s *Store) DeleteNote(ctx context.Context, orgID org.ID, id crm.NoteID) error {
	res, err := s.q.ExecContext(ctx, `DELETE FROM notes WHERE org_id = $1 AND id = $2`, orgID, id)
	return affected(res, err, "note")
}

// Timeline returns a record's activities, newest first, up to limit, older
// than the cursor when one is given (R-CRM-6): notes, tasks, and calls
// with their summaries — a deal's calls are those logged on it and those
// summarised with it as their topic. Messages join this union when they
// exist.
func (s *Store) Timeline(ctx context.Context, orgID org.ID, id crm.RecordID, limit int, cursor string) ([]crm.Activity, string, error) {
	if !exists(ctx, s.db, `SELECT 1 FROM records WHERE org_id = $1 AND id = $2`, orgID, id) {
		return nil, "", notFound("record")
	}
	// $1 and $2, the org and the record, are used inside the union.
	w := &where{args: []any{orgID, id}, conds: []string{"TRUE"}}
	if cursor != "" {
		us, uid, err := decodeCursor(cursor)
		if err != nil {
			return nil, "", err
		}
		w.add("(a.at_us < ? OR (a.at_us = ? AND a.uid < ?))", us, us, uid)
	}
	// uid orders entries of equal time: 3n for notes, 3n+1 tasks, 3n+2 calls.
	// A deal's timeline has the calls summarised with it as their topic.
	callCols := `'call', c.id, c.started_at, COALESCE(c.answered_by, 0), c.from_number, c.to_number, '', FALSE, ` + s.micros("c.started_at") + `,
	      c.id * 3 + 2, c.direction, c.outcome,
	      CASE WHEN c.recording_deleted_at IS NULL THEN c.recording_url ELSE '' END, c.ended_at,
	      COALESCE(cs.outcome, ''), c.notes, COALESCE(cs.deal_id, 0), COALESCE(d.name, ''),
	      c.recording_deleted_at, COALESCE(c.recording_deleted_by, 0), COALESCE(del.name, '')`
	rows, err := s.q.QueryContext(ctx, `SELECT a.type, a.id, a.at, a.actor, a.title, a.body, a.due, a.done, a.at_us, a.uid,
	    a.direction, a.outcome, a.recording, a.ended, a.summary_outcome, a.notes, a.deal_id, a.deal_name,
	    a.deleted_at, a.deleted_by, a.deleted_by_name FROM (
	    SELECT 'note' AS type, n.id, n.created_at AS at, n.author_id AS actor, '' AS title, n.body, '' AS due,
	      FALSE AS done, n.created_us AS at_us, n.id * 3 AS uid, '' AS direction, '' AS outcome, '' AS recording, `+s.nullTime()+` AS ended,
	      '' AS summary_outcome, '' AS notes, CAST(0 AS BIGINT) AS deal_id, '' AS deal_name,
	      `+s.nullTime()+` AS deleted_at, CAST(0 AS BIGINT) AS deleted_by, '' AS deleted_by_name
	    FROM notes n WHERE n.org_id = $1 AND n.record_id = $2
	    UNION ALL
	    SELECT 'task', t.id, t.created_at, t.created_by, t.title, '', t.due_date, t.done, t.created_us, t.id * 3 + 1, '', '', '', `+s.nullTime()+`,
	      '', '', 0, '', `+s.nullTime()+`, 0, ''
	    FROM tasks t WHERE t.org_id = $1 AND t.record_id = $2
	    UNION ALL
	    SELECT `+callCols+`
	    FROM calls c LEFT JOIN call_summaries cs ON cs.call_id = c.id LEFT JOIN records d ON d.id = cs.deal_id
	    LEFT JOIN users del ON del.id = c.recording_deleted_by
	    WHERE c.org_id = $1 AND c.record_id = $2
	    UNION ALL
	    SELECT `+callCols+`
	    FROM call_summaries cs JOIN calls c ON c.id = cs.call_id JOIN records d ON d.id = cs.deal_id
	    LEFT JOIN users del ON del.id = c.recording_deleted_by
	    WHERE cs.org_id = $1 AND cs.deal_id = $2 AND (c.record_id IS NULL OR c.record_id <> $2)
	  ) a WHERE `+w.String()+` ORDER BY a.at_us DESC, a.uid DESC LIMIT `+w.limit(limit+1), w.args...)
	if err != nil {
		return nil, "", internal("timeline", err)
	}
	type row struct {
		a   crm.Activity
		us  int64
		uid int64
	}
	list, err := collect(rows, func(r interface{ Scan(...any) error }) (row, error) {
		var x row
		a := &x.a
		err := r.Scan(&a.Type, &a.ID, &a.At, &a.ActorID, &a.Title, &a.Body, &a.DueDate, &a.Done, &x.us, &x.uid,
			&a.Direction, &a.Outcome, &a.RecordingURL, &a.EndedAt, &a.SummaryOutcome, &a.Notes, &a.DealID, &a.DealName,
			&a.RecordingDeletedAt, &a.RecordingDeletedBy, &a.RecordingDeletedByName)
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
		next = encodeCursor(strconv.FormatInt(last.us, 10), last.uid)
	}
	out := make([]crm.Activity, len(list))
	for i, x := range list {
		out[i] = x.a
	}
	return out, next, nil
}

// micros renders a timestamp column as integer microseconds since the
// epoch, the timeline's sort key.
func (s *Store) micros(col string) string {
	if s.dialect == Postgres {
		return `(EXTRACT(EPOCH FROM ` + col + `) * 1000000)::BIGINT`
	}
	return `CAST(ROUND((julianday(` + col + `) - 2440587.5) * 86400000000) AS INTEGER)`
}

// nullTime is a NULL timestamp, typed for PostgreSQL's UNION.
func (s *Store) nullTime() string {
	if s.dialect == Postgres {
		return "CAST(NULL AS TIMESTAMPTZ)"
	}
	return "NULL"
}
