package server_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
)

// Every bad save is refused naming its field, and changes nothing: not
// the summary, not the call's notes, no task.
func TestSummaryBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	s, c := simonCall(t)
	alice, admin := s.e.signIn(demo.Users[1].Email), s.e.signIn(demo.Users[0].Email)
	path := "/api/v1/calls/" + itoa(int64(c.ID)) + "/summary"
	var margaretsDeal int64
	if err := s.e.st.DB().QueryRowContext(context.Background(), `SELECT id FROM records WHERE name = $1`, "Phone system rollout").
		Scan(&margaretsDeal); err != nil {
		t.Fatal(err)
	}
	gone := admin.do(http.MethodPost, "/api/v1/users", map[string]any{"email": "gone@demo.example", "name": "Gone", "role": "agent",
		"password": "a-long-password-1"})
	wantStatus(t, gone, http.StatusCreated)
	var goneUser struct{ ID int64 }
	gone.decode(t, &goneUser)
	wantStatus(t, admin.do(http.MethodPatch, "/api/v1/users/"+itoa(goneUser.ID), map[string]any{"active": false}), http.StatusOK)

	task := func(f map[string]any) map[string]any {
		return map[string]any{"summary_outcome": "Connected", "follow_up": f}
	}
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"outcome not in the list", map[string]any{"summary_outcome": "Sold"}, "summary_outcome"},
		{"no outcome", map[string]any{"notes": "x"}, "summary_outcome"},
		{"notes too long", map[string]any{"summary_outcome": "Connected", "notes": strings.Repeat("é", 10001)}, "notes"},
		{"another record's deal", map[string]any{"summary_outcome": "Connected", "deal_id": margaretsDeal}, "deal_id"},
		{"unknown follow-up kind", task(map[string]any{"kind": "meeting"}), "follow_up.kind"},
		{"task without a date", task(map[string]any{"kind": "task"}), "follow_up.due_date"},
		{"task date not a date", task(map[string]any{"kind": "task", "due_date": "30/11/2026"}), "follow_up.due_date"},
		{"task date past", task(map[string]any{"kind": "task", "due_date": "2026-11-01"}), "follow_up.due_date"},
		{"task with a time", task(map[string]any{"kind": "task", "due_date": "2026-11-30", "due_at": "2026-11-30T09:00:00Z"}), "follow_up.due_at"},
		{"call without a time", task(map[string]any{"kind": "call"}), "follow_up.due_at"},
		{"call time not a time", task(map[string]any{"kind": "call", "due_at": "tomorrow 9am"}), "follow_up.due_at"},
		{"call time past", task(map[string]any{"kind": "call", "due_at": "2026-11-23T09:00:00Z"}), "follow_up.due_at"},
		{"call date not its time's", task(map[string]any{"kind": "call", "due_at": "2026-11-30T09:00:00Z", "due_date": "2026-12-01"}), "follow_up.due_date"},
		{"title too long", task(map[string]any{"kind": "task", "due_date": "2026-11-30", "title": strings.Repeat("t", 501)}), "follow_up.title"},
		{"assignee unknown", task(map[string]any{"kind": "task", "due_date": "2026-11-30", "assignee_id": 99999}), "follow_up.assignee_id"},
		{"assignee inactive", task(map[string]any{"kind": "task", "due_date": "2026-11-30", "assignee_id": goneUser.ID}), "follow_up.assignee_id"},
		{"unknown field", map[string]any{"summary_outcome": "Connected", "outcome": "answered"}, "outcome"},
		{"deal id not a number", map[string]any{"summary_outcome": "Connected", "deal_id": "nine"}, "deal_id"},
	}
	before := alice.do(http.MethodGet, path, nil)
	wantStatus(t, before, http.StatusOK)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := alice.do(http.MethodPut, path, tc.body)
			if _, _, fields := res.errorBody(t); res.status != http.StatusUnprocessableEntity || fields[tc.field] == "" {
				t.Fatalf("%d %s, want 422 naming %s", res.status, res.body, tc.field)
			}
			if after := alice.do(http.MethodGet, path, nil); !bytes.Equal(after.body, before.body) || s.followUps(t, c.ID) != 0 {
				t.Fatalf("a refused save changed the summary:\n%s\nwas\n%s", after.body, before.body)
			}
		})
	}

	t.Run("who may save", func(t *testing.T) {
		bob := s.e.signIn(demo.Users[2].Email)
		res := bob.do(http.MethodPut, path, map[string]any{"summary_outcome": "Connected"})
		if code, _, _ := res.errorBody(t); res.status != http.StatusForbidden || code != "forbidden" {
			t.Fatalf("bob, not on the call: %d %s", res.status, res.body)
		}
		var seen summaryJSON
		bob.do(http.MethodGet, path, nil).decode(t, &seen)
		if seen.CanEdit || seen.SavedAt != nil {
			t.Fatalf("bob's view = %+v", seen)
		}
		o, err := s.e.st.CreateOrg(context.Background(), org.Org{Slug: "other", Name: "Other", Settings: org.DefaultSettings()})
		if err != nil {
			t.Fatal(err)
		}
		stranger := s.e.newUser(o.ID, "admin@other.example", org.Admin)
		wantStatus(t, stranger.do(http.MethodGet, path, nil), http.StatusNotFound)
		wantStatus(t, stranger.do(http.MethodPut, path, map[string]any{"summary_outcome": "Connected"}), http.StatusNotFound)
		wantStatus(t, alice.do(http.MethodGet, "/api/v1/calls/999999/summary", nil), http.StatusNotFound)
		if after := alice.do(http.MethodGet, path, nil); !bytes.Equal(after.body, before.body) {
			t.Fatalf("a refused save changed the summary: %s", after.body)
		}
		var saved summaryJSON
		res = admin.do(http.MethodPut, path, map[string]any{"summary_outcome": "Wrong number"}) // an admin may
		wantStatus(t, res, http.StatusOK)
		res.decode(t, &saved)
		if saved.SavedBy == nil || saved.SavedBy.ID != s.users["admin"] || saved.Notes != "Wants a demo of the IVR." {
			t.Fatalf("admin's save = %+v", saved)
		}
	})
}

