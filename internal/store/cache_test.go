package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
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

// webhookView is what an inbound-call webhook reads before routing: the
// number and its provider, then the org and the live version. On SQLite
// it comes from the cache once warm (cache.go).
type webhookView struct {
	Number     provider.Number
	Provider   provider.Provider
	Org        org.Org
	VersionID  int64
	Agents     []presence.Agent
	Forwarding map[org.UserID]string
	Err        string
}

func (f fixture) webhookView(t *testing.T, e164 string) webhookView {
	t.Helper()
	ctx := context.Background()
	n, p, err := f.s.WebhookNumber(ctx, e164)
	if err != nil {
		return webhookView{Err: string(problem.KindOf(err))}
	}
	v := webhookView{Number: n, Provider: p}
	c, err := f.s.CallStart(ctx, n.OrgID, n.ID, "")
	if err != nil {
		v.Err = string(problem.KindOf(err))
	}
	v.Org, v.VersionID, v.Agents, v.Forwarding = c.Org, c.VersionID, c.Agents, c.Forwarding
	return v
}

// freshView reads the same without the cache.
func (f fixture) freshView(t *testing.T, e164 string) webhookView {
	t.Helper()
	ctx := context.Background()
	n, p, err := f.s.NumberForWebhook(ctx, e164)
	if err != nil {
		return webhookView{Err: string(problem.KindOf(err))}
	}
	v := webhookView{Number: n, Provider: p}
	o, err := f.s.Org(ctx, n.OrgID)
	if err != nil {
		t.Fatal(err)
	}
	v.Org = o
	live, err := f.s.RoutingVersion(ctx, n.OrgID, n.ID, 0)
	if err != nil {
		v.Err = string(problem.KindOf(err))
	}
	v.VersionID = live.ID
	if v.Agents, err = f.s.Presence(ctx, n.OrgID); err != nil {
		t.Fatal(err)
	}
	users, err := f.s.Users(ctx, n.OrgID)
	if err != nil {
		t.Fatal(err)
	}
	v.Forwarding = map[org.UserID]string{}
	for _, u := range users {
		if u.Active && u.ForwardingNumber != "" {
			v.Forwarding[u.ID] = u.ForwardingNumber
		}
	}
	return v
}

// agent returns the view's presence of user.
func (v webhookView) agent(user org.UserID) presence.Agent {
	for _, a := range v.Agents {
		if a.UserID == user {
			return a
		}
	}
	return presence.Agent{}
}

