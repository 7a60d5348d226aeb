package org

import (
	"testing"
	"time"
	_ "time/tzdata" // the DST tests must not depend on the machine's zoneinfo

	"github.com/google/go-cmp/cmp"

	"github.com/switchboard/switchboard/internal/problem"
)

// utc parses an RFC 3339 instant.
func utc(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// zone loads an IANA zone.
func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestOpen(t *testing.T) {
	t.Parallel()
	office := BusinessHours{Weekly: Week{
		Monday: []TimeRange{{"09:00", "12:00"}, {"14:00", "18:00"}}, Tuesday: []TimeRange{{"09:00", "18:00"}},
		Wednesday: []TimeRange{{"09:00", "18:00"}}, Thursday: []TimeRange{{"09:00", "18:00"}},
		Friday: []TimeRange{{"09:00", "17:00"}}, Saturday: []TimeRange{{"20:00", "24:00"}},
		// The spring-forward and fall-back Sundays in both zones have their
		// changes between 01:00 and 04:00 local time.
		Sunday: []TimeRange{{"02:00", "03:00"}},
	}, Holidays: []Holiday{
		{Date: "2026-12-25", Name: "Christmas"},
		{Date: "2026-08-03", EndDate: "2026-08-07", Name: "Summer week"},
	}}
	tests := []struct {
		name string
		zone string
		at   string
		want bool
	}{
		// Paris: CET is UTC+1 in winter, CEST UTC+2 in summer.
		{"Monday morning", "Europe/Paris", "2026-03-02T09:30:00Z", true},
		{"from is inclusive", "Europe/Paris", "2026-03-02T08:00:00Z", true},
		{"a minute before opening", "Europe/Paris", "2026-03-02T07:59:59Z", false},
		{"to is exclusive", "Europe/Paris", "2026-03-02T11:00:00Z", false},
		{"lunch break", "Europe/Paris", "2026-03-02T12:30:00Z", false},
		{"Monday afternoon", "Europe/Paris", "2026-03-02T13:00:00Z", true},
		{"Friday 08:30 CET, before the change", "Europe/Paris", "2026-03-27T07:30:00Z", false},
		{"Monday 09:30 CEST, after the change: same UTC time, now open", "Europe/Paris", "2026-03-30T07:30:00Z", true},
		{"spring forward: 01:59 CET is before the skipped hour", "Europe/Paris", "2026-03-29T00:59:00Z", false},
		{"spring forward: 03:00 CEST, the skipped hour never opens", "Europe/Paris", "2026-03-29T01:00:00Z", false},
		{"fall back: 02:30 CEST, first pass", "Europe/Paris", "2026-10-25T00:30:00Z", true},
		{"fall back: 02:30 CET, second pass", "Europe/Paris", "2026-10-25T01:30:00Z", true},
		{"fall back: 03:00 CET closes", "Europe/Paris", "2026-10-25T02:00:00Z", false},
		{"Saturday until midnight", "Europe/Paris", "2026-03-07T22:59:00Z", true},
		{"Sunday 00:00 is another day", "Europe/Paris", "2026-03-07T23:00:00Z", false},
		{"holiday closes all day", "Europe/Paris", "2026-12-25T09:00:00Z", false},
		{"the day after the holiday", "Europe/Paris", "2026-12-26T19:30:00Z", true},
		{"holiday range first day", "Europe/Paris", "2026-08-03T08:00:00Z", false},
		{"holiday range last day", "Europe/Paris", "2026-08-07T08:00:00Z", false},
		{"after the holiday range", "Europe/Paris", "2026-08-10T08:00:00Z", true},
		// New York: EST is UTC−5, EDT UTC−4.
		{"NY Friday 09:30 EST", "America/New_York", "2026-03-06T14:30:00Z", true},
		{"NY Friday 08:30 EST", "America/New_York", "2026-03-06T13:30:00Z", false},
		{"NY Monday 09:30 EDT after the change", "America/New_York", "2026-03-09T13:30:00Z", true},
		{"NY spring forward: 01:59 EST", "America/New_York", "2026-03-08T06:59:00Z", false},
		{"NY spring forward: 03:00 EDT, the skipped hour never opens", "America/New_York", "2026-03-08T07:00:00Z", false},
		{"NY fall back: 01:30 EDT", "America/New_York", "2026-11-01T05:30:00Z", false},
		{"NY fall back: 02:30 EST, after the repeated hour", "America/New_York", "2026-11-01T07:30:00Z", true},
		{"NY fall back: 03:00 EST closes", "America/New_York", "2026-11-01T08:00:00Z", false},
		{"NY Christmas", "America/New_York", "2026-12-25T15:00:00Z", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := office.Open(utc(t, tt.at), zone(t, tt.zone)); got != tt.want {
				t.Errorf("Open(%s in %s) = %v, want %v", tt.at, tt.zone, got, tt.want)
			}
		})
	}
}

