// Package presence says which agents can take calls: online or offline as
// they set themselves, busy while on a call, and the order in which
// sequential ring groups try them (R-IN-7, R-AG-1).
package presence

import (
	"cmp"
	"slices"
	"time"

	"github.com/switchboard/switchboard/internal/org"
)

// Status is what an agent set themselves to.
type Status string

// The statuses an agent can choose.
const (
	Online  Status = "online"
	Offline Status = "offline"
)

// Agent is one user's presence.
type Agent struct {
	UserID org.UserID
	Status Status
	// OnlineSince is when the agent last came online.
	OnlineSince *time.Time
	// RingOrderAt orders sequential ringing: the came-online time, moved to
	// the time of the last answered call (Zoho's rule: the answerer goes to
	// the back).
	RingOrderAt *time.Time
	// Busy is set while the agent is on a call.
	Busy bool
	// LastSeen is the app's last heartbeat from any of the agent's tabs;
	// nil when none was ever received.
	LastSeen *time.Time
	// Lapsed is set when the agent is online but the app's heartbeat
	// stopped for longer than the grace period (closed laptop, frozen
	// tab): routing treats them as unreachable until it resumes.
	Lapsed bool
}

// DefaultGrace is how long an online agent stays reachable after the app's
// last heartbeat; the app beats every third of it.
const DefaultGrace = 45 * time.Second

// HeartbeatLapsed reports whether an agent with status st whose heartbeat
// deadline (last heartbeat + grace) is until has lapsed at now. Only online
// agents lapse. A nil deadline never lapses: presence set without any
// heartbeat (the IVR test console's private agents) is taken at its word.
func HeartbeatLapsed(st Status, until *time.Time, now time.Time) bool {
	return st == Online && until != nil && !now.Before(*until)
}

// Reachable reports whether the agent is online with a live app.
func (a Agent) Reachable() bool { return a.Status == Online && !a.Lapsed }

// Available reports whether routing may ring the agent now: online, the
// app's heartbeat alive, and not on a call.
func (a Agent) Available() bool { return a.Reachable() && !a.Busy }

// RingOrder returns the available agents among candidates in sequential
// ring order: earliest RingOrderAt first, ties by user id. Offline, busy
// and lapsed agents are skipped.
func RingOrder(agents []Agent, candidates []org.UserID) []org.UserID {
	byID := make(map[org.UserID]Agent, len(agents))
	for _, a := range agents {
		byID[a.UserID] = a
	}
	var out []Agent
	for _, id := range candidates {
		if a, ok := byID[id]; ok && a.Available() && a.RingOrderAt != nil {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(x, y Agent) int {
		if c := x.RingOrderAt.Compare(*y.RingOrderAt); c != 0 {
			return c
		}
		return cmp.Compare(x.UserID, y.UserID)
	})
	ids := make([]org.UserID, len(out))
	for i, a := range out {
		ids[i] = a.UserID
	}
	return ids
}