// Every write to what the webhook cache holds is seen by the very next
// webhook, on both stores: the cached view, warmed before the write,
// equals a fresh read after it.
func TestWebhookSeesEveryWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var republished int64 // the version the republishing case's write published
	for _, tc := range []struct {
		name  string
		write func(f fixture, p provider.Provider, n provider.Number) error
		check func(f fixture, v webhookView) bool // what the write changed, seen
	}{
		{"publishing routing starts new calls on the new version", func(f fixture, p provider.Provider, n provider.Number) error {
			_, err := f.s.PublishRouting(ctx, f.org.ID, n.ID, routing.Default(), f.admin.ID, 0)
			return err
		}, func(f fixture, v webhookView) bool { return v.VersionID != 0 }},
		{"publishing again starts new calls on the newer version", func(f fixture, p provider.Provider, n provider.Number) error {
			v, err := f.s.PublishRouting(ctx, f.org.ID, n.ID, routing.Default(), f.admin.ID, 0)
			republished = v.ID
			return err
		}, func(f fixture, v webhookView) bool { return v.VersionID == republished }},
		{"org settings", func(f fixture, p provider.Provider, n provider.Number) error {
			st := f.org.Settings
			st.TimeZone, st.RecordingAnnouncement = "Europe/Paris", "This call is recorded."
			return f.s.UpdateOrgSettings(ctx, f.org.ID, "Acme Paris", st)
		}, func(f fixture, v webhookView) bool {
			return v.Org.Name == "Acme Paris" && v.Org.Settings.TimeZone == "Europe/Paris"
		}},
		{"number switches and script", func(f fixture, p provider.Provider, n provider.Number) error {
			on, script := true, "Ask for the order number."
			return f.s.UpdateNumber(ctx, f.org.ID, n.ID, provider.NumberChange{Recording: &on, Script: &script})
		}, func(f fixture, v webhookView) bool { return v.Number.RecordingEnabled && v.Number.Script != "" }},
		{"unlinking the number", func(f fixture, p provider.Provider, n provider.Number) error {
			return f.s.UnlinkNumber(ctx, f.org.ID, n.ID)
		}, func(f fixture, v webhookView) bool { return v.Err == string(problem.NotFound) }},
		{"relinking the number", func(f fixture, p provider.Provider, n provider.Number) error {
			if err := f.s.UnlinkNumber(ctx, f.org.ID, n.ID); err != nil {
				return err
			}
			_, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN2", E164: n.E164})
			return err
		}, func(f fixture, v webhookView) bool { return v.Number.SID == "PN2" }},
		{"provider health", func(f fixture, p provider.Provider, n provider.Number) error {
			return f.s.RecordProviderHealth(ctx, f.org.ID, p.ID, errors.New("carrier said no"))
		}, func(f fixture, v webhookView) bool { return v.Provider.LastError == "carrier said no" }},
		{"provider TwiML App", func(f fixture, p provider.Provider, n provider.Number) error {
			_, _, err := f.s.SetProviderTwiMLApp(ctx, f.org.ID, p.ID, "AP1")
			return err
		}, func(f fixture, v webhookView) bool { return v.Provider.TwiMLAppSID == "AP1" }},
		{"provider API key", func(f fixture, p provider.Provider, n provider.Number) error {
			_, _, err := f.s.SetProviderAPIKey(ctx, f.org.ID, p.ID, "SK1", "sealed secret")
			return err
		}, func(f fixture, v webhookView) bool { return v.Provider.APIKeySID == "SK1" }},
		{"provider users", func(f fixture, p provider.Provider, n provider.Number) error {
			return f.s.RemoveProviderUser(ctx, f.org.ID, p.ID, f.admin.ID)
		}, func(f fixture, v webhookView) bool { return !v.Provider.AllUsers }},
		{"uninstalling the provider", func(f fixture, p provider.Provider, n provider.Number) error {
			_, err := f.s.UninstallProvider(ctx, f.org.ID, p.ID)
			return err
		}, func(f fixture, v webhookView) bool { return v.Err == string(problem.NotFound) }},
		{"an agent goes offline", func(f fixture, p provider.Provider, n provider.Number) error {
			return f.s.SetStatus(ctx, f.org.ID, f.admin.ID, presence.Offline)
		}, func(f fixture, v webhookView) bool { return v.agent(f.admin.ID).Status == presence.Offline }},
		{"an agent is busy on a call", func(f fixture, p provider.Provider, n provider.Number) error {
			return f.s.SetBusy(ctx, f.org.ID, f.admin.ID, true)
		}, func(f fixture, v webhookView) bool { return v.agent(f.admin.ID).Busy }},
		{"an agent's app beats", func(f fixture, p provider.Provider, n provider.Number) error {
			_, err := f.s.Heartbeat(ctx, f.org.ID, f.admin.ID, time.Minute)
			return err
		}, func(f fixture, v webhookView) bool { return v.agent(f.admin.ID).LastSeen != nil }},
		{"a new user", func(f fixture, p provider.Provider, n provider.Number) error {
			_, err := f.s.CreateUser(ctx, f.org.ID, org.User{Email: "new@acme.test", Role: org.Agent, Active: true}, "h")
			return err
		}, func(f fixture, v webhookView) bool { return len(v.Agents) == 2 }},
		{"a user's forwarding number", func(f fixture, p provider.Provider, n provider.Number) error {
			u := f.admin
			u.ForwardingNumber = "+14155550177"
			return f.s.UpdateUser(ctx, f.org.ID, u, "")
		}, func(f fixture, v webhookView) bool { return v.Forwarding[f.admin.ID] == "+14155550177" }},
		{"a user deactivated", func(f fixture, p provider.Provider, n provider.Number) error {
			u := f.admin
			u.Active = false
			return f.s.UpdateUser(ctx, f.org.ID, u, "")
		}, func(f fixture, v webhookView) bool { return v.Err == "" && len(v.Agents) == 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			p := f.provider(t, "Main", true)
			n, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100"})
			if err != nil {
				t.Fatal(err)
			}
			if tc.name != "publishing routing starts new calls on the new version" {
				if _, err := f.s.PublishRouting(ctx, f.org.ID, n.ID, routing.Default(), f.admin.ID, 0); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.s.SetStatus(ctx, f.org.ID, f.admin.ID, presence.Online); err != nil {
				t.Fatal(err)
			}
			before := f.webhookView(t, n.E164)
			if again := f.webhookView(t, n.E164); !cmp.Equal(before, again) { // the second read is the cache's
				t.Fatalf("cached view differs from the first read:\n%s", cmp.Diff(before, again))
			}
			if tc.check(f, before) {
				t.Fatalf("the view shows the write before it was made: %+v", before)
			}
			if err := tc.write(f, p, n); err != nil {
				t.Fatal(err)
			}
			got := f.webhookView(t, n.E164)
			if !tc.check(f, got) {
				t.Fatalf("the next webhook does not see the write: %+v", got)
			}
			if want := f.freshView(t, n.E164); !cmp.Equal(want, got) {
				t.Fatalf("next webhook's view differs from a fresh read (-fresh +webhook):\n%s", cmp.Diff(want, got))
			}
		})
	}
}

