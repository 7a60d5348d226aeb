package twilio

import (
	"context"
	"errors"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// carrier is a sandbox served over real HTTP under a path prefix, so the
// client's rewrite of scheme, host and prefix is exercised on every call.
type carrier struct {
	sb   *sandbox.Sandbox
	base string // e.g. http://127.0.0.1:1234/sandbox
}

func newCarrier(t *testing.T) carrier {
	t.Helper()
	sb := sandbox.New(sandbox.Options{Clock: sandbox.NewVirtualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))})
	srv := httptest.NewServer(http.StripPrefix("/sandbox", sb.Handler()))
	t.Cleanup(srv.Close)
	return carrier{sb: sb, base: srv.URL + "/sandbox"}
}

// client creates an account of type typ and a client for it.
func (c carrier) client(t *testing.T, typ string, o Options) (*Client, sandbox.Account) {
	t.Helper()
	acct := c.sb.CreateAccount("Switchboard test", typ)
	o.BaseURL = c.base
	cl, err := New(Credentials{AccountSID: acct.SID, AuthToken: acct.AuthToken}, o)
	if err != nil {
		t.Fatal(err)
	}
	return cl, acct
}

// wantProblem checks err's kind and that its message contains each part.
func wantProblem(t *testing.T, err error, kind problem.Kind, parts ...string) *problem.Error {
	t.Helper()
	var pe *problem.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *problem.Error", err, err)
	}
	if pe.Kind != kind {
		t.Errorf("kind = %s, want %s (%v)", pe.Kind, kind, err)
	}
	for _, p := range parts {
		if !strings.Contains(pe.Message, p) {
			t.Errorf("message %q does not contain %q", pe.Message, p)
		}
	}
	return pe
}

func TestCredentialsValidate(t *testing.T) {
	t.Parallel()
	const sid, token = "AC0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"
	tests := []struct {
		name       string
		creds      Credentials
		wantFields []string
	}{
		{"valid lowercase", Credentials{sid, token}, nil},
		{"valid uppercase hex (Twilio's pattern allows A-F)", Credentials{"AC0123456789ABCDEF0123456789ABCDEF", strings.ToUpper(token)}, nil},
		{"empty", Credentials{}, []string{"account_sid", "auth_token"}},
		{"SID without AC", Credentials{"SK0123456789abcdef0123456789abcdef", token}, []string{"account_sid"}},
		{"SID too short", Credentials{sid[:33], token}, []string{"account_sid"}},
		{"SID not hex", Credentials{"AC0123456789abcdef0123456789abcdeg", token}, []string{"account_sid"}},
		{"token too long", Credentials{sid, token + "0"}, []string{"auth_token"}},
		{"token with space", Credentials{sid, " " + token[1:]}, []string{"auth_token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.creds.Validate()
			if tt.wantFields == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			pe := wantProblem(t, err, problem.Invalid)
			got := slices.Sorted(maps.Keys(pe.Fields))
			if d := cmp.Diff(tt.wantFields, got); d != "" {
				t.Errorf("fields mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestNewRejectsBadBaseURL(t *testing.T) {
	t.Parallel()
	creds := Credentials{"AC0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"}
	for _, base := range []string{"api.twilio.com", "ftp://x", "https://x/?a=1", "https://u:p@x", "://"} {
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			_, err := New(creds, Options{BaseURL: base})
			pe := wantProblem(t, err, problem.Invalid)
			if _, ok := pe.Fields["base_url"]; !ok {
				t.Errorf("fields = %v, want base_url", pe.Fields)
			}
		})
	}
}

// TestAccountType: Account.type is "Trial" or "Full", capitalised (wire
// facts §5 "Account").
func TestAccountType(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	for _, typ := range []string{"Trial", "Full"} {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			cl, acct := c.client(t, typ, Options{})
			got, err := cl.Account(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			want := Account{SID: acct.SID, FriendlyName: "Switchboard test", Type: typ, Status: "active"}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("account mismatch (-want +got):\n%s", d)
			}
			if got.Trial() != (typ == "Trial") {
				t.Errorf("Trial() = %v", got.Trial())
			}
		})
	}
}

// TestAccountRefusedCredentials: Twilio answers 401 with error 20003 (wire
// facts §5 "Error codes").
func TestAccountRefusedCredentials(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	acct := c.sb.CreateAccount("real", "Full")
	tests := []struct {
		name  string
		creds Credentials
	}{
		{"wrong token", Credentials{acct.SID, "0123456789abcdef0123456789abcdef"}},
		{"unknown account", Credentials{"AC0123456789abcdef0123456789abcdef", acct.AuthToken}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cl, err := New(tt.creds, Options{BaseURL: c.base})
			if err != nil {
				t.Fatal(err)
			}
			_, err = cl.Account(context.Background())
			pe := wantProblem(t, err, problem.Invalid)
			want := map[string]string{"auth_token": "Twilio refused the Account SID and Auth Token: Authenticate (Twilio error 20003)"}
			if d := cmp.Diff(want, pe.Fields); d != "" {
				t.Errorf("fields mismatch (-want +got):\n%s", d)
			}
			if got := CarrierCode(err); got != 20003 {
				t.Errorf("CarrierCode = %d, want 20003", got)
			}
			var ce *CarrierError
			if !errors.As(err, &ce) || ce.Status != 401 {
				t.Errorf("cause = %#v, want a *CarrierError with status 401", ce)
			}
		})
	}
}

