package store

import (
	"context"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
)

// RecordMisses records the users who missed a call (R-AG-5) and returns
// those that are news: not recorded before, or now a voicemail, which
// marks the call unseen again (R-IN-15). Recording the same miss twice
// changes nothing.
func (s *Store) RecordMisses(ctx context.Context, orgID org.ID, id call.ID, misses []call.Miss) ([]call.Miss, error) {
	var news []call.Miss
	now := s.stamp()
	for _, m := range misses {
		var rowID int64
		err := s.q.QueryRowContext(ctx, `INSERT INTO missed_calls (org_id, user_id, call_id, reason, seen, created_at)
		  VALUES ($1, $2, $3, $4, FALSE, $5)
		  ON CONFLICT (call_id, user_id) DO UPDATE SET reason = excluded.reason, seen = FALSE
		  WHERE missed_calls.reason <> excluded.reason AND excluded.reason = 'voicemail'
		  RETURNING id`, orgID, m.UserID, id, m.Reason, now).Scan(&rowID)
		if isNoRows(err) {
			continue
		}
		if err != nil {
			return news, internal("record missed call", err)
		}
		news = append(news, m)
	}
	return news, nil
}

// MissedCalls lists the calls user missed, newest first, up to limit,
// those before the call id before when it is not 0; next is the cursor of
// the following page, 0 = none.
func (s *Store) MissedCalls(ctx context.Context, orgID org.ID, user org.UserID, limit int, before call.ID) ([]call.MissedCall, call.ID, error) {
	w := newWhere("m.org_id = ? AND m.user_id = ?", orgID, user)
	if before != 0 {
		w.add("m.call_id < ?", before)
	}
	list, err := s.missed(ctx, w, limit+1)
	if err != nil || len(list) <= limit {
		return list, 0, err
	}
	list = list[:limit]
	return list, list[limit-1].Call.ID, nil
}

// MissedCall returns one call user missed.
func (s *Store) MissedCall(ctx context.Context, orgID org.ID, user org.UserID, id call.ID) (call.MissedCall, error) {
	list, err := s.missed(ctx, newWhere("m.org_id = ? AND m.user_id = ? AND m.call_id = ?", orgID, user, id), 1)
	if err == nil && len(list) == 0 {
		err = notFound("missed call")
	}
	if err != nil {
		return call.MissedCall{}, err
	}
	return list[0], nil
}

func (s *Store) missed(ctx context.Context, w *where, limit int) ([]call.MissedCall, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+callColumns+`, reason, seen, missed_at, answerer_id, answerer_name FROM (
	  SELECT c.*, m.reason, m.seen, m.created_at AS missed_at, COALESCE(u.id, 0) AS answerer_id, COALESCE(u.name, '') AS answerer_name
	  FROM missed_calls m JOIN calls c ON c.id = m.call_id AND c.org_id = m.org_id LEFT JOIN users u ON u.id = c.answered_by
	  WHERE `+w.String()+` ORDER BY m.call_id DESC LIMIT `+w.limit(limit)+`) x ORDER BY id DESC`, w.args...)
	if err != nil {
		return nil, internal("missed calls", err)
	}
	return collect(rows, scanMissed)
}

func scanMissed(row interface{ Scan(...any) error }) (call.MissedCall, error) {
	var m call.MissedCall
	var by call.User
	var missedAt time.Time
	c, err := scanCall(rowWith{row, []any{&m.Reason, &m.Seen, &missedAt, &by.ID, &by.Name}})
	m.Call, m.MissedAt = c, missedAt
	if by.ID != 0 {
		m.AnsweredBy = &by
	}
	return m, err
}

// rowWith scans a row's leading columns with the wrapped scanner's
// destinations and the trailing ones into more.
type rowWith struct {
	row  interface{ Scan(...any) error }
	more []any
}

func (r rowWith) Scan(dest ...any) error { return r.row.Scan(append(dest, r.more...)...) }

// UnseenMissed counts the user's missed calls not yet seen (the badge).
func (s *Store) UnseenMissed(ctx context.Context, orgID org.ID, user org.UserID) (int, error) {
	var n int
	err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM missed_calls WHERE org_id = $1 AND user_id = $2 AND NOT seen`,
		orgID, user).Scan(&n)
	return n, internal("unseen missed calls", err)
}

// SeeMissed marks all the user's missed calls seen.
func (s *Store) SeeMissed(ctx context.Context, orgID org.ID, user org.UserID) error {
	_, err := s.q.ExecContext(ctx, `UPDATE missed_calls SET seen = TRUE WHERE org_id = $1 AND user_id = $2 AND NOT seen`, orgID, user)
	return internal("see missed calls", err)
}
