package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/store"
)

// The inbound webhook's combined reads return what the separate reads
// did, scoped to the org.
func TestInboundReads(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	other := f.withOrg(t, "other")
	p := f.provider(t, "Main", false)
	n, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100"})
	if err != nil {
		t.Fatal(err)
	}
	gotN, gotP, err := f.s.NumberForWebhook(ctx, n.E164)
	if err != nil || gotN.ID != n.ID || gotP.ID != p.ID || gotP.AuthToken != "sealed" {
		t.Fatalf("NumberForWebhook = %+v, %+v, %v", gotN, gotP, err)
	}
	_, _, err = f.s.NumberForWebhook(ctx, "+14155550199")
	wantKind(t, err, problem.NotFound)

	_, err = f.s.CallStart(ctx, f.org.ID, n.ID, "+14155550123")
	wantKind(t, err, problem.NotFound) // nothing published yet
	if _, err := f.s.RoutingFacts(ctx, f.org.ID, int64(n.ID)); err != nil {
		t.Fatalf("RoutingFacts of a number without published routing: %v", err)
	}
	v1, err := f.s.PublishRouting(ctx, f.org.ID, n.ID, routing.Default(), f.admin.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	v2, err := f.s.PublishRouting(ctx, f.org.ID, n.ID, routing.Default(), f.admin.ID, 0)
	if err != nil || v2.ID == v1.ID {
		t.Fatal(err)
	}
	first := f.person(t, crm.Contact, "Ann", "First", "+14155550123")
	f.person(t, crm.Contact, "Bob", "Second", "+14155550123")
	other.person(t, crm.Contact, "Eve", "Elsewhere", "+14155550124")
	for _, tc := range []struct {
		name, from string
		want       crm.RecordID
	}{
		{"known caller: the oldest record with the number", "+14155550123", first.ID},
		{"another org's caller is nobody here", "+14155550124", 0},
		{"unknown caller", "+14155550125", 0},
		{"withheld caller: no look-up", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.s.CallStart(ctx, f.org.ID, n.ID, tc.from)
			if err != nil || got.VersionID != v2.ID || got.Caller != tc.want || got.Org.ID != f.org.ID {
				t.Fatalf("CallStart = %+v, %v; want version %d, caller %d", got, err, v2.ID, tc.want)
			}
		})
	}
}

func TestRoutingFacts(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	other := f.withOrg(t, "other")
	other.user(t, "stranger@other.test")
	ann, bob, gone := f.user(t, "ann@acme.test"), f.user(t, "bob@acme.test"), f.user(t, "gone@acme.test")
	ann.ForwardingNumber, gone.ForwardingNumber, gone.Active = "+14155550111", "+14155550112", false
	for _, u := range []org.User{ann, gone} {
		if err := f.s.UpdateUser(ctx, f.org.ID, u, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.s.SetStatus(ctx, f.org.ID, bob.ID, presence.Online); err != nil {
		t.Fatal(err)
	}
	c := f.call(t, "CA0001") // ringing, not queued
	for _, sid := range []string{"CA0002", "CA0003"} {
		q := call.Call{NumberID: c.NumberID, CallSID: sid, Direction: "inbound", From: "+15005550006", To: c.To,
			Status: call.Queued, StartedAt: time.Now()}
		if _, _, err := f.s.StartCall(ctx, f.org.ID, store.Change{Call: q}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.s.RoutingFacts(ctx, f.org.ID, c.NumberID)
	if err != nil {
		t.Fatal(err)
	}
	agents, _ := f.s.Presence(ctx, f.org.ID)
	want := map[string]any{"org": f.org.ID, "agents": agents, "forwarding": map[org.UserID]string{ann.ID: ann.ForwardingNumber}, "waiting": 2}
	have := map[string]any{"org": got.Org.ID, "agents": got.Agents, "forwarding": got.Forwarding, "waiting": got.Waiting}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Fatalf("RoutingFacts mismatch (-want +got):\n%s", diff)
	}
	if len(got.Agents) != 3 || got.Org.Settings.TimeZone != f.org.Settings.TimeZone {
		t.Fatalf("RoutingFacts = %+v", got)
	}

	lonely := newFixture(t) // its admin deactivated: an org without active users still has its settings
	lonely.admin.Active = false
	if err := lonely.s.UpdateUser(ctx, lonely.org.ID, lonely.admin, ""); err != nil {
		t.Fatal(err)
	}
	if got, err := lonely.s.RoutingFacts(ctx, lonely.org.ID, 0); err != nil || got.Org.ID != lonely.org.ID || len(got.Agents) != 0 {
		t.Fatalf("RoutingFacts of an org without active users = %+v, %v", got, err)
	}
	_, err = f.s.RoutingFacts(ctx, org.ID(9999), 0)
	wantKind(t, err, problem.NotFound)
}

// A new call is recorded with its legs and jobs, each in its order: the
// legs' ids come back in the change, and jobs due together run in the
// order queued (the identify job before the ring job).
func TestStartCallRecordsLegsAndJobsInOrder(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ann, bob := f.user(t, "ann@acme.test"), f.user(t, "bob@acme.test")
	first := f.call(t, "CA1000") // the number
	now := time.Now().Add(-time.Minute)
	ch := store.Change{Call: call.Call{NumberID: first.NumberID, CallSID: "CA1001", Direction: "inbound", From: "+15005550006",
		To: first.To, Status: call.Ringing, StartedAt: now},
		NewLegs: []call.Leg{{UserID: bob.ID, Status: "queued"}, {UserID: ann.ID, Status: "queued"}, {UserID: f.admin.ID, Status: "queued"}},
		Jobs: []call.Job{{Kind: call.JobIdentify, Payload: "{}", RunAt: now}, {Kind: call.JobRing, Payload: `{"seconds":20}`, RunAt: now},
			{Kind: call.JobSweep, Payload: "{}", RunAt: now.Add(time.Hour)}}}
	c, created, err := f.s.StartCall(ctx, f.org.ID, ch)
	if err != nil || !created || c.ID == 0 || c.OrgID != f.org.ID {
		t.Fatalf("StartCall = %+v, %v, %v", c, created, err)
	}
	legs, err := f.s.Legs(ctx, f.org.ID, c.ID)
	if err != nil || len(legs) != 3 {
		t.Fatalf("legs = %+v, %v", legs, err)
	}
	for i, l := range legs {
		if l.UserID != ch.NewLegs[i].UserID || l.ID != ch.NewLegs[i].ID {
			t.Fatalf("leg %d = %+v, want user %d id %d", i, l, ch.NewLegs[i].UserID, ch.NewLegs[i].ID)
		}
	}
	jobs, err := f.s.ClaimJobs(ctx, 10, time.Minute)
	var kinds []string
	for _, j := range jobs {
		if j.CallID == c.ID {
			kinds = append(kinds, j.Kind)
		}
	}
	if diff := cmp.Diff([]string{call.JobIdentify, call.JobRing}, kinds); err != nil || diff != "" {
		t.Fatalf("due jobs mismatch (-want +got):\n%s%v", diff, err)
	}
}
