package event

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/org"
)

// memRelay is an in-memory Relay with the database relay's behaviour: one
// gap-free sequence per org, every listener hears every event in order.
type memRelay struct {
	mu        sync.Mutex
	seq       map[org.ID]int64
	listeners map[int]func(org.ID, int64, []byte)
	n         int
}

func newMemRelay() *memRelay {
	return &memRelay{seq: map[org.ID]int64{}, listeners: map[int]func(org.ID, int64, []byte){}}
}

func (r *memRelay) Notify(_ context.Context, orgID org.ID, body []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq[orgID]++
	for _, l := range r.listeners {
		l(orgID, r.seq[orgID], body)
	}
	return nil
}

func (r *memRelay) Listen(ctx context.Context, ready func(map[org.ID]int64), deliver func(org.ID, int64, []byte)) error {
	r.mu.Lock()
	r.n++
	id := r.n
	r.listeners[id] = deliver
	pos := map[org.ID]int64{}
	for k, v := range r.seq {
		pos[k] = v
	}
	ready(pos)
	r.mu.Unlock()
	<-ctx.Done()
	r.mu.Lock()
	delete(r.listeners, id)
	r.mu.Unlock()
	return nil
}

// running starts h's relay listener and waits until it is ready.
func running(t *testing.T, h *Hub) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	t.Cleanup(func() { cancel(); <-done })
	go func() { defer close(done); h.Run(ctx) }()
	select {
	case <-h.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("relay listener not ready")
	}
}

func ev(orgID org.ID, user org.UserID, typ string) Event {
	e, _ := New(orgID, user, typ, map[string]string{"k": typ})
	return e
}

// got drains what sub has received so far: event types, and whether the
// subscription was closed.
func got(sub *Subscription) (types []string, closed bool) {
	for {
		select {
		case e, ok := <-sub.Events():
			if !ok {
				return types, true
			}
			types = append(types, e.Type)
		default:
			return types, false
		}
	}
}

func subscribe(t *testing.T, h *Hub, orgID org.ID, user org.UserID, lastID int64) *Subscription {
	t.Helper()
	s, err := h.Subscribe(orgID, user, lastID)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func TestHubDelivery(t *testing.T) {
	t.Parallel()
	type sub struct {
		org  org.ID
		user org.UserID
	}
	subs := []sub{{1, 10}, {1, 10}, {1, 11}, {2, 10}}
	tests := []struct {
		name    string
		publish []Event
		want    [][]string // per sub
	}{
		{"org-wide reaches every member of that org only", []Event{ev(1, 0, "a")},
			[][]string{{"a"}, {"a"}, {"a"}, nil}},
		{"targeted reaches every tab of that user only", []Event{ev(1, 10, "ring")},
			[][]string{{"ring"}, {"ring"}, nil, nil}},
		{"same user id in another org hears nothing", []Event{ev(2, 11, "x")},
			[][]string{nil, nil, nil, nil}},
		{"order kept", []Event{ev(1, 0, "a"), ev(1, 11, "b"), ev(1, 0, "c"), ev(2, 0, "d")},
			[][]string{{"a", "c"}, {"a", "c"}, {"a", "b", "c"}, {"d"}}},
	}
	for _, relay := range []bool{false, true} {
		for _, tt := range tests {
			name := tt.name
			if relay {
				name += " (relay)"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				h := newTestHub(t, relay, Options{})
				var ss []*Subscription
				for _, s := range subs {
					ss = append(ss, subscribe(t, h, s.org, s.user, 0))
				}
				for _, e := range tt.publish {
					if err := h.Publish(context.Background(), e); err != nil {
						t.Fatal(err)
					}
				}
				for i, s := range ss {
					types, _ := got(s)
					if diff := cmp.Diff(tt.want[i], types); diff != "" {
						t.Errorf("subscription %d (org %d user %d) mismatch (-want +got):\n%s", i, subs[i].org, subs[i].user, diff)
					}
				}
			})
		}
	}
}

