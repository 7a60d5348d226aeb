package api

import (
	"net/http"
	"strings"

	"github.com/switchboard/switchboard/internal/org"
)

// OrgBody is the org and its settings (R-ORG-5).
type OrgBody struct {
	ID                     int64  `json:"id"`
	Slug                   string `json:"slug"`
	Name                   string `json:"name"`
	DefaultCountry         string `json:"default_country"`
	TimeZone               string `json:"time_zone"`
	AutoCreateContacts     bool   `json:"auto_create_contacts"`
	RecordingAnnouncement  string `json:"recording_announcement"`
	RecordingRetentionDays int    `json:"recording_retention_days"`
	CallerIDMode           string `json:"caller_id_mode" enum:"shared,unique"`
	// BusinessHours are the org's default hours and holidays, in
	// time_zone; numbers whose routing has hours.use_org follow them.
	BusinessHours org.BusinessHours `json:"business_hours"`
}

func orgBody(o org.Org) OrgBody {
	s := o.Settings
	return OrgBody{ID: int64(o.ID), Slug: o.Slug, Name: o.Name, DefaultCountry: s.DefaultCountry, TimeZone: s.TimeZone,
		AutoCreateContacts: s.AutoCreateContacts, RecordingAnnouncement: s.RecordingAnnouncement,
		RecordingRetentionDays: s.RecordingRetentionDays, CallerIDMode: s.CallerIDMode, BusinessHours: s.BusinessHours}
}

// OrgRequest changes the org's name and settings; absent fields are
// unchanged.
type OrgRequest struct {
	Name                   *string `json:"name,omitempty"`
	DefaultCountry         *string `json:"default_country,omitempty"`
	TimeZone               *string `json:"time_zone,omitempty"`
	AutoCreateContacts     *bool   `json:"auto_create_contacts,omitempty"`
	RecordingAnnouncement  *string `json:"recording_announcement,omitempty"`
	RecordingRetentionDays *int    `json:"recording_retention_days,omitempty"`
	CallerIDMode           *string `json:"caller_id_mode,omitempty" enum:"shared,unique"`
	// BusinessHours replaces the org's business hours and holidays whole.
	BusinessHours *org.BusinessHours `json:"business_hours,omitempty"`
}

// GetOrg returns the caller's org and its settings.
func (a *API) GetOrg(w http.ResponseWriter, r *http.Request) error {
	o, err := a.Store.Org(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, orgBody(o))
}

// UpdateOrg changes the org's settings (admins only).
func (a *API) UpdateOrg(w http.ResponseWriter, r *http.Request) error {
	var in OrgRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	o, err := a.Store.Org(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	apply(&o.Name, in.Name)
	s := &o.Settings
	apply(&s.DefaultCountry, in.DefaultCountry)
	apply(&s.TimeZone, in.TimeZone)
	apply(&s.AutoCreateContacts, in.AutoCreateContacts)
	apply(&s.RecordingAnnouncement, in.RecordingAnnouncement)
	apply(&s.RecordingRetentionDays, in.RecordingRetentionDays)
	apply(&s.CallerIDMode, in.CallerIDMode)
	apply(&s.BusinessHours, in.BusinessHours)
	o.Name = strings.TrimSpace(o.Name)
	verr := s.Validate()
	if o.Name == "" || len(o.Name) > 200 {
		verr = mergeField(verr, "name", "is required, at most 200 characters")
	}
	if verr != nil {
		return verr
	}
	if err := a.Store.UpdateOrgSettings(r.Context(), o.ID, o.Name, *s); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, orgBody(o))
}

func apply[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
