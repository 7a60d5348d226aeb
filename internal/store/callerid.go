package store

import (
	"context"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
)

// SetCallerID maps a user to the number they call out from (R-NUM-6), or
// clears the mapping when number is 0. In the org's "unique" mode a number
// mapped to someone else is refused, naming them.
func (s *Store) SetCallerID(ctx context.Context, orgID org.ID, user org.UserID, number provider.NumberID) error {
	return s.tx(ctx, func(tx querier) error {
		if !exists(ctx, tx, `SELECT 1 FROM users WHERE org_id = $1 AND id = $2`, orgID, user) {
			return notFound("user")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM caller_ids WHERE org_id = $1 AND user_id = $2`, orgID, user); err != nil {
			return internal("clear caller id", err)
		}
		if number == 0 {
			return nil
		}
		if !exists(ctx, tx, `SELECT 1 FROM numbers WHERE org_id = $1 AND id = $2 AND unlinked_at IS NULL`, orgID, number) {
			return problem.Field("number_id", "no linked number with this id")
		}
		var mode, holder string
		err := tx.QueryRowContext(ctx, `SELECT o.caller_id_mode, COALESCE((SELECT u.email FROM caller_ids c JOIN users u ON u.id = c.user_id
		  WHERE c.org_id = o.id AND c.number_id = $2 LIMIT 1), '') FROM orgs o WHERE o.id = $1`, orgID, number).Scan(&mode, &holder)
		if err != nil {
			return internal("caller id mode", err)
		}
		if mode == string(provider.UniqueNumbers) && holder != "" {
			return &problem.Error{Kind: problem.Conflict, Fields: map[string]string{"number_id": "is the caller ID of " + holder},
				Message: "this number is already the caller ID of " + holder + ", and the org gives each user a unique number"}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO caller_ids (org_id, user_id, number_id) VALUES ($1, $2, $3)`, orgID, user, number)
		return internal("set caller id", err)
	})
}

// CallerIDs returns every user's caller-ID number.
func (s *Store) CallerIDs(ctx context.Context, orgID org.ID) (map[org.UserID]provider.NumberID, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT user_id, number_id FROM caller_ids WHERE org_id = $1`, orgID)
	if err != nil {
		return nil, internal("caller ids", err)
	}
	defer rows.Close()
	out := map[org.UserID]provider.NumberID{}
	for rows.Next() {
		var u org.UserID
		var n provider.NumberID
		if err := rows.Scan(&u, &n); err != nil {
			return nil, internal("scan caller id", err)
		}
		out[u] = n
	}
	return out, internal("caller ids", rows.Err())
}

// sharedCallerID returns a number mapped to several users, if any.
func sharedCallerID(ctx context.Context, q querier, orgID org.ID) (string, bool) {
	var e164 string
	err := q.QueryRowContext(ctx, `SELECT n.e164 FROM caller_ids c JOIN numbers n ON n.id = c.number_id
	  WHERE c.org_id = $1 GROUP BY n.e164 HAVING COUNT(*) > 1 LIMIT 1`, orgID).Scan(&e164)
	return e164, err == nil
}