// silentServer accepts connections and never answers.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { <-done; conn.Close() }()
		}
	}()
	return "http://" + ln.Addr().String()
}

// closedAddress returns a local address nothing listens on.
func closedAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// proxyServer stands for a reverse proxy in front of Twilio that answers
// with its own non-JSON error page.
func proxyServer(t *testing.T, status int) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		_, _ = w.Write([]byte("<html><body>Bad   gateway\n</body></html>"))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestUnavailable(t *testing.T) {
	t.Parallel()
	creds := Credentials{"AC0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"}
	closed := closedAddress(t)
	tests := []struct {
		name    string
		base    string
		timeout time.Duration
		ctx     func() (context.Context, context.CancelFunc)
		want    []string
		is      error
	}{
		{name: "connection refused", base: "http://" + closed, want: []string{"could not reach " + closed, "refused"}},
		{name: "never answers", base: silentServer(t), timeout: 200 * time.Millisecond,
			want: []string{"Twilio did not answer within 200ms"}, is: context.DeadlineExceeded},
		{name: "caller cancels", base: silentServer(t), ctx: func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			return ctx, cancel
		}, want: []string{"cancelled"}, is: context.Canceled},
		{name: "proxy error page", base: proxyServer(t, http.StatusBadGateway),
			want: []string{"Twilio is unavailable", "Bad gateway", "(HTTP 502)"}},
		{name: "not Twilio: HTML with 200", base: proxyServer(t, http.StatusOK),
			want: []string{"a response Switchboard could not read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cl, err := New(creds, Options{BaseURL: tt.base, Timeout: tt.timeout})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			start := time.Now()
			_, err = cl.Account(ctx)
			wantProblem(t, err, problem.Unavailable, tt.want...)
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v; the timeout or cancellation was not honoured", d)
			}
		})
	}
}

