// Package event carries real-time events to the agents' open browser tabs:
// an in-process hub with bounded per-user subscriptions, streamed as
// server-sent events, and — with PostgreSQL — fed across instances by
// LISTEN/NOTIFY (decision 0015, docs/events.md).
package event

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/switchboard/switchboard/internal/org"
)

// Event is one real-time event.
type Event struct {
	// ID orders the org's events: assigned when published, increasing
	// within the org (see Hub for how). 0 before publishing.
	ID    int64
	OrgID org.ID
	// UserID targets one user's tabs (a call ringing them); 0 means every
	// member of the org.
	UserID org.UserID
	// Type is the SSE event name, e.g. "presence".
	Type string
	// Data is the JSON payload, on one line.
	Data json.RawMessage
}

// New returns an unpublished event whose data is payload as JSON; user 0
// addresses the whole org.
func New(orgID org.ID, user org.UserID, typ string, payload any) (Event, error) {
	data, err := json.Marshal(payload)
	if err != nil {
		return Event{}, fmt.Errorf("event %s: %w", typ, err)
	}
	return Event{OrgID: orgID, UserID: user, Type: typ, Data: data}, nil
}

// For reports whether user is to receive e.
func (e Event) For(user org.UserID) bool { return e.UserID == 0 || e.UserID == user }

// wire is an event's body between instances; the org and id travel beside it.
type wire struct {
	User org.UserID      `json:"u,omitempty"`
	Type string          `json:"t"`
	Data json.RawMessage `json:"d"`
}

func encode(e Event) ([]byte, error) {
	return json.Marshal(wire{User: e.UserID, Type: e.Type, Data: e.Data})
}

func decode(orgID org.ID, id int64, body []byte) (Event, error) {
	var w wire
	if err := json.Unmarshal(body, &w); err != nil {
		return Event{}, fmt.Errorf("event %d/%d: %w", orgID, id, err)
	}
	return Event{ID: id, OrgID: orgID, UserID: w.User, Type: w.Type, Data: w.Data}, nil
}

// Errors from Subscribe and Publish.
var (
	// ErrTooMany means the user already has the most subscriptions allowed.
	ErrTooMany = errors.New("event: too many open event streams for this user")
	// ErrClosed means the hub is shutting down.
	ErrClosed = errors.New("event: hub closed")
)
