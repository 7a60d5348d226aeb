package server_test

import (
	"bytes"
	"context"
	"github.com/switchboard/switchboard/internal/config"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// delivery is one status or recording callback the sandbox sent, as sent:
// its URL, headers (signature, idempotency token) and form body.
type delivery struct {
	url    string
	header http.Header
	body   string
	form   url.Values
	held   bool // not delivered when sent: lost, to arrive late
}

// capture is the sandbox's webhook transport in the exactly-once tests
// (decision 0023): it delivers every webhook and keeps a copy of each
// status and recording callback; a callback hold picks is kept but not
// delivered (the sandbox is answered 204, as if it had arrived), so it
// arrives only when the test replays it.
type capture struct {
	next http.RoundTripper
	mu   sync.Mutex
	hold func(path string, form url.Values) bool
	got  []delivery
}

// callbackPaths are the webhooks whose answer the carrier ignores.
var callbackPaths = []string{"/webhooks/twilio/status", "/webhooks/twilio/voice/leg", "/webhooks/twilio/voice/recording"}

func isCallback(path string) bool {
	for _, p := range callbackPaths {
		if path == p {
			return true
		}
	}
	return false
}

func (c *capture) RoundTrip(req *http.Request) (*http.Response, error) {
	if !isCallback(req.URL.Path) || req.Body == nil {
		return c.next.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	form, _ := url.ParseQuery(string(body))
	d := delivery{url: req.URL.String(), header: req.Header.Clone(), body: string(body), form: form}
	c.mu.Lock()
	d.held = c.hold != nil && c.hold(req.URL.Path, form)
	c.got = append(c.got, d)
	c.mu.Unlock()
	if d.held {
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: req}, nil
	}
	req.Body = io.NopCloser(strings.NewReader(string(body)))
	req.ContentLength = int64(len(body))
	return c.next.RoundTrip(req)
}

// deliveries returns what was captured so far.
func (c *capture) deliveries() []delivery {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]delivery(nil), c.got...)
}

// send delivers d again, as the carrier would retry or repeat it.
func (d delivery) send(hc *http.Client) (int, error) {
	req, err := http.NewRequest(http.MethodPost, d.url, bytes.NewReader([]byte(d.body)))
	if err != nil {
		return 0, err
	}
	req.Header = d.header.Clone()
	res, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// newCaptureScenario is newScenario (alice and bob online, rung at once)
// with the sandbox's webhooks going through a capture.
func newCaptureScenario(t *testing.T) (*scenario, *capture) {
	t.Helper()
	cp := &capture{next: http.DefaultTransport}
	e := startCaptureEnv(t, cp)
	admin := e.signIn(demo.Users[0].Email)
	_, n, _ := linkedNumber(t, e)
	users := map[string]int64{"admin": e.demoUserID(demo.Users[0].Email), "alice": e.demoUserID(demo.Users[1].Email), "bob": e.demoUserID(demo.Users[2].Email)}
	base := "/api/v1/numbers/" + itoa(n.ID) + "/routing"
	wantStatus(t, admin.do(http.MethodPut, base, directGroup("simultaneous", users["alice"], users["bob"])(users)), http.StatusOK)
	wantStatus(t, admin.do(http.MethodPost, base+"/publish", nil), http.StatusCreated)
	for _, email := range []string{demo.Users[1].Email, demo.Users[2].Email} {
		wantStatus(t, e.signIn(email).do(http.MethodPut, "/api/v1/presence/me", map[string]string{"status": "online"}), http.StatusOK)
		if err := e.sb.Advance(time.Second); err != nil {
			t.Fatal(err)
		}
	}
	return &scenario{e: e, number: n, users: users}, cp
}

// startCaptureEnv is newCallEnv with the sandbox sending its webhooks
// through cp.
func startCaptureEnv(t *testing.T, cp *capture) *env {
	t.Helper()
	// The run takes longer on the wall clock than the default heartbeat
	// grace, and the agents beat only once: they must not lapse mid-run.
	grace := func(c *config.Config) { c.PresenceGrace = "10m" }
	return startCallEnv(t, grace, sandbox.Options{HTTPClient: &http.Client{Transport: cp, Timeout: 15 * time.Second}})
}

// busyAgents lists the org's agents marked on a call.
func busyAgents(t *testing.T, e *env, orgID org.ID) []org.UserID {
	t.Helper()
	agents, err := e.st.Presence(context.Background(), orgID)
	if err != nil {
		t.Fatal(err)
	}
	var out []org.UserID
	for _, a := range agents {
		if a.Busy {
			out = append(out, a.UserID)
		}
	}
	return out
}
