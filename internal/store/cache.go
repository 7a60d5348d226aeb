package store

import (
	"context"
	"sync"

	"github.com/switchboard/switchboard/internal/org"
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

// start returns the cached org and live version of a number (0 when not
// cached) and the generation; ok is false unless the org is cached, and
// the version too when needed.
func (h *hot) start(orgID org.ID, number provider.NumberID, needVersion bool) (o org.Org, version int64, gen uint64, ok bool) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	o, okOrg := h.orgs[orgID]
	version, okVersion := h.live[liveKey{orgID, number}]
	return o, version, h.gen, okOrg && (okVersion || !needVersion)
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
