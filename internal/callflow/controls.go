package callflow

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio"
)

// ControlCarrier is what the agent's in-call controls ask of the carrier:
// the call's conference and its participants (DESIGN.md §1 "Every
// connected call is a conference").
type ControlCarrier interface {
	LiveConference(ctx context.Context, friendlyName string) (twilio.Conference, error)
	HoldParticipant(ctx context.Context, conferenceSID, callSID string, hold bool, holdURL string) error
	MuteParticipant(ctx context.Context, conferenceSID, callSID string, muted bool) error
	EndCall(ctx context.Context, sid, status string) error
}

// Controls are the agent's controls of a call (R-AG-4, R-IN-14): hold,
// mute and notes while they are in it, forward while it rings them. Each
// acts at the carrier at once, then records the new state on the call.
type Controls struct {
	Webhooks *Webhooks
	// Dial opens a provider's carrier account.
	Dial func(p provider.Provider) (ControlCarrier, error)
	// Events publishes the changed call to the agent; nil publishes
	// nothing.
	Events *Events
}

// MaxNotes is the longest a call's notes may be, in characters.
const MaxNotes = 10000

// errNotInProgress refuses a control on a call that is not (any more) in
// progress with the agent.
var errNotInProgress = problem.New(problem.Conflict, "The call is not in progress.")

// Hold puts the caller on hold — they hear the number's hold music, as
// while they waited — or takes them off hold (Participant update's Hold
// and HoldUrl; wire facts §5 "Participants").
func (cs *Controls) Hold(ctx context.Context, orgID org.ID, id call.ID, user org.UserID, hold bool) (event.Call, error) {
	c, leg, err := cs.inCall(ctx, orgID, id, user)
	if err != nil {
		return event.Call{}, err
	}
	err = cs.onParticipant(ctx, c, func(cc ControlCarrier, conf string) error {
		return cc.HoldParticipant(ctx, conf, c.CallSID, hold, cs.Webhooks.url(pathWait, c.ID))
	})
	if err != nil {
		return event.Call{}, err
	}
	return cs.record(ctx, c, leg, func(cur *call.Call) { cur.Held = hold })
}

// Mute mutes or unmutes the agent's own participant: the caller stops
// hearing them.
func (cs *Controls) Mute(ctx context.Context, orgID org.ID, id call.ID, user org.UserID, muted bool) (event.Call, error) {
	c, leg, err := cs.inCall(ctx, orgID, id, user)
	if err != nil {
		return event.Call{}, err
	}
	err = cs.onParticipant(ctx, c, func(cc ControlCarrier, conf string) error {
		return cc.MuteParticipant(ctx, conf, leg.SID, muted)
	})
	if err != nil {
		return event.Call{}, err
	}
	return cs.record(ctx, c, leg, func(cur *call.Call) { cur.Muted = muted })
}

// SetNotes saves the call's notes as the agent types them (at most
// MaxNotes characters).
func (cs *Controls) SetNotes(ctx context.Context, orgID org.ID, id call.ID, user org.UserID, notes string) (event.Call, error) {
	if n := utf8.RuneCountInString(notes); n > MaxNotes {
		return event.Call{}, problem.Field("notes", fmt.Sprintf("must be at most %d characters (it has %d)", MaxNotes, n))
	}
	c, leg, err := cs.inCall(ctx, orgID, id, user)
	if err != nil {
		return event.Call{}, err
	}
	return cs.record(ctx, c, leg, func(cur *call.Call) { cur.Notes = notes })
}

// inCall returns the call and user's leg in its conference if user
// answered it (else NotFound) and it is still in progress (else
// Conflict).
func (cs *Controls) inCall(ctx context.Context, orgID org.ID, id call.ID, user org.UserID) (call.Call, call.Leg, error) {
	c, err := cs.Webhooks.Store.Call(ctx, orgID, id)
	if err != nil {
		return c, call.Leg{}, err
	}
	if c.AnsweredBy != user {
		return c, call.Leg{}, problem.New(problem.NotFound, "call %d was not answered by you", id)
	}
	if c.Status != call.InProgress || c.EndedAt != nil {
		return c, call.Leg{}, errNotInProgress
	}
	legs, err := cs.Webhooks.Store.Legs(ctx, c.OrgID, c.ID)
	if err != nil {
		return c, call.Leg{}, err
	}
	for i := len(legs) - 1; i >= 0; i-- {
		if l := legs[i]; l.UserID == user && l.Status == call.InProgress && l.SID != "" {
			return c, l, nil
		}
	}
	return c, call.Leg{}, errNotInProgress
}

// onParticipant runs f on the call's live conference at its carrier; a
// conference that has ended means the call is no longer in progress.
func (cs *Controls) onParticipant(ctx context.Context, c call.Call, f func(cc ControlCarrier, conferenceSID string) error) error {
	cc, err := cs.carrier(ctx, c)
	if err != nil {
		return err
	}
	conf, err := cc.LiveConference(ctx, ConferenceName(c.ID))
	if err == nil {
		err = f(cc, conf.SID)
	}
	if problem.Is(err, problem.NotFound) {
		return errNotInProgress
	}
	return err
}

// carrier opens the carrier account of the call's number.
func (cs *Controls) carrier(ctx context.Context, c call.Call) (ControlCarrier, error) {
	n, err := cs.Webhooks.Store.Number(ctx, c.OrgID, provider.NumberID(c.NumberID))
	if err != nil {
		return nil, err
	}
	p, err := cs.Webhooks.Store.Provider(ctx, c.OrgID, n.ProviderID)
	if err != nil {
		return nil, err
	}
	return cs.Dial(p)
}

// record writes the change on the call, still in progress with the
// agent of leg, publishes it to them and returns it as they see it.
func (cs *Controls) record(ctx context.Context, c call.Call, leg call.Leg, change func(*call.Call)) (event.Call, error) {
	ch, err := cs.Webhooks.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
		if cur.AnsweredBy != leg.UserID || cur.Status != call.InProgress || cur.EndedAt != nil {
			return store.Change{}, errNotInProgress
		}
		change(&cur)
		return store.Change{Call: cur}, nil
	})
	if err != nil {
		return event.Call{}, err
	}
	return cs.publish(ctx, ch.Call, leg.UserID, leg.SID, false), nil
}

// publish sends the call to user's tabs and returns it as they see it.
func (cs *Controls) publish(ctx context.Context, c call.Call, user org.UserID, legSID string, ended bool) event.Call {
	v := event.CallView{Call: c, User: user, LegSID: legSID, Ended: ended}
	if cs.Events != nil && !ended {
		v.Card, _ = cs.Events.Card(ctx, c) // a card that cannot be read is logged by CallTo
	}
	cs.Events.CallTo(ctx, c, user, legSID, ended)
	return event.CallOf(v)
}
