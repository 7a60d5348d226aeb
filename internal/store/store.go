// Package store keeps everything in SQLite or PostgreSQL through
// database/sql with hand-written SQL. Every method takes ctx first and,
// where data belongs to an org, the org id next: no query reads across orgs.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations
var migrations embed.FS

// Dialect names the database engine.
type Dialect string

// The two engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the database. Its methods are safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect Dialect
	now     func() time.Time
	// q runs queries outside transactions: the pool itself on PostgreSQL,
	// cached prepared statements on SQLite (stmts.go).
	q     querier
	cache *stmts
	// group runs SQLite's write transactions in-process, several to a
	// commit (group.go): SQLite takes one writer at a time anyway, and
	// waiting here costs nothing, while waiting in SQLite's busy handler
	// sleeps in growing steps.
	group group
	// hot caches what inbound-call webhooks read and admins change, on
	// SQLite (cache.go).
	hot hot
	// checkpoints runs SQLite's checkpoints off the writer (checkpoint.go).
	checkpoints *checkpointer
	// pool is PostgreSQL's connection pool under db: closing db leaves it
	// open (stdlib.OpenDBFromPool), so Close closes it too.
	pool *pgxpool.Pool
}

// Open connects to url (an SQLite path or a postgres:// URL) without
// migrating.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	path = strings.TrimPrefix(strings.TrimPrefix(path, "sqlite:"), "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	q := url.Values{}
	// No connection checkpoints in its commit: the store's checkpointer
	// does, off the single writer (checkpoint.go).
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(ON)", "synchronous(NORMAL)", "temp_store(MEMORY)",
		"wal_autocheckpoint(0)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(0)
	st := &Store{db: db, dialect: SQLite, now: time.Now, cache: &stmts{db: db}}
	st.q = cachedDB{st.cache}
	st.startCheckpoints()
	return ready(ctx, st)
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: parse postgres URL: %w", err)
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = 16
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	return ready(ctx, &Store{db: db, q: db, dialect: Postgres, now: time.Now, pool: pool})
}

// SetClock makes the store stamp rows with now instead of the wall clock
// (the IVR test console runs on the sandbox's virtual clock). Call it
// before the store is used.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

func ready(ctx context.Context, s *Store) (*Store, error) {
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Dialect returns the engine in use.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB returns the underlying handle, for benchmarks' raw-SQL baselines.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the connection pool.
func (s *Store) Close() error {
	if s.cache != nil {
		s.cache.close()
	}
	s.checkpoints.close()
	s.group.closeWrites()
	err := s.db.Close()
	if s.pool != nil {
		s.pool.Close()
	}
	return err
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping %s: %w", s.dialect, err)
	}
	return nil
}

// Migrate applies every pending migration, each in a transaction.
func (s *Store) Migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+string(s.dialect))
	if err != nil {
		return err
	}
	d := goose.DialectSQLite3
	if s.dialect == Postgres {
		d = goose.DialectPostgres
	}
	p, err := goose.NewProvider(d, s.db, sub)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// tx runs fn in a transaction, committing when it returns nil and rolling
// back otherwise. On SQLite the transaction (BEGIN IMMEDIATE) may be
// committed together with others running at the same time (group.go); fn
// returning an error undoes only its own writes. fn may run more than once
// (when another transaction of its batch fails, group.go), each time from
// the same state of the store: it must set what it returns, never add to
// it.
func (s *Store) tx(ctx context.Context, fn func(querier) error) error {
	if s.dialect == SQLite {
		return s.grouped(ctx, fn)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback() // on an error or a panic in fn; after Commit it does nothing
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// stamp returns the current time in the precision both engines keep.
func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// insertID runs an INSERT … RETURNING id and returns the id.
func insertID(ctx context.Context, q querier, query string, args ...any) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

var errNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
