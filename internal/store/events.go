package store

import (
	"context"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
)

// AgentCalls returns the org's calls that are ringing the user now (not
// yet answered, with a leg to their browser still ringing) or in progress with them,
// oldest first: what the user's event stream re-syncs to. A call in the
// list is ringing the user unless it is in progress.
func (s *Store) AgentCalls(ctx context.Context, orgID org.ID, user org.UserID) ([]call.Call, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+callColumns+` FROM calls
	  WHERE org_id = $1 AND status IN ('ringing', 'queued', 'in-progress')
	    AND ((status = 'in-progress' AND answered_by = $2)
	      OR (status <> 'in-progress' AND EXISTS (SELECT 1 FROM call_legs l WHERE l.call_id = calls.id AND l.user_id = $2
	        AND l.status IN ('queued', 'initiated', 'ringing') AND l.forward_to = '')))
	  ORDER BY started_at, id`, orgID, user)
	if err != nil {
		return nil, internal("agent calls", err)
	}
	return collect(rows, scanCall)
}
