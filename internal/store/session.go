package store

import (
	"context"
	"time"

	"github.com/switchboard/switchboard/internal/org"
)

// Session is a signed-in browser or API client.
type Session struct {
	User      org.User
	CSRFToken string // empty for API tokens: they are not sent by browsers
	ExpiresAt time.Time
	APIToken  bool
}

// CreateSession stores a session under tokenHash until expires.
func (s *Store) CreateSession(ctx context.Context, orgID org.ID, userID org.UserID, tokenHash, csrf string, expires time.Time) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO sessions (token_hash, org_id, user_id, csrf_token, created_at, expires_at)
	  VALUES ($1, $2, $3, $4, $5, $6)`, tokenHash, orgID, userID, csrf, s.stamp(), expires.UTC())
	return internal("create session", err)
}

// SessionByToken returns the live session or API token stored under
// tokenHash, whose user is active; otherwise not found.
func (s *Store) SessionByToken(ctx context.Context, tokenHash string) (Session, error) {
	var ss Session
	u := &ss.User
	err := s.q.QueryRowContext(ctx, `SELECT u.id, u.org_id, u.email, u.name, u.role, u.active, u.forwarding_number, u.created_at,
	  x.csrf_token, x.expires_at FROM sessions x JOIN users u ON u.id = x.user_id AND u.org_id = x.org_id
	  WHERE x.token_hash = $1 AND x.expires_at > $2 AND u.active`, tokenHash, s.stamp()).
		Scan(&u.ID, &u.OrgID, &u.Email, &u.Name, &u.Role, &u.Active, &u.ForwardingNumber, &u.CreatedAt, &ss.CSRFToken, &ss.ExpiresAt)
	if err == nil {
		return ss, nil
	}
	if !isNoRows(err) {
		return Session{}, internal("session", err)
	}
	return s.apiToken(ctx, tokenHash)
}

func (s *Store) apiToken(ctx context.Context, tokenHash string) (Session, error) {
	ss := Session{APIToken: true}
	u := &ss.User
	err := s.q.QueryRowContext(ctx, `SELECT u.id, u.org_id, u.email, u.name, u.role, u.active, u.forwarding_number, u.created_at
	  FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.org_id = t.org_id
	  WHERE t.token_hash = $1 AND u.active`, tokenHash).
		Scan(&u.ID, &u.OrgID, &u.Email, &u.Name, &u.Role, &u.Active, &u.ForwardingNumber, &u.CreatedAt)
	if isNoRows(err) {
		return Session{}, notFound("session")
	}
	return ss, internal("api token", err)
}

// DeleteSession signs a session out.
func (s *Store) DeleteSession(ctx context.Context, orgID org.ID, tokenHash string) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM sessions WHERE org_id = $1 AND token_hash = $2`, orgID, tokenHash)
	return internal("delete session", err)
}

// APIToken describes a user's API token; the secret is shown only once, at
// creation.
type APIToken struct {
	ID         int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// CreateAPIToken stores a new token for userID.
func (s *Store) CreateAPIToken(ctx context.Context, orgID org.ID, userID org.UserID, name, tokenHash string) (APIToken, error) {
	t := APIToken{Name: name, CreatedAt: s.stamp()}
	id, err := insertID(ctx, s.db, `INSERT INTO api_tokens (org_id, user_id, name, token_hash, created_at)
	  VALUES ($1, $2, $3, $4, $5)`, orgID, userID, name, tokenHash, t.CreatedAt)
	t.ID = id
	return t, internal("create api token", err)
}

// APITokens lists userID's tokens.
func (s *Store) APITokens(ctx context.Context, orgID org.ID, userID org.UserID) ([]APIToken, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, name, created_at, last_used_at FROM api_tokens
	  WHERE org_id = $1 AND user_id = $2 ORDER BY id`, orgID, userID)
	if err != nil {
		return nil, internal("api tokens", err)
	}
	return collect(rows, func(r interface{ Scan(...any) error }) (APIToken, error) {
		var t APIToken
		return t, r.Scan(&t.ID, &t.Name, &t.CreatedAt, &t.LastUsedAt)
	})
}

// DeleteAPIToken revokes one of userID's tokens.
func (s *Store) DeleteAPIToken(ctx context.Context, orgID org.ID, userID org.UserID, id int64) error {
	res, err := s.q.ExecContext(ctx, `DELETE FROM api_tokens WHERE org_id = $1 AND user_id = $2 AND id = $3`, orgID, userID, id)
	return affected(res, err, "api token")
}

// SignInFailures returns the failed sign-ins in a row for email and when the
// last one was.
func (s *Store) SignInFailures(ctx context.Context, email string) (int, time.Time, error) {
	var n int
	var at time.Time
	err := s.q.QueryRowContext(ctx, `SELECT failures, last_failed_at FROM signin_failures WHERE email = $1`, email).Scan(&n, &at)
	if isNoRows(err) {
		return 0, time.Time{}, nil
	}
	return n, at, internal("signin failures", err)
}

// RecordSignIn counts a failed sign-in for email, or clears the count after
// a successful one.
func (s *Store) RecordSignIn(ctx context.Context, email string, ok bool) error {
	if ok {
		_, err := s.q.ExecContext(ctx, `DELETE FROM signin_failures WHERE email = $1`, email)
		return internal("clear signin failures", err)
	}
	_, err := s.q.ExecContext(ctx, `INSERT INTO signin_failures (email, failures, last_failed_at) VALUES ($1, 1, $2)
	  ON CONFLICT (email) DO UPDATE SET failures = signin_failures.failures + 1, last_failed_at = $2`, email, s.stamp())
	return internal("count signin failure", err)
}