func newTestHub(t *testing.T, relay bool, opts Options) *Hub {
	t.Helper()
	if !relay {
		return NewHub(opts)
	}
	opts.Relay = newMemRelay()
	h := NewHub(opts)
	running(t, h)
	return h
}

func TestHubIDsIncrease(t *testing.T) {
	t.Parallel()
	for _, relay := range []bool{false, true} {
		h := newTestHub(t, relay, Options{Now: func() time.Time { return time.UnixMicro(1000) }})
		s := subscribe(t, h, 1, 1, 0)
		for range 5 {
			h.Publish(context.Background(), ev(1, 0, "a"))
		}
		var ids []int64
		for range 5 {
			ids = append(ids, (<-s.Events()).ID)
		}
		want := []int64{1001, 1002, 1003, 1004, 1005} // in-process: from the start time in µs
		if relay {
			want = []int64{1, 2, 3, 4, 5} // the org's sequence
		}
		if diff := cmp.Diff(want, ids); diff != "" {
			t.Errorf("relay %v: ids mismatch (-want +got):\n%s", relay, diff)
		}
	}
}

func TestHubDropsSlowSubscriber(t *testing.T) {
	t.Parallel()
	h := NewHub(Options{Buffer: 2})
	slow, fast := subscribe(t, h, 1, 1, 0), subscribe(t, h, 1, 2, 0)
	for i := range 3 {
		h.Publish(context.Background(), ev(1, 0, "a"))
		if i < 2 {
			<-fast.Events()
		}
	}
	types, closed := got(slow)
	if diff := cmp.Diff([]string{"a", "a"}, types); diff != "" || !closed {
		t.Fatalf("slow subscriber: got %v closed %v, want its 2 buffered events then closed", types, closed)
	}
	if types, closed := got(fast); len(types) != 1 || closed {
		t.Fatalf("fast subscriber: got %v closed %v, want 1 more event, open", types, closed)
	}
	// Its tab reconnects after the last event it read and resumes.
	again := subscribe(t, h, 1, 1, slow.Position+2)
	if !again.Resumed || len(again.Missed) != 1 {
		t.Fatalf("reconnect: resumed %v missed %d, want resumed with 1 missed", again.Resumed, len(again.Missed))
	}
}

