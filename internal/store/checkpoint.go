package store

import (
	"context"
	"sync"
	"time"
)

// Checkpoints on SQLite. In WAL mode a commit only appends pages to the
// WAL; a checkpoint copies them back into the database file and syncs
// both to disk. By default SQLite checkpoints in the commit that takes the
// WAL past 1,000 pages, so the single writer (group.go) — and every caller
// waiting on its batch — stopped for the copy and two fsyncs: ≈ 2 ms each
// time, 8 % of the writer's time under load, with the CPUs idle meanwhile;
// rarer checkpoints stop it for tens of milliseconds at once (a new
// call's random SID dirties an index page of its own, all to copy). So
// connections never checkpoint on commit (wal_autocheckpoint(0), store.go)
// and a goroutine of the store checkpoints on a connection of the pool
// after the writer commits (and every second for other writes), at most
// once every checkpointEvery, while the writer goes on: a PASSIVE
// checkpoint blocks neither writers nor readers.
// A checkpoint that fails (the database busy) is tried again after the
// next commit; the last connection to close checkpoints what is left.

// checkpointEvery paces checkpoints under load: each costs two fsyncs
// whatever it copies. At the webhook benchmark's rate the WAL grows by
// ≈ 2,000 pages between two, which the next copies at once.
const checkpointEvery = 100 * time.Millisecond

// checkpointIdle is how often the checkpointer looks when no commit of
// the writer's told it to.
const checkpointIdle = time.Second

type checkpointer struct {
	kick    chan struct{} // a commit since the last checkpoint
	stop    chan struct{}
	stopped sync.Once // Close may be called more than once
	done    chan struct{}
}

// startCheckpoints starts the store's checkpointer (SQLite).
func (s *Store) startCheckpoints() {
	c := &checkpointer{kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	s.checkpoints = c
	go s.checkpoint(c)
}

// committed tells the checkpointer, if there is one, that the writer
// committed. It never waits.
func (c *checkpointer) committed() {
	if c == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// checkpoint checkpoints after each commit it is told of, and every
// checkpointIdle for the writes that do not go through the writer
// (autocommit statements on the pool), at most once every checkpointEvery,
// until c is stopped. A checkpoint with nothing to copy syncs nothing.
func (s *Store) checkpoint(c *checkpointer) {
	defer close(c.done)
	idle := time.NewTicker(checkpointIdle)
	defer idle.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		case <-idle.C:
		}
		var busy, frames, copied int
		_ = s.db.QueryRowContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied)
		select {
		case <-c.stop:
			return
		case <-time.After(checkpointEvery):
		}
	}
}

// close stops the checkpointer and waits for it.
func (c *checkpointer) close() {
	if c == nil {
		return
	}
	c.stopped.Do(func() { close(c.stop) })
	<-c.done
}
