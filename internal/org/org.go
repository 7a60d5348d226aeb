// Package org holds tenants, their settings and their users (R-ORG).
package org

import (
	"net/mail"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
)

// ID identifies an org. Every record belongs to exactly one org.
type ID int64

// Org is a tenant.
type Org struct {
	ID        ID
	Slug      string
	Name      string
	Settings  Settings
	CreatedAt time.Time
}

// Settings are an org's telephony and CRM settings (R-ORG-5).
type Settings struct {
	// DefaultCountry is the ISO 3166 alpha-2 region used to parse numbers
	// typed without a country code.
	DefaultCountry string
	// TimeZone is an IANA zone name, e.g. "Europe/Paris".
	TimeZone string
	// AutoCreateContacts creates a contact for calls and texts from unknown
	// numbers.
	AutoCreateContacts bool
	// RecordingAnnouncement is spoken before a recorded call; empty = none.
	RecordingAnnouncement string
	// RecordingRetentionDays is how long recordings are kept; 0 = forever.
	RecordingRetentionDays int
	// CallerIDMode is "shared" (several users may call out from one
	// number) or "unique" (one number per user) (R-NUM-6).
	CallerIDMode string
	// BusinessHours are the org's default hours and holidays, in TimeZone.
	// A number's routing uses them unless it sets its own (R-IN-16,
	// decision 0020).
	BusinessHours BusinessHours
}

// DefaultSettings are the settings of a new org.
func DefaultSettings() Settings {
	return Settings{DefaultCountry: "US", TimeZone: "UTC", AutoCreateContacts: true, CallerIDMode: "shared",
		BusinessHours:         BusinessHours{AlwaysOpen: true},
		RecordingAnnouncement: "This call may be recorded for quality and training purposes."}
}

// MaxRetentionDays bounds RecordingRetentionDays (ten years).
const MaxRetentionDays = 3650

// Validate normalises s and reports every broken rule by field name.
func (s *Settings) Validate() error {
	f := problem.Fields{}
	s.DefaultCountry = strings.ToUpper(strings.TrimSpace(s.DefaultCountry))
	if !phone.ValidRegion(s.DefaultCountry) {
		f.Add("default_country", "must be an ISO 3166 two-letter country code with a telephone country code, e.g. US or FR")
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "" || strings.EqualFold(s.TimeZone, "local") {
		f.Add("time_zone", "must be an IANA time zone name, e.g. Europe/Paris")
	}
	if len(s.RecordingAnnouncement) > 1000 {
		f.Add("recording_announcement", "must be at most 1000 characters")
	}
	if s.CallerIDMode != "shared" && s.CallerIDMode != "unique" {
		f.Add("caller_id_mode", "must be shared or unique")
	}
	if s.RecordingRetentionDays < 0 || s.RecordingRetentionDays > MaxRetentionDays {
		f.Add("recording_retention_days", "must be between 0 (keep forever) and 3650")
	}
	s.BusinessHours.Check(f, "business_hours", true)
	return f.Err()
}

// ValidSlug reports whether s can name an org on the command line.
func ValidSlug(s string) bool {
	if len(s) < 2 || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// NormalizeEmail trims and lower-cases an address and checks its form.
func NormalizeEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.IndexByte(s, '@'):], ".") {
		return s, false
	}
	return s, true
}