func TestHubResume(t *testing.T) {
	t.Parallel()
	// Org 1 gets events 1..6 (relay ids); the buffer keeps the last 4 (3..6).
	// Events 4 and 6 ring user 2 only.
	tests := []struct {
		name        string
		user        org.UserID
		lastID      int64
		wantResumed bool
		wantMissed  []int64
	}{
		{"fresh connection", 1, 0, false, nil},
		{"up to date", 1, 6, true, nil},
		{"missed some", 1, 3, true, []int64{5}},
		{"missed some, targeted included for its user", 2, 3, true, []int64{4, 5, 6}},
		{"oldest buffered event's predecessor: nothing lost", 1, 2, true, []int64{3, 5}},
		{"too old: evicted events lost", 1, 1, false, nil},
		{"unknown: ahead of this org", 1, 7, false, nil},
	}
	h := newTestHub(t, true, Options{Replay: 4})
	for i := 1; i <= 6; i++ {
		user := org.UserID(0)
		if i == 4 || i == 6 {
			user = 2
		}
		h.Publish(context.Background(), ev(1, user, "e"))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := subscribe(t, h, 1, tt.user, tt.lastID)
			var ids []int64
			for _, e := range s.Missed {
				ids = append(ids, e.ID)
			}
			if s.Resumed != tt.wantResumed || s.Position != 6 {
				t.Errorf("resumed %v position %d, want %v at 6", s.Resumed, s.Position, tt.wantResumed)
			}
			if diff := cmp.Diff(tt.wantMissed, ids); diff != "" {
				t.Errorf("missed mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHubResumeAcrossRestart(t *testing.T) {
	t.Parallel()
	before := NewHub(Options{Now: func() time.Time { return time.UnixMicro(1000) }})
	s := subscribe(t, before, 1, 1, 0)
	before.Publish(context.Background(), ev(1, 0, "a"))
	last := (<-s.Events()).ID
	after := NewHub(Options{Now: func() time.Time { return time.UnixMicro(5000) }})
	if r := subscribe(t, after, 1, 1, last); r.Resumed {
		t.Fatalf("id %d from before the restart resumed on the new hub (position %d)", last, r.Position)
	}
}

func TestHubPerUserLimit(t *testing.T) {
	t.Parallel()
	h := NewHub(Options{PerUser: 2})
	a := subscribe(t, h, 1, 1, 0)
	subscribe(t, h, 1, 1, 0)
	if _, err := h.Subscribe(1, 1, 0); !errors.Is(err, ErrTooMany) {
		t.Fatalf("third tab: err %v, want ErrTooMany", err)
	}
	subscribe(t, h, 1, 2, 0) // another user is not limited by it
	a.Close()
	a.Close() // twice is fine
	subscribe(t, h, 1, 1, 0)
}

func TestHubClose(t *testing.T) {
	t.Parallel()
	h := NewHub(Options{})
	s := subscribe(t, h, 1, 1, 0)
	h.Close()
	if _, closed := got(s); !closed {
		t.Fatal("subscription still open after the hub closed")
	}
	if _, err := h.Subscribe(1, 1, 0); !errors.Is(err, ErrClosed) {
		t.Fatalf("subscribe after close: err %v, want ErrClosed", err)
	}
	if err := h.Publish(context.Background(), ev(1, 0, "a")); !errors.Is(err, ErrClosed) {
		t.Fatalf("publish after close: err %v, want ErrClosed", err)
	}
}

func TestHubAcrossInstances(t *testing.T) {
	t.Parallel()
	relay := newMemRelay()
	a, b := NewHub(Options{Relay: relay}), NewHub(Options{Relay: relay})
	running(t, a)
	running(t, b)
	onB := subscribe(t, b, 1, 7, 0)
	a.Publish(context.Background(), ev(1, 7, "ring"))
	a.Publish(context.Background(), ev(1, 8, "other"))
	e := <-onB.Events()
	if e.Type != "ring" || e.ID != 1 || e.UserID != 7 {
		t.Fatalf("B received %+v, want ring #1 for user 7", e)
	}
	var data map[string]string
	if err := json.Unmarshal(e.Data, &data); err != nil || data["k"] != "ring" {
		t.Fatalf("data %s: %v", e.Data, err)
	}
}

func TestHubRelayGap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		apply      func(h *Hub)
		wantClosed bool
		wantPos    int64
	}{
		{"listener reconnects, nothing missed", func(h *Hub) { h.ready(map[org.ID]int64{1: 2}) }, false, 2},
		{"listener reconnects after events it missed", func(h *Hub) { h.ready(map[org.ID]int64{1: 5}) }, true, 5},
		{"listener reconnects, org has no events", func(h *Hub) { h.ready(map[org.ID]int64{}) }, true, 0},
		{"duplicate notification ignored", func(h *Hub) { h.receive(1, 2, []byte(`{"t":"x","d":{}}`)) }, false, 2},
		{"notification skips ids", func(h *Hub) { h.receive(1, 9, []byte(`{"t":"x","d":{}}`)) }, true, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newTestHub(t, true, Options{})
			h.Publish(context.Background(), ev(1, 0, "a"))
			h.Publish(context.Background(), ev(1, 0, "b"))
			s := subscribe(t, h, 1, 1, 0)
			tt.apply(h)
			if _, closed := got(s); closed != tt.wantClosed {
				t.Errorf("subscriber closed = %v, want %v", closed, tt.wantClosed)
			}
			if r := subscribe(t, h, 1, 2, 0); r.Position != tt.wantPos {
				t.Errorf("position %d, want %d", r.Position, tt.wantPos)
			}
		})
	}
}
