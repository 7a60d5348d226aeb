package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
)

const providerColumns = `p.id, p.org_id, p.kind, p.name, p.account_sid, p.auth_token_sealed, p.api_url, p.account_type,
  p.all_users, p.include_new_users, p.last_ok_at, p.last_error, p.last_error_at, p.created_at, p.uninstalled_at, p.api_key_sid, p.api_key_secret_sealed,
  p.twiml_app_sid`

// scanProvider reads a provider; AuthToken and APIKeySecret are sealed.
func scanProvider(row interface{ Scan(...any) error }) (provider.Provider, error) {
	var p provider.Provider
	err := row.Scan(&p.ID, &p.OrgID, &p.Kind, &p.Name, &p.AccountSID, &p.AuthToken, &p.APIURL, &p.AccountType,
		&p.AllUsers, &p.IncludeNewUsers, &p.LastOKAt, &p.LastError, &p.LastErrorAt, &p.CreatedAt, &p.UninstalledAt, &p.APIKeySID, &p.APIKeySecret,
		&p.TwiMLAppSID)
	return p, err
}

// CreateProvider stores a verified provider (its AuthToken already sealed)
// with its users, refusing users who belong to another provider.
func (s *Store) CreateProvider(ctx context.Context, orgID org.ID, p provider.Provider) (provider.Provider, error) {
	defer s.forget() // after the commit (cache.go)
	p.OrgID, p.CreatedAt = orgID, s.stamp()
	err := s.tx(ctx, func(tx querier) error {
		if p.AllUsers {
			ids, err := activeUserIDs(ctx, tx, orgID)
			if err != nil {
				return err
			}
			p.Users = ids
		}
		id, err := insertID(ctx, tx, `INSERT INTO providers (org_id, kind, name, account_sid, auth_token_sealed, api_url,
		  account_type, all_users, include_new_users, last_ok_at, last_error, created_at)
		  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '', $10)`, orgID, p.Kind, p.Name, p.AccountSID, p.AuthToken,
			p.APIURL, p.AccountType, p.AllUsers, p.IncludeNewUsers, p.CreatedAt)
		if err != nil {
			return internal("create provider", err)
		}
		p.ID = provider.ID(id)
		return addProviderUsers(ctx, tx, orgID, p.ID, p.Users)
	})
	if err != nil {
		return provider.Provider{}, err
	}
	now := p.CreatedAt
	p.LastOKAt = &now
	return p, nil
}

func activeUserIDs(ctx context.Context, q querier, orgID org.ID) ([]org.UserID, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM users WHERE org_id = $1 AND active ORDER BY id`, orgID)
	if err != nil {
		return nil, internal("active users", err)
	}
	return collect(rows, func(r interface{ Scan(...any) error }) (org.UserID, error) {
		var id org.UserID
		return id, r.Scan(&id)
	})
}

// addProviderUsers adds users to a provider; a user of another org, an
// inactive user, or one already in a provider is refused, naming it.
func addProviderUsers(ctx context.Context, tx querier, orgID org.ID, id provider.ID, users []org.UserID) error {
	for _, u := range users {
		var email, other string
		var otherID provider.ID
		err := tx.QueryRowContext(ctx, `SELECT u.email, COALESCE(p.name, ''), COALESCE(p.id, 0) FROM users u
		  LEFT JOIN provider_users pu ON pu.user_id = u.id LEFT JOIN providers p ON p.id = pu.provider_id
		  WHERE u.org_id = $1 AND u.id = $2 AND u.active`, orgID, u).Scan(&email, &other, &otherID)
		if isNoRows(err) {
			return problem.Field("user_ids", fmt.Sprintf("no active user with id %d", u))
		}
		if err != nil {
			return internal("provider user", err)
		}
		if otherID == id {
			continue
		}
		if otherID != 0 {
			return &problem.Error{Kind: problem.Conflict, Fields: map[string]string{"user_ids": "already in provider " + other},
				Message: fmt.Sprintf("%s already belongs to the provider %q; remove them from it first (a user belongs to one provider at a time)", email, other)}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO provider_users (org_id, provider_id, user_id) VALUES ($1, $2, $3)`, orgID, id, u); err != nil {
			return internal("add provider user", err)
		}
	}
	return nil
}

// AddProviderUsers adds users to an installed provider.
func (s *Store) AddProviderUsers(ctx context.Context, orgID org.ID, id provider.ID, users []org.UserID) error {
	return s.tx(ctx, func(tx querier) error {
		if !exists(ctx, tx, `SELECT 1 FROM providers WHERE org_id = $1 AND id = $2 AND uninstalled_at IS NULL`, orgID, id) {
			return notFound("provider")
		}
		return addProviderUsers(ctx, tx, orgID, id, users)
	})
}

// RemoveProviderUser takes a user out of a provider. A provider installed
// for all users is then installed for its remaining users only (and no
// longer takes users who join later).
func (s *Store) RemoveProviderUser(ctx context.Context, orgID org.ID, id provider.ID, user org.UserID) error {
	defer s.forget() // after the commit (cache.go)
	return s.tx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM provider_users WHERE org_id = $1 AND provider_id = $2 AND user_id = $3`, orgID, id, user)
		if err := affected(res, err, "provider user"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE providers SET all_users = FALSE, include_new_users = FALSE WHERE org_id = $1 AND id = $2`, orgID, id)
		return internal("provider users", err)
	})
}

