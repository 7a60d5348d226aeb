package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/store"
)

// A new org is born with one pending job of each recurring kind, due now
// (decision 0029).
func TestNewOrgHasItsRecurringJobs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	other := f.withOrg(t, "other")
	jobs, err := f.s.ClaimJobs(ctx, 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, j := range jobs {
		if j.OrgID == other.org.ID && j.CallID == 0 {
			kinds = append(kinds, j.Kind)
		}
	}
	slices.Sort(kinds)
	want := call.OrgJobKinds()
	slices.Sort(want)
	if !slices.Equal(kinds, want) {
		t.Fatalf("the new org's jobs = %v, want %v", kinds, want)
	}
	if n, err := f.s.EnsureOrgJobs(ctx, call.JobSweepOpen); err != nil || n != 0 {
		t.Fatalf("EnsureOrgJobs after creation queued %d (%v), want none", n, err)
	}
}

// The sweep lists the org's calls a lost callback may have left open —
// the call, or an agent's leg of an ended call — once unchanged for the
// idle time, open calls first, and no other org's.
func TestIdleOpenCalls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	now := time.Now().Add(-2 * time.Hour)
	f.s.SetClock(func() time.Time { return now })
	c := f.call(t, "CA2000") // its number; started on the wall clock, so never idle
	start := func(sid string) call.Call {
		got, _, err := f.s.StartCall(ctx, f.org.ID, store.Change{Call: call.Call{NumberID: c.NumberID, CallSID: sid, Direction: "inbound",
			From: "+15005550006", To: c.To, Status: call.Ringing, StartedAt: now}, NewLegs: []call.Leg{{UserID: f.admin.ID, Status: "in-progress"}}})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	end := func(c call.Call, legStatus string) {
		_, err := f.s.UpdateCall(ctx, f.org.ID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
			at := now
			cur.Status, cur.EndedAt = call.Completed, &at
			for i := range legs {
				legs[i].Status = legStatus
			}
			return store.Change{Call: cur, Legs: legs}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	open, legOpen, closed, fresh := start("CA2001"), start("CA2002"), start("CA2003"), start("CA2004")
	end(legOpen, "in-progress")
	end(closed, "completed")
	elsewhere := f.withOrg(t, "elsewhere")
	if _, _, err := elsewhere.s.StartCall(ctx, elsewhere.org.ID, store.Change{Call: call.Call{NumberID: c.NumberID, CallSID: "CA2009",
		Direction: "inbound", Status: call.Ringing, StartedAt: now}}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	end(fresh, "in-progress") // changed just now: not idle yet

	tests := []struct {
		name  string
		idle  time.Duration
		limit int
		want  []call.ID
	}{
		{"idle for 30 minutes", 30 * time.Minute, 10, []call.ID{open.ID, legOpen.ID}},
		{"limited", 30 * time.Minute, 1, []call.ID{open.ID}},
		{"idle for two hours: none", 2 * time.Hour, 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.s.IdleOpenCalls(ctx, f.org.ID, tt.idle, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var ids []call.ID
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Fatalf("IdleOpenCalls = %v, want %v", ids, tt.want)
			}
		})
	}
}
