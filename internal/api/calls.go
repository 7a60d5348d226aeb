package api

import (
	"net/http"

	"github.com/switchboard/switchboard/internal/call"
)

// CallBody is a call in the call log (R-IN-18).
type CallBody struct {
	ID         int64  `json:"id"`
	NumberID   int64  `json:"number_id"`
	Direction  string `json:"direction" enum:"inbound,outbound"`
	From       string `json:"from"`
	To         string `json:"to"`
	Anonymous  bool   `json:"anonymous"`
	RecordID   *int64 `json:"record_id"`
	Status     string `json:"status" enum:"ringing,queued,in-progress,completed"`
	Outcome    string `json:"outcome"`
	AnsweredBy *int64 `json:"answered_by"`
	IVRPath    []int  `json:"ivr_path"`
	// QueueWaitSeconds is how long the caller waited in the queue.
	QueueWaitSeconds int     `json:"queue_wait_seconds"`
	StartedAt        string  `json:"started_at"`
	AnsweredAt       *string `json:"answered_at"`
	EndedAt          *string `json:"ended_at"`
	RecordingURL     string  `json:"recording_url"`
	// Notes are the description the agent typed during the call (R-AG-4).
	Notes string `json:"notes"`
	// Held and Muted are the call's hold and mute state while it lasts.
	Held  bool      `json:"held"`
	Muted bool      `json:"muted"`
	Legs  []LegBody `json:"legs,omitempty"`
	// Agents are the users rung for the call or who answered it.
	Agents []AgentRef `json:"agents"`
	// RecordName is the customer record's name, "" = no record.
	RecordName string `json:"record_name"`
	// Price is the carrier's price (negative decimal string, "" = not
	// priced yet) in PriceUnit; DurationSeconds is the carrier's length.
	Price           string `json:"price"`
	PriceUnit       string `json:"price_unit"`
	DurationSeconds *int   `json:"duration_seconds"`
	// RecordingDeleted is the tombstone of a deleted recording, else null.
	RecordingDeleted *RecordingTombstone `json:"recording_deleted"`
	// SummaryOutcome is the outcome the agent chose after the call, ""
	// = none; NeedsOutcome says it was answered, has ended and waits for
	// its summary (summary.go).
	SummaryOutcome string `json:"summary_outcome"`
	NeedsOutcome   bool   `json:"needs_outcome"`
}

// LegBody is an agent rung for a call and how that leg ended.
type LegBody struct {
	UserID    int64   `json:"user_id"`
	Cycle     int     `json:"cycle"`
	Status    string  `json:"status"`
	CreatedAt string  `json:"created_at"`
	EndedAt   *string `json:"ended_at"`
	// ForwardTo is the agent's forwarding number the leg rang instead of
	// their browser (R-IN-14); absent for the browser.
	ForwardTo string `json:"forward_to,omitempty"`
}

// CallList is a page of the call log.
type CallList struct {
	Items      []CallBody `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

func callBody(c call.Call) CallBody {
	b := CallBody{ID: int64(c.ID), NumberID: c.NumberID, Direction: c.Direction, From: c.From, To: c.To, Anonymous: c.Anonymous,
		RecordID: optID(c.RecordID), Status: c.Status, Outcome: c.Outcome, AnsweredBy: optID(c.AnsweredBy),
		IVRPath: append([]int{}, c.State.Path...), QueueWaitSeconds: c.State.QueueWaitSeconds, StartedAt: stamp(c.StartedAt),
		Notes: c.Notes, Held: c.Held, Muted: c.Muted}
	if c.RecordingURL != "" {
		b.RecordingURL = recordingPath(c.ID) // never the carrier's URL
	}
	if c.Anonymous {
		b.From = "Anonymous" // R-IN-9: withheld callers are shown as Anonymous
	}
	if c.AnsweredAt != nil {
		s := stamp(*c.AnsweredAt)
		b.AnsweredAt = &s
	}
	if c.EndedAt != nil {
		s := stamp(*c.EndedAt)
		b.EndedAt = &s
	}
	return b
}

// ListCalls lists the org's calls matching the call log's filters,
// newest first (R-POST-2).
func (a *API) ListCalls(w http.ResponseWriter, r *http.Request) error {
	f, err := callLogFilter(r)
	if err != nil {
		return err
	}
	list, next, err := a.Store.CallLog(r.Context(), userOf(r).OrgID, f)
	if err != nil {
		return err
	}
	out := CallList{Items: make([]CallBody, len(list)), NextCursor: next}
	for i, e := range list {
		out.Items[i] = logBody(e)
	}
	return writeJSON(w, http.StatusOK, out)
}

// GetCall returns a call with every agent leg rung and how it ended.
func (a *API) GetCall(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	me := userOf(r)
	e, err := a.Store.CallLogEntry(r.Context(), me.OrgID, call.ID(id))
	if err != nil {
		return err
	}
	legs, err := a.Store.Legs(r.Context(), me.OrgID, e.ID)
	if err != nil {
		return err
	}
	b := callWithLegs(e.Call, legs)
	lb := logBody(e)
	lb.Legs = b.Legs
	return writeJSON(w, http.StatusOK, lb)
}

// callWithLegs is a call with every agent leg rung and how it ended.
func callWithLegs(c call.Call, legs []call.Leg) CallBody {
	b := callBody(c)
	b.Legs = make([]LegBody, len(legs))
	for i, l := range legs {
		b.Legs[i] = LegBody{UserID: int64(l.UserID), ForwardTo: l.ForwardTo, Cycle: l.Cycle, Status: l.Status, CreatedAt: stamp(l.CreatedAt)}
		if l.EndedAt != nil {
			s := stamp(*l.EndedAt)
			b.Legs[i].EndedAt = &s
		}
	}
	return b
}
