package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/store"
)

func TestAgentCalls(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	a, b := f.user(t, "a@acme.test"), f.user(t, "b@acme.test")
	// change rings a and b on a new call, then edits it.
	change := func(sid string, edit func(c *call.Call, legs []call.Leg) []call.Leg) call.ID {
		t.Helper()
		c := f.call(t, sid)
		_, err := f.s.UpdateCall(ctx, f.org.ID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
			return store.Change{Call: cur, NewLegs: []call.Leg{{UserID: a.ID, Status: "ringing"}, {UserID: b.ID, Status: "ringing"}}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.s.UpdateCall(ctx, f.org.ID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
			return store.Change{Call: cur, Legs: edit(&cur, legs)}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	now := time.Now()
	ringing := change("CA0101", func(*call.Call, []call.Leg) []call.Leg { return nil })
	bAnswered := change("CA0102", func(c *call.Call, legs []call.Leg) []call.Leg {
		c.Status, c.AnsweredBy, c.AnsweredAt = call.InProgress, b.ID, &now
		legs[1].Status = "in-progress" // a's leg not yet cancelled
		return legs[1:]
	})
	aRejected := change("CA0103", func(_ *call.Call, legs []call.Leg) []call.Leg {
		legs[0].Status, legs[0].EndedAt = "busy", &now
		return legs[:1]
	})
	change("CA0104", func(c *call.Call, legs []call.Leg) []call.Leg {
		c.Status, c.Outcome, c.EndedAt = call.Completed, call.Missed, &now
		return nil // legs left "ringing" by a lost status callback
	})
	tests := []struct {
		user org.UserID
		want []call.ID
	}{
		{a.ID, []call.ID{ringing}},
		{b.ID, []call.ID{ringing, bAnswered, aRejected}},
	}
	for _, tt := range tests {
		calls, err := f.s.AgentCalls(ctx, f.org.ID, tt.user)
		if err != nil {
			t.Fatal(err)
		}
		var ids []call.ID
		for _, c := range calls {
			ids = append(ids, c.ID)
		}
		if diff := cmp.Diff(tt.want, ids); diff != "" {
			t.Errorf("user %d: calls mismatch (-want +got):\n%s", tt.user, diff)
		}
	}
	other := f.withOrg(t, "other")
	if calls, err := f.s.AgentCalls(ctx, other.org.ID, a.ID); err != nil || len(calls) != 0 {
		t.Fatalf("another org: %d calls, %v", len(calls), err)
	}
}
