package callflow

import (
	"context"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/routing"
)

// OfferQueued offers the longest-waiting queued caller whose ring group
// includes user to them, now that they are free (R-IN-13): called when an
// agent's call ends or they come online.
func (wh *Webhooks) OfferQueued(ctx context.Context, orgID org.ID, user org.UserID) error {
	if ringing, err := wh.Store.AgentRinging(ctx, orgID, user); err != nil || ringing {
		return err // already being offered a call
	}
	queued, err := wh.Store.QueuedCalls(ctx, orgID)
	if err != nil {
		return err
	}
	for _, c := range queued {
		cfg, err := wh.config(ctx, c)
		if err != nil {
			return err
		}
		step, err := wh.advance(ctx, c, cfg, routing.Event{Kind: routing.AgentFree, User: user})
		if err != nil {
			return err
		}
		if step.Kind == routing.StepRing {
			return nil // offered; the others keep waiting
		}
	}
	return nil
}
