package store_test

import (
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// New calls' times are formatted before their transaction (callRows);
// stored, they must be the very text the driver writes for a time, or
// comparing and ordering them against other rows' times would go wrong.
func TestSQLiteTimeIsTheDriversText(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite's text times")
	}
	s := storetest.Open(t)
	if _, err := s.DB().Exec(`CREATE TABLE times (driver TEXT NOT NULL, ours TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		at   time.Time
	}{
		{"microseconds", time.Date(2026, 11, 21, 9, 5, 7, 123456000, time.UTC)},
		{"a whole second", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		{"trailing zeros", time.Date(2026, 12, 31, 23, 59, 59, 100000000, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.DB().Exec(`DELETE FROM times`); err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().Exec(`INSERT INTO times VALUES ($1, $2)`, tc.at, store.SQLiteTime(tc.at)); err != nil {
				t.Fatal(err)
			}
			var driver, ours string
			if err := s.DB().QueryRow(`SELECT driver, ours FROM times`).Scan(&driver, &ours); err != nil {
				t.Fatal(err)
			}
			if driver != ours {
				t.Fatalf("driver wrote %q, sqliteTime %q", driver, ours)
			}
		})
	}
}
