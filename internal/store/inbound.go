package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/provider"
)

// The reads of an inbound-call webhook, each one query: every query is a
// round trip on PostgreSQL, and on SQLite a statement's fixed cost is most
// of a small read's.

// LiveVersionAndCaller returns the id of a number's live routing version
// and the record the caller's number from belongs to: the oldest of them
// when several have it, 0 when none has it or from is "" (a withheld
// caller is looked up by no one). It is not found when the number has no
// published routing.
func (s *Store) LiveVersionAndCaller(ctx context.Context, orgID org.ID, number provider.NumberID, from string) (int64, crm.RecordID, error) {
	var version, record sql.NullInt64
	err := s.q.QueryRowContext(ctx, `SELECT
	  (SELECT id FROM routing_versions WHERE org_id = $1 AND number_id = $2 ORDER BY version DESC LIMIT 1),
	  (SELECT p.record_id FROM phones p JOIN records r ON r.id = p.record_id
	    WHERE p.org_id = $1 AND p.e164 = $3 AND $3 <> '' ORDER BY p.record_id LIMIT 1)`, orgID, number, from).
		Scan(&version, &record)
	if err != nil {
		return 0, 0, internal("live routing version and caller", err)
	}
	if !version.Valid {
		return 0, crm.RecordID(record.Int64), notFound("routing version")
	}
	return version.Int64, crm.RecordID(record.Int64), nil
}

// RoutingFacts is what routing needs to know of an org besides the call.
type RoutingFacts struct {
	Org org.Org
	// Agents is the presence of the org's active users by id; an online
	// user whose app stopped beating is Lapsed.
	Agents []presence.Agent
	// Forwarding is the forwarding number of each active user who has one.
	Forwarding map[org.UserID]string
	// Waiting counts the callers waiting in the number's queue.
	Waiting int
}

// RoutingFacts returns, in one query, the org's settings, its active
// users' presence and forwarding numbers, and the length of a number's
// queue.
func (s *Store) RoutingFacts(ctx context.Context, orgID org.ID, numberID int64) (RoutingFacts, error) {
	now := heartbeatNow()
	rows, err := s.q.QueryContext(ctx, `SELECT o.*,
	  (SELECT COUNT(*) FROM calls WHERE org_id = $1 AND number_id = $2 AND status = 'queued'),
	  u.forwarding_number, `+presenceColumns+`
	  FROM (SELECT `+orgColumns+` FROM orgs WHERE id = $1) o
	  LEFT JOIN users u ON u.org_id = o.id AND u.active LEFT JOIN presence p ON p.user_id = u.id
	  ORDER BY u.id`, orgID, numberID)
	if err != nil {
		return RoutingFacts{}, internal("routing facts", err)
	}
	defer rows.Close()
	f, err := scanRoutingFacts(rows, now)
	if err != nil {
		return f, internal("routing facts", err)
	}
	if f.Org.ID == 0 {
		return f, notFound("org")
	}
	return f, nil
}

// scanRoutingFacts reads RoutingFacts' rows: the org and the queue on
// each, and one active user per row (none on the only row of an org
// without active users).
func scanRoutingFacts(rows *sql.Rows, now time.Time) (RoutingFacts, error) {
	ow := width(orgColumns)
	all := ow + 2 + width(presenceColumns)
	f := RoutingFacts{Forwarding: map[org.UserID]string{}}
	for rows.Next() {
		var fwd, user sql.NullString
		if f.Org.ID == 0 {
			o, err := scanOrg(columnsAt{rows: rows, width: all})
			if err != nil {
				return f, err
			}
			f.Org = o
		}
		if err := (columnsAt{rows: rows, offset: ow, width: all}).Scan(&f.Waiting, &fwd, &user); err != nil {
			return f, err
		}
		if !user.Valid {
			continue
		}
		a, err := scanAgent(now)(columnsAt{rows: rows, offset: ow + 2, width: all})
		if err != nil {
			return f, err
		}
		f.Agents = append(f.Agents, a)
		if fwd.String != "" {
			f.Forwarding[a.UserID] = fwd.String
		}
	}
	return f, rows.Err()
}
