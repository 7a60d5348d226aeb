package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
)

// webhookView is what an inbound-call webhook reads before routing: the
// number and its provider, then the org and the live version. On SQLite
// it comes from the cache once warm (cache.go).
type webhookView struct {
	Number    provider.Number
	Provider  provider.Provider
	Org       org.Org
	VersionID int64
	Err       string
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
	v.Org, v.VersionID = c.Org, c.VersionID
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
	return v
}

// Every write to what the webhook cache holds is seen by the very next
// webhook, on both stores: the cached view, warmed before the write,
// equals a fresh read after it.
func TestWebhookSeesEveryWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		write func(f fixture, p provider.Provider, n provider.Number) error
		check func(v webhookView) bool // what the write changed, seen
	}{
		{"publishing routing starts new calls on the new version", func(f fixture, p provider.Provider, n provider.Number) error {
			_, err := f.s.PublishRouting(ctx, f.org.ID, n.ID, routing.Default(), f.admin.ID, 0)
			return err
		}, func(v webhookView) bool { return v.VersionID != 0 }},
		{"org settings", func(f fixture, p provider.Provider, n provider.Number) error {
			st := f.org.Settings
			st.TimeZone, st.RecordingAnnouncement = "Europe/Paris", "This call is recorded."
			return f.s.UpdateOrgSettings(ctx, f.org.ID, "Acme Paris", st)
		}, func(v webhookView) bool {
			return v.Org.Name == "Acme Paris" && v.Org.Settings.TimeZone == "Europe/Paris"
		}},
		{"number switches and script", func(f fixture, p provider.Provider, n provider.Number) error {
			on, script := true, "Ask for the order number."
			return f.s.UpdateNumber(ctx, f.org.ID, n.ID, provider.NumberChange{Recording: &on, Script: &script})
		}, func(v webhookView) bool { return v.Number.RecordingEnabled && v.Number.Script != "" }},
		{"unlinking the number", func(f fixture, p provider.Provider, n provider.Number) error {
			return f.s.UnlinkNumber(ctx, f.org.ID, n.ID)
		}, func(v webhookView) bool { return v.Err == string(problem.NotFound) }},
		{"relinking the number", func(f fixture, p provider.Provider, n provider.Number) error {
			if err := f.s.UnlinkNumber(ctx, f.org.ID, n.ID); err != nil {
				return err
			}
			_, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN2", E164: n.E164})
			return err
		}, func(v webhookView) bool { return v.Number.SID == "PN2" }},
		{"provider health", func(f fixture, p provider.Provider, n provider.Number) error {
			return f.s.RecordProviderHealth(ctx, f.org.ID, p.ID, errors.New("carrier said no"))
		}, func(v webhookView) bool { return v.Provider.LastError == "carrier said no" }},
		{"provider TwiML App", func(f fixture, p provider.Provider, n provider.Number) error {
			_, _, err := f.s.SetProviderTwiMLApp(ctx, f.org.ID, p.ID, "AP1")
			return err
		}, func(v webhookView) bool { return v.Provider.TwiMLAppSID == "AP1" }},
		{"provider API key", func(f fixture, p provider.Provider, n provider.Number) error {
			_, _, err := f.s.SetProviderAPIKey(ctx, f.org.ID, p.ID, "SK1", "sealed secret")
			return err
		}, func(v webhookView) bool { return v.Provider.APIKeySID == "SK1" }},
		{"provider users", func(f fixture, p provider.Provider, n provider.Number) error {
			return f.s.RemoveProviderUser(ctx, f.org.ID, p.ID, f.admin.ID)
		}, func(v webhookView) bool { return !v.Provider.AllUsers }},
		{"uninstalling the provider", func(f fixture, p provider.Provider, n provider.Number) error {
			_, err := f.s.UninstallProvider(ctx, f.org.ID, p.ID)
			return err
		}, func(v webhookView) bool { return v.Err == string(problem.NotFound) }},
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
			before := f.webhookView(t, n.E164)
			if again := f.webhookView(t, n.E164); !cmp.Equal(before, again) { // the second read is the cache's
				t.Fatalf("cached view differs from the first read:\n%s", cmp.Diff(before, again))
			}
			if tc.check(before) {
				t.Fatalf("the view shows the write before it was made: %+v", before)
			}
			if err := tc.write(f, p, n); err != nil {
				t.Fatal(err)
			}
			got := f.webhookView(t, n.E164)
			if !tc.check(got) {
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
