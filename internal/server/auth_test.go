package server_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/switchboard/switchboard/internal/org"
)

func TestSignIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name, email, password string
		status                int
		code                  string
	}{
		{"wrong password", "alice@demo.switchboard.test", "nope-nope-nope", http.StatusUnauthorized, "unauthenticated"},
		{"unknown email", "nobody@demo.switchboard.test", demoPassword, http.StatusUnauthorized, "unauthenticated"},
		{"email is case-insensitive", "ALICE@demo.switchboard.test", demoPassword, http.StatusCreated, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := e.do(http.MethodPost, "/api/v1/session", "", map[string]string{"email": tt.email, "password": tt.password}, nil)
			wantStatus(t, res, tt.status)
			if tt.code != "" {
				if code, _, _ := res.errorBody(t); code != tt.code {
					t.Fatalf("code = %s, want %s", code, tt.code)
				}
			}
		})
	}
}

func TestRepeatedFailuresAreSlowedDown(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	bad := map[string]string{"email": "bob@demo.switchboard.test", "password": "wrong-password"}
	for i := range 3 {
		res := e.do(http.MethodPost, "/api/v1/session", "", bad, nil)
		wantStatus(t, res, http.StatusUnauthorized)
		_ = i
	}
	res := e.do(http.MethodPost, "/api/v1/session", "", map[string]string{"email": "bob@demo.switchboard.test", "password": demoPassword}, nil)
	wantStatus(t, res, http.StatusTooManyRequests)
	if res.header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
}

func TestSessionCookieAndCSRF(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn("alice@demo.switchboard.test")
	if c.cookie == nil || !c.cookie.HttpOnly || c.cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v, want HttpOnly SameSite=Lax", c.cookie)
	}
	note := map[string]any{"first_name": "Csrf", "last_name": "Probe"}
	t.Run("cookie read needs no CSRF token", func(t *testing.T) {
		wantStatus(t, c.cookieDo(http.MethodGet, "/api/v1/session", nil, ""), http.StatusOK)
	})
	t.Run("cookie write without CSRF token is refused", func(t *testing.T) {
		wantStatus(t, c.cookieDo(http.MethodPost, "/api/v1/contacts", note, ""), http.StatusForbidden)
		wantStatus(t, c.cookieDo(http.MethodPost, "/api/v1/contacts", note, "forged"), http.StatusForbidden)
		res := c.do(http.MethodGet, "/api/v1/search?q=Csrf", nil)
		if string(res.body) != "{\"items\":[]}\n" {
			t.Fatalf("refused write left data: %s", res.body)
		}
	})
	t.Run("cookie write with CSRF token", func(t *testing.T) {
		wantStatus(t, c.cookieDo(http.MethodPost, "/api/v1/contacts", note, c.csrf), http.StatusCreated)
	})
	t.Run("cross-site browser write is refused", func(t *testing.T) {
		res := e.do(http.MethodPost, "/api/v1/contacts", c.token, note, map[string]string{"Sec-Fetch-Site": "cross-site"})
		wantStatus(t, res, http.StatusForbidden)
	})
	t.Run("sign out ends the session", func(t *testing.T) {
		wantStatus(t, c.cookieDo(http.MethodDelete, "/api/v1/session", nil, c.csrf), http.StatusNoContent)
		wantStatus(t, c.do(http.MethodGet, "/api/v1/session", nil), http.StatusUnauthorized)
	})
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn("alice@demo.switchboard.test")
	res := c.do(http.MethodPost, "/api/v1/tokens", map[string]string{"name": "zapier"})
	wantStatus(t, res, http.StatusCreated)
	var tok struct {
		ID    int64  `json:"id"`
		Token string `json:"token"`
	}
	res.decode(t, &tok)
	wantStatus(t, e.do(http.MethodGet, "/api/v1/contacts", tok.Token, nil, nil), http.StatusOK)
	list := c.do(http.MethodGet, "/api/v1/tokens", nil)
	if len(list.body) == 0 || containsToken(list.body, tok.Token) {
		t.Fatalf("token list leaks the secret: %s", list.body)
	}
	wantStatus(t, c.do(http.MethodDelete, "/api/v1/tokens/"+itoa(tok.ID), nil), http.StatusNoContent)
	wantStatus(t, e.do(http.MethodGet, "/api/v1/contacts", tok.Token, nil, nil), http.StatusUnauthorized)
}