// TestRefusedKinds checks the table that maps Twilio's answers to problem
// kinds; the codes are those of wire facts §5 "Error codes" and §9.
func TestRefusedKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		ce     CarrierError
		kind   problem.Kind
		fields map[string]string
	}{
		{"bad credentials", CarrierError{Status: 401, Code: 20003, Message: "Authenticate"}, problem.Invalid,
			map[string]string{"auth_token": "Twilio refused the Account SID and Auth Token: Authenticate (Twilio error 20003)"}},
		{"not found", CarrierError{Status: 404, Code: 20404, Message: "The requested resource was not found"}, problem.NotFound, nil},
		{"throttled", CarrierError{Status: 429, Code: 20429, Message: "Too Many Requests"}, problem.TooMany, nil},
		{"trial one number", CarrierError{Status: 400, Code: 10002, Message: "Trial account does not support this feature"}, problem.Conflict, nil},
		{"trial unverified To", CarrierError{Status: 400, Code: 21608, Message: "unverified"}, problem.Conflict, nil},
		{"trial From", CarrierError{Status: 400, Code: 21607, Message: "trial number only"}, problem.Conflict, nil},
		{"unsubscribed", CarrierError{Status: 400, Code: 21610, Message: "STOP"}, problem.Conflict, nil},
		{"invalid To", CarrierError{Status: 400, Code: 21211, Message: "The 'To' number 5551234567 is not a valid phone number."}, problem.Invalid,
			map[string]string{"to": "The 'To' number 5551234567 is not a valid phone number. (Twilio error 21211)"}},
		{"From not SMS-capable", CarrierError{Status: 400, Code: 21606, Message: "not SMS-capable"}, problem.Invalid,
			map[string]string{"from": "not SMS-capable (Twilio error 21606)"}},
		{"number invalid", CarrierError{Status: 400, Code: 21421, Message: "PhoneNumber is invalid"}, problem.Invalid,
			map[string]string{"phone_number": "PhoneNumber is invalid (Twilio error 21421)"}},
		{"area code exhausted", CarrierError{Status: 400, Code: 21452, Message: "No phone numbers found in area code 415"}, problem.Invalid,
			map[string]string{"area_code": "No phone numbers found in area code 415 (Twilio error 21452)"}},
		{"other 400", CarrierError{Status: 400, Code: 20001, Message: "Invalid PageSize"}, problem.Invalid, nil},
		{"forbidden", CarrierError{Status: 403, Code: 20403, Message: "Forbidden"}, problem.Forbidden, nil},
		{"server error", CarrierError{Status: 503, Code: 20503, Message: "Service Unavailable"}, problem.Unavailable, nil},
	}
	c := &Client{timeout: DefaultTimeout}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ce := tt.ce
			err := c.refused(&ce, "phone number PN1", response{retryAfter: "7"})
			pe := wantProblem(t, err, tt.kind, ce.Message, "(Twilio error")
			if d := cmp.Diff(tt.fields, pe.Fields); d != "" {
				t.Errorf("fields mismatch (-want +got):\n%s", d)
			}
			if CarrierCode(err) != ce.Code {
				t.Errorf("CarrierCode = %d, want %d", CarrierCode(err), ce.Code)
			}
			if tt.kind == problem.TooMany && pe.RetryAfter != 7 {
				t.Errorf("RetryAfter = %d, want 7 from the Retry-After header", pe.RetryAfter)
			}
		})
	}
}

func TestCarrierCodeOfOtherErrors(t *testing.T) {
	t.Parallel()
	for _, err := range []error{nil, errors.New("x"), problem.New(problem.Invalid, "y")} {
		if got := CarrierCode(err); got != 0 {
			t.Errorf("CarrierCode(%v) = %d, want 0", err, got)
		}
	}
}

// recorder is a base transport that records the requests it is given.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (rt *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.reqs = append(rt.reqs, r)
	rt.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

// TestOptionsHTTPClient: a caller's HTTP client lends its transport, which
// sees requests already rewritten to the base URL (scheme, host, prefix).
func TestOptionsHTTPClient(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	rt := &recorder{}
	cl, acct := c.client(t, "Full", Options{HTTPClient: &http.Client{Transport: rt, Timeout: time.Nanosecond}})
	if _, err := cl.Account(context.Background()); err != nil {
		t.Fatal(err) // the lent client's 1ns Timeout is not used
	}
	if len(rt.reqs) != 1 {
		t.Fatalf("transport saw %d requests, want 1", len(rt.reqs))
	}
	got := rt.reqs[0].URL.String()
	want := c.base + "/2010-04-01/Accounts/" + acct.SID + ".json"
	if got != want {
		t.Errorf("request URL = %s, want %s", got, want)
	}
	if h := rt.reqs[0].Host; h != "" && !strings.HasPrefix(c.base, "http://"+h) {
		t.Errorf("Host header = %q, want the base URL's host", h)
	}
}

// TestEdgeEnvironmentIgnored: TWILIO_EDGE and TWILIO_REGION would make
// twilio-go call api.<edge>.<region>.twilio.com (wire facts §10); the
// configured base URL wins. Not parallel: it sets the environment.
func TestEdgeEnvironmentIgnored(t *testing.T) {
	t.Setenv("TWILIO_EDGE", "sydney")
	t.Setenv("TWILIO_REGION", "au1")
	c := newCarrier(t)
	cl, _ := c.client(t, "Trial", Options{})
	if a, err := cl.Account(context.Background()); err != nil || a.Type != "Trial" {
		t.Fatalf("Account = %+v, %v", a, err)
	}
}
