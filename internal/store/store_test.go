package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// fixture is an org with an admin, on a fresh store.
type fixture struct {
	s     *store.Store
	org   org.Org
	admin org.User
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	s := storetest.Open(t)
	return fixture{s: s}.withOrg(t, "acme")
}

func (f fixture) withOrg(t *testing.T, slug string) fixture {
	t.Helper()
	ctx := context.Background()
	o, err := f.s.CreateOrg(ctx, org.Org{Slug: slug, Name: slug, Settings: org.DefaultSettings()})
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.s.CreateUser(ctx, o.ID, org.User{Email: "admin@" + slug + ".test", Role: org.Admin, Active: true}, "hash")
	if err != nil {
		t.Fatal(err)
	}
	return fixture{s: f.s, org: o, admin: u}
}

// person creates a contact (or lead) with the given numbers.
func (f fixture) person(t *testing.T, kind crm.Kind, first, last string, numbers ...string) crm.Record {
	t.Helper()
	in := crm.RecordInput{FirstName: &first, LastName: &last}
	var phones []crm.PhoneInput
	for i, n := range numbers {
		phones = append(phones, crm.PhoneInput{Label: []string{"mobile", "work", "home"}[i%3], Number: n})
	}
	in.Phones = &phones
	r := crm.Record{Kind: kind}
	if err := in.Apply(&r, f.org.Settings); err != nil {
		t.Fatal(err)
	}
	r, err := f.s.CreateRecord(context.Background(), f.org.ID, r)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wantKind(t *testing.T, err error, k problem.Kind) {
	t.Helper()
	if problem.KindOf(err) != k {
		t.Fatalf("error = %v (kind %s), want kind %s", err, problem.KindOf(err), k)
	}
}

func TestDialectMatchesEnvironment(t *testing.T) {
	t.Parallel()
	s := storetest.Open(t)
	want := store.SQLite
	if storetest.Postgres() {
		want = store.Postgres
	}
	if s.Dialect() != want {
		t.Fatalf("dialect = %s, want %s", s.Dialect(), want)
	}
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("second Migrate = %v, want nil (idempotent)", err)
	}
}

func TestUsers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	t.Run("duplicate email is a conflict naming the field", func(t *testing.T) {
		_, err := f.s.CreateUser(ctx, f.org.ID, org.User{Email: f.admin.Email, Role: org.Agent, Active: true}, "h")
		wantKind(t, err, problem.Conflict)
		if p := err.(*problem.Error); p.Fields["email"] == "" {
			t.Fatalf("fields = %v, want email", p.Fields)
		}
	})
	t.Run("another org cannot read the user", func(t *testing.T) {
		other := f.withOrg(t, "other")
		_, err := f.s.User(ctx, other.org.ID, f.admin.ID)
		wantKind(t, err, problem.NotFound)
	})
	t.Run("update keeps password when hash empty", func(t *testing.T) {
		u := f.admin
		u.Name = "Ada"
		if err := f.s.UpdateUser(ctx, f.org.ID, u, ""); err != nil {
			t.Fatal(err)
		}
		got, hash, err := f.s.Credentials(ctx, u.Email)
		if err != nil || got.Name != "Ada" || hash != "hash" {
			t.Fatalf("Credentials = %+v, %q, %v", got, hash, err)
		}
	})
}

func TestSessions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	future := time.Now().Add(time.Hour)
	if err := f.s.CreateSession(ctx, f.org.ID, f.admin.ID, "live", "csrf", future); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CreateSession(ctx, f.org.ID, f.admin.ID, "expired", "csrf", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CreateAPIToken(ctx, f.org.ID, f.admin.ID, "ci", "apitoken"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, hash string
		wantAPI    bool
		wantKind   problem.Kind
	}{
		{"live session", "live", false, ""},
		{"expired session", "expired", false, problem.NotFound},
		{"api token", "apitoken", true, ""},
		{"unknown", "nope", false, problem.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss, err := f.s.SessionByToken(ctx, tt.hash)
			if tt.wantKind != "" {
				wantKind(t, err, tt.wantKind)
				return
			}
			if err != nil || ss.User.ID != f.admin.ID || ss.APIToken != tt.wantAPI {
				t.Fatalf("SessionByToken = %+v, %v", ss, err)
			}
		})
	}
	t.Run("deactivating the user ends sessions and tokens", func(t *testing.T) {
		u := f.admin
		u.Active = false
		if err := f.s.UpdateUser(ctx, f.org.ID, u, ""); err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{"live", "apitoken"} {
			_, err := f.s.SessionByToken(ctx, h)
			wantKind(t, err, problem.NotFound)
		}
	})
}

func TestSignInFailures(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	for range 3 {
		if err := f.s.RecordSignIn(ctx, "x@y.test", false); err != nil {
			t.Fatal(err)
		}
	}
	if n, at, err := f.s.SignInFailures(ctx, "x@y.test"); err != nil || n != 3 || at.IsZero() {
		t.Fatalf("SignInFailures = %d, %v, %v; want 3", n, at, err)
	}
	if err := f.s.RecordSignIn(ctx, "x@y.test", true); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := f.s.SignInFailures(ctx, "x@y.test"); n != 0 {
		t.Fatalf("failures after success = %d, want 0", n)
	}
}
