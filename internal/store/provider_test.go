package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
)

func (f fixture) user(t *testing.T, email string) org.User {
	t.Helper()
	u, err := f.s.CreateUser(context.Background(), f.org.ID, org.User{Email: email, Role: org.Agent, Active: true}, "h")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (f fixture) provider(t *testing.T, name string, all bool, users ...org.UserID) provider.Provider {
	t.Helper()
	p, err := f.s.CreateProvider(context.Background(), f.org.ID, provider.Provider{Kind: provider.Sandbox, Name: name,
		AccountSID: "AC" + strings.Repeat("0", 32), AuthToken: "sealed", AccountType: "Full", AllUsers: all, IncludeNewUsers: all, Users: users})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOneProviderPerUser(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	alice := f.user(t, "alice@acme.test")
	bob := f.user(t, "bob@acme.test")
	first := f.provider(t, "Twilio EU", false, alice.ID)
	t.Run("second provider with the same user is refused, naming the first", func(t *testing.T) {
		_, err := f.s.CreateProvider(ctx, f.org.ID, provider.Provider{Kind: provider.Sandbox, Name: "US", Users: []org.UserID{bob.ID, alice.ID}})
		wantKind(t, err, problem.Conflict)
		if !strings.Contains(err.Error(), `"Twilio EU"`) || !strings.Contains(err.Error(), "alice@acme.test") {
			t.Fatalf("error %q does not name the user and the first provider", err)
		}
		list, _ := f.s.Providers(ctx, f.org.ID)
		if len(list) != 1 {
			t.Fatalf("refused provider was saved: %d providers", len(list))
		}
		if p, _ := f.s.UserProvider(ctx, f.org.ID, bob.ID); p.ID != 0 {
			t.Fatal("bob was added by a refused install")
		}
	})
	t.Run("move a user: remove, then add", func(t *testing.T) {
		second := f.provider(t, "US", false, bob.ID)
		wantKind(t, f.s.AddProviderUsers(ctx, f.org.ID, second.ID, []org.UserID{alice.ID}), problem.Conflict)
		if err := f.s.RemoveProviderUser(ctx, f.org.ID, first.ID, alice.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.s.AddProviderUsers(ctx, f.org.ID, second.ID, []org.UserID{alice.ID}); err != nil {
			t.Fatal(err)
		}
		if p, _ := f.s.UserProvider(ctx, f.org.ID, alice.ID); p.ID != second.ID {
			t.Fatalf("alice is in %d, want %d", p.ID, second.ID)
		}
	})
	t.Run("another org's user is refused", func(t *testing.T) {
		other := f.withOrg(t, "other")
		wantKind(t, f.s.AddProviderUsers(ctx, f.org.ID, first.ID, []org.UserID{other.admin.ID}), problem.Invalid)
	})
}

func TestAllUsersIncludingNewOnes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := f.provider(t, "Everyone", true)
	if len(p.Users) != 1 || p.Users[0] != f.admin.ID {
		t.Fatalf("all-users provider users = %v, want the admin", p.Users)
	}
	late := f.user(t, "late@acme.test")
	if got, _ := f.s.UserProvider(ctx, f.org.ID, late.ID); got.ID != p.ID {
		t.Fatal("a user who joined later was not added")
	}
	t.Run("uninstall frees users and unlinks numbers, keeping history", func(t *testing.T) {
		n, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.SetCallerID(ctx, f.org.ID, late.ID, n.ID); err != nil {
			t.Fatal(err)
		}
		unlinked, err := f.s.UninstallProvider(ctx, f.org.ID, p.ID)
		if err != nil || len(unlinked) != 1 {
			t.Fatalf("uninstall = %v, %v", unlinked, err)
		}
		if _, _, err := f.s.NumberForWebhook(ctx, "+14155550100"); !problem.Is(err, problem.NotFound) {
			t.Fatalf("uninstalled provider's number still routes: %v", err)
		}
		if _, err := f.s.UserProvider(ctx, f.org.ID, late.ID); !problem.Is(err, problem.NotFound) {
			t.Fatal("user still in uninstalled provider")
		}
		var rows int
		f.s.DB().QueryRow(`SELECT COUNT(*) FROM numbers WHERE e164 = '+14155550100'`).Scan(&rows)
		if rows != 1 {
			t.Fatal("number history was deleted")
		}
		// The number may be linked again, by this or another org.
		if _, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: f.provider(t, "Again", false).ID, SID: "PN1", E164: "+14155550100"}); err != nil {
			t.Fatalf("relink after uninstall: %v", err)
		}
	})
}

