package routing

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/switchboard/switchboard/internal/org"
)

// TestStartHours: a number follows the org's business hours and holidays
// or its own (R-IN-16, R-ORG-5, decision 0020); closed, the caller takes
// the unavailable path. noon is Monday 2026-11-23 12:00 UTC.
func TestStartHours(t *testing.T) {
	t.Parallel()
	morning := org.BusinessHours{Weekly: org.Week{Monday: []org.TimeRange{{From: "09:00", To: "11:00"}}}}
	office := org.BusinessHours{Weekly: org.Week{Monday: []org.TimeRange{{From: "09:00", To: "17:00"}}}}
	today := []org.Holiday{{Date: "2026-11-23", Name: "Founders' day"}}
	week := []org.Holiday{{Date: "2026-11-20", EndDate: "2026-11-27", Name: "Retreat"}}
	own := func(h org.BusinessHours) Hours {
		return Hours{AlwaysOpen: h.AlwaysOpen, Weekly: h.Weekly, Holidays: h.Holidays}
	}
	withHolidays := func(h org.BusinessHours, hs []org.Holiday) org.BusinessHours { h.Holidays = hs; return h }
	ringing := Step{Kind: StepRing, Say: []Message{text("Welcome.")}, Ring: []org.UserID{1}, RingSeconds: 30}
	closed := Step{Kind: StepHangup, Say: []Message{text("Unavailable.")}}
	tests := []struct {
		name     string
		hours    Hours
		orgHours org.BusinessHours
		tz       string
		online   bool
		want     Step
	}{
		{"org open, number follows the org: rings", Hours{UseOrg: true}, office, "UTC", true, ringing},
		{"org closed, number follows the org: unavailable", Hours{UseOrg: true}, morning, "UTC", true, closed},
		{"org closed in its own zone: 21:00 in Tokyo", Hours{UseOrg: true}, office, "Asia/Tokyo", true, closed},
		{"org open in its own zone: 13:00 in Paris", Hours{UseOrg: true}, office, "Europe/Paris", true, ringing},
		{"org holiday today, number follows the org: unavailable", Hours{UseOrg: true},
			withHolidays(org.BusinessHours{AlwaysOpen: true}, today), "UTC", true, closed},
		{"org holiday week, number follows the org: unavailable", Hours{UseOrg: true}, withHolidays(office, week), "UTC", true, closed},
		{"org hours never set (zero) are never open", Hours{UseOrg: true}, org.BusinessHours{}, "UTC", true, closed},
		{"number's custom hours override the org's closed hours", own(office), morning, "UTC", true, ringing},
		{"number's custom hours closed although the org is open", own(morning), office, "UTC", true, closed},
		{"org holidays do not close a number with custom hours", own(org.BusinessHours{AlwaysOpen: true}),
			withHolidays(office, today), "UTC", true, ringing},
		{"number's own holiday closes it although the org is open", own(withHolidays(org.BusinessHours{AlwaysOpen: true}, today)),
			office, "UTC", true, closed},
		{"own hours kept unused while following the org", Hours{UseOrg: true, Weekly: morning.Weekly}, office, "UTC", true, ringing},
		{"offline number within the org's hours: unavailable", Hours{UseOrg: true}, office, "UTC", false, closed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := direct(RingSimultaneous, 1)
			c.Hours, c.Online = tt.hours, tt.online
			e := env()
			e.OrgHours = tt.orgHours
			var err error
			if e.TZ, err = time.LoadLocation(tt.tz); err != nil {
				t.Fatal(err)
			}
			got, st := Next(c, State{}, started, e)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Next mismatch (-want +got):\n%s", diff)
			}
			if tt.want.Kind == StepHangup && st.Outcome != "unavailable" {
				t.Errorf("outcome = %q, want unavailable", st.Outcome)
			}
		})
	}
}

func TestHoursEffective(t *testing.T) {
	t.Parallel()
	orgHours := org.BusinessHours{Weekly: org.Week{Friday: []org.TimeRange{{From: "08:00", To: "12:00"}}}}
	ownWeek := org.Week{Monday: []org.TimeRange{{From: "10:00", To: "11:00"}}}
	tests := []struct {
		name string
		h    Hours
		want org.BusinessHours
	}{
		{"follows the org", Hours{UseOrg: true, Weekly: ownWeek}, orgHours},
		{"custom", Hours{Weekly: ownWeek}, org.BusinessHours{Weekly: ownWeek}},
		{"custom always open", Hours{AlwaysOpen: true}, org.BusinessHours{AlwaysOpen: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, tt.h.Effective(orgHours)); diff != "" {
				t.Errorf("Effective mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHoursSavedBeforeUseOrg: a configuration stored before the switch
// existed has no use_org and keeps its own hours (decision 0020).
func TestHoursSavedBeforeUseOrg(t *testing.T) {
	t.Parallel()
	var c Config
	if err := json.Unmarshal([]byte(`{"online":true,"mode":"direct","hours":{"always_open":false,"weekly":{"monday":[{"from":"09:00","to":"11:00"}]}}}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.Hours.UseOrg {
		t.Fatal("a stored configuration without use_org follows the org's hours; want its own")
	}
	if Default().Hours.UseOrg != true {
		t.Fatal("a new configuration does not follow the org's hours")
	}
}