func TestAgentsCannotAdminister(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent := e.signIn("alice@demo.switchboard.test")
	admin := e.signIn("admin@demo.switchboard.test")
	before := admin.do(http.MethodGet, "/api/v1/org", nil).body
	tests := []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/api/v1/users", nil},
		{http.MethodPost, "/api/v1/users", map[string]any{"email": "x@y.test", "role": "admin", "password": "long-enough-1"}},
		{http.MethodPatch, "/api/v1/users/1", map[string]any{"role": "agent"}},
		{http.MethodPatch, "/api/v1/org", map[string]any{"time_zone": "Europe/Paris"}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res := agent.do(tt.method, tt.path, tt.body)
			wantStatus(t, res, http.StatusForbidden)
			if _, msg, _ := res.errorBody(t); msg == "" {
				t.Fatal("403 without a message")
			}
		})
	}
	if after := admin.do(http.MethodGet, "/api/v1/org", nil).body; string(after) != string(before) {
		t.Fatalf("org changed by a refused request:\n%s\n%s", before, after)
	}
	users := admin.do(http.MethodGet, "/api/v1/users", nil)
	if containsToken(users.body, "x@y.test") {
		t.Fatal("refused user creation left a user")
	}
}

func TestOrgsAreIsolated(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.signIn("admin@demo.switchboard.test")
	other, err := e.st.CreateOrg(context.Background(), org.Org{Slug: "other", Name: "Other", Settings: org.DefaultSettings()})
	if err != nil {
		t.Fatal(err)
	}
	b := e.newUser(other.ID, "admin@other.test", org.Admin)
	res := a.do(http.MethodPost, "/api/v1/contacts", map[string]any{"first_name": "Secret", "last_name": "Person",
		"phones": []map[string]string{{"label": "mobile", "number": "+14155550199"}}})
	wantStatus(t, res, http.StatusCreated)
	var c struct{ ID int64 }
	res.decode(t, &c)
	id := itoa(c.ID)
	tests := []struct {
		method, path string
		body         any
		status       int
	}{
		{http.MethodGet, "/api/v1/contacts/" + id, nil, http.StatusNotFound},
		{http.MethodPatch, "/api/v1/contacts/" + id, map[string]any{"first_name": "Stolen"}, http.StatusNotFound},
		{http.MethodDelete, "/api/v1/contacts/" + id, nil, http.StatusNotFound},
		{http.MethodGet, "/api/v1/records/" + id + "/timeline", nil, http.StatusNotFound},
		{http.MethodPost, "/api/v1/notes", map[string]any{"record_id": c.ID, "body": "x"}, http.StatusUnprocessableEntity},
		{http.MethodPost, "/api/v1/tasks", map[string]any{"title": "x", "record_id": c.ID}, http.StatusUnprocessableEntity},
		{http.MethodPost, "/api/v1/deals", map[string]any{"name": "x", "contact_id": c.ID}, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res := b.do(tt.method, tt.path, tt.body)
			wantStatus(t, res, tt.status)
			if containsToken(res.body, "Secret") {
				t.Fatalf("response leaks the other org's data: %s", res.body)
			}
		})
	}
	for _, q := range []string{"/api/v1/search?q=Secret", "/api/v1/lookup?number=%2B14155550199", "/api/v1/contacts?prefix=Sec"} {
		if res := b.do(http.MethodGet, q, nil); containsToken(res.body, "Secret") {
			t.Fatalf("%s leaks the other org's data: %s", q, res.body)
		}
	}
	got := a.do(http.MethodGet, "/api/v1/contacts/"+id, nil)
	if !containsToken(got.body, `"first_name":"Secret"`) {
		t.Fatalf("record changed or gone: %s", got.body)
	}
}

func TestPresence(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	alice := e.signIn("alice@demo.switchboard.test")
	res := alice.do(http.MethodPut, "/api/v1/presence/me", map[string]string{"status": "online"})
	wantStatus(t, res, http.StatusOK)
	var me struct {
		Status      string
		OnlineSince *string `json:"online_since"`
	}
	res.decode(t, &me)
	if me.Status != "online" || me.OnlineSince == nil {
		t.Fatalf("presence = %+v", me)
	}
	wantStatus(t, alice.do(http.MethodPut, "/api/v1/presence/me", map[string]string{"status": "away"}), http.StatusUnprocessableEntity)
	list := alice.do(http.MethodGet, "/api/v1/presence", nil)
	if !containsToken(list.body, `"status":"online"`) || !containsToken(list.body, `"status":"offline"`) {
		t.Fatalf("presence list = %s", list.body)
	}
}
