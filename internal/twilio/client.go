// Package twilio speaks Twilio's carrier protocol: a REST client for the
// account and its phone numbers (built on twilio-go's generated 2010-04-01
// API), webhook signatures, and (in package twiml) the TwiML writer.
//
// Facts about Twilio come from the team's researched digest
// ../shared/reference/twilio-wire-facts.md, cited as "wire facts §N".
// Every error the client returns is a *problem.Error whose cause is a
// *CarrierError (Twilio answered with an error) or the network error.
package twilio

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/switchboard/switchboard/internal/problem"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// twilioHost is the host twilio-go hard-codes in every 2010 API URL (wire
// facts §10 "The base URL is hard-coded").
const twilioHost = "api.twilio.com"

// DefaultTimeout bounds each HTTP request to Twilio when Options.Timeout is
// zero; it is twilio-go's own default (wire facts §10 "HTTP client
// defaults").
const DefaultTimeout = 10 * time.Second

// maxErrorBody caps how much of an error response is read.
const maxErrorBody = 64 << 10

// Options configures a Client. The zero value talks to https://api.twilio.com
// with a 10-second timeout per request.
type Options struct {
	// BaseURL replaces https://api.twilio.com: scheme, host and an optional
	// path prefix, e.g. "http://127.0.0.1:8080/sandbox" for the built-in
	// sandbox. Empty means Twilio itself.
	BaseURL string
	// Timeout bounds each HTTP request (connect, headers and body). A list
	// that spans several pages makes one request per page. Zero means
	// DefaultTimeout.
	Timeout time.Duration
	// HTTPClient, when set, lends its Transport, Jar and CheckRedirect; its
	// Timeout is ignored in favour of Timeout above. Redirects are not
	// followed unless its CheckRedirect says so, as in twilio-go.
	HTTPClient *http.Client
	// PageSize is how many records each list request asks for. Zero means
	// Twilio's default of 50 (wire facts §5 "Pagination"); at most 1000.
	PageSize int
}

// Client calls Twilio's REST API for one account. It is safe for
// concurrent use. Create it with New.
type Client struct {
	creds    Credentials
	base     *url.URL // nil: Twilio itself
	timeout  time.Duration
	next     http.RoundTripper
	jar      http.CookieJar
	redirect func(*http.Request, []*http.Request) error
	pageSize int
}

// New returns a client for the account c. It returns a problem.Invalid
// when the credentials or BaseURL are malformed; it does not contact
// Twilio (use Account for that).
func New(c Credentials, o Options) (*Client, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	base, err := parseBaseURL(o.BaseURL)
	if err != nil {
		return nil, err
	}
	cl := &Client{creds: c, base: base, timeout: o.Timeout, next: http.DefaultTransport,
		redirect: noRedirect, pageSize: o.PageSize}
	if cl.timeout <= 0 {
		cl.timeout = DefaultTimeout
	}
	if cl.pageSize <= 0 || cl.pageSize > 1000 {
		cl.pageSize = 50
	}
	if hc := o.HTTPClient; hc != nil {
		cl.jar = hc.Jar
		if hc.Transport != nil {
			cl.next = hc.Transport
		}
		if hc.CheckRedirect != nil {
			cl.redirect = hc.CheckRedirect
		}
	}
	return cl, nil
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func parseBaseURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(strings.TrimSuffix(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, problem.Field("base_url", "must be an absolute http(s) URL without query, fragment or credentials, e.g. https://api.twilio.com")
	}
	return u, nil
}

// AccountSID returns the SID of the client's account.
func (c *Client) AccountSID() string { return c.creds.AccountSID }

// call is one logical operation (which may span several HTTP requests):
// its twilio-go service and the exchange that carries ctx onto every
// request and remembers the last response's status.
type call struct {
	api *openapi.ApiService
	ex  *exchange
}

// start builds a twilio-go service bound to ctx. twilio-go creates its
// requests with context.Background(), so the service gets its own
// transport that puts ctx (plus the per-request timeout) on each request:
// cancelling ctx aborts the request in flight.
func (c *Client) start(ctx context.Context) call {
	ex := &exchange{ctx: ctx, base: c.base, next: c.next, timeout: c.timeout}
	tc := &client.Client{
		Credentials: client.NewCredentials(c.creds.AccountSID, c.creds.AuthToken),
		HTTPClient:  &http.Client{Transport: ex, Jar: c.jar, CheckRedirect: c.redirect},
	}
	tc.SetAccountSid(c.creds.AccountSID)
	api := openapi.NewApiServiceWithClient(tc)
	// TWILIO_EDGE / TWILIO_REGION in the environment would otherwise move
	// the host to api.<edge>.<region>.twilio.com (wire facts §10).
	api.RequestHandler().Edge, api.RequestHandler().Region = "", ""
	return call{api: api, ex: ex}
}

// exchange is the http.RoundTripper of one call.
type exchange struct {
	ctx     context.Context
	base    *url.URL
	next    http.RoundTripper
	timeout time.Duration

	mu   sync.Mutex
	last response
}

// response is what the exchange remembers of the last HTTP response, for
// errors twilio-go reports without the status (an unreadable error body).
type response struct {
	status     int
	body       []byte
	retryAfter string
	host       string
}

// RoundTrip sends req to the configured base URL with the call's context
// and a per-request timeout. Error responses are read here (bounded) so
// the timeout can be released and the status remembered.
func (ex *exchange) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ex.ctx, ex.timeout)
	r := req.Clone(ctx)
	if ex.base != nil && r.URL.Host == twilioHost {
		r.URL.Scheme, r.URL.Host, r.Host = ex.base.Scheme, ex.base.Host, ""
		r.URL.Path = ex.base.Path + r.URL.Path
		if r.URL.RawPath != "" {
			r.URL.RawPath = ex.base.EscapedPath() + r.URL.RawPath
		}
	}
	ex.remember(response{host: r.URL.Host})
	resp, err := ex.next.RoundTrip(r)
	if err != nil {
		cancel()
		return nil, err
	}
	if resp.StatusCode < 400 {
		resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
		return resp, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	cancel()
	if err != nil {
		return nil, err
	}
	ex.remember(response{status: resp.StatusCode, body: body,
		retryAfter: resp.Header.Get("Retry-After"), host: r.URL.Host})
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

func (ex *exchange) remember(r response) {
	ex.mu.Lock()
	ex.last = r
	ex.mu.Unlock()
}

func (ex *exchange) lastResponse() response {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.last
}

// cancelBody releases the request's timeout when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
