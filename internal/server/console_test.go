package server_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
)

// consoleEnv is a number with a two-level IVR saved as its draft (never
// published): 1 Sales rings Alice, 2 Support is a sub-menu whose 1 rings
// Bob then Alice in turn; open on weekdays 09:00–17:00.
func consoleEnv(t *testing.T) (*env, *client, string, map[string]int64) {
	t.Helper()
	e := newCallEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	_, n, _ := linkedNumber(t, e)
	users := map[string]int64{"alice": e.demoUserID(demo.Users[1].Email), "bob": e.demoUserID(demo.Users[2].Email)}
	cfg := directGroup("sequential", users["alice"])(users)
	cfg["mode"] = "ivr"
	week := []map[string]string{{"from": "09:00", "to": "17:00"}}
	cfg["hours"] = map[string]any{"always_open": false, "weekly": map[string]any{"monday": week, "tuesday": week,
		"wednesday": week, "thursday": week, "friday": week}}
	cfg["menu"] = map[string]any{"options": []map[string]any{
		{"key": 1, "label": "Sales", "action": "ring", "group": map[string]any{"users": []int64{users["alice"]}, "ring": "simultaneous", "timeout_seconds": 20}},
		{"key": 2, "label": "Support", "action": "submenu", "submenu": map[string]any{"options": []map[string]any{
			{"key": 1, "label": "Billing", "action": "ring", "group": map[string]any{"users": []int64{users["bob"], users["alice"]},
				"ring": "sequential", "interval_seconds": 15}},
		}}},
	}}
	base := "/api/v1/numbers/" + itoa(n.ID) + "/routing"
	wantStatus(t, admin.do(http.MethodPut, base, cfg), http.StatusOK)
	return e, admin, base + "/test", users
}

