package org

import (
	"errors"
	"testing"

	"github.com/switchboard/switchboard/internal/problem"
)

func TestSettingsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  func(*Settings)
		field string
	}{
		{"defaults", func(*Settings) {}, ""},
		{"lower-case country is normalised", func(s *Settings) { s.DefaultCountry = "fr" }, ""},
		{"unknown country", func(s *Settings) { s.DefaultCountry = "XX" }, "default_country"},
		{"bad zone", func(s *Settings) { s.TimeZone = "Mars/Olympus" }, "time_zone"},
		{"Local is not a zone", func(s *Settings) { s.TimeZone = "Local" }, "time_zone"},
		{"retention", func(s *Settings) { s.RecordingRetentionDays = -1 }, "recording_retention_days"},
		{"caller id mode", func(s *Settings) { s.CallerIDMode = "random" }, "caller_id_mode"},
		{"business hours on weekdays", func(s *Settings) {
			s.BusinessHours = BusinessHours{Weekly: Week{Monday: []TimeRange{{From: "09:00", To: "17:00"}}}}
		}, ""},
		{"business hours never open", func(s *Settings) { s.BusinessHours = BusinessHours{} }, "business_hours.weekly"},
		{"business hours range backwards", func(s *Settings) {
			s.BusinessHours.Weekly.Monday = []TimeRange{{From: "17:00", To: "09:00"}}
		}, "business_hours.weekly.monday[0]"},
		{"business hours overlap", func(s *Settings) {
			s.BusinessHours.Weekly.Friday = []TimeRange{{From: "09:00", To: "12:00"}, {From: "11:00", To: "13:00"}}
		}, "business_hours.weekly.friday[1]"},
		{"business hours bad time", func(s *Settings) { s.BusinessHours.Weekly.Sunday = []TimeRange{{From: "9am", To: "12:00"}} },
			"business_hours.weekly.sunday[0].from"},
		{"holiday not a date", func(s *Settings) { s.BusinessHours.Holidays = []Holiday{{Date: "Christmas"}} },
			"business_hours.holidays[0].date"},
		{"holiday ends before it starts", func(s *Settings) {
			s.BusinessHours.Holidays = []Holiday{{Date: "2026-08-15", EndDate: "2026-08-01"}}
		}, "business_hours.holidays[0].end_date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := DefaultSettings()
			tt.edit(&s)
			err := s.Validate()
			if tt.field == "" && err != nil {
				t.Fatalf("Validate() = %v", err)
			}
			if tt.field != "" && (err == nil || !containsField(err, tt.field)) {
				t.Fatalf("Validate() = %v, want %s", err, tt.field)
			}
		})
	}
}

func containsField(err error, f string) bool {
	var p *problem.Error
	return errors.As(err, &p) && p.Fields[f] != ""
}

func TestNormalizeEmail(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{"a@b.co": true, " A@B.CO ": true, "a@b": false, "Ada <a@b.co>": false, "": false} {
		if _, ok := NormalizeEmail(in); ok != want {
			t.Errorf("NormalizeEmail(%q) ok = %v, want %v", in, ok, want)
		}
	}
}