// A write returns only once later webhooks see it, even while other
// webhooks are reading (and filling the cache) at the same moment.
func TestWebhookSeesWritesUnderConcurrentReads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	p := f.provider(t, "Main", true)
	n, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100"})
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, _, err := f.s.WebhookNumber(ctx, n.E164); err != nil {
					t.Error(err)
					return
				}
				f.s.RoutingFacts(ctx, f.org.ID, int64(n.ID))
			}
		}()
	}
	for i := range 200 {
		script := fmt.Sprintf("script %d", i)
		if err := f.s.UpdateNumber(ctx, f.org.ID, n.ID, provider.NumberChange{Script: &script}); err != nil {
			t.Fatal(err)
		}
		got, _, err := f.s.WebhookNumber(ctx, n.E164)
		if err != nil || got.Script != script {
			t.Fatalf("after write %d the webhook sees %q, %v", i, got.Script, err)
		}
		name := fmt.Sprintf("Acme %d", i)
		if err := f.s.UpdateOrgSettings(ctx, f.org.ID, name, f.org.Settings); err != nil {
			t.Fatal(err)
		}
		facts, err := f.s.RoutingFacts(ctx, f.org.ID, int64(n.ID))
		if err != nil || facts.Org.Name != name {
			t.Fatalf("after write %d the webhook sees org %q, %v", i, facts.Org.Name, err)
		}
	}
	close(stop)
	readers.Wait()
}

// An agent whose app stops beating lapses at its deadline, with no write
// to tell the cache: the webhook judges the lapse at each read.
func TestWebhookSeesALapseWithoutAWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	p := f.provider(t, "Main", true)
	n, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.PublishRouting(ctx, f.org.ID, n.ID, routing.Default(), f.admin.ID, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetStatus(ctx, f.org.ID, f.admin.ID, presence.Online); err != nil {
		t.Fatal(err)
	}
	const grace = 200 * time.Millisecond
	if _, err := f.s.Heartbeat(ctx, f.org.ID, f.admin.ID, grace); err != nil {
		t.Fatal(err)
	}
	beat := time.Now()
	for range 2 { // the second read is the cache's
		if a := f.webhookView(t, n.E164).agent(f.admin.ID); a.Lapsed || !a.Reachable() {
			if time.Since(beat) < grace {
				t.Fatalf("agent lapsed before the deadline: %+v", a)
			}
		}
	}
	time.Sleep(time.Until(beat.Add(grace + 10*time.Millisecond)))
	got := f.webhookView(t, n.E164)
	if !got.agent(f.admin.ID).Lapsed {
		t.Fatalf("agent not lapsed after the deadline: %+v", got.agent(f.admin.ID))
	}
	if want := f.freshView(t, n.E164); !cmp.Equal(want, got) {
		t.Fatalf("view differs from a fresh read (-fresh +webhook):\n%s", cmp.Diff(want, got))
	}
}

