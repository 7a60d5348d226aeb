package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/event"
)

type reminderJSON struct {
	TaskID     int64  `json:"task_id"`
	Title      string `json:"title"`
	RecordID   *int64 `json:"record_id"`
	RecordName string `json:"record_name"`
	Phone      string `json:"phone"`
	DueAt      string `json:"due_at"`
}

func reminders(t *testing.T, list []event.Event) []reminderJSON {
	var out []reminderJSON
	for _, e := range list {
		if e.Type == callflow.EventReminder {
			var r reminderJSON
			if err := json.Unmarshal(e.Data, &r); err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
	}
	return out
}

// A follow-up call is a call task in the agent's tasks, and at its time
// the agent gets a reminder; call tasks rescheduled, done or deleted
// before then do not remind at the old time.
func TestSummaryFollowUpCallReminds(t *testing.T) {
	t.Parallel()
	s, c := simonCall(t)
	in := s.listen(t, s.users["alice"])
	alice := s.e.signIn(demo.Users[1].Email)
	now := s.e.sb.Clock().Now().UTC()
	at := func(d time.Duration) string { return now.Add(d).Truncate(time.Second).Format(time.RFC3339) }

	var got summaryJSON
	res := alice.do(http.MethodPut, "/api/v1/calls/"+itoa(int64(c.ID))+"/summary", map[string]any{"summary_outcome": "Connected",
		"follow_up": map[string]any{"kind": "call", "due_at": at(time.Hour)}})
	wantStatus(t, res, http.StatusOK)
	res.decode(t, &got)
	f := got.FollowUp
	if f == nil || f.Kind != "call" || f.Title != "Call Simon Martin" || f.DueAt == nil || *f.DueAt != at(time.Hour) ||
		f.DueDate != now.Add(time.Hour).Format(time.DateOnly) {
		t.Fatalf("follow-up call = %+v", f)
	}
	var mine struct{ Items []taskJSON }
	alice.do(http.MethodGet, "/api/v1/tasks?assignee=me&done=false", nil).decode(t, &mine)
	found := false
	for _, tk := range mine.Items {
		found = found || (tk.ID == f.TaskID && tk.Kind == "call" && tk.Phone == simon && tk.CallID != nil && *tk.CallID == int64(c.ID) &&
			tk.RecordID != nil && *tk.RecordID == got.Record.ID)
	}
	if !found {
		t.Fatalf("alice's tasks lack the follow-up call %d: %+v", f.TaskID, mine.Items)
	}

	// Call tasks through the task API: one rescheduled later, one done
	// and one deleted before their time.
	margaret := alice.postTask(t, map[string]any{"title": "Call Margaret", "kind": "call", "due_at": at(30 * time.Minute),
		"phone": "(415) 555-0101"})
	if margaret.Phone != "+14155550101" || margaret.Kind != "call" || margaret.DueDate != now.Add(30*time.Minute).Format(time.DateOnly) {
		t.Fatalf("call task = %+v", margaret)
	}
	wantStatus(t, alice.do(http.MethodPatch, "/api/v1/tasks/"+itoa(margaret.ID), map[string]any{"due_at": at(90 * time.Minute)}), http.StatusOK)
	done := alice.postTask(t, map[string]any{"title": "Call the done one", "kind": "call", "due_at": at(40 * time.Minute)})
	wantStatus(t, alice.do(http.MethodPatch, "/api/v1/tasks/"+itoa(done.ID), map[string]any{"done": true}), http.StatusOK)
	deleted := alice.postTask(t, map[string]any{"title": "Call the deleted one", "kind": "call", "due_at": at(45 * time.Minute)})
	wantStatus(t, alice.do(http.MethodDelete, "/api/v1/tasks/"+itoa(deleted.ID), nil), http.StatusNoContent)
	todo := alice.postTask(t, map[string]any{"title": "Made a to-do", "kind": "call", "due_at": at(50 * time.Minute)})
	wantStatus(t, alice.do(http.MethodPatch, "/api/v1/tasks/"+itoa(todo.ID), map[string]any{"kind": "todo"}), http.StatusOK)

	s.runJobsUntil(t, now.Add(55*time.Minute))
	time.Sleep(300 * time.Millisecond) // a reminder published too early would have arrived by now
	if early := reminders(t, in.got); len(early) > 0 || len(reminders(t, in.drain())) > 0 {
		t.Fatalf("reminded before any follow-up was due: %+v", early)
	}
	s.runJobsUntil(t, now.Add(65*time.Minute))
	first := reminders(t, in.until(func(l []event.Event) bool { return len(reminders(t, l)) >= 1 }))
	if len(first) != 1 || first[0].TaskID != f.TaskID {
		t.Fatalf("reminders at 65 minutes = %+v, want the follow-up call's only", first)
	}
	s.runJobsUntil(t, now.Add(2*time.Hour))
	list := reminders(t, in.until(func(l []event.Event) bool { return len(reminders(t, l)) >= 2 }))
	time.Sleep(300 * time.Millisecond)
	list = append(list, reminders(t, in.drain())...)
	byTask := map[int64]reminderJSON{}
	for _, r := range list {
		byTask[r.TaskID] = r
	}
	if len(list) != 2 || len(byTask) != 2 {
		t.Fatalf("reminders = %+v, want Simon's and Margaret's, once each", list)
	}
	if r := byTask[f.TaskID]; r.Title != "Call Simon Martin" || r.RecordID == nil || *r.RecordID != got.Record.ID ||
		r.RecordName != "Simon Martin" || r.Phone != simon || r.DueAt != at(time.Hour) {
		t.Errorf("Simon's reminder = %+v", r)
	}
	if r := byTask[margaret.ID]; r.DueAt != at(90*time.Minute) || r.Phone != "+14155550101" || r.RecordID != nil || r.Title != "Call Margaret" {
		t.Errorf("Margaret's reminder = %+v", r)
	}
}

// postTask creates a task and returns it.
func (c *client) postTask(t *testing.T, body map[string]any) taskJSON {
	t.Helper()
	res := c.do(http.MethodPost, "/api/v1/tasks", body)
	wantStatus(t, res, http.StatusCreated)
	var tk taskJSON
	res.decode(t, &tk)
	return tk
}

// runJobsUntil moves the carrier's clock to until a minute at a time and
// waits for the worker to run every job due by then.
func (s *scenario) runJobsUntil(t *testing.T, until time.Time) {
	t.Helper()
	for {
		d := until.Sub(s.e.sb.Clock().Now())
		if d <= 0 {
			break
		}
		s.advance(t, min(d, time.Minute))
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		s.e.srv.Webhooks().Worker.Kick()
		var due int
		err := s.e.st.DB().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND run_at <= $1`,
			until.UTC()).Scan(&due)
		if err != nil {
			t.Fatal(err)
		}
		if due == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d jobs due by %s never ran", due, until)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// drain returns the events received so far without waiting.
func (in *inbox) drain() []event.Event {
	var out []event.Event
	for {
		select {
		case e, ok := <-in.sub.Events():
			if !ok {
				return out
			}
			in.got = append(in.got, e)
			out = append(out, e)
		default:
			return out
		}
	}
}

func TestCallTaskValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	alice := e.signIn(demo.Users[1].Email)
	tk := alice.postTask(t, map[string]any{"title": "Ring back", "kind": "call", "due_at": "2030-01-02T09:30:00+01:00"})
	if tk.DueAt == nil || *tk.DueAt != "2030-01-02T08:30:00Z" || tk.DueDate != "2030-01-02" || tk.CallID != nil {
		t.Fatalf("call task = %+v", tk)
	}
	cases := []struct {
		name, method, path string
		body               map[string]any
		field              string
	}{
		{"unknown kind", http.MethodPost, "/api/v1/tasks", map[string]any{"title": "x", "kind": "meeting"}, "kind"},
		{"call without a time", http.MethodPost, "/api/v1/tasks", map[string]any{"title": "x", "kind": "call"}, "due_at"},
		{"time not RFC 3339", http.MethodPost, "/api/v1/tasks", map[string]any{"title": "x", "kind": "call", "due_at": "9am"}, "due_at"},
		{"to-do with a time", http.MethodPost, "/api/v1/tasks", map[string]any{"title": "x", "due_at": "2030-01-02T09:30:00Z"}, "due_at"},
		{"bad phone", http.MethodPost, "/api/v1/tasks", map[string]any{"title": "x", "phone": "12"}, "phone"},
		{"date not its time's", http.MethodPatch, "/api/v1/tasks/" + itoa(tk.ID), map[string]any{"due_date": "2030-01-03"}, "due_date"},
		{"time cleared", http.MethodPatch, "/api/v1/tasks/" + itoa(tk.ID), map[string]any{"due_at": ""}, "due_at"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := alice.do(tc.method, tc.path, tc.body)
			if _, _, fields := res.errorBody(t); res.status != http.StatusUnprocessableEntity || fields[tc.field] == "" {
				t.Fatalf("%d %s, want 422 naming %s", res.status, res.body, tc.field)
			}
		})
	}
	var after taskJSON
	alice.do(http.MethodGet, "/api/v1/tasks/"+itoa(tk.ID), nil).decode(t, &after)
	if after.DueAt == nil || *after.DueAt != *tk.DueAt || after.DueDate != tk.DueDate || after.Kind != "call" {
		t.Fatalf("refused changes changed the task: %+v", after)
	}
	var todo taskJSON
	res := alice.do(http.MethodPatch, "/api/v1/tasks/"+itoa(tk.ID), map[string]any{"kind": "todo"})
	wantStatus(t, res, http.StatusOK)
	res.decode(t, &todo)
	if todo.Kind != "todo" || todo.DueAt != nil || todo.DueDate != "2030-01-02" {
		t.Fatalf("call task made a to-do = %+v (keeps its date, not its time)", todo)
	}
}
