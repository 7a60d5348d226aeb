package store

import (
	"context"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
)

// IdleOpenCalls lists up to limit of the org's calls that a lost callback
// may have left open — the call itself, or an agent's leg of a call that
// ended — and that have not changed for idle: what the sweep asks the
// carrier about (call.JobSweepOpen, decision 0029). Open calls come
// first, each part longest unchanged first. Both parts are index look-ups
// (calls_open; call_legs_user through the org's users), never a scan of
// the org's call history.
func (s *Store) IdleOpenCalls(ctx context.Context, orgID org.ID, idle time.Duration, limit int) ([]call.Call, error) {
	before := s.stamp().Add(-idle)
	var out []call.Call
	seen := map[call.ID]bool{}
	for _, where := range []string{
		`status IN ('ringing', 'queued', 'in-progress') AND ended_at IS NULL`,
		`id IN (SELECT l.call_id FROM call_legs l WHERE l.user_id IN (SELECT u.id FROM users u WHERE u.org_id = $1)
		  AND l.status IN ('queued', 'initiated', 'ringing', 'in-progress'))`,
	} {
		rows, err := s.q.QueryContext(ctx, `SELECT `+callColumns+` FROM calls WHERE org_id = $1 AND updated_at < $2 AND `+where+`
		  ORDER BY updated_at, id LIMIT $3`, orgID, before, limit)
		if err != nil {
			return nil, internal("idle open calls", err)
		}
		calls, err := collect(rows, scanCall)
		if err != nil {
			return nil, internal("idle open calls", err)
		}
		for _, c := range calls {
			if !seen[c.ID] && len(out) < limit {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// insertOrgJobs queues, due now, the jobs every org keeps one of pending
// (call.OrgJobKinds), for a new org.
func (s *Store) insertOrgJobs(ctx context.Context, tx querier, orgID org.ID) error {
	for _, kind := range call.OrgJobKinds() {
		if _, err := tx.ExecContext(ctx, `INSERT INTO jobs (org_id, kind, payload, run_at, attempts, last_error)
		  VALUES ($1, $2, '{}', $3, 0, '')`, orgID, kind, s.stamp()); err != nil {
			return internal("queue org jobs", err)
		}
	}
	return nil
}
