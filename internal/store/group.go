package store

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"
)

// Group commit on SQLite. SQLite has one writer at a time, and most of a
// small write transaction's cost is its commit: every page it touched is
// written to the WAL, one system call each. So concurrent write
// transactions wait in a queue, and whoever finds no transaction running
// leads: it runs the waiting transactions one after another inside one
// SQLite transaction, each in its own savepoint (one that fails is rolled
// back alone and gets its error), commits them together, and only then
// tells each its result. Every caller still returns only after its writes
// are committed, and each transaction sees the ones before it, as if they
// had run one by one. With a single waiting transaction there is no
// savepoint and nothing changes.

// maxBatch bounds how many transactions share a commit, so a leader's own
// wait stays bounded under any load.
const maxBatch = 64

// group is the queue of write transactions waiting for a commit.
type group struct {
	mu      sync.Mutex
	queue   []*groupTx
	leading bool
	// conn is the connection batches run on, used by one leader at a time.
	// Keeping the writes on one connection keeps its page cache: SQLite
	// drops a connection's cached pages whenever another connection has
	// written since it last read, so batches on whichever connection the
	// pool hands out read every b-tree page they touch again from the WAL.
	conn *sql.Conn
}

// groupTx is one waiting transaction. When done is closed, either err is
// its result or lead is set and it is to lead the next batch.
type groupTx struct {
	ctx  context.Context
	fn   func(querier) error
	err  error
	lead bool
	done chan struct{}
}

// grouped runs fn in the next group commit.
func (s *Store) grouped(ctx context.Context, fn func(querier) error) error {
	t := &groupTx{ctx: ctx, fn: fn, done: make(chan struct{})}
	g := &s.group
	g.mu.Lock()
	g.queue = append(g.queue, t)
	follow := g.leading
	g.leading = true
	g.mu.Unlock()
	if follow {
		<-t.done
		if !t.lead {
			return t.err
		}
	}
	s.lead()
	return t.err
}

// lead runs one batch from the front of the queue (the leader's own
// transaction is first in it), then hands the lead to the next waiting
// transaction, if any, and releases the batch's callers.
func (s *Store) lead() {
	g := &s.group
	// Let the handlers that are running reach the queue first: on a busy
	// server a commit shared by more transactions costs each less (most of
	// a commit is writing the pages the batch touched, each once, and calls
	// touch the same pages), and when nothing else is running this returns
	// at once.
	runtime.Gosched()
	g.mu.Lock()
	batch := g.queue[:min(len(g.queue), maxBatch)]
	g.queue = g.queue[len(batch):]
	g.mu.Unlock()
	defer func() {
		p := recover()
		if p != nil {
			for _, t := range batch {
				if t.err == nil {
					t.err = fmt.Errorf("store: a transaction in the same commit panicked: %v", p)
				}
			}
		}
		g.mu.Lock()
		if len(g.queue) > 0 {
			g.queue[0].lead = true
			close(g.queue[0].done)
		} else {
			g.leading = false
		}
		g.mu.Unlock()
		for _, t := range batch {
			if !t.lead { // a leader's done was closed when it was handed the lead
				close(t.done)
			}
		}
		if p != nil {
			panic(p)
		}
	}()
	s.runBatch(batch)
}

// runBatch runs the batch's transactions in one SQLite transaction and
// sets each one's result.
func (s *Store) runBatch(batch []*groupTx) {
	fail := func(err error) {
		for _, t := range batch {
			if t.err == nil {
				t.err = err
			}
		}
	}
	// The commit is everyone's: no one caller's cancellation may end it.
	tx, err := s.beginWrite(context.WithoutCancel(batch[0].ctx))
	if err != nil {
		fail(fmt.Errorf("store: begin: %w", err))
		return
	}
	defer tx.Rollback() // after a panic; once committed it does nothing
	q := uncancelled{&batchTx{tx: tx, c: s.cache}}
	if len(batch) == 1 {
		batch[0].err = batch[0].ctx.Err()
		if batch[0].err == nil {
			batch[0].err = batch[0].fn(q)
		}
		if batch[0].err != nil {
			return
		}
	} else if err := runSavepoints(q, batch); err != nil {
		fail(err)
		return
	}
	if err := tx.Commit(); err != nil {
		fail(fmt.Errorf("store: commit: %w", err))
	}
}

