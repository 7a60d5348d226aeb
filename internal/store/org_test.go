package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchboard/switchboard/internal/org"
)

// TestOrgBusinessHours: the org's business hours and holidays are stored
// with its settings, per org (R-ORG-5, R-ORG-6).
func TestOrgBusinessHours(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	other := f.withOrg(t, "other")
	office := org.BusinessHours{Weekly: org.Week{
		Monday: []org.TimeRange{{From: "09:00", To: "12:30"}, {From: "13:30", To: "18:00"}},
		Friday: []org.TimeRange{{From: "09:00", To: "16:00"}},
	}, Holidays: []org.Holiday{{Date: "2026-12-24", EndDate: "2026-12-26", Name: "Christmas"}}}
	tests := []struct {
		name  string
		hours org.BusinessHours
	}{
		{"weekly hours and a holiday range", office},
		{"always open with a holiday", org.BusinessHours{AlwaysOpen: true, Holidays: []org.Holiday{{Date: "2027-01-01", Name: "New Year"}}}},
		{"back to always open", org.BusinessHours{AlwaysOpen: true, Weekly: org.Week{}}},
	}
	for _, tt := range tests {
		st := f.org.Settings
		st.BusinessHours = tt.hours
		if err := f.s.UpdateOrgSettings(ctx, f.org.ID, f.org.Name, st); err != nil {
			t.Fatalf("%s: UpdateOrgSettings: %v", tt.name, err)
		}
		got, err := f.s.Org(ctx, f.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.hours, got.Settings.BusinessHours); diff != "" {
			t.Errorf("%s: business hours mismatch (-want +got):\n%s", tt.name, diff)
		}
		untouched, err := f.s.Org(ctx, other.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(org.DefaultSettings().BusinessHours, untouched.Settings.BusinessHours); diff != "" {
			t.Errorf("%s: the other org's hours changed (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestCreateOrgBusinessHours: an org created with hours (the IVR test
// console's private copy) has them.
func TestCreateOrgBusinessHours(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := org.DefaultSettings()
	st.BusinessHours = org.BusinessHours{Weekly: org.Week{Sunday: []org.TimeRange{{From: "10:00", To: "14:00"}}}}
	o, err := f.s.CreateOrg(context.Background(), org.Org{Slug: "copy", Name: "Copy", Settings: st})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.OrgBySlug(context.Background(), o.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st.BusinessHours, got.Settings.BusinessHours); diff != "" {
		t.Errorf("business hours mismatch (-want +got):\n%s", diff)
	}
}
