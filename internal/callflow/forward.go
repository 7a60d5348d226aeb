package callflow

import (
	"context"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/store"
)

// forwardRingSeconds is how long a forwarding number rings: <Dial>'s
// default timeout (wire facts §4; https://www.twilio.com/docs/voice/twiml/dial#timeout),
// what the unavailable path's forwarding gives it too.
const forwardRingSeconds = 30

// legTo is the address a leg rings: the agent's browser softphone, or the
// forwarding number of a forwarded leg.
func legTo(l call.Leg) string {
	if l.ForwardTo != "" {
		return l.ForwardTo
	}
	return "client:" + AgentIdentity(int64(l.UserID))
}

// Forward sends a call ringing user in the browser to their forwarding
// number (R-IN-14, "clicks forward"): their browser leg stops and a new
// leg rings the number, joining the caller's conference when answered —
// the call flow takes it as the agent answering. For routing the agent
// still rings until that leg ends, so an unanswered forward passes the
// call on as an unanswered ring would. 409 when the user has no
// forwarding number or the call no longer rings them; 404 when it never
// rang them.
func (cs *Controls) Forward(ctx context.Context, orgID org.ID, id call.ID, user org.UserID) (event.Call, error) {
	u, err := cs.forwarder(ctx, orgID, id, user)
	if err != nil {
		return event.Call{}, err
	}
	var browser call.Leg
	ch, err := cs.Webhooks.Store.UpdateCall(ctx, orgID, id, func(cur call.Call, legs []call.Leg) (store.Change, error) {
		leg, err := ringingBrowser(cur, legs, user)
		if err != nil {
			return store.Change{}, err
		}
		browser = leg
		now := cs.Webhooks.now()
		leg.Status, leg.EndedAt = "canceled", &now
		return store.Change{Call: cur, Legs: []call.Leg{leg},
			NewLegs: []call.Leg{{UserID: user, Cycle: leg.Cycle, Status: "queued", ForwardTo: u.ForwardingNumber}},
			Jobs:    []call.Job{ringPayload{Seconds: forwardRingSeconds}.job()}}, nil
	})
	if err != nil {
		return event.Call{}, err
	}
	cs.Webhooks.afterCommit(ctx, ch)
	cs.cancelBrowser(ctx, ch.Call, browser)
	return cs.publish(ctx, ch.Call, user, browser.SID, true), nil
}

// forwarder returns user if the call rings them in the browser and they
// have a forwarding number.
func (cs *Controls) forwarder(ctx context.Context, orgID org.ID, id call.ID, user org.UserID) (org.User, error) {
	c, err := cs.Webhooks.Store.Call(ctx, orgID, id)
	if err != nil {
		return org.User{}, err
	}
	legs, err := cs.Webhooks.Store.Legs(ctx, orgID, id)
	if err != nil {
		return org.User{}, err
	}
	if _, err := ringingBrowser(c, legs, user); err != nil {
		return org.User{}, err
	}
	u, err := cs.Webhooks.Store.User(ctx, orgID, user)
	if err == nil && u.ForwardingNumber == "" {
		err = problem.New(problem.Conflict, "You have no forwarding number.")
	}
	return u, err
}

// ringingBrowser is user's browser leg still ringing for the call.
func ringingBrowser(c call.Call, legs []call.Leg, user org.UserID) (call.Leg, error) {
	rang := false
	for _, l := range legs {
		if l.UserID != user {
			continue
		}
		rang = true
		if l.ForwardTo == "" && !l.Ended() && l.Status != call.InProgress && c.EndedAt == nil && c.Status != call.InProgress {
			return l, nil
		}
	}
	if !rang {
		return call.Leg{}, problem.New(problem.NotFound, "call %d did not ring you", c.ID)
	}
	return call.Leg{}, problem.New(problem.Conflict, "The call is no longer ringing you.")
}

// cancelBrowser stops the forwarded browser leg at the carrier. Its leg is
// already recorded canceled, so its own status callback changes nothing;
// a leg the ring job had not created yet is never created.
func (cs *Controls) cancelBrowser(ctx context.Context, c call.Call, leg call.Leg) {
	if leg.SID == "" {
		return
	}
	cc, err := cs.carrier(ctx, c)
	if err == nil {
		err = cc.EndCall(ctx, leg.SID, "canceled")
	}
	if err != nil && !problem.Is(err, problem.NotFound) {
		cs.Webhooks.Log.WarnContext(ctx, "canceling a forwarded browser leg", "call_id", c.ID, "leg_sid", leg.SID, "err", err)
	}
}
