package store_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// SQLite's checkpoints run off the writer: no connection checkpoints in
// its commit, and what the writer committed reaches the database file
// anyway, without the store closing (checkpoint.go).
func TestCheckpointsOffTheWriter(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite's WAL")
	}
	path := storetest.URL(t)
	s := storetest.OpenAt(t, path)
	ctx := context.Background()
	var auto int
	if err := s.DB().QueryRow(`PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != 0 {
		t.Fatalf("wal_autocheckpoint = %d (%v), want 0: commits would checkpoint", auto, err)
	}
	if _, err := s.DB().Exec(`CREATE TABLE checkpointed (v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	before := fileSize(t, path)
	page := strings.Repeat("x", 2000)
	for range 100 { // ≈ 50 pages: far fewer than SQLite's default 1,000
		if err := s.Tx(ctx, func(q store.Querier) error {
			_, err := q.ExecContext(ctx, `INSERT INTO checkpointed (v) VALUES ($1)`, page)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for fileSize(t, path) < before+100*2000 {
		if time.Now().After(deadline) {
			t.Fatalf("database file %d bytes, %d before 200 kB were committed: never checkpointed", fileSize(t, path), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