func TestOpenRepeatedHour(t *testing.T) {
	t.Parallel()
	// 01:00–02:00 New York wall time happens twice on 2026-11-01; both are
	// open. 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST.
	h := BusinessHours{Weekly: Week{Sunday: []TimeRange{{"01:00", "02:00"}}}}
	ny := zone(t, "America/New_York")
	for at, want := range map[string]bool{
		"2026-11-01T04:59:00Z": false, "2026-11-01T05:30:00Z": true, "2026-11-01T06:30:00Z": true, "2026-11-01T07:00:00Z": false,
	} {
		if got := h.Open(utc(t, at), ny); got != want {
			t.Errorf("Open(%s) = %v, want %v", at, got, want)
		}
	}
	// Paris's spring-forward day: 01:00–04:00 is two hours long.
	h = BusinessHours{Weekly: Week{Sunday: []TimeRange{{"01:00", "04:00"}}}}
	paris := zone(t, "Europe/Paris")
	for at, want := range map[string]bool{
		"2026-03-28T23:59:00Z": false, "2026-03-29T00:00:00Z": true, "2026-03-29T01:59:00Z": true, "2026-03-29T02:00:00Z": false,
	} {
		if got := h.Open(utc(t, at), paris); got != want {
			t.Errorf("Open(%s) = %v, want %v", at, got, want)
		}
	}
}

func TestOpenHolidayLocalDate(t *testing.T) {
	t.Parallel()
	h := BusinessHours{AlwaysOpen: true, Holidays: []Holiday{{Date: "2026-12-25", Name: "Christmas"}}}
	tests := []struct {
		name, zone, at string
		want           bool
	}{
		{"Paris: 00:30 on the 25th", "Europe/Paris", "2026-12-24T23:30:00Z", false},
		{"Paris: 23:59 on the 25th", "Europe/Paris", "2026-12-25T22:59:00Z", false},
		{"Paris: 00:00 on the 26th", "Europe/Paris", "2026-12-25T23:00:00Z", true},
		{"New York: 20:00 on the 24th", "America/New_York", "2026-12-25T01:00:00Z", true},
		{"New York: 00:00 on the 25th", "America/New_York", "2026-12-25T05:00:00Z", false},
		{"New York: 23:00 on the 25th", "America/New_York", "2026-12-26T04:00:00Z", false},
		{"New York: 00:00 on the 26th", "America/New_York", "2026-12-26T05:00:00Z", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := h.Open(utc(t, tt.at), zone(t, tt.zone)); got != tt.want {
				t.Errorf("Open(%s in %s) = %v, want %v", tt.at, tt.zone, got, tt.want)
			}
		})
	}
}

func TestOpenEdges(t *testing.T) {
	t.Parallel()
	christmas := []Holiday{{Date: "2026-12-25", Name: "Christmas"}}
	at := time.Date(2026, 12, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		h    BusinessHours
		tz   *time.Location
		want bool
	}{
		{"always open", BusinessHours{AlwaysOpen: true}, time.UTC, true},
		{"always open closes on holidays", BusinessHours{AlwaysOpen: true, Holidays: christmas}, time.UTC, false},
		{"nil zone is UTC", BusinessHours{Weekly: Week{Friday: []TimeRange{{"12:00", "13:00"}}}}, nil, true},
		{"no hours", BusinessHours{}, time.UTC, false},
		{"unreadable ranges are ignored", BusinessHours{Weekly: Week{Friday: []TimeRange{{"noon", "13:00"}, {"11:00", "25:00"}}}}, time.UTC, false},
		{"unreadable holidays are ignored", BusinessHours{AlwaysOpen: true, Holidays: []Holiday{{Date: "25/12/2026"}, {Date: "2026-12-20", EndDate: "?"}}}, time.UTC, true},
		{"zone decides the day", BusinessHours{Weekly: Week{Saturday: []TimeRange{{"00:00", "24:00"}}}}, time.FixedZone("UTC+13", 13*3600), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.h.Open(at, tt.tz); got != tt.want {
				t.Errorf("Open() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		end  bool
		want int
		ok   bool
	}{
		{"00:00", false, 0, true}, {"09:05", false, 545, true}, {"23:59", false, 1439, true},
		{"24:00", true, 1440, true}, {"24:00", false, 0, false}, {"24:01", true, 0, false},
		{"12:60", false, 0, false}, {"9:00", false, 0, false}, {"09-00", false, 0, false}, {"+9:00", false, 0, false}, {"", true, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseClock(tt.in, tt.end)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseClock(%q, %v) = %d, %v, want %d, %v", tt.in, tt.end, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCheckTrims(t *testing.T) {
	t.Parallel()
	h := BusinessHours{Weekly: Week{Monday: []TimeRange{{From: " 09:00", To: "17:00 "}}},
		Holidays: []Holiday{{Date: " 2026-12-25 ", Name: " Christmas "}}}
	f := problem.Fields{}
	h.Check(f, "business_hours", true)
	if err := f.Err(); err != nil {
		t.Fatalf("Check() = %v", err)
	}
	want := BusinessHours{Weekly: Week{Monday: []TimeRange{{From: "09:00", To: "17:00"}}},
		Holidays: []Holiday{{Date: "2026-12-25", Name: "Christmas"}}}
	if diff := cmp.Diff(want, h); diff != "" {
		t.Errorf("Check mismatch (-want +got):\n%s", diff)
	}
}
