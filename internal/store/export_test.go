package store

import "context"

// Querier and Tx open the store's write transactions to the external
// tests of their contract (group_test.go).
type Querier = querier

// Tx runs fn in a write transaction, as the store's methods do.
func (s *Store) Tx(ctx context.Context, fn func(Querier) error) error { return s.tx(ctx, fn) }

// SQLiteTime is sqliteTime, for the test that it writes what the driver does.
var SQLiteTime = sqliteTime
