package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// Events streams the caller's real-time events as server-sent events
// (docs/events.md). A Last-Event-ID header (or last_event_id parameter)
// still in the replay buffer resumes with the events missed; without one
// the stream opens with a sync event, and with one that cannot be resumed
// with a resync event, each carrying the current state.
func (a *API) Events(w http.ResponseWriter, r *http.Request) error {
	if a.Hub == nil {
		return problem.New(problem.Unavailable, "real-time events are not running on this server")
	}
	select {
	case <-a.Hub.Ready():
	case <-r.Context().Done():
		return nil
	case <-time.After(10 * time.Second):
		return problem.New(problem.Unavailable, "real-time events are not flowing yet (the database listener is connecting); retry shortly")
	}
	me := userOf(r)
	lastID, asked := lastEventID(r)
	sub, err := a.Hub.Subscribe(me.OrgID, me.ID, lastID)
	switch {
	case errors.Is(err, event.ErrTooMany):
		return problem.New(problem.TooMany, "too many open event streams for this user: close another tab or window")
	case errors.Is(err, event.ErrClosed):
		return problem.New(problem.Unavailable, "the server is shutting down; reconnect to another instance")
	case err != nil:
		return err
	}
	defer sub.Close()
	first := sub.Missed
	if !sub.Resumed {
		// Read after subscribing: nothing published in between is lost,
		// at worst it arrives again on top of the state.
		st, err := a.eventState(r.Context(), me.OrgID, me.ID)
		if err != nil {
			return err
		}
		typ := event.TypeSync
		if asked {
			typ = event.TypeResync
		}
		first = []event.Event{event.Synced(typ, me.OrgID, me.ID, sub.Position, st)}
	}
	if err := event.Stream(r.Context(), w, sub, first, event.KeepAlive); err != nil {
		a.Log.DebugContext(r.Context(), "event stream ended", "err", err) // the client went away
	}
	return nil
}

// lastEventID reads the id to resume after; asked reports that the client
// sent one, valid or not (an unreadable id gets a resync).
func lastEventID(r *http.Request) (id int64, asked bool) {
	s := r.Header.Get("Last-Event-ID")
	if s == "" {
		s = r.URL.Query().Get("last_event_id")
	}
	if s == "" {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		return 0, true
	}
	return id, true
}

// eventState is what a sync event carries for user: the org's presence and
// the calls ringing them or in progress with them, as call events show
// them.
func (a *API) eventState(ctx context.Context, orgID org.ID, user org.UserID) (event.State, error) {
	agents, err := a.Store.Presence(ctx, orgID)
	if err != nil {
		return event.State{}, err
	}
	calls, err := a.Store.AgentCalls(ctx, orgID, user)
	if err != nil {
		return event.State{}, err
	}
	views := make([]event.CallView, len(calls))
	for i, c := range calls {
		if views[i], err = a.callView(ctx, c, user); err != nil {
			return event.State{}, err
		}
	}
	return event.StateOf(agents, views, a.grace()), nil
}

// callView is the call as user sees it: the leg ringing or connecting
// them, and its card.
func (a *API) callView(ctx context.Context, c call.Call, user org.UserID) (event.CallView, error) {
	v := event.CallView{Call: c, User: user, Card: call.Card{Contacts: []call.Contact{}}}
	legs, err := a.Store.Legs(ctx, c.OrgID, c.ID)
	if err != nil {
		return v, err
	}
	for _, l := range legs {
		if l.UserID == user && !l.Ended() {
			v.LegSID = l.SID
		}
	}
	if a.CallCards != nil {
		v.Card, err = a.CallCards.Card(ctx, c)
	}
	return v, err
}

// publishEvent sends e to the org's open tabs. The change it reports is
// already committed, so a failure is logged, not returned: clients that
// miss it re-sync when their stream is dropped or resumed.
func (a *API) publishEvent(ctx context.Context, e event.Event) {
	if a.Hub == nil {
		return
	}
	if err := a.Hub.Publish(ctx, e); err != nil {
		a.Log.ErrorContext(ctx, "publishing an event", "type", e.Type, "org_id", e.OrgID, "err", err)
	}
}
