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
// transactions wait in a queue, and one writer goroutine runs the waiting
// transactions one after another inside one SQLite transaction, each in
// its own savepoint (one that fails is rolled back alone and gets its
// error), commits them together, and only then tells each its result.
// Every caller still returns only after its writes are committed, and each
// transaction sees the ones before it, as if they had run one by one.
// With a single waiting transaction there is no savepoint and nothing
// changes.
//
// The writer is a goroutine of its own, started when a transaction finds
// none running and ending when the queue is empty: it goes from one batch
// straight to the next. (Handing the batches to a waiting caller instead
// left SQLite idle while the new leader waited its turn to run behind the
// callers the last batch had just released: a quarter of the time under
// load, decision 0019.)

// maxBatch bounds how many transactions share a commit, so a caller's own
// wait stays bounded under any load.
const maxBatch = 64

// group is the queue of write transactions waiting for a commit.
type group struct {
	mu      sync.Mutex
	queue   []*groupTx
	writing bool
	// conn is the connection batches run on, used by the writer alone.
	// Keeping the writes on one connection keeps its page cache: SQLite
	// drops a connection's cached pages whenever another connection has
	// written since it last read, so batches on whichever connection the
	// pool hands out read every b-tree page they touch again from the WAL.
	conn *sql.Conn
}

// groupTx is one waiting transaction: when done is closed, err is its
// result, and panicked what its fn panicked with, if it did.
type groupTx struct {
	ctx      context.Context
	fn       func(querier) error
	err      error
	panicked any
	done     chan struct{}
}

// grouped runs fn in the next group commit. A panic in fn is raised again
// here, in the caller's goroutine, after the rest of its batch is done.
func (s *Store) grouped(ctx context.Context, fn func(querier) error) error {
	t := &groupTx{ctx: ctx, fn: fn, done: make(chan struct{})}
	g := &s.group
	g.mu.Lock()
	g.queue = append(g.queue, t)
	start := !g.writing
	g.writing = true
	g.mu.Unlock()
	if start {
		go s.write()
	}
	<-t.done
	if t.panicked != nil {
		panic(t.panicked)
	}
	return t.err
}

// write runs batches from the front of the queue until it is empty.
func (s *Store) write() {
	g := &s.group
	for {
		// Let the handlers that are running reach the queue first: on a
		// busy server a commit shared by more transactions costs each less
		// (most of a commit is writing the pages the batch touched, each
		// once, and calls touch the same pages), and when nothing else is
		// running this returns at once.
		runtime.Gosched()
		g.mu.Lock()
		batch := g.queue[:min(len(g.queue), maxBatch)]
		g.queue = g.queue[len(batch):]
		if len(batch) == 0 {
			g.writing = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		s.runBatch(batch)
		for _, t := range batch {
			close(t.done)
		}
	}
}

// run runs the transaction's fn on q, turning a panic into its error (the
// batch goes on; grouped raises the panic again for its caller).
func (t *groupTx) run(q querier) (err error) {
	defer func() {
		if p := recover(); p != nil {
			t.panicked = p
			err = fmt.Errorf("store: the transaction panicked: %v", p)
		}
	}()
	return t.fn(q)
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
	defer tx.Rollback() // after an error; once committed it does nothing
	q := uncancelled{&batchTx{tx: tx, c: s.cache}}
	if len(batch) == 1 {
		batch[0].err = batch[0].ctx.Err()
		if batch[0].err == nil {
			batch[0].err = batch[0].run(q)
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
		if t.err = t.run(q); t.err != nil {
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
// it on first use. Only the writer calls it. A connection that fails to
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
