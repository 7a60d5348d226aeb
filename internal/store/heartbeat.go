package store

import (
	"context"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

// Heartbeat records that the user's app is open — any of their tabs beats
// for the one presence — keeping an online agent reachable for grace from
// now (R-AG-1). It reports whether the heartbeat revived an online agent
// whose heartbeat had lapsed, so the change is announced and a queued
// caller offered. A user who never set a status gets an offline row.
func (s *Store) Heartbeat(ctx context.Context, orgID org.ID, user org.UserID, grace time.Duration) (revived bool, err error) {
	defer s.forgetAgents() // after the commit (cache.go)
	now := heartbeatNow()
	until := now.Add(grace)
	err = s.tx(ctx, func(tx querier) error {
		var st presence.Status
		var prev *time.Time
		var lapsed bool
		err := tx.QueryRowContext(ctx, `SELECT status, reachable_until, lapsed FROM presence WHERE org_id = $1 AND user_id = $2`,
			orgID, user).Scan(&st, &prev, &lapsed)
		if isNoRows(err) {
			res, err := tx.ExecContext(ctx, `INSERT INTO presence (user_id, org_id, status, busy, updated_at, last_seen_at, reachable_until, lapsed)
			  SELECT id, org_id, 'offline', FALSE, $5, $3, $4, FALSE FROM users WHERE org_id = $1 AND id = $2 AND active`,
				orgID, user, now, until, s.stamp())
			if err != nil {
				return internal("heartbeat", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return notFound("user")
			}
			return nil
		}
		if err != nil {
			return internal("heartbeat", err)
		}
		revived = st == presence.Online && (lapsed || presence.HeartbeatLapsed(st, prev, now))
		_, err = tx.ExecContext(ctx, `UPDATE presence SET last_seen_at = $3, reachable_until = $4, lapsed = FALSE
		  WHERE org_id = $1 AND user_id = $2`, orgID, user, now, until)
		return internal("heartbeat", err)
	})
	return revived, err
}

// ClaimLapsedPresence marks the online agents of every org whose heartbeat
// deadline has passed and whose lapse is not yet announced, and returns
// them by org, Lapsed. Each lapse is claimed once, by whichever instance
// asks first; a heartbeat clears the mark.
func (s *Store) ClaimLapsedPresence(ctx context.Context) (map[org.ID][]presence.Agent, error) {
	defer s.forgetAgents() // after the commit (cache.go)
	now := heartbeatNow()
	var out map[org.ID][]presence.Agent
	err := s.tx(ctx, func(tx querier) error {
		out = map[org.ID][]presence.Agent{}
		rows, err := tx.QueryContext(ctx, `UPDATE presence SET lapsed = TRUE
		  WHERE status = 'online' AND lapsed = FALSE AND reachable_until <= $1
		  RETURNING org_id, user_id, status, online_since, ring_order_at, busy, last_seen_at`, now)
		if err != nil {
			return internal("claim lapsed presence", err)
		}
		defer rows.Close()
		for rows.Next() {
			var o org.ID
			a := presence.Agent{Lapsed: true}
			if err := rows.Scan(&o, &a.UserID, &a.Status, &a.OnlineSince, &a.RingOrderAt, &a.Busy, &a.LastSeen); err != nil {
				return internal("claim lapsed presence", err)
			}
			out[o] = append(out[o], a)
		}
		return internal("claim lapsed presence", rows.Err())
	})
	return out, err
}

// heartbeatNow is the clock heartbeats are measured on: the wall clock,
// even when the store runs on the sandbox's virtual clock (advanced minutes
// at a time in tests), because browsers beat in real time.
func heartbeatNow() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
