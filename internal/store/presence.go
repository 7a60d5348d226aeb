package store

import (
	"context"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

// Presence returns the presence of the org's active users; a user who
// never set a status is offline.
func (s *Store) Presence(ctx context.Context, orgID org.ID) ([]presence.Agent, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT u.id, COALESCE(p.status, 'offline'), p.online_since, p.ring_order_at, COALESCE(p.busy, FALSE)
	  FROM users u LEFT JOIN presence p ON p.user_id = u.id WHERE u.org_id = $1 AND u.active ORDER BY u.id`, orgID)
	if err != nil {
		return nil, internal("presence", err)
	}
	return collect(rows, func(r interface{ Scan(...any) error }) (presence.Agent, error) {
		var a presence.Agent
		return a, r.Scan(&a.UserID, &a.Status, &a.OnlineSince, &a.RingOrderAt, &a.Busy)
	})
}

// SetStatus sets a user online or offline. Coming online (from offline)
// sets the came-online time and puts them at the back of the ring order;
// setting the same status again changes nothing.
func (s *Store) SetStatus(ctx context.Context, orgID org.ID, user org.UserID, st presence.Status) error {
	now := s.stamp()
	return s.tx(ctx, func(tx querier) error {
		if !exists(ctx, tx, `SELECT 1 FROM users WHERE org_id = $1 AND id = $2 AND active`, orgID, user) {
			return notFound("user")
		}
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT status FROM presence WHERE user_id = $1`, user).Scan(&cur)
		switch {
		case isNoRows(err):
			_, err = tx.ExecContext(ctx, `INSERT INTO presence (user_id, org_id, status, online_since, ring_order_at, busy, updated_at)
			  VALUES ($1, $2, $3, $4, $4, FALSE, $5)`, user, orgID, st, onlineTime(st, now), now)
		case err != nil:
		case cur == string(st):
			return nil
		default:
			_, err = tx.ExecContext(ctx, `UPDATE presence SET status = $2, online_since = $3, ring_order_at = $3, updated_at = $4
			  WHERE user_id = $1`, user, st, onlineTime(st, now), now)
		}
		return internal("set status", err)
	})
}

func onlineTime(st presence.Status, now any) any {
	if st == presence.Online {
		return now
	}
	return nil
}

// SetBusy marks a user busy on a call or free again. Answering a call
// (busy = true) moves them to the back of the ring order (R-IN-7).
func (s *Store) SetBusy(ctx context.Context, orgID org.ID, user org.UserID, busy bool) error {
	now := s.stamp()
	q := `UPDATE presence SET busy = $3, updated_at = $4 WHERE org_id = $1 AND user_id = $2`
	if busy {
		q = `UPDATE presence SET busy = $3, updated_at = $4, ring_order_at = CASE WHEN status = 'online' THEN $4 ELSE ring_order_at END
		  WHERE org_id = $1 AND user_id = $2`
	}
	_, err := s.q.ExecContext(ctx, q, orgID, user, busy, now)
	return internal("set busy", err)
}
