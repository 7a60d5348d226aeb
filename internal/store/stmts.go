package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// On SQLite every query goes through a statement prepared once per text
// and kept: modernc.org/sqlite otherwise parses and plans each query again,
// which was a sixth of the CPU of an inbound-call webhook. PostgreSQL
// needs none of this (pgx caches prepared statements per connection, and
// an explicit sql.Stmt there measured 5x slower).

// maxStmts bounds the cache; queries past it run unprepared. The store's
// query texts are a fixed set, so it is a safety net, not a working limit.
const maxStmts = 1024

// stmts caches prepared statements by query text.
type stmts struct {
	db *sql.DB
	m  sync.Map // string → *sql.Stmt
	n  atomic.Int64
}

// prepared returns the statement for query, or nil when the cache is full.
func (c *stmts) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.m.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	if c.n.Load() >= maxStmts {
		return nil, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := c.m.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	c.n.Add(1)
	return st, nil
}

func (c *stmts) close() {
	c.m.Range(func(_, v any) bool { v.(*sql.Stmt).Close(); return true })
}

// cachedDB runs queries on the pool through cached statements.
type cachedDB struct{ c *stmts }

func (d cachedDB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := d.c.prepared(ctx, query)
	if err != nil || st == nil {
		return d.c.db.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

func (d cachedDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := d.c.prepared(ctx, query)
	if err != nil || st == nil {
		return d.c.db.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (d cachedDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := d.c.prepared(ctx, query)
	if err != nil || st == nil {
		return d.c.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// cachedTx runs a transaction's queries through the cached statements,
// bound to the transaction.
type cachedTx struct {
	tx *sql.Tx
	c  *stmts
}

func (t cachedTx) stmt(ctx context.Context, query string) *sql.Stmt {
	st, err := t.c.prepared(ctx, query)
	if err != nil || st == nil {
		return nil
	}
	return t.tx.StmtContext(ctx, st)
}

func (t cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, query, args...)
}

func (t cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, query, args...)
}

func (t cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, query, args...)
}
