package callflow

import (
	"context"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
)

// legEnded tells the leg's agent that the call no longer rings or
// involves them, and records who has missed the call so far.
func (ev *Events) legEnded(ctx context.Context, orgID org.ID, id call.ID, leg call.Leg) {
	if ev.off() {
		return
	}
	c, legs, err := ev.read(ctx, orgID, id)
	if err != nil {
		return
	}
	ev.CallTo(ctx, c, leg.UserID, leg.SID, true)
	ev.missed(ctx, c, legs)
	if c.EndedAt != nil {
		ev.forget(c.ID)
	}
}

// callEnded tells the agent in the call, and everyone it still rings, that
// it ended, and records who missed it.
func (ev *Events) callEnded(ctx context.Context, orgID org.ID, id call.ID) {
	if ev.off() {
		return
	}
	c, legs, err := ev.read(ctx, orgID, id)
	if err != nil {
		return
	}
	for _, l := range legs {
		if l.SID != "" && (!l.Ended() || l.UserID == c.AnsweredBy) {
			ev.CallTo(ctx, c, l.UserID, l.SID, true)
		}
	}
	ev.missed(ctx, c, legs)
	ev.forget(c.ID)
}

func (ev *Events) read(ctx context.Context, orgID org.ID, id call.ID) (call.Call, []call.Leg, error) {
	c, err := ev.Store.Call(ctx, orgID, id)
	if err != nil {
		ev.Log.ErrorContext(ctx, "reading a call to publish", "call_id", id, "err", err)
		return c, nil, err
	}
	legs, err := ev.Store.Legs(ctx, orgID, id)
	if err != nil {
		ev.Log.ErrorContext(ctx, "reading a call's legs to publish", "call_id", id, "err", err)
	}
	return c, legs, err
}

// missed records the call's misses (R-AG-5) and tells each user who
// newly missed it, with their unseen count.
func (ev *Events) missed(ctx context.Context, c call.Call, legs []call.Leg) {
	news, err := ev.Store.RecordMisses(ctx, c.OrgID, c.ID, call.Misses(c, legs))
	if err != nil {
		ev.Log.ErrorContext(ctx, "recording missed calls", "call_id", c.ID, "err", err)
	}
	if len(news) == 0 {
		return
	}
	card, err := ev.Card(ctx, c)
	if err != nil {
		ev.Log.ErrorContext(ctx, "reading a call's contact card", "call_id", c.ID, "err", err)
	}
	for _, m := range news {
		ev.notifyMissed(ctx, c, m.UserID, card.Contacts)
	}
}

func (ev *Events) notifyMissed(ctx context.Context, c call.Call, user org.UserID, contacts []call.Contact) {
	m, err := ev.Store.MissedCall(ctx, c.OrgID, user, c.ID)
	if err != nil {
		ev.Log.ErrorContext(ctx, "reading a missed call", "call_id", c.ID, "user_id", user, "err", err)
		return
	}
	unseen, err := ev.Store.UnseenMissed(ctx, c.OrgID, user)
	if err != nil {
		ev.Log.ErrorContext(ctx, "counting missed calls", "user_id", user, "err", err)
		return
	}
	ev.publish(ctx, event.MissedBy(c.OrgID, user, event.MissedOf(m, contacts), unseen))
}
