package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/problem"
)

func TestPresenceRingOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	a, b, c := f.user(t, "a@acme.test"), f.user(t, "b@acme.test"), f.user(t, "c@acme.test")
	online := func(u org.User) {
		t.Helper()
		if err := f.s.SetStatus(ctx, f.org.ID, u.ID, presence.Online); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // distinct came-online times
	}
	order := func() []org.UserID {
		t.Helper()
		agents, err := f.s.Presence(ctx, f.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		return presence.RingOrder(agents, []org.UserID{a.ID, b.ID, c.ID, f.admin.ID})
	}
	online(b)
	online(a)
	online(c)
	online(a) // already online: keeps its place
	if diff := cmp.Diff([]org.UserID{b.ID, a.ID, c.ID}, order()); diff != "" {
		t.Fatalf("came-online order mismatch (-want +got):\n%s", diff)
	}
	if err := f.s.SetBusy(ctx, f.org.ID, b.ID, true); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]org.UserID{a.ID, c.ID}, order()); diff != "" {
		t.Fatalf("busy agent not skipped (-want +got):\n%s", diff)
	}
	if err := f.s.SetBusy(ctx, f.org.ID, b.ID, false); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]org.UserID{a.ID, c.ID, b.ID}, order()); diff != "" {
		t.Fatalf("answerer not moved to the back (-want +got):\n%s", diff)
	}
	if err := f.s.SetStatus(ctx, f.org.ID, a.ID, presence.Offline); err != nil {
		t.Fatal(err)
	}
	online(a)
	if diff := cmp.Diff([]org.UserID{c.ID, b.ID, a.ID}, order()); diff != "" {
		t.Fatalf("coming back online must queue at the back (-want +got):\n%s", diff)
	}
	t.Run("another org's user", func(t *testing.T) {
		other := f.withOrg(t, "other")
		err := f.s.SetStatus(ctx, other.org.ID, a.ID, presence.Online)
		if !problem.Is(err, problem.NotFound) {
			t.Fatalf("err = %v, want not found", err)
		}
	})
}
