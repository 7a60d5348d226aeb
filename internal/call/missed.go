package call

import (
	"time"

	"github.com/switchboard/switchboard/internal/org"
)

// Why a user missed a call (R-AG-5).
const (
	MissNoAnswer  = "no-answer"
	MissRejected  = "rejected"
	MissAbandoned = "abandoned"
	MissVoicemail = "voicemail"
	MissForwarded = "forwarded"
)

// Miss is a call a user missed, and why.
type Miss struct {
	UserID org.UserID
	Reason string
}

// MissedCall is a call in a user's missed-calls list.
type MissedCall struct {
	Call   Call
	Reason string
	// AnsweredBy names the colleague who took the call, nil = nobody.
	AnsweredBy *User
	Seen       bool
	MissedAt   time.Time
}

// Misses returns who has missed the call so far, and why, one entry per
// user in the order they were first rung. A user missed it when a leg to
// them ended unanswered — no answer or rejected (a rejected browser call
// ends "busy") — or when the call ended while their leg rang, or after it
// was stopped with nobody in the call (the caller hung up, was forwarded,
// or went to voicemail). Legs stopped because a colleague answered are not
// missed; nor is the call by whoever answered it or picked up too late. A
// voicemail notifies everyone it rang (R-IN-15), so it is the reason for
// all of them.
func Misses(c Call, legs []Leg) []Miss {
	var out []Miss
	seen := map[org.UserID]bool{}
	for _, l := range legs {
		if seen[l.UserID] || l.UserID == c.AnsweredBy {
			continue
		}
		reason := legMiss(c, l)
		if reason == "" {
			continue
		}
		seen[l.UserID] = true
		out = append(out, Miss{UserID: l.UserID, Reason: reason})
	}
	return out
}

// legMiss is why leg l missed the call, "" = it did not (or not yet).
func legMiss(c Call, l Leg) string {
	if c.AnsweredBy == 0 && c.Outcome == Voicemail && c.EndedAt != nil {
		return MissVoicemail
	}
	switch l.Status {
	case "completed", "in-progress":
		return "" // they picked up
	case "no-answer", "failed":
		return MissNoAnswer
	case "busy":
		return MissRejected
	}
	// Canceled, or still ringing: it depends on how the call went on.
	if c.AnsweredBy != 0 || c.EndedAt == nil {
		return ""
	}
	switch c.Outcome {
	case Abandoned:
		return MissAbandoned
	case Forwarded:
		return MissForwarded
	}
	return MissNoAnswer
}
