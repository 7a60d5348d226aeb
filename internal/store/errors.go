package store

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/switchboard/switchboard/internal/problem"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// isUnique reports whether err is a unique-constraint violation.
func isUnique(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// notFound returns the error for a missing or foreign row: another org's row
// is reported exactly like a missing one (R-ORG-6).
func notFound(what string) error {
	return problem.New(problem.NotFound, "%s not found", what)
}

// internal wraps an unexpected database error for the logs.
func internal(op string, err error) error {
	if err == nil {
		return nil
	}
	var p *problem.Error
	if errors.As(err, &p) {
		return err
	}
	return problem.Wrap(problem.Internal, err, "store: "+op+": "+strings.TrimSpace(err.Error()))
}
