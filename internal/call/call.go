// Package call holds the record of a call — who called which number, the
// routing version it ran, the routing state, every agent leg rung, who
// answered and how it ended (R-IN-18) — and the jobs that carry out its
// carrier actions.
package call

import (
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/routing"
)

// ID identifies a call.
type ID int64

// Statuses of a call while it lasts.
const (
	Ringing    = "ringing"
	Queued     = "queued"
	InProgress = "in-progress"
	Completed  = "completed"
)

// Outcomes of an ended call (R-POST-2).
const (
	Answered  = "answered"
	Missed    = "missed"
	Voicemail = "voicemail"
	Busy      = "busy"
	Abandoned = "abandoned"
	Forwarded = "forwarded"
)

// Call is one call.
type Call struct {
	ID        ID
	OrgID     org.ID
	NumberID  int64
	CallSID   string
	VersionID int64 // 0 = the number had no published routing
	Direction string
	From, To  string
	Anonymous bool
	RecordID  int64 // the matching CRM record, 0 = none
	State     routing.State
	Status    string
	Outcome   string
	// AnsweredBy is the agent who took the call.
	AnsweredBy org.UserID
	StartedAt  time.Time
	AnsweredAt *time.Time
	EndedAt    *time.Time
	// RecordingURL is the call's recording or voicemail, "" = none.
	RecordingURL string
	// Notes are the agent's description of the call, typed while it lasts
	// (R-AG-2); "" = none.
	Notes string
	// Held and Muted are the answering agent's controls (R-AG-2): the
	// caller hears hold music; the agent's microphone is off.
	Held, Muted bool
	// Revision guards concurrent webhooks: a write based on an older
	// revision is retried on fresh state.
	Revision int
}

// Outbound is the direction of a call an agent placed.
const Outbound = "outbound"

// OurNumber is the org's number on the call: the one called, or for an
// outbound call the caller ID.
func (c Call) OurNumber() string {
	if c.Direction == Outbound {
		return c.From
	}
	return c.To
}

// Customer is the other party's number on the call.
func (c Call) Customer() string {
	if c.Direction == Outbound {
		return c.To
	}
	return c.From
}

// Leg is one agent rung for a call.
type Leg struct {
	ID        int64
	CallID    ID
	UserID    org.UserID
	SID       string // the carrier's call SID, once created
	Cycle     int
	Status    string // queued, ringing, in-progress, completed, no-answer, busy, failed, canceled
	CreatedAt time.Time
	EndedAt   *time.Time
	// ForwardTo is the agent's forwarding number this leg rings instead of
	// their browser (R-IN-14); "" = the browser.
	ForwardTo string
}

// Ended reports whether the leg has ended.
func (l Leg) Ended() bool {
	switch l.Status {
	case "completed", "no-answer", "busy", "failed", "canceled":
		return true
	}
	return false
}

// Job kinds.
const (
	// JobRing creates the carrier legs of the call's queued legs.
	JobRing = "ring"
	// JobCancel ends the legs named in the payload.
	JobCancel = "cancel"
	// JobRedirect moves the caller's leg to the URL in the payload.
	JobRedirect = "redirect"
	// JobHangup ends the caller's leg: the agent who took the call hung
	// up (ending a call already ended changes nothing).
	JobHangup = "hangup"
	// JobSweep reconciles one call with the carrier. Only rows queued
	// before JobSweepOpen replaced them (decision 0029) are of this kind.
	JobSweep = "sweep"
	// JobSweepOpen reconciles the org's calls left open and unchanged
	// for SweepAfter — the carrier never reported their end — and queues
	// itself for SweepEvery later. It has no call.
	JobSweepOpen = "sweep-open-calls"
	// JobAnnounce plays the queue's announcement to a waiting caller and
	// queues the next one (R-IN-13).
	JobAnnounce = "announce"
	// JobQueueTimeout runs the queue's clock when a caller's maximum wait
	// is due (R-IN-13).
	JobQueueTimeout = "queue-timeout"
	// JobIdentify finds the record of a caller not known at intake, or
	// creates a contact for them when the org says so (R-AG-3, R-ORG-5).
	JobIdentify = "identify"
)

// SweepAfter is how long an open call must have gone unchanged before
// the sweep asks the carrier about it: longer than any ringing, menu or
// queue wait can last (a queue waits 25 minutes at most).
const SweepAfter = 30 * time.Minute

// SweepEvery is how often the sweep runs: a call whose end was lost is
// closed between SweepAfter and SweepAfter+SweepEvery after its last
// change.
const SweepEvery = 10 * time.Minute

// OrgJobKinds are the jobs every org has one of pending at all times,
// each queueing its next run: recording retention and the sweep.
func OrgJobKinds() []string { return []string{JobRetention, JobSweepOpen} }

// Job is a carrier action a webhook queued, run by a worker.
type Job struct {
	ID       int64
	OrgID    org.ID
	Kind     string
	CallID   ID
	Payload  string
	RunAt    time.Time
	Attempts int
}

// anonymous are the caller IDs Twilio gives withheld callers: keypad
// spellings of ANONYMOUS, RESTRICTED, UNAVAILABLE, BLOCKED and UNKNOWN
// (wire facts §8), and the words themselves.
var anonymous = map[string]bool{
	"266696687": true, "7378742833": true, "86282452253": true, "2562533": true, "8656696": true,
	"anonymous": true, "restricted": true, "unknown": true, "private": true, "unavailable": true, "blocked": true,
}

// IsAnonymous reports whether a caller ID is withheld (R-IN-9).
func IsAnonymous(from string) bool {
	s := strings.ToLower(strings.TrimSpace(from))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "client:"), "+")
	return s == "" || anonymous[s]
}
