package server_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// simon is the demo contact Simon Martin's work number; he has the open
// deal "Northwind call centre".
const simon = "+12065550111"

type summaryJSON struct {
	CallID int64 `json:"call_id"`
	Record *struct {
		ID   int64
		Kind string
		Name string
	} `json:"record"`
	SummaryOutcome string `json:"summary_outcome"`
	Notes          string `json:"notes"`
	DealID         *int64 `json:"deal_id"`
	Deals          []struct {
		ID    int64
		Name  string
		Stage string
	} `json:"deals"`
	FollowUp *followUpJSON `json:"follow_up"`
	SavedAt  *string       `json:"saved_at"`
	SavedBy  *struct {
		ID   int64
		Name string
	} `json:"saved_by"`
	NeedsOutcome bool `json:"needs_outcome"`
	Ended        bool `json:"ended"`
	CanEdit      bool `json:"can_edit"`
}

type followUpJSON struct {
	Kind       string  `json:"kind"`
	TaskID     int64   `json:"task_id"`
	Title      string  `json:"title"`
	DueDate    string  `json:"due_date"`
	DueAt      *string `json:"due_at"`
	AssigneeID int64   `json:"assignee_id"`
	Done       bool    `json:"done"`
}

type taskJSON struct {
	ID         int64   `json:"id"`
	Kind       string  `json:"kind"`
	Title      string  `json:"title"`
	DueDate    string  `json:"due_date"`
	DueAt      *string `json:"due_at"`
	AssigneeID int64   `json:"assignee_id"`
	Done       bool    `json:"done"`
	RecordID   *int64  `json:"record_id"`
	Phone      string  `json:"phone"`
	CallID     *int64  `json:"call_id"`
}

type timelineJSON struct {
	Items []struct {
		Type           string `json:"type"`
		ID             int64  `json:"id"`
		Title          string `json:"title"`
		DueDate        string `json:"due_date"`
		Outcome        string `json:"outcome"`
		SummaryOutcome string `json:"summary_outcome"`
		Notes          string `json:"notes"`
		DealID         *int64 `json:"deal_id"`
		DealName       string `json:"deal_name"`
	} `json:"items"`
}

