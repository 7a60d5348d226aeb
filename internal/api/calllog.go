package api

import (
	"net/http"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// callLogFilter reads the call log's filters from the query (R-POST-2).
func callLogFilter(r *http.Request) (call.LogFilter, error) {
	q := r.URL.Query()
	limit, err := queryInt(r, "limit", 50, 1, 200)
	if err != nil {
		return call.LogFilter{}, err
	}
	agent, err := queryInt(r, "agent", 0, 0, 1<<62)
	if err != nil {
		return call.LogFilter{}, err
	}
	f := call.LogFilter{Limit: limit, Cursor: q.Get("cursor"), Agent: org.UserID(agent), Direction: q.Get("direction"),
		Status: q.Get("status"), Outcome: q.Get("outcome"), Number: q.Get("number")}
	fs := problem.Fields{}
	f.From = queryTime(q.Get("from"), "from", fs)
	f.To = queryTime(q.Get("to"), "to", fs)
	if err := fs.Err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

// queryTime parses an RFC 3339 time or a date (midnight UTC); nil = absent.
func queryTime(v, field string, fs problem.Fields) *time.Time {
	if v == "" {
		return nil
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return &t
		}
	}
	fs.Add(field, "must be a date (2026-11-21) or an RFC 3339 time (2026-11-21T09:00:00Z)")
	return nil
}

// logBody adds the call log's columns to a call.
func logBody(e call.LogEntry) CallBody {
	b := callBody(e.Call)
	b.Agents = make([]AgentRef, len(e.Agents))
	for i, a := range e.Agents {
		b.Agents[i] = AgentRef{ID: int64(a.ID), Name: a.Name}
	}
	b.RecordName, b.Price, b.PriceUnit, b.DurationSeconds = e.RecordName, e.Price, e.PriceUnit, e.Duration
	if e.RecordingDeletedAt != nil {
		s := stamp(*e.RecordingDeletedAt)
		b.RecordingDeleted = &RecordingTombstone{At: s, ByID: optID(e.RecordingDeletedBy), ByName: e.DeletedByName}
		b.RecordingURL = ""
	}
	return b
}

// AgentRef is a user in the call log.
type AgentRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// RecordingTombstone says a call's recording was deleted, when and by
// whom (R-POST-3); by_id null = the org's retention.
type RecordingTombstone struct {
	At     string `json:"at"`
	ByID   *int64 `json:"by_id"`
	ByName string `json:"by_name"`
}
