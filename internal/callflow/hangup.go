package callflow

import (
	"context"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/store"
)

// Hangup ends the user's part in a call from the app, whatever rings or
// connects them: their browser device's leg or, for "call me first" and
// forwarded calls, the leg on their own phone, which the browser cannot
// end. Each live leg of theirs is ended at the carrier with Status=completed,
// which hangs a call up whatever its state (canceled would leave a leg
// that answered meanwhile alone; wire facts §5 "Calls", Update); its
// status callback then ends the call as the agent hanging up does. An
// outbound call whose agent leg was not dialled yet is closed at once.
// Not their call: 404; nothing of theirs still live: 409.
func (cs *Controls) Hangup(ctx context.Context, orgID org.ID, id call.ID, user org.UserID) error {
	c, err := cs.Webhooks.Store.Call(ctx, orgID, id)
	if err != nil {
		return err
	}
	legs, err := cs.Webhooks.Store.Legs(ctx, orgID, id)
	if err != nil {
		return err
	}
	mine, live := userLegs(legs, user)
	if !mine {
		return problem.New(problem.NotFound, "call %d has no leg of yours", id)
	}
	if len(live) == 0 || c.EndedAt != nil {
		return problem.New(problem.Conflict, "The call has already ended.")
	}
	for _, l := range live {
		if l.SID == "" {
			if c.Direction == call.Outbound {
				return cs.closeUndialled(ctx, c)
			}
			continue // a ring job's leg not created yet: the call flow stops ringing
		}
		if err := cs.endLeg(ctx, c, l); err != nil {
			return err
		}
	}
	return nil
}

// userLegs reports whether any leg is user's and returns those still live.
func userLegs(legs []call.Leg, user org.UserID) (mine bool, live []call.Leg) {
	for _, l := range legs {
		if l.UserID != user {
			continue
		}
		mine = true
		if !l.Ended() {
			live = append(live, l)
		}
	}
	return mine, live
}

// endLeg asks the carrier to end one leg; a leg the carrier already ended
// counts as ended.
func (cs *Controls) endLeg(ctx context.Context, c call.Call, l call.Leg) error {
	cc, err := cs.carrier(ctx, c)
	if err != nil {
		return err
	}
	if err := cc.EndCall(ctx, l.SID, "completed"); err != nil && !problem.Is(err, problem.NotFound) {
		return err
	}
	return nil
}

// closeUndialled closes an outbound call before its agent leg exists.
func (cs *Controls) closeUndialled(ctx context.Context, c call.Call) error {
	wh := cs.Webhooks
	ch, err := wh.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
		return endOutbound(cur, legs, "canceled", wh.now(), wh.Worker.priceWait()), nil
	})
	if err == nil {
		wh.afterCommit(ctx, ch)
	}
	return err
}
