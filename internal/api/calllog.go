package api

import (
	"encoding/csv"
	"net/http"
	"regexp"
	"strconv"
	"strings"
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
		Status: q.Get("status"), Outcome: q.Get("outcome"), Number: q.Get("number"), SummaryOutcome: strings.TrimSpace(q.Get("summary_outcome"))}
	fs := problem.Fields{}
	switch v := q.Get("needs_outcome"); v {
	case "":
	case "true", "false":
		needs := v == "true"
		f.NeedsOutcome = &needs
	default:
		fs.Add("needs_outcome", "must be true or false")
	}
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
	b.SummaryOutcome, b.NeedsOutcome = e.SummaryOutcome, call.NeedsOutcome(e.Call, e.Summarised)
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

// callLogColumns is the call log CSV's header row (R-POST-2).
var callLogColumns = []string{"id", "started_at", "direction", "from", "to", "agents", "record", "status", "outcome",
	"summary_outcome", "duration_seconds", "price", "price_unit", "recording", "notes"}

// ExportCalls writes the calls matching the call log's filters as CSV,
// newest first, streamed a page at a time (R-POST-2).
func (a *API) ExportCalls(w http.ResponseWriter, r *http.Request) error {
	f, err := callLogFilter(r)
	if err != nil {
		return err
	}
	f.Limit = 500
	me := userOf(r)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="calls.csv"`)
	cw := csv.NewWriter(w)
	cw.Write(callLogColumns)
	for {
		list, next, err := a.Store.CallLog(r.Context(), me.OrgID, f)
		if err != nil {
			return err
		}
		for _, e := range list {
			cw.Write(safeCSVRow(callLogRow(e)))
		}
		cw.Flush()
		if next == "" {
			return cw.Error()
		}
		f.Cursor = next
	}
}

// callLogRow is a call's CSV row, in callLogColumns order; recording is
// the proxy path, "deleted" or "".
func callLogRow(e call.LogEntry) []string {
	b := logBody(e)
	names := make([]string, len(b.Agents))
	for i, ag := range b.Agents {
		names[i] = ag.Name
	}
	rec := b.RecordingURL
	if b.RecordingDeleted != nil {
		rec = "deleted"
	}
	dur := ""
	if b.DurationSeconds != nil {
		dur = strconv.Itoa(*b.DurationSeconds)
	}
	return []string{strconv.FormatInt(b.ID, 10), b.StartedAt, b.Direction, b.From, b.To, strings.Join(names, "; "), b.RecordName,
		b.Status, b.Outcome, b.SummaryOutcome, dur, b.Price, b.PriceUnit, rec, b.Notes}
}

// plainNumber is a cell a spreadsheet reads as a number, never a formula:
// a phone number in E.164 or a price.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// safeCSVRow defuses spreadsheet formulas (CSV injection, OWASP): a cell
// starting with = + - @, tab or carriage return, unless a plain number, is
// prefixed with a single quote so the spreadsheet shows it as text.
func safeCSVRow(row []string) []string {
	for i, v := range row {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) && !plainNumber.MatchString(v) {
			row[i] = "'" + v
		}
	}
	return row
}
