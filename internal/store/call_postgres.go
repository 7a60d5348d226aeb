package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
)

// startCallPostgres records a new call with its legs and jobs in one
// statement — one round trip instead of five (BEGIN, three INSERTs,
// COMMIT); a statement is atomic by itself. The legs and jobs are inserted
// in their order, so their ids ascend in it. created is false, and
// nothing is written, when the call's SID is known.
func (s *Store) startCallPostgres(ctx context.Context, orgID org.ID, ch *Change, start time.Time) (bool, error) {
	var users []int64
	var cycles []int32
	var statuses []string
	for _, l := range ch.NewLegs {
		users, cycles, statuses = append(users, int64(l.UserID)), append(cycles, int32(l.Cycle)), append(statuses, l.Status)
	}
	var kinds, payloads []string
	var runAt []time.Time
	now := s.stamp()
	for _, j := range ch.Jobs {
		at := j.RunAt
		if at.IsZero() {
			at = now
		}
		kinds, payloads, runAt = append(kinds, string(j.Kind)), append(payloads, j.Payload), append(runAt, at.UTC())
	}
	args := append(callArgs(orgID, ch.Call, start), users, cycles, statuses, kinds, payloads, runAt)
	rows, err := s.q.QueryContext(ctx, `WITH c AS (`+insertCall+`),
	  l AS (INSERT INTO call_legs (org_id, call_id, user_id, cycle, status, created_at)
	    SELECT $1, c.id, x.u, x.cy, x.st, $13 FROM c, unnest($14::bigint[], $15::int[], $16::text[]) WITH ORDINALITY x(u, cy, st, n)
	    ORDER BY x.n RETURNING id),
	  j AS (INSERT INTO jobs (org_id, kind, call_id, payload, run_at, attempts, last_error)
	    SELECT $1, x.k, c.id, x.p, x.r, 0, '' FROM c, unnest($17::text[], $18::text[], $19::timestamptz[]) WITH ORDINALITY x(k, p, r, n)
	    ORDER BY x.n)
	  SELECT c.id, l.id FROM c LEFT JOIN l ON TRUE ORDER BY l.id`, args...)
	if err != nil {
		return false, internal("start call", err)
	}
	defer rows.Close()
	created, i := false, 0
	for rows.Next() {
		var id int64
		var leg sql.NullInt64
		if err := rows.Scan(&id, &leg); err != nil {
			return false, internal("start call", err)
		}
		created, ch.Call.ID, ch.Call.OrgID = true, call.ID(id), orgID
		if leg.Valid && i < len(ch.NewLegs) {
			ch.NewLegs[i].ID = leg.Int64
			i++
		}
	}
	if err := rows.Err(); err != nil {
		return false, internal("start call", err)
	}
	return created, nil
}
