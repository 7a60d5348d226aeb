package store

import (
	"context"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

const presenceColumns = `u.id, COALESCE(p.status, 'offline'), p.online_since, p.ring_order_at, COALESCE(p.busy, FALSE),
  p.last_seen_at, p.reachable_until`

// scanAgent reads presenceColumns; an online agent whose heartbeat deadline
// has passed at now (heartbeatNow) comes back Lapsed.
func scanAgent(now time.Time) func(r interface{ Scan(...any) error }) (presence.Agent, error) {
	return func(r interface{ Scan(...any) error }) (presence.Agent, error) {
		var a presence.Agent
		var until *time.Time
		err := r.Scan(&a.UserID, &a.Status, &a.OnlineSince, &a.RingOrderAt, &a.Busy, &a.LastSeen, &until)
		a.Lapsed = presence.HeartbeatLapsed(a.Status, until, now)
		return a, err
	}
}

// Presence returns the presence of the org's active users; a user who
// never set a status is offline, and an online user whose app stopped
// beating is Lapsed.
func (s *Store) Presence(ctx context.Context, orgID org.ID) ([]presence.Agent, error) {
	now := heartbeatNow()
	rows, err := s.q.QueryContext(ctx, `SELECT `+presenceColumns+`
	  FROM users u LEFT JOIN presence p ON p.user_id = u.id WHERE u.org_id = $1 AND u.active ORDER BY u.id`, orgID)
	if err != nil {
		return nil, internal("presence", err)
	}
	return collect(rows, scanAgent(now))
}

// AgentPresence returns one active user's presence; not found for an
// inactive user or another org's.
func (s *Store) AgentPresence(ctx context.Context, orgID org.ID, user org.UserID) (presence.Agent, error) {
	a, err := scanAgent(heartbeatNow())(s.q.QueryRowContext(ctx, `SELECT `+presenceColumns+`
	  FROM users u LEFT JOIN presence p ON p.user_id = u.id WHERE u.org_id = $1 AND u.id = $2 AND u.active`, orgID, user))
	if isNoRows(err) {
		return a, notFound("user")
	}
	return a, internal("agent presence", err)
}

// SetStatus sets a user online or offline. Coming online (from offline)
// sets the came-online time and puts them at the back of the ring order;
// setting the same status again changes nothing.
func (s *Store) SetStatus(ctx context.Context, orgID org.ID, user org.UserID, st presence.Status) error {
	defer s.forgetAgents() // after the commit (cache.go)
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
	defer s.forgetAgents() // after the commit (cache.go)
	now := s.stamp()
	q := `UPDATE presence SET busy = $3, updated_at = $4 WHERE org_id = $1 AND user_id = $2`
	if busy {
		q = `UPDATE presence SET busy = $3, updated_at = $4, ring_order_at = CASE WHEN status = 'online' THEN $4 ELSE ring_order_at END
		  WHERE org_id = $1 AND user_id = $2`
	}
	_, err := s.q.ExecContext(ctx, q, orgID, user, busy, now)
	return internal("set busy", err)
}
