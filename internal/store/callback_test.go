package store_test

import (
	"context"
	"testing"
	"time"
)

func TestClaimCallback(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.withOrg(t, "globex")
	ctx := context.Background()
	claim := func(f fixture, token string, keep time.Duration) bool {
		t.Helper()
		ok, err := f.s.ClaimCallback(ctx, f.org.ID, token, keep)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	tests := []struct {
		name string
		do   func() bool
		want bool
	}{
		{"a new token is claimed", func() bool { return claim(f, "tok-1", time.Hour) }, true},
		{"a repeated token is not", func() bool { return claim(f, "tok-1", time.Hour) }, false},
		{"another org's same token is its own", func() bool { return claim(other, "tok-1", time.Hour) }, true},
		{"a released token is claimed again", func() bool {
			if err := f.s.ReleaseCallback(ctx, f.org.ID, "tok-1"); err != nil {
				t.Fatal(err)
			}
			return claim(f, "tok-1", time.Hour)
		}, true},
		{"an expired token is forgotten", func() bool {
			claim(f, "tok-2", -time.Second)
			return claim(f, "tok-2", time.Hour)
		}, true},
	}
	for _, tt := range tests { // in order: each case builds on the last
		if got := tt.do(); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAdvanceSequence(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.withOrg(t, "globex")
	ctx := context.Background()
	tests := []struct {
		name string
		f    fixture
		sid  string
		seq  int64
		keep time.Duration
		want bool
	}{
		{"the first callback of a call", f, "CA1", 1, time.Hour, true},
		{"a later one", f, "CA1", 3, time.Hour, true},
		{"an older one changes nothing", f, "CA1", 2, time.Hour, false},
		{"the same one again (a retry) is handled", f, "CA1", 3, time.Hour, true},
		{"another call counts on its own", f, "CA2", 0, time.Hour, true},
		{"another org's call counts on its own", other, "CA1", 0, time.Hour, true},
		{"an expiring record", f, "CA3", 5, -time.Second, true},
		{"is forgotten once expired", f, "CA3", 1, time.Hour, true},
	}
	for _, tt := range tests {
		got, err := tt.f.s.AdvanceSequence(ctx, tt.f.org.ID, tt.sid, tt.seq, tt.keep)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
