package callflow

import (
	"context"
	"log/slog"
	"sync"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/store"
)

// Publisher sends a real-time event to the org's open tabs (the event
// hub).
type Publisher interface {
	Publish(ctx context.Context, e event.Event) error
}

// Events publishes what the call flow changes for the agents' apps
// (docs/events.md): a call ringing, answered and ended for each agent it
// concerns, their presence when a call makes them busy or free, and the
// calls they missed. It is shared by the webhooks and the worker; a nil
// Events publishes nothing. Each event is published after the change it
// reports has committed; a failure to publish is logged, since clients
// that miss an event re-sync.
type Events struct {
	Store *store.Store
	Hub   Publisher
	Log   *slog.Logger

	mu    sync.Mutex
	cards map[call.ID]call.Card
}

// maxCards bounds the contact cards kept for calls in progress; calls
// that never end (until swept) cannot grow it forever.
const maxCards = 4096

// Card returns the call's contact card and script, read once per call
// (per instance) and kept until the call ends.
func (ev *Events) Card(ctx context.Context, c call.Call) (call.Card, error) {
	ev.mu.Lock()
	card, ok := ev.cards[c.ID]
	ev.mu.Unlock()
	if ok {
		return card, nil
	}
	card, err := ev.readCard(ctx, c)
	if err != nil {
		return card, err
	}
	ev.mu.Lock()
	if ev.cards == nil || len(ev.cards) >= maxCards {
		ev.cards = map[call.ID]call.Card{}
	}
	ev.cards[c.ID] = card
	ev.mu.Unlock()
	return card, nil
}

func (ev *Events) readCard(ctx context.Context, c call.Call) (call.Card, error) {
	card := call.Card{Contacts: []call.Contact{}}
	n, err := ev.Store.Number(ctx, c.OrgID, provider.NumberID(c.NumberID))
	if err != nil && !problem.Is(err, problem.NotFound) { // an unlinked number has no script
		return card, err
	}
	card.Script = n.Script
	if c.Anonymous {
		return card, nil // R-IN-9
	}
	cards, err := ev.Store.CallerCards(ctx, c.OrgID, []string{c.Customer()})
	if list := cards[c.Customer()]; len(list) > 0 {
		card.Contacts = list
	}
	return card, err
}

// forget drops a call's card: it ended, or its caller's records changed.
func (ev *Events) forget(id call.ID) {
	ev.mu.Lock()
	delete(ev.cards, id)
	ev.mu.Unlock()
}

func (ev *Events) publish(ctx context.Context, e event.Event) {
	if err := ev.Hub.Publish(ctx, e); err != nil {
		ev.Log.ErrorContext(ctx, "publishing a call-flow event", "type", e.Type, "org_id", e.OrgID, "user_id", e.UserID, "err", err)
	}
}

func (ev *Events) off() bool { return ev == nil || ev.Hub == nil }

// CallTo publishes the call as user sees it: legSID is the leg ringing or
// connecting them, ended that it no longer concerns them.
func (ev *Events) CallTo(ctx context.Context, c call.Call, user org.UserID, legSID string, ended bool) {
	if ev.off() {
		return
	}
	v := event.CallView{Call: c, User: user, LegSID: legSID, Ended: ended}
	if !ended {
		card, err := ev.Card(ctx, c)
		if err != nil {
			ev.Log.ErrorContext(ctx, "reading a call's contact card", "call_id", c.ID, "err", err)
		}
		v.Card = card
	}
	ev.publish(ctx, event.CallChanged(v))
}

// presence publishes the agent's presence after the call flow changed
// whether they are busy.
func (ev *Events) presence(ctx context.Context, orgID org.ID, user org.UserID) {
	if ev.off() {
		return
	}
	a, err := ev.Store.AgentPresence(ctx, orgID, user)
	if err != nil {
		ev.Log.ErrorContext(ctx, "reading presence to publish", "user_id", user, "err", err)
		return
	}
	ev.publish(ctx, event.PresenceChanged(orgID, a))
}

// refresh re-reads the call's card after its caller's record changed and
// publishes the call again to the agents it rings.
func (ev *Events) refresh(ctx context.Context, c call.Call) {
	if ev.off() {
		return
	}
	ev.forget(c.ID)
	c, legs, err := ev.read(ctx, c.OrgID, c.ID)
	if err != nil {
		return
	}
	for _, l := range legs {
		if l.SID != "" && !l.Ended() {
			ev.CallTo(ctx, c, l.UserID, l.SID, false)
		}
	}
}

// answered tells the agent who took the call that they are in it.
func (ev *Events) answered(ctx context.Context, orgID org.ID, id call.ID, leg call.Leg) {
	if ev.off() {
		return
	}
	c, err := ev.Store.Call(ctx, orgID, id)
	if err != nil {
		ev.Log.ErrorContext(ctx, "reading a call to publish", "call_id", id, "err", err)
		return
	}
	ev.CallTo(ctx, c, leg.UserID, leg.SID, false)
}
