package server_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// TestOrgBusinessHoursAPI: PATCH /api/v1/org validates the org's business
// hours like a number's (R-ORG-5, R-IN-16), names the broken field and
// changes nothing; good hours are stored, trimmed.
func TestOrgBusinessHoursAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	monday := func(from, to string) map[string]any {
		return map[string]any{"always_open": false, "weekly": map[string]any{"monday": []map[string]string{{"from": from, "to": to}}}}
	}
	bad := []struct {
		name  string
		body  map[string]any
		field string
		rule  string
	}{
		{"range backwards", map[string]any{"business_hours": monday("17:00", "09:00")},
			"business_hours.weekly.monday[0]", "from must be before to (split a range that crosses midnight over two days)"},
		{"not a time", map[string]any{"business_hours": monday("9am", "17:00")},
			"business_hours.weekly.monday[0].from", "must be a time HH:MM between 00:00 and 23:59"},
		{"never open", map[string]any{"business_hours": map[string]any{"always_open": false, "weekly": map[string]any{}}},
			"business_hours.weekly", "add opening hours for at least one day, or set always_open"},
		{"holiday not a date", map[string]any{"business_hours": map[string]any{"always_open": true, "weekly": map[string]any{},
			"holidays": []map[string]string{{"date": "25/12/2026", "name": "Christmas"}}}},
			"business_hours.holidays[0].date", "must be a date YYYY-MM-DD"},
		{"good time zone, bad hours: neither is stored", map[string]any{"time_zone": "Europe/Paris",
			"business_hours": monday("12:00", "12:00")},
			"business_hours.weekly.monday[0]", "from must be before to (split a range that crosses midnight over two days)"},
	}
	before := admin.do(http.MethodGet, "/api/v1/org", nil).body
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			res := admin.do(http.MethodPatch, "/api/v1/org", tt.body)
			wantStatus(t, res, http.StatusUnprocessableEntity) // the house status for invalid fields
			if _, _, fields := res.errorBody(t); fields[tt.field] != tt.rule {
				t.Errorf("fields = %v, want %s: %s", fields, tt.field, tt.rule)
			}
			if after := admin.do(http.MethodGet, "/api/v1/org", nil).body; string(after) != string(before) {
				t.Fatalf("org changed by a refused request:\n%s\n%s", before, after)
			}
		})
	}
	t.Run("good hours are stored, trimmed", func(t *testing.T) {
		res := admin.do(http.MethodPatch, "/api/v1/org", map[string]any{"business_hours": map[string]any{"always_open": false,
			"weekly":   map[string]any{"monday": []map[string]string{{"from": " 09:00", "to": "12:00"}, {"from": "13:00", "to": "17:30"}}},
			"holidays": []map[string]string{{"date": "2026-12-24", "end_date": "2026-12-26", "name": " Christmas "}}}})
		wantStatus(t, res, http.StatusOK)
		want := org.BusinessHours{Weekly: org.Week{Monday: []org.TimeRange{{From: "09:00", To: "12:00"}, {From: "13:00", To: "17:30"}}},
			Holidays: []org.Holiday{{Date: "2026-12-24", EndDate: "2026-12-26", Name: "Christmas"}}}
		for _, r := range []response{res, admin.do(http.MethodGet, "/api/v1/org", nil)} {
			var got api.OrgBody
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got.BusinessHours); diff != "" {
				t.Errorf("business hours mismatch (-want +got):\n%s", diff)
			}
			if got.TimeZone != "UTC" {
				t.Errorf("time zone %q changed by a PATCH of the hours only", got.TimeZone)
			}
		}
	})
}

