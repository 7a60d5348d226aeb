package event

import (
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

// Event types (docs/events.md describes each payload).
const (
	// TypeSync opens a fresh stream with the current State.
	TypeSync = "sync"
	// TypeResync replaces the client's state when its Last-Event-ID could
	// not be resumed (too old, unknown, or events were lost).
	TypeResync = "resync"
	// TypePresence carries one agent's Presence after any change.
	TypePresence = "presence"
	// TypeCall carries a Call to one user when it starts ringing them,
	// they answer, its controls change, and (ended) when it stops
	// concerning them.
	TypeCall = "call"
	// TypeMissed carries a Missed to one user when they missed a call.
	TypeMissed = "missed"
	// TypeMissedSeen carries a MissedSeen to one user when they marked
	// their missed calls seen (in any tab): every tab's badge resets.
	TypeMissedSeen = "missed_seen"
)

// Presence is an agent's presence as events carry it.
type Presence struct {
	UserID int64  `json:"user_id"`
	Status string `json:"status"`
	Busy   bool   `json:"busy"`
	// Reachable is false when the agent is offline, or online but the
	// app's heartbeat lapsed (routing skips them).
	Reachable   bool    `json:"reachable"`
	OnlineSince *string `json:"online_since"`
	LastSeen    *string `json:"last_seen"`
}

// PresenceOf converts a domain presence.
func PresenceOf(a presence.Agent) Presence {
	return Presence{UserID: int64(a.UserID), Status: string(a.Status), Busy: a.Busy, Reachable: a.Reachable(),
		OnlineSince: stampPtr(a.OnlineSince), LastSeen: stampPtr(a.LastSeen)}
}

// PresenceChanged is the org-wide event for a's new presence.
func PresenceChanged(orgID org.ID, a presence.Agent) Event {
	e, _ := New(orgID, 0, TypePresence, PresenceOf(a)) // cannot fail: plain fields
	return e
}

// State is what sync and resync carry: everything a client shows, as of
// the event's id.
type State struct {
	// Presence is every active member of the org.
	Presence []Presence `json:"presence"`
	// Calls ring the user or are in progress with them.
	Calls     []Call    `json:"calls"`
	Heartbeat Heartbeat `json:"heartbeat"`
}

// Heartbeat tells the app how often to beat and how long a silence lasts
// before routing skips the agent.
type Heartbeat struct {
	IntervalSeconds int `json:"interval_seconds"`
	GraceSeconds    int `json:"grace_seconds"`
}

// HeartbeatFor returns the heartbeat rule for a grace period: beat every
// third of it, so two lost beats are forgiven.
func HeartbeatFor(grace time.Duration) Heartbeat {
	return Heartbeat{IntervalSeconds: max(1, int(grace/time.Second)/3), GraceSeconds: int(grace / time.Second)}
}

// StateOf builds the State a user's stream re-syncs to from the calls as
// they see them.
func StateOf(agents []presence.Agent, calls []CallView, grace time.Duration) State {
	st := State{Presence: make([]Presence, len(agents)), Calls: make([]Call, len(calls)), Heartbeat: HeartbeatFor(grace)}
	for i, a := range agents {
		st.Presence[i] = PresenceOf(a)
	}
	for i, v := range calls {
		st.Calls[i] = CallOf(v)
	}
	return st
}

// Synced is the sync (or resync) event for user carrying st as of id.
func Synced(typ string, orgID org.ID, user org.UserID, id int64, st State) Event {
	e, _ := New(orgID, user, typ, st) // cannot fail: plain fields
	e.ID = id
	return e
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func stampPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := stamp(*t)
	return &s
}

func optID[T ~int64](id T) *int64 {
	if id == 0 {
		return nil
	}
	v := int64(id)
	return &v
}
