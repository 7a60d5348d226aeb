package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// testStart is the virtual clock's origin in every test.
var testStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// env is one sandbox on 127.0.0.1 with an account, a twilio-go client
// pointed at it and a TwiML app server.
type env struct {
	t     *testing.T
	sb    *Sandbox
	clock *VirtualClock
	srv   *httptest.Server
	acct  Account
	api   *openapi.ApiService
	app   *twimlApp
}

func newEnv(t *testing.T, typ string) *env {
	t.Helper()
	clock := NewVirtualClock(testStart)
	sb := New(Options{Clock: clock})
	srv := httptest.NewServer(http.StripPrefix("/sandbox", sb.Handler()))
	t.Cleanup(srv.Close)
	sb.opts.BaseURL = srv.URL + "/sandbox"
	acct := sb.CreateAccount("test", typ)
	e := &env{t: t, sb: sb, clock: clock, srv: srv, acct: acct}
	e.api = newTwilioAPI(srv.URL+"/sandbox", acct.SID, acct.AuthToken)
	e.app = newTwiMLApp(t, acct.AuthToken)
	return e
}

// rewrite sends twilio-go's requests for https://api.twilio.com to the
// sandbox: only the transport's host changes (wire facts §10 "Recipe 1").
type rewrite struct{ base *url.URL }

func (rw rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host = rw.base.Scheme, rw.base.Host
	r.URL.Path = rw.base.Path + req.URL.Path
	r.Host = rw.base.Host
	return http.DefaultTransport.RoundTrip(r)
}

func newTwilioAPI(base, sid, token string) *openapi.ApiService {
	return newTwilioAPIAccount(base, sid, token, sid)
}

// newTwilioAPIAccount authenticates as user/secret (an API key) on account.
func newTwilioAPIAccount(base, user, secret, account string) *openapi.ApiService {
	u, err := url.Parse(base)
	if err != nil {
		panic(err)
	}
	c := &client.Client{Credentials: client.NewCredentials(user, secret), HTTPClient: &http.Client{Transport: rewrite{u}, Timeout: 10 * time.Second}}
	c.SetAccountSid(account)
	return openapi.NewApiServiceWithClient(c)
}

// twimlApp is the product's stand-in: it answers webhooks from a table of
// paths and checks every signature with twilio-go's RequestValidator.
type twimlApp struct {
	t     *testing.T
	srv   *httptest.Server
	token string
	mu    sync.Mutex
	pages map[string]func(url.Values) (int, string)
	ctype map[string]string
	reqs  []appRequest
}

type appRequest struct {
	Path   string
	Method string
	Form   url.Values
	Valid  bool
	Header http.Header
}

func newTwiMLApp(t *testing.T, token string) *twimlApp {
	a := &twimlApp{t: t, token: token, pages: map[string]func(url.Values) (int, string){}, ctype: map[string]string{}}
	a.srv = httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(a.srv.Close)
	// Every webhook any test provokes must pass twilio-go's RequestValidator
	// (wire facts §4), as the product's webhook handler will require.
	t.Cleanup(func() {
		for _, r := range a.requests("") {
			if !r.Valid {
				t.Errorf("%s %s: X-Twilio-Signature rejected by twilio-go's RequestValidator", r.Method, r.Path)
			}
		}
	})
	return a
}

func (a *twimlApp) url(path string) string { return a.srv.URL + path }

// raw serves body with the given status and content type at path.
func (a *twimlApp) raw(path string, status int, contentType, body string) string {
	a.mu.Lock()
	a.ctype[path] = contentType
	a.mu.Unlock()
	return a.handle(path, func(url.Values) (int, string) { return status, body })
}

// page serves TwiML (wrapped in <Response>) at path.
func (a *twimlApp) page(path, twiml string) string {
	return a.handle(path, func(url.Values) (int, string) { return 200, "<Response>" + twiml + "</Response>" })
}

func (a *twimlApp) handle(path string, f func(url.Values) (int, string)) string {
	a.mu.Lock()
	a.pages[path] = f
	a.mu.Unlock()
	return a.url(path)
}