// TestInboundFollowsOrgHours drives real calls through the sandbox: a
// number whose routing follows the org's business hours is closed when the
// org is (R-IN-16, decision 0020); custom hours override them. The virtual
// clock starts Monday 2026-11-23 10:00 UTC; the demo org is on UTC.
func TestInboundFollowsOrgHours(t *testing.T) {
	t.Parallel()
	afternoon := map[string]any{"always_open": false, "weekly": map[string]any{"monday": []map[string]string{{"from": "14:00", "to": "18:00"}}}}
	morning := map[string]any{"always_open": false, "weekly": map[string]any{"monday": []map[string]string{{"from": "09:00", "to": "12:00"}}}}
	holiday := map[string]any{"always_open": true, "weekly": map[string]any{},
		"holidays": []map[string]string{{"date": "2026-11-23", "name": "Founders' day"}}}
	tests := []struct {
		name       string
		numberHrs  map[string]any
		orgHours   map[string]any
		answered   bool
		wantHeard  []string
		wantStatus string
	}{
		{"org closed today, number follows the org: unavailable", map[string]any{"use_org": true}, afternoon,
			false, []string{"Nobody can take your call."}, call.Missed},
		{"org holiday today, number follows the org: unavailable", map[string]any{"use_org": true}, holiday,
			false, []string{"Nobody can take your call."}, call.Missed},
		{"org open, number follows the org: answered", map[string]any{"use_org": true}, morning,
			true, []string{"Welcome to Demo Company."}, call.Answered},
		{"custom hours override the org's closed hours", map[string]any{"use_org": false, "always_open": true}, afternoon,
			true, []string{"Welcome to Demo Company."}, call.Answered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newScenario(t, func(u map[string]int64) map[string]any {
				r := directGroup("simultaneous", u["alice"])(u)
				r["hours"] = tt.numberHrs
				return r
			}, []string{"alice"}, map[string]string{"alice": "answer@1s,hangup@5s"})
			admin := s.e.signIn(demo.Users[0].Email)
			wantStatus(t, admin.do(http.MethodPatch, "/api/v1/org", map[string]any{"business_hours": tt.orgHours}), http.StatusOK)
			tr, c, legs := s.call(t, sandbox.CallScript{})
			if c.Outcome != tt.wantStatus || (len(legs) > 0) != tt.answered || !slices.Equal(heard(tr)[:len(tt.wantHeard)], tt.wantHeard) {
				t.Fatalf("outcome %s, legs %d, heard %q; want %s, heard %q\n%s", c.Outcome, len(legs), heard(tr),
					tt.wantStatus, tt.wantHeard, tr.Text())
			}
		})
	}
}

// TestConsoleFollowsOrgHours: the IVR test console's private world carries
// the org's business hours, so a draft that follows them is closed when
// the org is (R-SIM-4).
func TestConsoleFollowsOrgHours(t *testing.T) {
	_, admin, path, _ := consoleEnv(t)
	base := path[:len(path)-len("/test")]
	var draft api.RoutingBody
	admin.do(http.MethodGet, base, nil).decode(t, &draft)
	draft.Draft.Hours.UseOrg = true
	wantStatus(t, admin.do(http.MethodPut, base, draft.Draft), http.StatusOK)
	// The org opens on Sunday mornings only; the draft's own hours (weekdays) are unused.
	wantStatus(t, admin.do(http.MethodPatch, "/api/v1/org", map[string]any{"business_hours": map[string]any{"always_open": false,
		"weekly": map[string]any{"sunday": []map[string]string{{"from": "09:00", "to": "12:00"}}}}}), http.StatusOK)
	tests := []struct {
		name, at string
		menu     bool // the caller hears the menu, so the number is open
	}{
		{"Sunday morning: the org is open", "2026-11-22T10:30", true},
		{"Monday morning: the org is closed", "2026-11-23T10:30", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := admin.do(http.MethodPost, path, map[string]any{"from": "+15005550006", "at": tc.at, "keys": []string{}})
			wantStatus(t, res, http.StatusOK)
			var out api.RoutingTestResult
			res.decode(t, &out)
			var heard []string
			for _, s := range out.Steps {
				if s.Kind == "say" {
					heard = append(heard, s.Text)
				}
			}
			if slices.Contains(heard, "Press 1 for Sales.") != tc.menu || !slices.Contains(heard, "Nobody can take your call.") {
				t.Fatalf("heard %q, want the menu %v, then the unavailable message\n%s", heard, tc.menu, out.Text)
			}
		})
	}
}