// simonCall is a call from Simon Martin that Alice answers and takes
// notes in; the agent hangs up after 30 s. Before it ends, saving its
// summary is a conflict.
func simonCall(t *testing.T) (*scenario, call.Call) {
	t.Helper()
	s := newScenario(t, ringAlice, []string{"alice"}, map[string]string{"alice": "answer@2s,hangup@30s"})
	sid, err := s.e.sb.PlaceCall(sandbox.CallScript{From: simon, To: s.number.E164})
	if err != nil {
		t.Fatal(err)
	}
	s.advance(t, 5*time.Second)
	c, _ := s.record(t, sid)
	alice := s.e.signIn(demo.Users[1].Email)
	path := "/api/v1/calls/" + itoa(int64(c.ID))
	wantStatus(t, alice.do(http.MethodPut, path+"/notes", map[string]any{"notes": "Wants a demo of the IVR."}), http.StatusOK)
	var during summaryJSON
	alice.do(http.MethodGet, path+"/summary", nil).decode(t, &during)
	if during.Ended || during.NeedsOutcome || during.Notes != "Wants a demo of the IVR." {
		t.Fatalf("summary during the call = %+v", during)
	}
	res := alice.do(http.MethodPut, path+"/summary", map[string]any{"summary_outcome": "Connected"})
	if _, msg, _ := res.errorBody(t); res.status != http.StatusConflict || msg != "the call has not ended yet" {
		t.Fatalf("summary during the call: %d %s", res.status, res.body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if tr, err := s.e.sb.RunUntilEnded(ctx, sid, time.Hour); err != nil {
		t.Fatalf("run: %v\n%s", err, tr.Text())
	}
	s.e.sb.Settle()
	c, _ = s.record(t, sid)
	if c.Outcome != call.Answered || c.EndedAt == nil || c.RecordID == 0 {
		t.Fatalf("call = %+v", c)
	}
	return s, c
}

func TestSummaryFollowUpTaskOnContactAndDeal(t *testing.T) {
	t.Parallel()
	s, c := simonCall(t)
	alice := s.e.signIn(demo.Users[1].Email)
	path := "/api/v1/calls/" + itoa(int64(c.ID)) + "/summary"
	var got summaryJSON
	alice.do(http.MethodGet, path, nil).decode(t, &got)
	if got.Record == nil || got.Record.Kind != "contact" || got.Record.Name != "Simon Martin" || got.Notes != "Wants a demo of the IVR." ||
		!got.NeedsOutcome || !got.CanEdit || got.SavedAt != nil || got.FollowUp != nil || len(got.Deals) != 1 ||
		got.Deals[0].Name != "Northwind call centre" {
		t.Fatalf("summary before saving = %+v", got)
	}
	deal := got.Deals[0].ID
	aliceID := itoa(s.users["alice"])
	wantLog(t, alice, "?needs_outcome=true&agent="+aliceID, int64(c.ID))

	body := map[string]any{"summary_outcome": "connected", "notes": "Demo booked for the 30th.", "deal_id": deal,
		"follow_up": map[string]any{"kind": "task", "due_date": "2026-11-30"}}
	res := alice.do(http.MethodPut, path, body)
	wantStatus(t, res, http.StatusOK)
	res.decode(t, &got)
	f := got.FollowUp
	if got.SummaryOutcome != "Connected" || got.Notes != "Demo booked for the 30th." || got.DealID == nil || *got.DealID != deal ||
		got.NeedsOutcome || got.SavedBy == nil || got.SavedBy.ID != s.users["alice"] || got.SavedAt == nil ||
		f == nil || f.Kind != "task" || f.Title != "Follow up with Simon Martin" || f.DueDate != "2026-11-30" || f.DueAt != nil ||
		f.AssigneeID != s.users["alice"] {
		t.Fatalf("saved summary = %+v, follow-up %+v", got, f)
	}
	var task taskJSON
	alice.do(http.MethodGet, "/api/v1/tasks/"+itoa(f.TaskID), nil).decode(t, &task)
	if task.Kind != "todo" || task.RecordID == nil || *task.RecordID != deal || task.CallID == nil || *task.CallID != int64(c.ID) ||
		task.Phone != simon {
		t.Fatalf("follow-up task = %+v (want it on the deal, from the call)", task)
	}

	// The contact's timeline has the call with its summary; the deal's has
	// the call and the task.
	recordID := got.Record.ID
	callEntry := func(id int64) func(tl timelineJSON) bool {
		return func(tl timelineJSON) bool {
			for _, a := range tl.Items {
				if a.Type == "call" && a.ID == int64(c.ID) {
					return a.SummaryOutcome == "Connected" && a.Notes == "Demo booked for the 30th." && a.DealID != nil &&
						*a.DealID == deal && a.DealName == "Northwind call centre" && a.Outcome == "answered"
				}
			}
			return false
		}
	}
	for name, id := range map[string]int64{"contact": recordID, "deal": deal} {
		var tl timelineJSON
		alice.do(http.MethodGet, "/api/v1/records/"+itoa(id)+"/timeline", nil).decode(t, &tl)
		if !callEntry(id)(tl) {
			t.Errorf("%s timeline lacks the summarised call: %+v", name, tl.Items)
		}
		hasTask := false
		for _, a := range tl.Items {
			hasTask = hasTask || (a.Type == "task" && a.ID == f.TaskID && a.DueDate == "2026-11-30")
		}
		if hasTask != (name == "deal") {
			t.Errorf("%s timeline has the follow-up task: %v, want %v", name, hasTask, name == "deal")
		}
	}

	// The log: filtered by summary outcome, no longer needing one.
	wantLog(t, alice, "?summary_outcome=Connected", int64(c.ID))
	wantLog(t, alice, "?needs_outcome=true&agent="+aliceID)
	wantLog(t, alice, "?needs_outcome=false&agent="+aliceID, int64(c.ID))
	wantLog(t, alice, "?summary_outcome=Busy")
	var entry struct {
		SummaryOutcome string `json:"summary_outcome"`
		NeedsOutcome   bool   `json:"needs_outcome"`
		Notes          string `json:"notes"`
		RecordName     string `json:"record_name"`
	}
	alice.do(http.MethodGet, "/api/v1/calls/"+itoa(int64(c.ID)), nil).decode(t, &entry)
	if entry.SummaryOutcome != "Connected" || entry.NeedsOutcome || entry.Notes != "Demo booked for the 30th." || entry.RecordName != "Simon Martin" {
		t.Fatalf("call log entry = %+v", entry)
	}

	t.Run("saved twice leaves one follow-up", func(t *testing.T) {
		var again summaryJSON
		var wg sync.WaitGroup
		for range 2 { // at once, too: the call's row serialises the saves
			wg.Add(1)
			go func() {
				defer wg.Done()
				wantStatus(t, alice.do(http.MethodPut, path, body), http.StatusOK)
			}()
		}
		wg.Wait()
		alice.do(http.MethodPut, path, body).decode(t, &again)
		if again.FollowUp == nil || again.FollowUp.TaskID != f.TaskID || s.followUps(t, c.ID) != 1 {
			t.Fatalf("after saving again: %+v, %d follow-ups", again.FollowUp, s.followUps(t, c.ID))
		}
	})
	t.Run("removing an outcome from the list keeps the call's", func(t *testing.T) {
		admin := s.e.signIn(demo.Users[0].Email)
		wantStatus(t, admin.do(http.MethodPut, "/api/v1/org/outcomes", map[string]any{"outcomes": []string{"Demo booked", "No answer"}}), http.StatusOK)
		var kept summaryJSON
		alice.do(http.MethodGet, path, nil).decode(t, &kept)
		if kept.SummaryOutcome != "Connected" {
			t.Fatalf("summary outcome after the list changed = %q", kept.SummaryOutcome)
		}
		wantStatus(t, alice.do(http.MethodPut, path, body), http.StatusOK) // the same save again
		res := alice.do(http.MethodPut, path, map[string]any{"summary_outcome": "Busy"})
		if _, _, fields := res.errorBody(t); res.status != http.StatusUnprocessableEntity ||
			fields["summary_outcome"] != "must be one of Demo booked, No answer" {
			t.Fatalf("an outcome not listed: %d %s", res.status, res.body)
		}
	})
	t.Run("no follow-up deletes the one not done", func(t *testing.T) {
		var none summaryJSON
		res := alice.do(http.MethodPut, path, map[string]any{"summary_outcome": "Demo booked"})
		wantStatus(t, res, http.StatusOK)
		res.decode(t, &none)
		if none.FollowUp != nil || none.DealID != nil || none.Notes != "Demo booked for the 30th." || s.followUps(t, c.ID) != 0 {
			t.Fatalf("after dropping the follow-up: %+v, %d follow-ups", none, s.followUps(t, c.ID))
		}
		wantStatus(t, alice.do(http.MethodGet, "/api/v1/tasks/"+itoa(f.TaskID), nil), http.StatusNotFound)
	})
}

// wantLog checks that the call log filtered by query lists exactly ids.
func wantLog(t *testing.T, c *client, query string, ids ...int64) {
	t.Helper()
	var page logPage
	res := c.do(http.MethodGet, "/api/v1/calls"+query, nil)
	wantStatus(t, res, http.StatusOK)
	res.decode(t, &page)
	var got []int64
	for _, it := range page.Items {
		got = append(got, it.ID)
	}
	if len(got) != len(ids) || (len(ids) > 0 && got[0] != ids[0]) {
		t.Fatalf("call log %s = %v, want %v", query, got, ids)
	}
}

// followUps counts the tasks the call's summaries made.
func (s *scenario) followUps(t *testing.T, id call.ID) int {
	t.Helper()
	var n int
	if err := s.e.st.DB().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM tasks WHERE call_id = $1`, int64(id)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSummaryCSVColumns(t *testing.T) {
	t.Parallel()
	s, c := simonCall(t)
	alice := s.e.signIn(demo.Users[1].Email)
	wantStatus(t, alice.do(http.MethodPut, "/api/v1/calls/"+itoa(int64(c.ID))+"/summary",
		map[string]any{"summary_outcome": "Left voicemail", "notes": "=HYPERLINK(\"http://x\")"}), http.StatusOK)
	for query, want := range map[string]int{"": 1, "?summary_outcome=Left%20voicemail": 1, "?summary_outcome=Connected": 0,
		"?needs_outcome=true": 0} {
		res := alice.do(http.MethodGet, "/api/v1/calls/export"+query, nil)
		wantStatus(t, res, http.StatusOK)
		rows, err := csv.NewReader(strings.NewReader(string(res.body))).ReadAll()
		if err != nil || len(rows) != want+1 {
			t.Fatalf("export%s: %v %q", query, err, rows)
		}
		if want == 0 {
			continue
		}
		row := map[string]string{}
		for i, h := range rows[0] {
			row[h] = rows[1][i]
		}
		if row["summary_outcome"] != "Left voicemail" || row["notes"] != "'=HYPERLINK(\"http://x\")" || row["outcome"] != "answered" ||
			row["record"] != "Simon Martin" {
			t.Fatalf("export%s row = %v", query, row)
		}
	}
	res := alice.do(http.MethodGet, "/api/v1/calls/export?needs_outcome=maybe", nil)
	if _, _, fields := res.errorBody(t); res.status != http.StatusUnprocessableEntity || fields["needs_outcome"] == "" {
		t.Fatalf("bad needs_outcome: %d %s", res.status, res.body)
	}
}
