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

func TestHeartbeat(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	a, b, c := f.user(t, "a@acme.test"), f.user(t, "b@acme.test"), f.user(t, "c@acme.test")
	beat := func(u org.User, grace time.Duration) bool {
		t.Helper()
		revived, err := f.s.Heartbeat(ctx, f.org.ID, u.ID, grace)
		if err != nil {
			t.Fatal(err)
		}
		return revived
	}
	for _, u := range []org.User{a, b, c} {
		if err := f.s.SetStatus(ctx, f.org.ID, u.ID, presence.Online); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // distinct came-online times
	}
	beat(a, time.Minute)
	beat(b, 0) // its app stopped beating: the deadline is now
	// c never beat: set online without a heartbeat, it is taken at its word.
	agents := func() map[org.UserID]presence.Agent {
		t.Helper()
		list, err := f.s.Presence(ctx, f.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[org.UserID]presence.Agent{}
		for _, ag := range list {
			out[ag.UserID] = ag
		}
		return out
	}
	order := func() []org.UserID {
		t.Helper()
		list, err := f.s.Presence(ctx, f.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		return presence.RingOrder(list, []org.UserID{a.ID, b.ID, c.ID})
	}
	if diff := cmp.Diff([]org.UserID{a.ID, c.ID}, order()); diff != "" {
		t.Fatalf("lapsed agent not skipped (-want +got):\n%s", diff)
	}
	if ag := agents()[b.ID]; !ag.Lapsed || ag.Reachable() || ag.LastSeen == nil {
		t.Fatalf("b = %+v, want lapsed, unreachable, last seen set", ag)
	}

	t.Run("a lapse is claimed once, across orgs", func(t *testing.T) {
		other := f.withOrg(t, "other")
		x := other.user(t, "x@other.test")
		other.s.SetStatus(ctx, other.org.ID, x.ID, presence.Online)
		if _, err := other.s.Heartbeat(ctx, other.org.ID, x.ID, 0); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.ClaimLapsedPresence(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[org.ID][]org.UserID{}
		for o, list := range got {
			for _, ag := range list {
				if !ag.Lapsed || ag.Status != presence.Online {
					t.Errorf("claimed %+v, want online and lapsed", ag)
				}
				ids[o] = append(ids[o], ag.UserID)
			}
		}
		if diff := cmp.Diff(map[org.ID][]org.UserID{f.org.ID: {b.ID}, other.org.ID: {x.ID}}, ids); diff != "" {
			t.Fatalf("claimed mismatch (-want +got):\n%s", diff)
		}
		again, err := f.s.ClaimLapsedPresence(ctx)
		if err != nil || len(again) != 0 {
			t.Fatalf("second claim = %v, %v; want nothing", again, err)
		}
	})

	t.Run("a heartbeat revives a lapsed agent, once", func(t *testing.T) {
		if !beat(b, time.Minute) {
			t.Fatal("revived = false, want true")
		}
		if beat(b, time.Minute) {
			t.Fatal("second heartbeat revived again")
		}
		if diff := cmp.Diff([]org.UserID{a.ID, b.ID, c.ID}, order()); diff != "" {
			t.Fatalf("ring order mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("a lapsed agent going offline is no longer lapsed", func(t *testing.T) {
		beat(a, 0)
		if err := f.s.SetStatus(ctx, f.org.ID, a.ID, presence.Offline); err != nil {
			t.Fatal(err)
		}
		if ag := agents()[a.ID]; ag.Lapsed || ag.Reachable() {
			t.Fatalf("a = %+v, want offline, not lapsed", ag)
		}
	})

	t.Run("a user who never set a status beats offline", func(t *testing.T) {
		d := f.user(t, "d@acme.test")
		if beat(d, time.Minute) {
			t.Fatal("an offline user was revived")
		}
		ag, err := f.s.AgentPresence(ctx, f.org.ID, d.ID)
		if err != nil || ag.Status != presence.Offline || ag.LastSeen == nil {
			t.Fatalf("d = %+v, %v; want offline with a last heartbeat", ag, err)
		}
	})

	t.Run("another org's user", func(t *testing.T) {
		other := f.withOrg(t, "third")
		if _, err := f.s.Heartbeat(ctx, other.org.ID, a.ID, time.Minute); !problem.Is(err, problem.NotFound) {
			t.Fatalf("err = %v, want not found", err)
		}
		if _, err := f.s.AgentPresence(ctx, other.org.ID, a.ID); !problem.Is(err, problem.NotFound) {
			t.Fatalf("err = %v, want not found", err)
		}
	})
}
