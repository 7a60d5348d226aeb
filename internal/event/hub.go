package event

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/switchboard/switchboard/internal/org"
)

// Relay carries events between the instances sharing one database
// (PostgreSQL LISTEN/NOTIFY, store.Relay). Within an org it numbers events
// 1, 2, 3… with no gaps and delivers them in that order.
type Relay interface {
	// Notify gives body the org's next id and sends it to every listener,
	// this instance's included.
	Notify(ctx context.Context, orgID org.ID, body []byte) error
	// Listen delivers notifications until ctx ends or the connection
	// fails: first ready with every org's last id, then deliver for each.
	Listen(ctx context.Context, ready func(map[org.ID]int64), deliver func(orgID org.ID, id int64, body []byte)) error
}

// Options tunes a Hub; zero fields take the defaults.
type Options struct {
	// Buffer is how many events a subscription may fall behind before it
	// is dropped (default 64).
	Buffer int
	// Replay is how many of an org's latest events are kept for
	// Last-Event-ID resume (default 512).
	Replay int
	// PerUser bounds one user's open subscriptions (default 16).
	PerUser int
	// Relay, when set, carries events across instances; nil keeps them
	// in-process (one instance, SQLite).
	Relay Relay
	// Now seeds in-process ids (default time.Now).
	Now func() time.Time
	// Log reports relay failures (default slog.Default()).
	Log *slog.Logger
}

// Hub fans published events out to subscriptions, per org and user.
//
// Ids: with a Relay they are the org's sequence in the database (1, 2, 3…
// for every instance). In-process they come from one counter that starts
// at the hub's start time in microseconds, so they keep increasing across
// restarts and an id from before a restart is recognised as too old.
type Hub struct {
	opts Options
	mu   sync.Mutex
	orgs map[org.ID]*stream
	// last is the in-process counter; positions are the relay's per-org
	// last ids, nil until its listener is first ready.
	last      int64
	positions map[org.ID]int64
	closed    bool
	// readyc is closed once events flow: at once in-process, when the
	// relay's listener is first ready otherwise.
	readyc    chan struct{}
	readyOnce sync.Once
}

// stream is one org's subscriptions and recent events.
type stream struct {
	users map[org.UserID][]*Subscription
	// ring holds the latest events, oldest at start once full.
	ring  []Event
	start int
	// floor: a resume from an id ≥ floor misses nothing the ring lacks.
	// last: the id of the org's latest event here.
	floor, last int64
}

// NewHub returns a hub; call Run to start its relay.
func NewHub(opts Options) *Hub {
	if opts.Buffer <= 0 {
		opts.Buffer = 64
	}
	if opts.Replay <= 0 {
		opts.Replay = 512
	}
	if opts.PerUser <= 0 {
		opts.PerUser = 16
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	h := &Hub{opts: opts, orgs: map[org.ID]*stream{}, last: opts.Now().UnixMicro(), readyc: make(chan struct{})}
	if opts.Relay == nil {
		close(h.readyc)
	}
	return h
}

// Ready is closed once the hub delivers events: at once in-process, and
// when its relay's listener first connects otherwise. A subscription taken
// before then starts at an unknown position and is dropped (to re-sync)
// when the listener connects.
func (h *Hub) Ready() <-chan struct{} { return h.readyc }

// Subscription receives one user's events of one org.
type Subscription struct {
	// Position is the id of the org's latest event when the subscription
	// began: every later event for the user arrives on Events, in order,
	// until the subscription is dropped.
	Position int64
	// Resumed reports that the requested id is still covered: Missed holds
	// the user's events after it. Otherwise the caller must re-sync.
	Resumed bool
	Missed  []Event

	hub  *Hub
	org  org.ID
	user org.UserID
	ch   chan Event
	done bool // guarded by hub.mu
}

// Events is closed when the subscription ends: Close, dropped for falling
// Buffer events behind, the hub closing, or a relay gap.
func (s *Subscription) Events() <-chan Event { return s.ch }

// Close ends the subscription; it may be called more than once.
func (s *Subscription) Close() {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	s.hub.drop(s)
}

// Subscribe opens a subscription for user's events in org. A lastID > 0
// asks to resume after that id: Resumed says whether the replay buffer
// covers it. Errors are ErrTooMany and ErrClosed.
func (h *Hub) Subscribe(orgID org.ID, user org.UserID, lastID int64) (*Subscription, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, ErrClosed
	}
	st := h.stream(orgID)
	if len(st.users[user]) >= h.opts.PerUser {
		return nil, ErrTooMany
	}
	sub := &Subscription{Position: st.last, hub: h, org: orgID, user: user, ch: make(chan Event, h.opts.Buffer)}
	if lastID > 0 && lastID >= st.floor && lastID <= st.last {
		sub.Resumed, sub.Missed = true, st.since(lastID, user)
	}
	st.users[user] = append(st.users[user], sub)
	return sub, nil
}