// Providers lists the org's installed providers with their users; each
// AuthToken is sealed.
func (s *Store) Providers(ctx context.Context, orgID org.ID) ([]provider.Provider, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+providerColumns+` FROM providers p
	  WHERE p.org_id = $1 AND p.uninstalled_at IS NULL ORDER BY p.id`, orgID)
	if err != nil {
		return nil, internal("providers", err)
	}
	list, err := collect(rows, scanProvider)
	for i := range list {
		if err == nil {
			list[i].Users, err = s.providerUsers(ctx, orgID, list[i].ID)
		}
	}
	return list, err
}

// Provider returns one installed provider with its users (AuthToken sealed).
func (s *Store) Provider(ctx context.Context, orgID org.ID, id provider.ID) (provider.Provider, error) {
	p, err := scanProvider(s.q.QueryRowContext(ctx, `SELECT `+providerColumns+` FROM providers p
	  WHERE p.org_id = $1 AND p.id = $2 AND p.uninstalled_at IS NULL`, orgID, id))
	if isNoRows(err) {
		return p, notFound("provider")
	}
	if err != nil {
		return p, internal("provider", err)
	}
	p.Users, err = s.providerUsers(ctx, orgID, id)
	return p, err
}

func (s *Store) providerUsers(ctx context.Context, orgID org.ID, id provider.ID) ([]org.UserID, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT user_id FROM provider_users WHERE org_id = $1 AND provider_id = $2 ORDER BY user_id`, orgID, id)
	if err != nil {
		return nil, internal("provider users", err)
	}
	return collect(rows, func(r interface{ Scan(...any) error }) (org.UserID, error) {
		var u org.UserID
		return u, r.Scan(&u)
	})
}

// UserProvider returns the installed provider a user belongs to.
func (s *Store) UserProvider(ctx context.Context, orgID org.ID, user org.UserID) (provider.Provider, error) {
	var id provider.ID
	err := s.q.QueryRowContext(ctx, `SELECT provider_id FROM provider_users WHERE org_id = $1 AND user_id = $2`, orgID, user).Scan(&id)
	if isNoRows(err) {
		return provider.Provider{}, notFound("provider for this user")
	}
	if err != nil {
		return provider.Provider{}, internal("user provider", err)
	}
	return s.Provider(ctx, orgID, id)
}

// UninstallProvider marks a provider uninstalled, frees its users and
// unlinks its numbers (history stays); it returns the numbers it unlinked.
func (s *Store) UninstallProvider(ctx context.Context, orgID org.ID, id provider.ID) ([]provider.Number, error) {
	defer s.forget() // after the commit (cache.go)
	var unlinked []provider.Number
	err := s.tx(ctx, func(tx querier) error {
		now := s.stamp()
		res, err := tx.ExecContext(ctx, `UPDATE providers SET uninstalled_at = $3 WHERE org_id = $1 AND id = $2 AND uninstalled_at IS NULL`, orgID, id, now)
		if err := affected(res, err, "provider"); err != nil {
			return err
		}
		if unlinked, err = s.numbers(ctx, tx, orgID, "n.provider_id = ? AND n.unlinked_at IS NULL", id); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM provider_users WHERE org_id = $1 AND provider_id = $2`,
			`DELETE FROM caller_ids WHERE org_id = $1 AND number_id IN (SELECT id FROM numbers WHERE provider_id = $2)`} {
			if _, err := tx.ExecContext(ctx, q, orgID, id); err != nil {
				return internal("uninstall provider", err)
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE numbers SET unlinked_at = $3 WHERE org_id = $1 AND provider_id = $2 AND unlinked_at IS NULL`, orgID, id, now)
		return internal("unlink numbers", err)
	})
	return unlinked, err
}

// RecordProviderHealth notes the outcome of a carrier API call: the last
// success, or the last error.
func (s *Store) RecordProviderHealth(ctx context.Context, orgID org.ID, id provider.ID, callErr error) error {
	defer s.forget() // after the commit (cache.go)
	var err error
	if callErr == nil {
		_, err = s.q.ExecContext(ctx, `UPDATE providers SET last_ok_at = $3 WHERE org_id = $1 AND id = $2`, orgID, id, s.stamp())
	} else {
		msg := strings.TrimSpace(callErr.Error())
		_, err = s.q.ExecContext(ctx, `UPDATE providers SET last_error = $3, last_error_at = $4 WHERE org_id = $1 AND id = $2`, orgID, id, msg, s.stamp())
	}
	return internal("provider health", err)
}

// ProviderForWebhook finds the installed provider of a carrier account for
// a webhook, in whatever org: the org is what the webhook is about to tell
// us. AuthToken is sealed.
func (s *Store) ProviderForWebhook(ctx context.Context, accountSID string) (provider.Provider, error) {
	p, err := scanProvider(s.q.QueryRowContext(ctx, `SELECT `+providerColumns+` FROM providers p
	  WHERE p.account_sid = $1 AND p.uninstalled_at IS NULL ORDER BY p.id LIMIT 1`, accountSID))
	if isNoRows(err) {
		return p, notFound("provider")
	}
	return p, internal("provider for webhook", err)
}

// SandboxProviders lists the installed sandbox providers of every org, for
// restoring the in-process sandbox at start. AuthTokens are sealed.
func (s *Store) SandboxProviders(ctx context.Context) ([]provider.Provider, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+providerColumns+` FROM providers p
	  WHERE p.kind = 'sandbox' AND p.uninstalled_at IS NULL ORDER BY p.id`)
	if err != nil {
		return nil, internal("sandbox providers", err)
	}
	return collect(rows, scanProvider)
}
