package store

import (
	"context"
	"sync"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/provider"
)

// The webhook cache (SQLite only). Every inbound-call webhook reads the
// number it is for, that number's provider, the org's settings and the
// number's live routing version; admins change them a few times a day.
// On SQLite the server is the database's only instance (R-PLAT-2 is
// PostgreSQL's), so this process sees every write to them and keeps them
// in memory, dropping all of it after every such write commits. PostgreSQL
// is never cached: another instance's write would go unseen.
//
// The writes that drop it, each with `defer s.forget()` so it runs after
// the write's transaction has committed (decision 0019): linking,
// unlinking and updating a number (number.go); creating a provider,
// changing its users, recording its health, uninstalling it
// (provider.go); its TwiML App (outbound.go) and API key
// (provider_key.go); an org's settings (org.go); publishing a routing
// version (routing.go). Operators, drafts and presence are not cached.
//
// A read that misses takes the generation first and fills the cache only
// if no write has dropped it since: a write that commits while the read is
// under way cannot leave what the read saw behind it. Between a write's
// commit and its forget a webhook may still see the old values, as it
// would have had it arrived a moment earlier; once the write has returned,
// the next webhook sees it.
//
// Cached values are shared: callers read them and never change them
// (routing is pure), as with published versions in callflow.
type hot struct {
	mu      sync.RWMutex
	gen     uint64
	numbers map[string]hotNumber // linked numbers by E.164
	orgs    map[org.ID]org.Org   // org settings
	live    map[liveKey]int64    // live routing version ids
	// agents are each org's active users' presence, dropped by their own
	// writes (presence and users), which are far more frequent.
	agentsGen uint64
	agents    map[org.ID]hotAgents
}

// hotAgents are an org's active users as CallStart read them, with each
// one's heartbeat deadline: whether an agent has lapsed is judged at each
// read, with that read's clock.
type hotAgents struct {
	agents     []presence.Agent
	deadlines  []*time.Time
	forwarding map[org.UserID]string
}

// liveKey names a number's live routing version.
type liveKey struct {
	org    org.ID
	number provider.NumberID
}

// hotNumber is a linked number with its installed provider.
type hotNumber struct {
	n provider.Number
	p provider.Provider
}

// forget drops all the cache holds. Writes call it once committed.
func (s *Store) forget() {
	h := &s.hot
	h.mu.Lock()
	h.gen++
	h.numbers, h.orgs, h.live = nil, nil, nil
	h.mu.Unlock()
}

// forgetAgents drops the cached presence. Writes to presence and users
// call it once committed.
func (s *Store) forgetAgents() {
	h := &s.hot
	h.mu.Lock()
	h.agentsGen++
	h.agents = nil
	h.mu.Unlock()
}

// cached reports whether this store caches (SQLite).
func (s *Store) cached() bool { return s.dialect == SQLite }

// generation is the cache's generation, taken before a read that may fill
// it.
func (h *hot) generation() uint64 {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.gen
}

// fill runs put under the lock unless a write has dropped the cache since
// gen.
func (h *hot) fill(gen uint64, put func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gen == gen {
		put()
	}
}

// WebhookNumber is NumberForWebhook through the cache on SQLite: the
// linked number e164 and its installed provider (AuthToken sealed).
func (s *Store) WebhookNumber(ctx context.Context, e164 string) (provider.Number, provider.Provider, error) {
	if !s.cached() {
		return s.NumberForWebhook(ctx, e164)
	}
	h := &s.hot
	h.mu.RLock()
	e, ok := h.numbers[e164]
	gen := h.gen
	h.mu.RUnlock()
	if ok {
		return e.n, e.p, nil
	}
	n, p, err := s.NumberForWebhook(ctx, e164)
	if err == nil {
		h.fill(gen, func() {
			if h.numbers == nil {
				h.numbers = map[string]hotNumber{}
			}
			h.numbers[e164] = hotNumber{n: n, p: p}
		})
	}
	return n, p, err
}

