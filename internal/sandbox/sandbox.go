// Package sandbox is a Twilio-compatible carrier that runs in-process: a
// subset of Twilio's REST API 2010-04-01, a TwiML call engine that calls
// webhooks with signed requests, scripted callers and agents, a virtual
// clock and a per-call transcript. The product's twilio client talks to it
// unchanged once its HTTP transport's host is rewritten.
//
// Facts about Twilio's behaviour come from ../shared/reference/
// twilio-wire-facts.md (cited as "wire facts §N") and Twilio's OpenAPI
// description; docs/sandbox.md lists where the sandbox knowingly differs.
package sandbox

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options configures a Sandbox. The zero value is usable: real time, a
// default webhook client, relative media URLs, no accounts.
type Options struct {
	// Clock drives every timer in the sandbox. Nil means wall-clock time;
	// pass NewVirtualClock(...) for tests and the IVR test console.
	Clock Clock
	// HTTPClient sends webhook requests. Nil means a client with Twilio's
	// 15-second total webhook timeout (wire facts §2 "Webhook timeouts").
	HTTPClient *http.Client
	// BaseURL is the absolute URL the sandbox is reachable at (for example
	// "http://127.0.0.1:8080/sandbox"); it prefixes URLs the sandbox hands
	// out that Twilio makes absolute, such as RecordingUrl. Empty means
	// those URLs are relative.
	BaseURL string
	// DemoAccount creates the fixed demo account (DemoAccountSID,
	// DemoAuthToken, type Full) so `make run` has credentials to configure.
	DemoAccount bool
	// SayWordsPerSecond sets how long a <Say> lasts: words / rate seconds,
	// at least one second. Zero means 2.5 words per second (150 wpm).
	SayWordsPerSecond float64
	// PlayDuration is how long one <Play> of a URL lasts; the sandbox never
	// downloads audio. Zero means 10 seconds.
	PlayDuration time.Duration
	// Prices sets what calls and messages cost once they end (the price
	// field). Nil means DefaultPrices.
	Prices *Prices
}

// Prices are per-minute and per-segment rates in USD. Twilio reports a
// charge as a negative decimal string ("-0.01700"); calls are billed per
// started minute once answered.
type Prices struct {
	InboundPerMinute  float64 `json:"inbound_per_minute"`
	OutboundPerMinute float64 `json:"outbound_per_minute"`
	SMSPerSegment     float64 `json:"sms_per_segment"`
}

// DefaultPrices returns illustrative US rates, not Twilio's current price
// list: 0.0085 inbound and 0.014 outbound per minute, 0.0079 per SMS segment.
func DefaultPrices() Prices {
	return Prices{InboundPerMinute: 0.0085, OutboundPerMinute: 0.014, SMSPerSegment: 0.0079}
}

// Fixed demo credentials created by Options.DemoAccount. Both are
// alphanumeric, as twilio-go requires (wire facts §10 "Gotchas").
const (
	DemoAccountSID = "AC00000000000000000000000000000001"
	DemoAuthToken  = "5a4db0c05a4db0c05a4db0c05a4db0c0"
)

// Account is an account's credentials as handed to the product.
type Account struct {
	SID          string `json:"sid"`
	AuthToken    string `json:"auth_token"`
	FriendlyName string `json:"friendly_name"`
	Type         string `json:"type"`
}

// Sandbox is an in-process Twilio-compatible carrier. Create it with New;
// all methods are safe for concurrent use.
type Sandbox struct {
	opts  Options
	clock Clock
	hc    *http.Client
	rt    *runtime

	mu        sync.Mutex
	accounts  map[string]*account
	numbers   map[string]*number // by SID
	calls     map[string]*call
	callOrder []string
	confs     map[string]*conference
	queues    map[string]*queue
	recs      map[string]*recording
	msgs      map[string]*message
	msgOrder  []string
	msgTr     map[string]*transcript
	apps      map[string]*application
	optedOut  map[string]bool // "ourNumber handset" pairs that sent STOP
	keys      map[string]*apiKey
	parties   map[string]Behaviour // by address: "+1555…" or "client:alice"
	smsFate   map[string]smsFate   // scripted outcome by To
	stock     *numberStock
	table     []compiledRoute // the REST routes
}

// New returns a sandbox configured by opts.
func New(opts Options) *Sandbox {
	s := &Sandbox{
		opts:     opts,
		clock:    opts.Clock,
		hc:       opts.HTTPClient,
		rt:       newRuntime(),
		accounts: map[string]*account{},
		numbers:  map[string]*number{},
		calls:    map[string]*call{},
		confs:    map[string]*conference{},
		queues:   map[string]*queue{},
		recs:     map[string]*recording{},
		msgs:     map[string]*message{},
		msgTr:    map[string]*transcript{},
		apps:     map[string]*application{},
		optedOut: map[string]bool{},
		keys:     map[string]*apiKey{},
		parties:  map[string]Behaviour{},
		smsFate:  map[string]smsFate{},
		stock:    newNumberStock(),
	}
	s.table = compileRoutes(s.routes())
	if s.clock == nil {
		s.clock = realClock{}
	}
	if s.hc == nil {
		s.hc = &http.Client{Timeout: 15 * time.Second}
	}
	if s.opts.SayWordsPerSecond <= 0 {
		s.opts.SayWordsPerSecond = 2.5
	}
	if s.opts.Prices == nil {
		p := DefaultPrices()
		s.opts.Prices = &p
	}
	if s.opts.PlayDuration <= 0 {
		s.opts.PlayDuration = 10 * time.Second
	}
	s.opts.BaseURL = strings.TrimSuffix(s.opts.BaseURL, "/")
	if opts.DemoAccount {
		s.addAccount(DemoAccountSID, DemoAuthToken, "Switchboard demo", "Full")
	}
	return s
}

// Clock returns the clock the sandbox runs on.
func (s *Sandbox) Clock() Clock { return s.clock }

// CreateAccount creates an account of type "Trial" or "Full" (anything else
// is treated as "Full") with a random SID (AC + 32 hex) and auth token (32
// hex).
func (s *Sandbox) CreateAccount(friendlyName, typ string) Account {
	return s.addAccount(newSID("AC"), randomHex(16), friendlyName, typ)
}

func (s *Sandbox) addAccount(sid, token, name, typ string) Account {
	if typ != "Trial" {
		typ = "Full"
	}
	now := s.clock.Now()
	a := &account{sid: sid, token: token, name: name, typ: typ, status: "active",
		created: now, updated: now, verified: map[string]bool{}}
	s.mu.Lock()
	s.accounts[sid] = a
	s.mu.Unlock()
	return Account{SID: sid, AuthToken: token, FriendlyName: name, Type: typ}
}

// VerifyCallerID adds number to the account's verified caller IDs. Trial
// accounts may only call and text verified numbers (wire facts §9).
func (s *Sandbox) VerifyCallerID(accountSID, number string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.accounts[accountSID]
	if !ok {
		return errNotFound("account", accountSID)
	}
	a.verified[number] = true
	return nil
}

// Settle blocks until every call process is waiting for time to pass or for
// an outside event. With a real clock it returns when in-flight work is done.
func (s *Sandbox) Settle() { s.rt.settle() }

// Advance moves a virtual clock forward by d, running every timer that falls
// due and waiting for the sandbox to settle after each. It returns
// ErrRealClock when the sandbox runs on real time.
func (s *Sandbox) Advance(d time.Duration) error {
	vc, ok := s.clock.(*VirtualClock)
	if !ok {
		return ErrRealClock
	}
	vc.Advance(d, s.rt.settle)
	return nil
}
