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
}

// Available reports whether routing may ring the agent now.
func (a Agent) Available() bool { return a.Status == Online && !a.Busy }

// RingOrder returns the available agents among candidates in sequential
// ring order: earliest RingOrderAt first, ties by user id. Offline and busy
// agents are skipped.
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