func TestNumbersOperatorsCallerIDs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	alice := f.user(t, "alice@acme.test")
	bob := f.user(t, "bob@acme.test")
	p := f.provider(t, "Main", false, alice.ID, bob.ID)
	n, err := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100",
		Capabilities: provider.Capabilities{Voice: true, SMS: true}, Previous: provider.Webhooks{VoiceURL: "https://old.example/voice"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a linked number cannot be linked twice", func(t *testing.T) {
		other := f.withOrg(t, "other")
		op := other.provider(t, "Theirs", false)
		_, err := f.s.LinkNumber(ctx, other.org.ID, provider.Number{ProviderID: op.ID, SID: "PN1", E164: "+14155550100"})
		wantKind(t, err, problem.Conflict)
	})
	t.Run("operators", func(t *testing.T) {
		ops := []provider.Operator{{UserID: alice.ID, Outgoing: true}, {UserID: bob.ID, Recording: true}}
		if err := f.s.SetOperators(ctx, f.org.ID, n.ID, ops); err != nil {
			t.Fatal(err)
		}
		wantKind(t, f.s.SetOperators(ctx, f.org.ID, n.ID, []provider.Operator{{UserID: alice.ID}, {UserID: alice.ID}}), problem.Invalid)
		got, err := f.s.Number(ctx, f.org.ID, n.ID)
		if err != nil || len(got.Operators) != 2 || !got.Operators[0].Outgoing || got.Previous.VoiceURL != "https://old.example/voice" {
			t.Fatalf("number = %+v, %v (a refused replace must keep the old operators)", got, err)
		}
	})
	t.Run("unique caller IDs", func(t *testing.T) {
		if err := f.s.SetCallerID(ctx, f.org.ID, alice.ID, n.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.s.SetCallerID(ctx, f.org.ID, bob.ID, n.ID); err != nil {
			t.Fatalf("shared mode refused a shared number: %v", err)
		}
		st := f.org.Settings
		st.CallerIDMode = "unique"
		err := f.s.UpdateOrgSettings(ctx, f.org.ID, f.org.Name, st)
		wantKind(t, err, problem.Conflict)
		if err := f.s.SetCallerID(ctx, f.org.ID, bob.ID, 0); err != nil {
			t.Fatal(err)
		}
		if err := f.s.UpdateOrgSettings(ctx, f.org.ID, f.org.Name, st); err != nil {
			t.Fatal(err)
		}
		err = f.s.SetCallerID(ctx, f.org.ID, bob.ID, n.ID)
		wantKind(t, err, problem.Conflict)
		if !strings.Contains(err.Error(), "alice@acme.test") {
			t.Fatalf("error %q does not name the holder", err)
		}
	})
	t.Run("unlink drops operators and caller IDs", func(t *testing.T) {
		if err := f.s.UnlinkNumber(ctx, f.org.ID, n.ID); err != nil {
			t.Fatal(err)
		}
		ids, _ := f.s.CallerIDs(ctx, f.org.ID)
		if len(ids) != 0 {
			t.Fatalf("caller ids after unlink = %v", ids)
		}
		_, err := f.s.Number(ctx, f.org.ID, n.ID)
		wantKind(t, err, problem.NotFound)
	})
}

func TestRemovingAUserEndsAllUsers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := f.provider(t, "Everyone", true)
	if err := f.s.RemoveProviderUser(ctx, f.org.ID, p.ID, f.admin.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Provider(ctx, f.org.ID, p.ID)
	if got.AllUsers || got.IncludeNewUsers {
		t.Fatalf("provider still for all users after a removal: %+v", got)
	}
	late := f.user(t, "late@acme.test")
	if u, _ := f.s.UserProvider(ctx, f.org.ID, late.ID); u.ID != 0 {
		t.Fatal("a new user was added to a provider that no longer includes later users")
	}
}

func TestNumberSwitchesChangeOneAtATime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := f.provider(t, "Main", false)
	n, _ := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100", OutgoingEnabled: true})
	on := true
	if err := f.s.SetNumberSwitches(ctx, f.org.ID, n.ID, nil, &on); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Number(ctx, f.org.ID, n.ID)
	if !got.OutgoingEnabled || !got.RecordingEnabled {
		t.Fatalf("switches = outgoing %v recording %v, want both on", got.OutgoingEnabled, got.RecordingEnabled)
	}
}