// A new inbound call is decided on the same facts whether the cache is
// cold (CallStart, then the write) or warm (on SQLite: the queue counted
// inside the write when routing queues the call, the caller found by the
// call's INSERT), and recorded the same way.
func TestStartInboundCallDecidesOnTheSameFacts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	ann := f.user(t, "ann@acme.test")
	ann.ForwardingNumber = "+14155550111"
	if err := f.s.UpdateUser(ctx, f.org.ID, ann, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetStatus(ctx, f.org.ID, ann.ID, presence.Online); err != nil {
		t.Fatal(err)
	}
	first := f.call(t, "CA0001")
	number := provider.NumberID(first.NumberID)
	if _, err := f.s.PublishRouting(ctx, f.org.ID, number, routing.Default(), f.admin.ID, 0); err != nil {
		t.Fatal(err)
	}
	queued := call.Call{NumberID: first.NumberID, CallSID: "CA0002", Direction: "inbound", From: "+15005550006", To: first.To,
		Status: call.Queued, StartedAt: time.Now()}
	if _, _, err := f.s.StartCall(ctx, f.org.ID, store.Change{Call: queued}); err != nil {
		t.Fatal(err)
	}
	caller := f.person(t, crm.Contact, "Carol", "Caller", "+14155550123")
	want, err := f.s.CallStart(ctx, f.org.ID, number, "+14155550123")
	if err != nil || want.Waiting != 1 || want.Caller != caller.ID {
		t.Fatalf("CallStart = %+v, %v", want, err)
	}
	// Unchanged settings, written: the write drops the cache the read above
	// filled.
	if err := f.s.UpdateOrgSettings(ctx, f.org.ID, f.org.Name, f.org.Settings); err != nil {
		t.Fatal(err)
	}
	// Routing sees what CallStart read — the queue's length only as far
	// as it queues the call, the caller's record not at all on SQLite
	// with the cache warm — and the call is recorded on the caller's
	// record either way.
	waiting := want.Waiting
	for i, tc := range []string{"cold cache", "warm cache", "warm cache, again"} {
		t.Run(tc, func(t *testing.T) {
			for _, status := range []string{call.Ringing, call.Queued} {
				sid := fmt.Sprintf("CA1%03d", i)
				if status == call.Queued {
					sid = fmt.Sprintf("CA2%03d", i)
				}
				var got store.CallStart
				c, created, err := f.s.StartInboundCall(ctx, f.org.ID, number, "+14155550123", func(s store.CallStart) (store.Change, error) {
					got = s
					return store.Change{Call: call.Call{NumberID: first.NumberID, CallSID: sid, Direction: "inbound", From: "+14155550123",
						To: first.To, Status: status, StartedAt: time.Now(), RecordID: int64(s.Caller)},
						NewLegs: []call.Leg{{UserID: ann.ID, Status: "queued"}},
						Jobs:    []call.Job{{Kind: call.JobRing, Payload: "{}"}}}, nil
				})
				if err != nil || !created || c.ID == 0 || c.CallSID != sid {
					t.Fatalf("StartInboundCall = %+v, %v, %v", c, created, err)
				}
				w := want
				w.Waiting, w.Caller = waiting, got.Caller
				if status != call.Queued {
					w.Waiting = got.Waiting
				}
				if diff := cmp.Diff(w, got); diff != "" || (got.Caller != 0 && got.Caller != caller.ID) {
					t.Fatalf("%s call decided on other facts (-CallStart +decided on):\n%s", status, diff)
				}
				recorded, err := f.s.CallForWebhook(ctx, sid)
				if err != nil || recorded.RecordID != int64(caller.ID) {
					t.Fatalf("%s call recorded on record %d, want %d (%v)", status, recorded.RecordID, caller.ID, err)
				}
				legs, err := f.s.Legs(ctx, f.org.ID, c.ID)
				if err != nil || len(legs) != 1 || legs[0].UserID != ann.ID {
					t.Fatalf("legs = %+v, %v", legs, err)
				}
				if status == call.Queued {
					waiting++
				}
			}
		})
	}
	t.Run("a retried call is answered from the one recorded", func(t *testing.T) {
		c, created, err := f.s.StartInboundCall(ctx, f.org.ID, number, "", func(store.CallStart) (store.Change, error) {
			return store.Change{Call: call.Call{NumberID: first.NumberID, CallSID: "CA1000", Direction: "inbound",
				Status: call.Ringing, StartedAt: time.Now()}, NewLegs: []call.Leg{{UserID: ann.ID, Status: "queued"}}}, nil
		})
		if err != nil || created || c.CallSID != "CA1000" {
			t.Fatalf("retried: %+v, created %v, %v", c, created, err)
		}
		if legs, _ := f.s.Legs(ctx, f.org.ID, c.ID); len(legs) != 1 {
			t.Fatalf("a retry added legs: %+v", legs)
		}
	})
	t.Run("a failed decision records nothing", func(t *testing.T) {
		refused := errors.New("refused")
		_, _, err := f.s.StartInboundCall(ctx, f.org.ID, number, "", func(store.CallStart) (store.Change, error) {
			return store.Change{}, refused
		})
		if !errors.Is(err, refused) {
			t.Fatalf("err = %v, want the decision's", err)
		}
		if got, _ := f.s.CallStart(ctx, f.org.ID, number, ""); got.Waiting != waiting {
			t.Fatalf("queue = %d", got.Waiting)
		}
	})
}
