package store

import (
	"context"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
)

// UserLeg returns the leg with the carrier SID sid that rang user, with
// its call: how a softphone proves a leg is its own. Another user's leg,
// or another org's, is not found.
func (s *Store) UserLeg(ctx context.Context, orgID org.ID, user org.UserID, sid string) (call.Call, call.Leg, error) {
	var id call.ID
	err := s.q.QueryRowContext(ctx, `SELECT call_id FROM call_legs WHERE org_id = $1 AND user_id = $2 AND leg_sid = $3`,
		orgID, user, sid).Scan(&id)
	if isNoRows(err) {
		return call.Call{}, call.Leg{}, notFound("leg")
	}
	if err != nil {
		return call.Call{}, call.Leg{}, internal("user leg", err)
	}
	c, err := s.Call(ctx, orgID, id)
	if err != nil {
		return c, call.Leg{}, err
	}
	legs, err := s.Legs(ctx, orgID, id)
	for _, l := range legs {
		if err == nil && l.SID == sid {
			return c, l, nil
		}
	}
	if err == nil {
		err = notFound("leg")
	}
	return c, call.Leg{}, err
}