func (a *twimlApp) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	full := "http://" + r.Host + r.URL.RequestURI()
	rv := client.NewRequestValidator(a.token)
	valid := false
	form := url.Values{}
	if r.Method == "GET" {
		form = r.URL.Query()
		valid = rv.Validate(full, map[string]string{}, r.Header.Get("X-Twilio-Signature"))
	} else {
		form, _ = url.ParseQuery(string(body))
		valid = rv.ValidateBody(full, body, r.Header.Get("X-Twilio-Signature"))
	}
	a.mu.Lock()
	a.reqs = append(a.reqs, appRequest{Path: r.URL.Path, Method: r.Method, Form: form, Valid: valid, Header: r.Header.Clone()})
	f := a.pages[r.URL.Path]
	ct := a.ctype[r.URL.Path]
	a.mu.Unlock()
	if ct == "" {
		ct = "text/xml"
	}
	if f == nil {
		w.WriteHeader(404)
		return
	}
	status, out := f(form)
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	fmt.Fprint(w, out)
}

func (a *twimlApp) requests(path string) []appRequest {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []appRequest
	for _, r := range a.reqs {
		if path == "" || r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// buy buys phone through the REST API with voiceURL as its voice URL.
func (e *env) buy(phone, voiceURL string) string {
	e.t.Helper()
	p := &openapi.CreateIncomingPhoneNumberParams{}
	p.SetPhoneNumber(phone)
	if voiceURL != "" {
		p.SetVoiceUrl(voiceURL)
	}
	n, err := e.api.CreateIncomingPhoneNumber(p)
	if err != nil {
		e.t.Fatalf("buy %s: %v", phone, err)
	}
	return *n.Sid
}

// call places a scripted inbound call and runs it to its end.
func (e *env) call(sc CallScript) Transcript {
	e.t.Helper()
	sid, err := e.sb.PlaceCall(sc)
	if err != nil {
		e.t.Fatalf("PlaceCall: %v", err)
	}
	tr, err := e.sb.RunUntilEnded(context.Background(), sid, 6*time.Hour)
	if err != nil {
		e.t.Fatalf("RunUntilEnded: %v", err)
	}
	if !e.sb.Ended(sid) {
		e.t.Fatalf("call did not end:\n%s", tr.Text())
	}
	return tr
}

// brief reduces a transcript to comparable lines: kind, party, text or
// URL path, digits and status, without SIDs and webhooks unless asked.
func brief(t Transcript, webhooks bool) []string {
	var out []string
	for _, st := range t.Steps {
		if st.Kind == StepWebhook {
			if webhooks {
				out = append(out, "webhook "+st.Webhook.Purpose+" "+pathOf(st.Webhook.URL))
			}
			continue
		}
		if st.Kind == StepPlaced {
			continue
		}
		if st.Kind == StepError {
			out = append(out, strings.TrimSpace("error "+st.Detail["code"]+" "+pathOf(st.URL)))
			continue
		}
		line := st.Kind
		for _, f := range []string{st.Party, st.Text, pathOf(st.URL), st.Digits, st.Status} {
			if f != "" {
				line += " " + f
			}
		}
		out = append(out, line)
	}
	return out
}

func pathOf(u string) string {
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return u
	}
	return p.Path
}

// has reports whether lines contains want, in order.
func hasInOrder(lines []string, want ...string) bool {
	i := 0
	for _, l := range lines {
		if i < len(want) && strings.HasPrefix(l, want[i]) {
			i++
		}
	}
	return i == len(want)
}

// linesMatch reports whether got has as many lines as want and each starts
// with the wanted line.
func linesMatch(want, got []string) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			return false
		}
	}
	return true
}

func (e *env) setStatusCallback(numberSid, cb string) {
	e.t.Helper()
	up := &openapi.UpdateIncomingPhoneNumberParams{}
	up.SetStatusCallback(cb)
	if _, err := e.api.UpdateIncomingPhoneNumber(numberSid, up); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) setSMSURL(numberSid, u string) {
	e.t.Helper()
	up := &openapi.UpdateIncomingPhoneNumberParams{}
	up.SetSmsUrl(u)
	if _, err := e.api.UpdateIncomingPhoneNumber(numberSid, up); err != nil {
		e.t.Fatal(err)
	}
}