func TestConsoleRunsTheDraftPrivately(t *testing.T) {
	e, admin, path, users := consoleEnv(t)
	tests := []struct {
		name        string
		req         map[string]any
		outcome     string
		answeredBy  int64
		heard, rang []string
		path        []int
	}{
		{name: "two levels, Bob rejects, Alice answers",
			req: map[string]any{"from": "+15005550006", "at": "2026-11-23T10:30", "keys": []string{"2", "1"},
				"agents": []map[string]any{{"user_id": users["bob"], "status": "online", "answer": "reject"},
					{"user_id": users["alice"], "status": "online", "answer": "answer"}}},
			outcome: "answered", answeredBy: users["alice"], path: []int{2, 1},
			heard: []string{"Welcome to Demo Company.", "Press 1 for Sales.", "Press 2 for Support.", "Press 1 for Billing."},
			rang:  []string{demo.Users[2].Name, demo.Users[1].Name}},
		{name: "outside hours on a Sunday",
			req:     map[string]any{"from": "+15005550006", "at": "2026-11-22T10:30", "keys": []string{"1"}},
			outcome: "missed", heard: []string{"Nobody can take your call."}},
		{name: "invalid key three times",
			req:     map[string]any{"at": "2026-11-23T10:30", "keys": []string{"7", "7", "7"}},
			outcome: "missed", heard: []string{"Welcome to Demo Company.", "Nobody can take your call."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := admin.do(http.MethodPost, path, tc.req)
			wantStatus(t, res, http.StatusOK)
			var out api.RoutingTestResult
			res.decode(t, &out)
			if out.Outcome != tc.outcome {
				t.Fatalf("outcome = %q, want %q\n%s", out.Outcome, tc.outcome, out.Text)
			}
			if got := ptrVal(out.AnsweredBy); got != tc.answeredBy {
				t.Errorf("answered by %d, want %d\n%s", got, tc.answeredBy, out.Text)
			}
			var heard, rang []string
			for _, s := range out.Steps {
				switch s.Kind {
				case "say":
					heard = append(heard, s.Text)
				case "ring":
					rang = append(rang, s.Party)
				}
			}
			for _, want := range tc.heard {
				if !slices.Contains(heard, want) {
					t.Errorf("caller did not hear %q; heard %q\n%s", want, heard, out.Text)
				}
			}
			if !slices.Equal(rang, tc.rang) {
				t.Errorf("rang %q, want %q\n%s", rang, tc.rang, out.Text)
			}
			if tc.path != nil && !slices.Equal(out.Call.IVRPath, tc.path) {
				t.Errorf("ivr path %v, want %v", out.Call.IVRPath, tc.path)
			}
			if testing.Verbose() {
				t.Log(out.Text)
			}
			if out.Call.ID != 0 || !strings.Contains(out.Text, "say") {
				t.Errorf("call id %d (want 0: not logged), text %q", out.Call.ID, out.Text)
			}
		})
	}
	t.Run("nothing logged, nobody's presence changed", func(t *testing.T) {
		o := orgOf(t, e)
		calls, _, err := e.st.Calls(context.Background(), o, 10, "")
		if err != nil || len(calls) != 0 {
			t.Fatalf("call log has %d calls (%v), want none", len(calls), err)
		}
		agents, err := e.st.Presence(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range agents {
			if a.Status == "online" {
				t.Errorf("user %d is online after a console run", a.UserID)
			}
		}
	})
}

func TestConsoleWithheldCaller(t *testing.T) {
	_, admin, path, users := consoleEnv(t)
	res := admin.do(http.MethodPost, path, map[string]any{"at": "2026-11-23T10:30", "keys": []string{"1"},
		"agents": []map[string]any{{"user_id": users["alice"], "status": "online", "answer": "answer"}}})
	wantStatus(t, res, http.StatusOK)
	var out api.RoutingTestResult
	res.decode(t, &out)
	if out.Call.From != "Anonymous" || out.Outcome != "answered" {
		t.Fatalf("from %q outcome %q, want Anonymous answered\n%s", out.Call.From, out.Outcome, out.Text)
	}
}

func TestConsoleBadInput(t *testing.T) {
	_, admin, path, users := consoleEnv(t)
	tests := []struct {
		name  string
		req   map[string]any
		field string
	}{
		{"impossible caller number", map[string]any{"from": "12"}, "from"},
		{"bad time", map[string]any{"at": "tomorrow"}, "at"},
		{"bad key", map[string]any{"keys": []string{"1", "x"}}, "keys[1]"},
		{"unknown user", map[string]any{"agents": []map[string]any{{"user_id": 999999, "status": "online"}}}, "agents[0].user_id"},
		{"user twice", map[string]any{"agents": []map[string]any{{"user_id": users["bob"], "status": "online"},
			{"user_id": users["bob"], "status": "offline"}}}, "agents[1].user_id"},
		{"bad status", map[string]any{"agents": []map[string]any{{"user_id": users["bob"], "status": "away"}}}, "agents[0].status"},
		{"bad answer", map[string]any{"agents": []map[string]any{{"user_id": users["bob"], "status": "online", "answer": "maybe"}}}, "agents[0].answer"},
		{"negative hang-up", map[string]any{"hangup_after_seconds": -1}, "hangup_after_seconds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := admin.do(http.MethodPost, path, tc.req)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if _, _, fields := res.errorBody(t); fields[tc.field] == "" {
				t.Errorf("no error on %s: %s", tc.field, res.body)
			}
		})
	}
	t.Run("a draft that cannot be published", func(t *testing.T) {
		base := strings.TrimSuffix(path, "/test")
		wantStatus(t, admin.do(http.MethodPut, base, directGroup("sequential")(users)), http.StatusOK)
		res := admin.do(http.MethodPost, path, map[string]any{})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if _, msg, fields := res.errorBody(t); !strings.Contains(msg, "cannot be tested") || fields["group.users"] == "" {
			t.Errorf("message %q fields %v", msg, fields)
		}
	})
}

func ptrVal(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func orgOf(t *testing.T, e *env) org.ID {
	t.Helper()
	o, err := e.st.OrgBySlug(context.Background(), demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

// TestConsolePlaysUploadedAudio: a draft whose messages are uploaded files
// plays them in the console at URLs the main server signs and serves.
func TestConsolePlaysUploadedAudio(t *testing.T) {
	e, admin, path, users := consoleEnv(t)
	res := admin.upload("Welcome", "audio/mpeg", mp3)
	wantStatus(t, res, http.StatusCreated)
	var f audioJSON
	res.decode(t, &f)
	wantStatus(t, admin.do(http.MethodPut, strings.TrimSuffix(path, "/test"), audioRouting(f.ID, users["alice"])), http.StatusOK)
	res = admin.do(http.MethodPost, path, map[string]any{"at": "2026-11-23T10:30"})
	wantStatus(t, res, http.StatusOK)
	var out api.RoutingTestResult
	res.decode(t, &out)
	var played []string
	for _, s := range out.Steps {
		if s.Kind == "play" {
			played = append(played, s.URL)
		}
	}
	if len(played) == 0 || !strings.HasPrefix(played[0], e.url+"/media/audio/"+f.ID+"?exp=") {
		t.Fatalf("played %q, want the uploaded file from the main server\n%s", played, out.Text)
	}
	if got := fetch(t, played[0]); got.status != http.StatusOK {
		t.Fatalf("fetching the console's audio URL: %d", got.status)
	}
}