// Publish sends e to its org's subscribers (only e.UserID's when set), on
// every instance when the hub has a relay. It returns once the event is
// committed to the relay or delivered in-process.
func (h *Hub) Publish(ctx context.Context, e Event) error {
	if e.OrgID == 0 || e.Type == "" {
		return errors.New("event: publish needs an org and a type")
	}
	if h.opts.Relay != nil {
		body, err := encode(e)
		if err != nil {
			return err
		}
		return h.opts.Relay.Notify(ctx, e.OrgID, body)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return ErrClosed
	}
	h.last++
	e.ID = h.last
	h.deliver(e)
	return nil
}

// Run feeds the hub from its relay until ctx ends, reconnecting after
// failures; without a relay it returns at once.
func (h *Hub) Run(ctx context.Context) {
	if h.opts.Relay == nil {
		return
	}
	wait := 100 * time.Millisecond
	for {
		err := h.opts.Relay.Listen(ctx, h.ready, h.receive)
		if ctx.Err() != nil {
			return
		}
		h.opts.Log.Warn("event relay lost; reconnecting", "err", err, "in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// Close ends every subscription and refuses new ones (graceful shutdown).
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for _, st := range h.orgs {
		for _, subs := range st.users {
			for _, s := range subs {
				h.drop(s)
			}
		}
	}
}

// ready takes the relay's positions when its listener (re)connects. An org
// whose position moved while nobody listened lost events here: its buffer
// restarts at the new position and its subscribers are dropped, so they
// reconnect and re-sync.
func (h *Hub) ready(pos map[org.ID]int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.positions = pos
	for id, st := range h.orgs {
		if p := pos[id]; p != st.last {
			h.restart(st, p)
		}
	}
	h.readyOnce.Do(func() { close(h.readyc) })
}

// receive delivers an event that came through the relay.
func (h *Hub) receive(orgID org.ID, id int64, body []byte) {
	e, err := decode(orgID, id, body)
	if err != nil {
		h.opts.Log.Error("event relay: bad event", "err", err)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	st := h.stream(orgID)
	switch {
	case id <= st.last:
		return // already here
	case id != st.last+1:
		h.restart(st, id-1) // a gap: nobody can resume across it
	}
	h.deliver(e)
}

// restart empties st's buffer at position p and drops its subscribers.
func (h *Hub) restart(st *stream, p int64) {
	for _, subs := range st.users {
		for _, s := range subs {
			h.drop(s)
		}
	}
	st.ring, st.start, st.floor, st.last = nil, 0, p, p
}

// stream returns org's stream, creating it at the current position.
func (h *Hub) stream(orgID org.ID) *stream {
	st, ok := h.orgs[orgID]
	if !ok {
		p := h.last
		if h.opts.Relay != nil {
			p = h.positions[orgID]
		}
		st = &stream{users: map[org.UserID][]*Subscription{}, floor: p, last: p}
		h.orgs[orgID] = st
	}
	return st
}

// deliver records e in its org's buffer and hands it to the subscribers it
// is for; a subscriber whose buffer is full is dropped. h.mu is held.
func (h *Hub) deliver(e Event) {
	st := h.stream(e.OrgID)
	st.push(e, h.opts.Replay)
	if e.UserID != 0 {
		h.send(st.users[e.UserID], e)
		return
	}
	for _, subs := range st.users {
		h.send(subs, e)
	}
}

func (h *Hub) send(subs []*Subscription, e Event) {
	for i := len(subs) - 1; i >= 0; i-- { // drop may shrink subs
		s := subs[i]
		select {
		case s.ch <- e:
		default:
			h.drop(s)
		}
	}
}

// drop closes s and forgets it. h.mu is held.
func (h *Hub) drop(s *Subscription) {
	if s.done {
		return
	}
	s.done = true
	close(s.ch)
	st := h.orgs[s.org]
	subs := st.users[s.user]
	for i, x := range subs {
		if x == s {
			subs = append(subs[:i:i], subs[i+1:]...)
			break
		}
	}
	if len(subs) == 0 {
		delete(st.users, s.user)
	} else {
		st.users[s.user] = subs
	}
}

// push appends e, evicting the oldest event when the buffer is full.
func (st *stream) push(e Event, capacity int) {
	st.last = e.ID
	if len(st.ring) < capacity {
		st.ring = append(st.ring, e)
		return
	}
	st.floor = st.ring[st.start].ID
	st.ring[st.start] = e
	st.start = (st.start + 1) % len(st.ring)
}

// since returns user's buffered events after id, oldest first.
func (st *stream) since(id int64, user org.UserID) []Event {
	var out []Event
	for i := range st.ring {
		if e := st.ring[(st.start+i)%len(st.ring)]; e.ID > id && e.For(user) {
			out = append(out, e)
		}
	}
	return out
}
