package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/config"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/secret"
	"github.com/switchboard/switchboard/internal/server"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

const demoPassword = "demo-password-1"

// env is a running server over a fresh store seeded with the demo org,
// with the in-process sandbox carrier mounted at /sandbox/.
type env struct {
	t     testing.TB
	url   string
	dbURL string // where st is: a second instance opens it too
	st    *store.Store
	srv   *server.Server
	sb    *sandbox.Sandbox
	box   *secret.Box
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, func(*config.Config) {})
}

// newEnvWith starts a server whose configuration edit changes.
func newEnvWith(t *testing.T, edit func(*config.Config)) *env {
	t.Helper()
	return startEnv(t, edit, sandbox.Options{})
}

// newCallEnv starts a server with a public URL, its sandbox on a virtual
// clock, and the call-flow worker running: for calls end to end.
func newCallEnv(t *testing.T) *env {
	t.Helper()
	return startCallEnv(t, func(*config.Config) {}, sandbox.Options{})
}

// startCallEnv is newCallEnv with a configuration edit and the sandbox's
// options (its clock is the virtual one).
func startCallEnv(t *testing.T, edit func(*config.Config), opts sandbox.Options) *env {
	t.Helper()
	opts.Clock = sandbox.NewVirtualClock(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	e := startEnv(t, func(c *config.Config) { c.PublicURL = c.SelfURL; edit(c) }, opts)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go e.srv.RunWorker(ctx)
	return e
}

// startEnv starts a server whose configuration edit changes, with an
// in-process sandbox made with opts (its base URL filled in).
func startEnv(t testing.TB, edit func(*config.Config), opts sandbox.Options) *env {
	t.Helper()
	dbURL := storetest.URL(t)
	st := storetest.OpenAt(t, dbURL)
	h := auth.NewHasher(2)
	if _, err := demo.Seed(context.Background(), st, h, demoPassword, time.Now()); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.SelfURL = "http://" + ln.Addr().String()
	edit(&cfg)
	opts.BaseURL = cfg.SelfURL + "/sandbox"
	sb := sandbox.New(opts)
	box, _ := secret.NewBox(make([]byte, 32))
	srv := server.New(cfg, testLogger(), st, box, h, sb)
	ts := &httptest.Server{Listener: ln, Config: &http.Server{Handler: srv.Handler()}}
	ts.Start()
	t.Cleanup(ts.Close)
	return &env{t: t, url: ts.URL, dbURL: dbURL, st: st, srv: srv, sb: sb, box: box}
}

// client is a caller: a bearer token, or a cookie jar with a CSRF token.
type client struct {
	e      *env
	token  string
	cookie *http.Cookie
	csrf   string
}

func (e *env) signIn(email string) *client {
	e.t.Helper()
	res := e.do(http.MethodPost, "/api/v1/session", "", map[string]string{"email": email, "password": demoPassword}, nil)
	if res.status != http.StatusCreated {
		e.t.Fatalf("sign in %s: %d %s", email, res.status, res.body)
	}
	var body struct {
		Token     string `json:"token"`
		CSRFToken string `json:"csrf_token"`
	}
	res.decode(e.t, &body)
	c := &client{e: e, token: body.Token, csrf: body.CSRFToken}
	for _, ck := range res.cookies {
		if ck.Name == "sb_session" {
			c.cookie = ck
		}
	}
	return c
}

// newUser creates a user in orgID and signs them in.
func (e *env) newUser(orgID org.ID, email string, role org.Role) *client {
	e.t.Helper()
	hash, _ := auth.NewHasher(1).Hash(context.Background(), demoPassword)
	if _, err := e.st.CreateUser(context.Background(), orgID, org.User{Email: email, Role: role, Active: true}, hash); err != nil {
		e.t.Fatal(err)
	}
	return e.signIn(email)
}

type response struct {
	status  int
	body    []byte
	header  http.Header
	cookies []*http.Cookie
}

func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// errorBody returns the error shape's fields.
func (r response) errorBody(t *testing.T) (code, message string, fields map[string]string) {
	t.Helper()
	var b struct {
		Error struct {
			Code    string            `json:"code"`
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	r.decode(t, &b)
	if b.Error.Code == "" || b.Error.Message == "" {
		t.Fatalf("not the error shape: %s", r.body)
	}
	return b.Error.Code, b.Error.Message, b.Error.Fields
}

// do sends body (JSON-encoded unless it is a string) with a bearer token.
func (e *env) do(method, path, token string, body any, header map[string]string) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, _ := json.Marshal(b)
		rd = bytes.NewReader(data)
	}
	req, _ := http.NewRequest(method, e.url+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: data, header: res.Header, cookies: res.Cookies()}
}

func (c *client) do(method, path string, body any) response {
	c.e.t.Helper()
	return c.e.do(method, path, c.token, body, nil)
}

// cookieDo sends a request authenticated by the session cookie only.
func (c *client) cookieDo(method, path string, body any, csrf string) response {
	c.e.t.Helper()
	h := map[string]string{"Cookie": c.cookie.Name + "=" + c.cookie.Value}
	if csrf != "" {
		h["X-CSRF-Token"] = csrf
	}
	return c.e.do(method, path, "", body, h)
}

func wantStatus(t *testing.T, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
}

// testLogger discards the server's logs unless SWITCHBOARD_TEST_LOG is set.
func testLogger() *slog.Logger {
	if os.Getenv("SWITCHBOARD_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// benchEnv is a server for benchmarks: public URL set, sandbox on real
// time, no worker (queued jobs stay queued).
func benchEnv(b *testing.B) *env {
	b.Helper()
	return startEnv(b, func(c *config.Config) { c.PublicURL = c.SelfURL }, sandbox.Options{})
}
