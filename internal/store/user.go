package store

import (
	"context"
	"database/sql"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

const userColumns = `id, org_id, email, name, role, active, forwarding_number, created_at`

func scanUser(row interface{ Scan(...any) error }) (org.User, error) {
	var u org.User
	err := row.Scan(&u.ID, &u.OrgID, &u.Email, &u.Name, &u.Role, &u.Active, &u.ForwardingNumber, &u.CreatedAt)
	return u, err
}

func emailTaken() error {
	return &problem.Error{Kind: problem.Conflict, Message: "a user with this e-mail exists",
		Fields: map[string]string{"email": "is already used by another user"}}
}

// CreateUser creates u in orgID with the given password hash, and adds them
// to the provider installed for all users "including users who join later".
func (s *Store) CreateUser(ctx context.Context, orgID org.ID, u org.User, passwordHash string) (org.User, error) {
	defer s.forgetAgents() // after the commit (cache.go)
	u.OrgID, u.CreatedAt = orgID, s.stamp()
	err := s.tx(ctx, func(tx querier) error {
		id, err := insertID(ctx, tx, `INSERT INTO users (org_id, email, name, role, active, forwarding_number,
		  password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
			orgID, u.Email, u.Name, u.Role, u.Active, u.ForwardingNumber, passwordHash, u.CreatedAt)
		if isUnique(err) {
			return emailTaken()
		}
		if err != nil {
			return internal("create user", err)
		}
		u.ID = org.UserID(id)
		_, err = tx.ExecContext(ctx, `INSERT INTO provider_users (org_id, provider_id, user_id)
		  SELECT $1, p.id, $2 FROM providers p WHERE p.org_id = $1 AND p.include_new_users AND p.uninstalled_at IS NULL
		  AND $3 ORDER BY p.id LIMIT 1`, orgID, u.ID, u.Active)
		return internal("add new user to provider", err)
	})
	if err != nil {
		return org.User{}, err
	}
	return u, nil
}

// User returns one user of orgID.
func (s *Store) User(ctx context.Context, orgID org.ID, id org.UserID) (org.User, error) {
	u, err := scanUser(s.q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE org_id = $1 AND id = $2`, orgID, id))
	if isNoRows(err) {
		return org.User{}, notFound("user")
	}
	return u, internal("user", err)
}

// Users lists orgID's users by id.
func (s *Store) Users(ctx context.Context, orgID org.ID) ([]org.User, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE org_id = $1 ORDER BY id`, orgID)
	if err != nil {
		return nil, internal("users", err)
	}
	return collect(rows, scanUser)
}

// UpdateUser saves u's editable fields, and the password hash when not
// empty.
func (s *Store) UpdateUser(ctx context.Context, orgID org.ID, u org.User, passwordHash string) error {
	defer s.forgetAgents() // after the commit (cache.go)
	res, err := s.q.ExecContext(ctx, `UPDATE users SET email = $3, name = $4, role = $5, active = $6,
	  forwarding_number = $7, updated_at = $8,
	  password_hash = CASE WHEN $9 = '' THEN password_hash ELSE $9 END
	  WHERE org_id = $1 AND id = $2`,
		orgID, u.ID, u.Email, u.Name, u.Role, u.Active, u.ForwardingNumber, s.stamp(), passwordHash)
	if isUnique(err) {
		return emailTaken()
	}
	if err == nil && !u.Active {
		_, err = s.q.ExecContext(ctx, `DELETE FROM sessions WHERE org_id = $1 AND user_id = $2`, orgID, u.ID)
	}
	return affected(res, err, "user")
}

// Credentials returns the user with e-mail email (any org) and the password
// hash, for sign-in.
func (s *Store) Credentials(ctx context.Context, email string) (org.User, string, error) {
	var hash string
	row := s.q.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = $1`, email)
	var u org.User
	err := row.Scan(&u.ID, &u.OrgID, &u.Email, &u.Name, &u.Role, &u.Active, &u.ForwardingNumber, &u.CreatedAt, &hash)
	if isNoRows(err) {
		return org.User{}, "", notFound("user")
	}
	return u, hash, internal("credentials", err)
}

// collect scans every row with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, internal("scan", err)
		}
		out = append(out, v)
	}
	return out, internal("rows", rows.Err())
}
