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