// callStartCached is CallStart on SQLite: what the cache holds, and the
// rest in one query, which also fills the cache.
func (s *Store) callStartCached(ctx context.Context, orgID org.ID, number provider.NumberID, from string, needVersion bool) (CallStart, error) {
	h := &s.hot
	o, version, gens, haveOrg := h.start(orgID, number, needVersion)
	now := heartbeatNow()
	if c, ok := h.agentsAt(orgID, now); ok && haveOrg {
		c.Org, c.VersionID = o, version
		var err error
		c.Waiting, c.Caller, err = s.readCallCounts(ctx, orgID, number, from)
		return c, err
	}
	query, orgWidth := callStartQuery, width(orgColumns)
	if haveOrg {
		query, orgWidth = callFactsQuery, 0
	}
	c, deadlines, err := s.readCallStart(ctx, query, orgWidth, orgID, number, from)
	if err != nil {
		return c, err
	}
	if haveOrg {
		c.Org, c.VersionID = o, version
	} else {
		h.keepStart(gens[0], c, number)
	}
	if c.Org.ID != 0 {
		h.keepAgents(gens[1], orgID, c.RoutingFacts, deadlines)
	}
	return c, nil
}

// startFacts returns the cached org, live version and agents of a
// number's org as a CallStart without the queue and the caller; ok is
// false unless the cache holds all three.
func (h *hot) startFacts(orgID org.ID, number provider.NumberID, now time.Time) (CallStart, bool) {
	o, version, _, ok := h.start(orgID, number, true)
	if !ok {
		return CallStart{}, false
	}
	c, ok := h.agentsAt(orgID, now)
	c.Org, c.VersionID = o, version
	return c, ok
}

// agentsAt returns an org's cached agents as RoutingFacts, lapsed as of
// now.
func (h *hot) agentsAt(orgID org.ID, now time.Time) (CallStart, bool) {
	h.mu.RLock()
	e, ok := h.agents[orgID]
	h.mu.RUnlock()
	if !ok {
		return CallStart{}, false
	}
	agents := make([]presence.Agent, len(e.agents))
	for i, a := range e.agents {
		a.Lapsed = presence.HeartbeatLapsed(a.Status, e.deadlines[i], now)
		agents[i] = a
	}
	return CallStart{RoutingFacts: RoutingFacts{Agents: agents, Forwarding: e.forwarding}}, true
}

// keepAgents caches an org's agents unless presence or users were written
// since gen.
func (h *hot) keepAgents(gen uint64, orgID org.ID, f RoutingFacts, deadlines []*time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.agentsGen != gen {
		return
	}
	if h.agents == nil {
		h.agents = map[org.ID]hotAgents{}
	}
	h.agents[orgID] = hotAgents{agents: f.Agents, deadlines: deadlines, forwarding: f.Forwarding}
}

// start returns the cached org and live version of a number (0 when not
// cached) and the generations of the cache and of its agents; ok is false
// unless the org is cached, and the version too when needed.
func (h *hot) start(orgID org.ID, number provider.NumberID, needVersion bool) (o org.Org, version int64, gens [2]uint64, ok bool) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	o, okOrg := h.orgs[orgID]
	version, okVersion := h.live[liveKey{orgID, number}]
	return o, version, [2]uint64{h.gen, h.agentsGen}, okOrg && (okVersion || !needVersion)
}

// keepStart caches the org and the live version a full CallStart read.
func (h *hot) keepStart(gen uint64, c CallStart, number provider.NumberID) {
	if c.Org.ID == 0 {
		return
	}
	h.fill(gen, func() {
		if h.orgs == nil {
			h.orgs = map[org.ID]org.Org{}
		}
		h.orgs[c.Org.ID] = c.Org
		if c.VersionID == 0 {
			return
		}
		if h.live == nil {
			h.live = map[liveKey]int64{}
		}
		h.live[liveKey{c.Org.ID, number}] = c.VersionID
	})
}
