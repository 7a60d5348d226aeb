package call

import (
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// Jobs of the call log (R-POST-2, R-POST-3).
const (
	// JobPrice fetches an ended call's price from the carrier.
	JobPrice = "price"
	// JobRetention deletes the org's recordings older than its retention
	// (R-ORG-5) and queues itself for the next day. It has no call.
	JobRetention = "recording-retention"
)

// PriceRetries bounds how often an unpriced call is asked again; the wait
// doubles from PriceFirstWait (Twilio prices a call some time after it
// ends: the price is null until then).
const (
	PriceRetries   = 8
	PriceFirstWait = time.Minute
)

// RetentionEvery is how often the retention job runs.
const RetentionEvery = 24 * time.Hour

// LogEntry is a call as the call log shows it: the call, the agents rung
// or answering, its customer record, what it cost and its recording.
type LogEntry struct {
	Call
	// Agents are the users rung for the call or who answered it, by id.
	Agents []Agent
	// RecordName is the customer record's display name, "" = no record.
	RecordName string
	// Price is the carrier's price (a negative decimal, "" = not priced
	// yet) in PriceUnit; Duration is the carrier's length in seconds.
	Price, PriceUnit string
	Duration         *int
	// RecordingDeletedAt and RecordingDeletedBy are the tombstone of a
	// deleted recording; DeletedBy 0 = the retention job.
	RecordingDeletedAt *time.Time
	RecordingDeletedBy org.UserID
	DeletedByName      string
	// SummaryOutcome is the outcome the agent chose after the call
	// (summary.go), "" = not summarised.
	SummaryOutcome string
	// Summarised says the call has a saved summary.
	Summarised bool
}

// Agent is a user in the call log.
type Agent struct {
	ID   org.UserID
	Name string
}

// HasRecording reports whether the call has a recording not deleted.
func (e LogEntry) HasRecording() bool { return e.RecordingURL != "" && e.RecordingDeletedAt == nil }

// LogFilter selects calls of the log; zero fields select all.
type LogFilter struct {
	From, To  *time.Time // started at or after From, before To
	Agent     org.UserID
	Direction string
	Status    string
	Outcome   string
	Number    string // E.164: the caller's or the called number
	// SummaryOutcome selects calls summarised with this outcome;
	// NeedsOutcome, when set, those that do (or do not) wait for a
	// summary (summary.go).
	SummaryOutcome string
	NeedsOutcome   *bool
	Limit          int
	Cursor         string
}

// Filter vocabularies.
var (
	Directions = []string{"inbound", "outbound"}
	Statuses   = []string{Ringing, Queued, InProgress, Completed}
	Outcomes   = []string{Answered, Missed, Voicemail, Busy, Abandoned, Forwarded, "failed"}
)

// Validate checks the filter's enumerations and range.
func (f LogFilter) Validate() error {
	fs := problem.Fields{}
	check := func(field, v string, allowed []string) {
		if v == "" {
			return
		}
		for _, a := range allowed {
			if v == a {
				return
			}
		}
		fs.Add(field, "must be one of "+strings.Join(allowed, ", "))
	}
	check("direction", f.Direction, Directions)
	check("status", f.Status, Statuses)
	check("outcome", f.Outcome, Outcomes)
	if f.From != nil && f.To != nil && !f.To.After(*f.From) {
		fs.Add("to", "must be after from")
	}
	if f.Number != "" && (!strings.HasPrefix(f.Number, "+") || len(f.Number) < 8) {
		fs.Add("number", "must be an E.164 number, e.g. +14155550100")
	}
	return fs.Err()
}

// RecordingSID is the carrier's SID of the recording at url (its last
// path segment, "RE…"), "" when url names none.
func RecordingSID(url string) string {
	i := strings.LastIndex(url, "/")
	sid := strings.TrimSuffix(strings.TrimSuffix(url[i+1:], ".mp3"), ".wav")
	if len(sid) != 34 || !strings.HasPrefix(sid, "RE") {
		return ""
	}
	return sid
}
