package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/store"
)

func (f fixture) call(t *testing.T, sid string) call.Call {
	t.Helper()
	ctx := context.Background()
	p := f.provider(t, "Main", false)
	n, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN" + sid, E164: "+1415555" + sid[len(sid)-4:]})
	if err != nil {
		t.Fatal(err)
	}
	c, created, err := f.s.StartCall(ctx, f.org.ID, store.Change{Call: call.Call{NumberID: int64(n.ID), CallSID: sid, Direction: "inbound",
		From: "+15005550006", To: n.E164, Status: call.Ringing, StartedAt: time.Now()}})
	if err != nil || !created {
		t.Fatalf("CreateCall = %v, %v", created, err)
	}
	return c
}

func TestCallIsRecordedOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.call(t, "CA0001")
	again, created, err := f.s.StartCall(context.Background(), f.org.ID, store.Change{Call: call.Call{NumberID: c.NumberID, CallSID: "CA0001",
		Direction: "inbound", Status: call.Ringing, StartedAt: time.Now()},
		NewLegs: []call.Leg{{UserID: f.admin.ID, Status: "queued"}}})
	if err != nil || created || again.ID != c.ID {
		t.Fatalf("retried webhook: %+v, created %v, %v", again, created, err)
	}
	if legs, _ := f.s.Legs(context.Background(), f.org.ID, c.ID); len(legs) != 0 {
		t.Fatalf("a retried webhook wrote %d legs", len(legs))
	}
}

func TestUpdateCallRetriesOnConcurrentChange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	c := f.call(t, "CA0002")
	// Ten webhooks each add one leg at once; every one must land.
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.s.UpdateCall(ctx, f.org.ID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
				cur.State.Rung = append(cur.State.Rung, f.admin.ID)
				return store.Change{Call: cur, NewLegs: []call.Leg{{UserID: f.admin.ID, Cycle: i, Status: "queued"}},
					Jobs: []call.Job{{Kind: call.JobRing, Payload: "{}"}}}, nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, _ := f.s.Call(ctx, f.org.ID, c.ID)
	legs, _ := f.s.Legs(ctx, f.org.ID, c.ID)
	if len(got.State.Rung) != 10 || len(legs) != 10 || got.Revision != 10 {
		t.Fatalf("after 10 concurrent updates: rung %d, legs %d, revision %d", len(got.State.Rung), len(legs), got.Revision)
	}
	t.Run("jobs are claimed once and finished", func(t *testing.T) {
		claimed, err := f.s.ClaimJobs(ctx, 100, time.Minute)
		var jobs []call.Job // the call's, not the org's recurring ones
		for _, j := range claimed {
			if j.CallID == c.ID {
				jobs = append(jobs, j)
			}
		}
		if err != nil || len(jobs) != 10 {
			t.Fatalf("claimed %d, %v", len(jobs), err)
		}
		if again, _ := f.s.ClaimJobs(ctx, 100, time.Minute); len(again) != 0 {
			t.Fatalf("leased jobs claimed again: %d", len(again))
		}
		if err := f.s.FinishJob(ctx, jobs[0].ID, nil, 0); err != nil {
			t.Fatal(err)
		}
		if err := f.s.FinishJob(ctx, jobs[1].ID, context.DeadlineExceeded, time.Millisecond); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
		retry, _ := f.s.ClaimJobs(ctx, 100, time.Minute)
		if len(retry) != 1 || retry[0].ID != jobs[1].ID || retry[0].Attempts != 2 {
			t.Fatalf("retry = %+v", retry)
		}
	})
}
