package store

import (
	"context"
	"encoding/json"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
)

// RoutingDraft returns a linked number's draft, or the default draft when
// none was saved.
func (s *Store) RoutingDraft(ctx context.Context, orgID org.ID, number provider.NumberID) (routing.Draft, error) {
	if err := s.linkedNumber(ctx, s.db, orgID, number); err != nil {
		return routing.Draft{}, err
	}
	var d routing.Draft
	var cfg string
	err := s.q.QueryRowContext(ctx, `SELECT config, updated_by, updated_at FROM routing_drafts
	  WHERE org_id = $1 AND number_id = $2`, orgID, number).Scan(&cfg, &d.UpdatedBy, &d.UpdatedAt)
	if isNoRows(err) {
		return routing.Draft{Config: routing.Default()}, nil
	}
	if err != nil {
		return d, internal("routing draft", err)
	}
	return d, unmarshalConfig(cfg, &d.Config)
}

func (s *Store) linkedNumber(ctx context.Context, q querier, orgID org.ID, number provider.NumberID) error {
	if !exists(ctx, q, `SELECT 1 FROM numbers WHERE org_id = $1 AND id = $2 AND unlinked_at IS NULL`, orgID, number) {
		return notFound("number")
	}
	return nil
}

func unmarshalConfig(data string, c *routing.Config) error {
	if err := json.Unmarshal([]byte(data), c); err != nil {
		return internal("decode routing config", err)
	}
	return nil
}

// SaveRoutingDraft replaces a number's draft.
func (s *Store) SaveRoutingDraft(ctx context.Context, orgID org.ID, number provider.NumberID, c routing.Config, by org.UserID) error {
	return s.tx(ctx, func(tx querier) error {
		if err := s.linkedNumber(ctx, tx, orgID, number); err != nil {
			return err
		}
		return saveDraft(ctx, tx, orgID, number, c, by, s.stamp())
	})
}

func saveDraft(ctx context.Context, tx querier, orgID org.ID, number provider.NumberID, c routing.Config, by org.UserID, at any) error {
	data, err := json.Marshal(c)
	if err != nil {
		return internal("encode routing config", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO routing_drafts (number_id, org_id, config, updated_by, updated_at)
	  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (number_id) DO UPDATE SET config = $3, updated_by = $4, updated_at = $5`,
		number, orgID, string(data), by, at)
	return internal("save routing draft", err)
}

// PublishRouting makes c the number's live configuration as the next
// version, atomically, and makes it the draft too. restoredFrom names the
// version it was restored from (0 = from the draft).
func (s *Store) PublishRouting(ctx context.Context, orgID org.ID, number provider.NumberID, c routing.Config, by org.UserID, restoredFrom int) (routing.Version, error) {
	defer s.forget() // after the commit (cache.go)
	v := routing.Version{NumberID: int64(number), Config: c, PublishedBy: by, PublishedAt: s.stamp(), RestoredFrom: restoredFrom}
	data, err := json.Marshal(c)
	if err != nil {
		return v, internal("encode routing config", err)
	}
	err = s.tx(ctx, func(tx querier) error {
		if err := s.linkedNumber(ctx, tx, orgID, number); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM routing_versions WHERE number_id = $1`, number).Scan(&v.Number); err != nil {
			return internal("next routing version", err)
		}
		id, err := insertID(ctx, tx, `INSERT INTO routing_versions (org_id, number_id, version, config, published_by, published_at, restored_from)
		  VALUES ($1, $2, $3, $4, $5, $6, $7)`, orgID, number, v.Number, string(data), by, v.PublishedAt, nullID(int64(restoredFrom)))
		if isUnique(err) {
			return problem.New(problem.Conflict, "another version was published at the same moment; reload and publish again")
		}
		if err != nil {
			return internal("publish routing", err)
		}
		v.ID = id
		return saveDraft(ctx, tx, orgID, number, c, by, v.PublishedAt)
	})
	return v, err
}

const versionColumns = `id, number_id, version, published_by, published_at, COALESCE(restored_from, 0)`

func scanVersion(row interface{ Scan(...any) error }) (routing.Version, error) {
	var v routing.Version
	return v, row.Scan(&v.ID, &v.NumberID, &v.Number, &v.PublishedBy, &v.PublishedAt, &v.RestoredFrom)
}

// RoutingVersions lists a number's published versions, newest first,
// without their configurations.
func (s *Store) RoutingVersions(ctx context.Context, orgID org.ID, number provider.NumberID) ([]routing.Version, error) {
	if err := s.linkedNumber(ctx, s.db, orgID, number); err != nil {
		return nil, err
	}
	rows, err := s.q.QueryContext(ctx, `SELECT `+versionColumns+` FROM routing_versions
	  WHERE org_id = $1 AND number_id = $2 ORDER BY version DESC`, orgID, number)
	if err != nil {
		return nil, internal("routing versions", err)
	}
	return collect(rows, scanVersion)
}

// RoutingVersion returns one version with its configuration; version 0
// means the live one.
func (s *Store) RoutingVersion(ctx context.Context, orgID org.ID, number provider.NumberID, version int) (routing.Version, error) {
	q := `SELECT ` + versionColumns + `, config FROM routing_versions WHERE org_id = $1 AND number_id = $2 AND version = $3`
	args := []any{orgID, number, version}
	if version == 0 {
		q = `SELECT ` + versionColumns + `, config FROM routing_versions WHERE org_id = $1 AND number_id = $2 ORDER BY version DESC LIMIT 1`
		args = args[:2]
	}
	var v routing.Version
	var cfg string
	err := s.q.QueryRowContext(ctx, q, args...).Scan(&v.ID, &v.NumberID, &v.Number, &v.PublishedBy, &v.PublishedAt, &v.RestoredFrom, &cfg)
	if isNoRows(err) {
		return v, notFound("routing version")
	}
	if err != nil {
		return v, internal("routing version", err)
	}
	return v, unmarshalConfig(cfg, &v.Config)
}

// RoutingVersionByID returns a version by its id: the one a call started
// with.
func (s *Store) RoutingVersionByID(ctx context.Context, orgID org.ID, id int64) (routing.Version, error) {
	var v routing.Version
	var cfg string
	err := s.q.QueryRowContext(ctx, `SELECT `+versionColumns+`, config FROM routing_versions WHERE org_id = $1 AND id = $2`, orgID, id).
		Scan(&v.ID, &v.NumberID, &v.Number, &v.PublishedBy, &v.PublishedAt, &v.RestoredFrom, &cfg)
	if isNoRows(err) {
		return v, notFound("routing version")
	}
	if err != nil {
		return v, internal("routing version", err)
	}
	return v, unmarshalConfig(cfg, &v.Config)
}
