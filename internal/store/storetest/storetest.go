// Package storetest opens an isolated, migrated store for a test: SQLite in
// the test's temporary directory by default, or a fresh PostgreSQL schema
// when SWITCHBOARD_TEST_DATABASE_URL is set.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/switchboard/switchboard/internal/store"
)

// EnvURL names the variable that selects PostgreSQL for store tests.
const EnvURL = "SWITCHBOARD_TEST_DATABASE_URL"

// EnvRerun names the variable that, set, makes the stores the tests open
// run every write transaction twice on SQLite (store's RerunBatches): the
// check that each is safe to run again (make test-rerun).
const EnvRerun = "SWITCHBOARD_TEST_RERUN_BATCHES"

// Open returns a migrated store that only this test uses, closed and
// dropped at cleanup.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return OpenAt(t, URL(t))
}

// OpenAt opens and migrates the store at u (from URL), closed at cleanup:
// a second OpenAt of the same u is a second server instance on the same
// database.
func OpenAt(t testing.TB, u string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), u)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if os.Getenv(EnvRerun) != "" {
		s.RerunBatches()
	}
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("storetest: %v", err)
	}
	return s
}

// URL returns a database URL only this test uses: a new SQLite file, or a
// new PostgreSQL schema (dropped at cleanup) selected by search_path.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		return filepath.Join(t.TempDir(), "test.db")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	defer admin.Close()
	ctx := context.Background()
	// pg_trgm lives in public, created once under a lock so parallel test
	// processes do not race on CREATE EXTENSION.
	// The statements run as one implicit transaction, so the lock is held
	// until the extension is committed.
	if _, err := admin.ExecContext(ctx, `SELECT pg_advisory_xact_lock(4242);
	  CREATE EXTENSION IF NOT EXISTS pg_trgm`); err != nil {
		t.Fatalf("storetest: PostgreSQL at %s: %v", EnvURL, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("storetest: %v", err)
	}
	t.Cleanup(func() { dropSchema(base, schema) })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("storetest: %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	q.Set("pool_max_conns", "4")
	u.RawQuery = q.Encode()
	return u.String()
}

func dropSchema(base, schema string) {
	db, err := sql.Open("pgx", base)
	if err != nil {
		return
	}
	defer db.Close()
	db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
}

// Postgres reports whether tests run on PostgreSQL.
func Postgres() bool { return os.Getenv(EnvURL) != "" }