func TestSummaryOutcomesList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, alice := e.signIn(demo.Users[0].Email), e.signIn(demo.Users[1].Email)
	defaults := []string{"Connected", "Left voicemail", "No answer", "Busy", "Wrong number"}
	wantOutcomes := func(c *client, want []string) {
		t.Helper()
		var got struct{ Outcomes []string }
		res := c.do(http.MethodGet, "/api/v1/org/outcomes", nil)
		wantStatus(t, res, http.StatusOK)
		res.decode(t, &got)
		if strings.Join(got.Outcomes, "|") != strings.Join(want, "|") {
			t.Fatalf("outcomes = %q, want %q", got.Outcomes, want)
		}
	}
	wantOutcomes(alice, defaults)
	many := make([]string, 31)
	for i := range many {
		many[i] = "Outcome " + itoa(int64(i))
	}
	cases := []struct {
		name   string
		body   any
		field  string
		reason string
	}{
		{"empty list", map[string]any{"outcomes": []string{}}, "outcomes", "must have 1–30 entries (it has 0)"},
		{"no list", map[string]any{}, "outcomes", "must have 1–30 entries (it has 0)"},
		{"too many", map[string]any{"outcomes": many}, "outcomes", "must have 1–30 entries (it has 31)"},
		{"blank label", map[string]any{"outcomes": []string{"Connected", "Busy", "  "}}, "outcomes[2]", "must be 1–60 characters"},
		{"long label", map[string]any{"outcomes": []string{strings.Repeat("x", 61)}}, "outcomes[0]", "must be 1–60 characters"},
		{"repeated ignoring case", map[string]any{"outcomes": []string{"Connected", "Busy", "No answer", "busy "}}, "outcomes[3]",
			`repeats outcomes[1] ("Busy"), ignoring case`},
		{"not strings", map[string]any{"outcomes": []int{1}}, "outcomes", "must be a string"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := admin.do(http.MethodPut, "/api/v1/org/outcomes", tc.body)
			_, _, fields := res.errorBody(t)
			if res.status != http.StatusUnprocessableEntity || !strings.HasPrefix(fields[tc.field], tc.reason) {
				t.Fatalf("%d %s, want 422 %s: %s", res.status, res.body, tc.field, tc.reason)
			}
			wantOutcomes(alice, defaults)
		})
	}
	wantStatus(t, alice.do(http.MethodPut, "/api/v1/org/outcomes", map[string]any{"outcomes": []string{"Mine"}}), http.StatusForbidden)
	wantOutcomes(alice, defaults)
	res := admin.do(http.MethodPut, "/api/v1/org/outcomes", map[string]any{"outcomes": []string{" Demo booked ", "Not interested", "Call back"}})
	wantStatus(t, res, http.StatusOK)
	want := []string{"Demo booked", "Not interested", "Call back"}
	wantOutcomes(alice, want)
	o, err := e.st.CreateOrg(context.Background(), org.Org{Slug: "other", Name: "Other", Settings: org.DefaultSettings()})
	if err != nil {
		t.Fatal(err)
	}
	wantOutcomes(e.newUser(o.ID, "agent@other.example", org.Agent), defaults) // each org has its own list
}
