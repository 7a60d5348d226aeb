package store

import (
	"testing"

	"github.com/switchboard/switchboard/internal/org"
)

// A read that was under way when a write committed may have seen the data
// from before it: what it read is not kept, and a read that started after
// the write is.
func TestCacheKeepsOnlyReadsAfterTheLastWrite(t *testing.T) {
	for _, tc := range []struct {
		name         string
		writeDuring  bool
		wantOrgCache bool
	}{
		{"a read with no write during it is kept", false, true},
		{"a read overlapping a write is not kept", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Store{dialect: SQLite}
			_, _, gens, hit := s.hot.start(1, 7, true)
			if hit {
				t.Fatal("an empty cache hit")
			}
			if tc.writeDuring {
				s.forget()
			}
			s.hot.keepStart(gens[0], CallStart{RoutingFacts: RoutingFacts{Org: org.Org{ID: 1}}, VersionID: 3}, 7)
			o, version, _, hit := s.hot.start(1, 7, true)
			if hit != tc.wantOrgCache || hit && (o.ID != 1 || version != 3) {
				t.Fatalf("after the read: hit %v, org %d, version %d; want hit %v", hit, o.ID, version, tc.wantOrgCache)
			}
			s.forget()
			if _, _, _, hit := s.hot.start(1, 7, false); hit {
				t.Fatal("a write left the cache filled")
			}
		})
	}
}
