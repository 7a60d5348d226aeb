package store

import (
	"context"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
)

// PlaceCall records an outbound call with the user's own leg (ch.NewLegs)
// and its jobs, in one transaction that first takes the user's row: two
// calls placed at once by one user are serialised, and the second sees
// the first's live leg: placed is false and nothing is written.
func (s *Store) PlaceCall(ctx context.Context, orgID org.ID, user org.UserID, ch Change) (c call.Call, placed bool, err error) {
	c = ch.Call
	start := c.StartedAt.UTC().Truncate(time.Microsecond)
	err = s.tx(ctx, func(tx querier) error {
		if err := s.lockUser(ctx, tx, orgID, user); err != nil {
			return err
		}
		on, err := userOnCall(ctx, tx, orgID, user)
		if err != nil || on {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, insertCall, callArgs(orgID, c, start)...).Scan(&id); err != nil {
			return internal("place call", err)
		}
		c.ID, c.OrgID, placed = call.ID(id), orgID, true
		for i, l := range ch.NewLegs {
			lid, err := insertID(ctx, tx, `INSERT INTO call_legs (org_id, call_id, user_id, cycle, status, created_at, forward_to)
			  VALUES ($1, $2, $3, $4, $5, $6, $7)`, orgID, id, l.UserID, l.Cycle, l.Status, start, l.ForwardTo)
			if err != nil {
				return internal("add leg", err)
			}
			ch.NewLegs[i].ID = lid
		}
		return insertJobs(ctx, tx, orgID, c.ID, ch.Jobs, s.stamp())
	})
	return c, placed && err == nil, err
}

// lockUser takes the user's row for the rest of the transaction on
// PostgreSQL (SQLite's write transactions are serial already); another
// org's or a missing user is not found.
func (s *Store) lockUser(ctx context.Context, tx querier, orgID org.ID, user org.UserID) error {
	q := `SELECT id FROM users WHERE org_id = $1 AND id = $2`
	if s.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var id int64
	err := tx.QueryRowContext(ctx, q, orgID, user).Scan(&id)
	if isNoRows(err) {
		return notFound("user")
	}
	return internal("lock user", err)
}

// UserOnCall reports whether a call not yet ended has a live leg of the
// user's: ringing them, placing their call, or in progress with them.
func (s *Store) UserOnCall(ctx context.Context, orgID org.ID, user org.UserID) (bool, error) {
	return userOnCall(ctx, s.q, orgID, user)
}

func userOnCall(ctx context.Context, q querier, orgID org.ID, user org.UserID) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM call_legs l JOIN calls c ON c.id = l.call_id AND c.org_id = l.org_id
	  WHERE l.org_id = $1 AND l.user_id = $2 AND l.status IN ('queued', 'initiated', 'ringing', 'in-progress')
	  AND c.ended_at IS NULL`, orgID, user).Scan(&n)
	return n > 0, internal("user on call", err)
}
