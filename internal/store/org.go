package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

const orgColumns = `id, slug, name, default_country, time_zone, auto_create_contacts,
  recording_announcement, recording_retention_days, caller_id_mode, business_hours, created_at`

func scanOrg(row interface{ Scan(...any) error }) (org.Org, error) {
	var o org.Org
	var hours string
	s := &o.Settings
	err := row.Scan(&o.ID, &o.Slug, &o.Name, &s.DefaultCountry, &s.TimeZone, &s.AutoCreateContacts,
		&s.RecordingAnnouncement, &s.RecordingRetentionDays, &s.CallerIDMode, &hours, &o.CreatedAt)
	if err == nil {
		err = json.Unmarshal([]byte(hours), &s.BusinessHours)
	}
	return o, err
}

// hoursJSON encodes business hours for their column.
func hoursJSON(h org.BusinessHours) (string, error) {
	b, err := json.Marshal(h)
	if err != nil {
		return "", internal("encode business hours", err)
	}
	return string(b), nil
}

// CreateOrg creates an org; a taken slug is a conflict.
func (s *Store) CreateOrg(ctx context.Context, o org.Org) (org.Org, error) {
	o.CreatedAt = s.stamp()
	st := o.Settings
	hours, err := hoursJSON(st.BusinessHours)
	if err != nil {
		return org.Org{}, err
	}
	err = s.tx(ctx, func(tx querier) error {
		id, err := insertID(ctx, tx, `INSERT INTO orgs (slug, name, default_country, time_zone, auto_create_contacts,
		  recording_announcement, recording_retention_days, caller_id_mode, business_hours, created_at)
		  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			o.Slug, o.Name, st.DefaultCountry, st.TimeZone, st.AutoCreateContacts, st.RecordingAnnouncement,
			st.RecordingRetentionDays, st.CallerIDMode, hours, o.CreatedAt)
		if isUnique(err) {
			return &problem.Error{Kind: problem.Conflict, Message: "an org with this slug exists", Fields: map[string]string{"slug": "is taken"}}
		}
		if err != nil {
			return internal("create org", err)
		}
		o.ID = org.ID(id)
		// Born with its recurring jobs, so a server already running sweeps
		// its calls (decision 0029).
		return s.insertOrgJobs(ctx, tx, o.ID)
	})
	if err != nil {
		return org.Org{}, err
	}
	return o, nil
}

// Org returns the org with id.
func (s *Store) Org(ctx context.Context, id org.ID) (org.Org, error) {
	o, err := scanOrg(s.q.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM orgs WHERE id = $1`, id))
	if isNoRows(err) {
		return org.Org{}, notFound("org")
	}
	return o, internal("org", err)
}

// OrgBySlug returns the org named slug.
func (s *Store) OrgBySlug(ctx context.Context, slug string) (org.Org, error) {
	o, err := scanOrg(s.q.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM orgs WHERE slug = $1`, slug))
	if isNoRows(err) {
		return org.Org{}, notFound("org")
	}
	return o, internal("org by slug", err)
}

// UpdateOrgSettings replaces an org's settings (already validated). The
// unique caller-ID mode is refused while a number is shared, naming it.
func (s *Store) UpdateOrgSettings(ctx context.Context, orgID org.ID, name string, st org.Settings) error {
	defer s.forget() // after the commit (cache.go)
	hours, err := hoursJSON(st.BusinessHours)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx querier) error {
		if e164, shared := sharedCallerID(ctx, tx, orgID); shared && st.CallerIDMode == "unique" {
			return &problem.Error{Kind: problem.Conflict, Fields: map[string]string{"caller_id_mode": e164 + " is shared"},
				Message: e164 + " is the caller ID of several users; give each their own number before choosing unique numbers"}
		}
		res, err := tx.ExecContext(ctx, `UPDATE orgs SET name = $2, default_country = $3, time_zone = $4,
		  auto_create_contacts = $5, recording_announcement = $6, recording_retention_days = $7, caller_id_mode = $8,
		  business_hours = $9 WHERE id = $1`,
			orgID, name, st.DefaultCountry, st.TimeZone, st.AutoCreateContacts, st.RecordingAnnouncement, st.RecordingRetentionDays,
			st.CallerIDMode, hours)
		return affected(res, err, "org")
	})
}

// affected turns an UPDATE/DELETE result into not found when no row matched.
func affected(res sql.Result, err error, what string) error {
	if err != nil {
		return internal("update "+what, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return notFound(what)
	}
	return nil
}
