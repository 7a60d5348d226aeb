package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// Group commit on SQLite. SQLite has one writer at a time, and most of a
// small write transaction's cost is its commit: every page it touched is
// written to the WAL, one system call each. So concurrent write
// transactions wait in a queue, and one writer goroutine runs the waiting
// transactions one after another inside one SQLite transaction, commits
// them together, and only then tells each its result; when one fails, the
// batch runs again with each in its own savepoint, so that one is rolled
// back alone and gets its error (runBatch). Every caller still returns
// only after its writes are committed, and each transaction sees the ones
// before it, as if they had run one by one.
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
	// rerun is RerunBatches'.
	rerun bool
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
// sets each one's result. They first run one after another with nothing
// between them: a savepoint costs two statements, and a copy of every
// page a transaction is the first in its savepoint to change. Only when
// one of them fails is the whole rolled back and the batch run again, each
// in its own savepoint, so the failing one is rolled back alone — which is
// why a transaction's fn may run more than once, and must leave the same
// results each time (store.go's tx).
func (s *Store) runBatch(batch []*groupTx) {
	run := runEach
	if s.group.rerun {
		run = runEachThenFail
	}
	if s.commitBatch(batch, run) || len(batch) == 1 && !s.group.rerun {
		return
	}
	for _, t := range batch {
		t.err, t.panicked = nil, nil
	}
	s.commitBatch(batch, runSavepoints)
}

// commitBatch runs the batch with run in a transaction of its own and
// commits it unless run fails; it reports whether it committed. A
// transaction that failed has its error; when the batch could not be
// committed at all, every transaction has that error.
func (s *Store) commitBatch(batch []*groupTx, run func(querier, []*groupTx) error) bool {
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
		return true
	}
	defer tx.Rollback() // after an error; once committed it does nothing
	if err := run(uncancelled{&batchTx{tx: tx, c: s.cache}}, batch); errors.Is(err, errFailed) {
		return false
	} else if err != nil {
		fail(err)
		return true
	}
	if err := tx.Commit(); err != nil {
		fail(fmt.Errorf("store: commit: %w", err))
		return true
	}
	s.checkpoints.committed()
	return true
}

// errFailed is runEach's: one of the batch's transactions failed, and the
// others' writes cannot be told from its own.
var errFailed = errors.New("store: a grouped transaction failed")

// runEach runs the batch's transactions one after another, stopping at
// the first that fails. A caller cancelled before its turn writes nothing.
func runEach(q querier, batch []*groupTx) error {
	for _, t := range batch {
		if t.err = t.ctx.Err(); t.err != nil {
			continue
		}
		if t.err = t.run(q); t.err != nil {
			return errFailed
		}
	}
	return nil
}

// runEachThenFail is runEach, then failing as if a transaction had: every
// batch runs again in savepoints (RerunBatches).
func runEachThenFail(q querier, batch []*groupTx) error {
	if err := runEach(q, batch); err != nil {
		return err
	}
	return errFailed
}

// RerunBatches makes every group commit roll back its first run and run
// again in savepoints, as when one of its transactions fails: the tests'
// check that every write transaction is safe to run twice (store.go's tx;
// storetest's EnvRerun). Call it before the store is used.
func (s *Store) RerunBatches() { s.group.rerun = true }

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