// runSavepoints runs each transaction of the batch in its own savepoint,
// rolling back the ones that fail. An error is returned only when the
// transaction as a whole can no longer be committed.
func runSavepoints(q querier, batch []*groupTx) error {
	ctx := context.WithoutCancel(batch[0].ctx)
	for _, t := range batch {
		if t.err = t.ctx.Err(); t.err != nil {
			continue
		}
		if _, err := q.ExecContext(ctx, `SAVEPOINT grouped`); err != nil {
			return fmt.Errorf("store: savepoint: %w", err)
		}
		if t.err = t.fn(q); t.err != nil {
			if _, err := q.ExecContext(ctx, `ROLLBACK TO grouped`); err != nil {
				return fmt.Errorf("store: roll back to savepoint: %w", err)
			}
		}
		if _, err := q.ExecContext(ctx, `RELEASE grouped`); err != nil {
			return fmt.Errorf("store: release savepoint: %w", err)
		}
	}
	return nil
}

// beginWrite begins a batch's transaction on the write connection, opening
// it on first use. Only the leader calls it. A connection that fails to
// begin is given up, and the batch runs on one from the pool.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	g := &s.group
	if g.conn == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		g.conn = c
	}
	tx, err := g.conn.BeginTx(ctx, nil)
	if err != nil {
		g.conn.Close()
		g.conn = nil
		return s.db.BeginTx(ctx, nil)
	}
	return tx, nil
}

// closeWrites returns the write connection to the pool, for Close.
func (g *group) closeWrites() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.conn != nil {
		g.conn.Close()
		g.conn = nil
	}
}

// uncancelled runs a batch's statements without their callers'
// cancellation: the commit is everyone's, and a caller cancelled before
// its turn writes nothing (runSavepoints). A statement whose context can
// be cancelled starts two goroutines (database/sql's and the driver's,
// each waiting to interrupt it) for every statement.
type uncancelled struct{ q querier }

func (u uncancelled) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return u.q.ExecContext(context.WithoutCancel(ctx), query, args...)
}

func (u uncancelled) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return u.q.QueryContext(context.WithoutCancel(ctx), query, args...)
}

func (u uncancelled) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return u.q.QueryRowContext(context.WithoutCancel(ctx), query, args...)
}

// batchTx runs a batch's statements through the cached prepared statements
// (stmts.go), each bound to the batch's transaction once: a batch runs the
// same few statements once per call, and binding one allocates a statement
// and takes the pool's lock.
type batchTx struct {
	tx    *sql.Tx
	c     *stmts
	mu    sync.Mutex
	bound map[string]*sql.Stmt
}

// stmt returns query's statement bound to the transaction, or nil to run
// it unprepared.
func (b *batchTx) stmt(ctx context.Context, query string) *sql.Stmt {
	b.mu.Lock()
	defer b.mu.Unlock()
	if st, ok := b.bound[query]; ok {
		return st
	}
	st, err := b.c.prepared(ctx, query)
	if err != nil || st == nil {
		return nil
	}
	if b.bound == nil {
		b.bound = map[string]*sql.Stmt{}
	}
	b.bound[query] = b.tx.StmtContext(ctx, st)
	return b.bound[query]
}

func (b *batchTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := b.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return b.tx.ExecContext(ctx, query, args...)
}

func (b *batchTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := b.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return b.tx.QueryContext(ctx, query, args...)
}

func (b *batchTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := b.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return b.tx.QueryRowContext(ctx, query, args...)
}
