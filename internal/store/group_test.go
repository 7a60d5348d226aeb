package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// The write-transaction contract, which group commit (SQLite) must keep:
// each transaction commits or rolls back alone, sees the ones before it,
// and its caller returns after its writes are committed. On PostgreSQL
// the same contract holds without grouping.
func TestConcurrentTransactions(t *testing.T) {
	errRefused := errors.New("refused")
	for _, tc := range []struct {
		name string
		// fn is transaction i's body; want is the sum of n expected after
		// all have run, and wantErr how many fail.
		fn      func(ctx context.Context, q store.Querier, i int) error
		want    int
		wantErr int
	}{
		{"every transaction commits", func(ctx context.Context, q store.Querier, i int) error {
			_, err := q.ExecContext(ctx, `INSERT INTO grouped_test (n) VALUES ($1)`, 1)
			return err
		}, 40, 0},
		{"a failing transaction undoes only its own writes", func(ctx context.Context, q store.Querier, i int) error {
			if _, err := q.ExecContext(ctx, `INSERT INTO grouped_test (n) VALUES ($1)`, 1); err != nil {
				return err
			}
			if i%4 == 0 {
				return errRefused
			}
			return nil
		}, 30, 10},
		{"each transaction sees the ones before it", func(ctx context.Context, q store.Querier, i int) error {
			_, err := q.ExecContext(ctx, `UPDATE grouped_test SET n = n * 2 + 1`)
			return err
		}, 1<<40 - 1, 0},
		{"a cancelled caller writes nothing", func(ctx context.Context, q store.Querier, i int) error {
			_, err := q.ExecContext(ctx, `INSERT INTO grouped_test (n) VALUES ($1)`, 1)
			return err
		}, 0, 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := storetest.Open(t)
			ctx := context.Background()
			newGroupedTable(t, s)
			if tc.name == "a cancelled caller writes nothing" {
				c, cancel := context.WithCancel(ctx)
				cancel()
				ctx = c
			}
			failed := runConcurrently(40, func(i int) error {
				return s.Tx(ctx, func(q store.Querier) error { return tc.fn(ctx, q, i) })
			})
			var sum int
			if err := s.DB().QueryRow(`SELECT COALESCE(SUM(n), 0) FROM grouped_test`).Scan(&sum); err != nil {
				t.Fatal(err)
			}
			if sum != tc.want || failed != tc.wantErr {
				t.Fatalf("sum = %d with %d failed, want %d with %d failed", sum, failed, tc.want, tc.wantErr)
			}
		})
	}
}

// newGroupedTable creates the table the tests write, with one row of 0.
func newGroupedTable(t *testing.T, s *store.Store) {
	t.Helper()
	if _, err := s.DB().Exec(`CREATE TABLE grouped_test (n BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`INSERT INTO grouped_test (n) VALUES (0)`); err != nil {
		t.Fatal(err)
	}
}

// runConcurrently runs fn(0…n-1) at once and counts the errors.
func runConcurrently(n int, fn func(i int) error) int {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn(i)
		}()
	}
	wg.Wait()
	failed := 0
	for _, err := range errs {
		if err != nil {
			failed++
		}
	}
	return failed
}

// A transaction that panics must not leave the others waiting for ever:
// its caller gets the panic, the rest finish, and the store goes on.
func TestTransactionPanicReleasesTheOthers(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	newGroupedTable(t, s)
	failed := runConcurrently(20, func(i int) (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		return s.Tx(ctx, func(q store.Querier) error {
			if i == 7 {
				panic("boom")
			}
			_, err := q.ExecContext(ctx, `INSERT INTO grouped_test (n) VALUES (1)`)
			return err
		})
	})
	if failed == 0 {
		t.Fatal("the panicking transaction returned no error")
	}
	if err := s.Tx(ctx, func(q store.Querier) error {
		_, err := q.ExecContext(ctx, `INSERT INTO grouped_test (n) VALUES (1)`)
		return err
	}); err != nil {
		t.Fatalf("store after a panic: %v", err)
	}
}
