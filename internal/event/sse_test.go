package event

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// sseEvent is one event as a client reads it.
type sseEvent struct{ ID, Type, Data string }

// sseReader reads server-sent events; comments and retry lines are kept
// apart.
type sseReader struct {
	r        *bufio.Reader
	comments []string
	retry    string
}

// next returns the next event, or the read error (io.EOF at the end).
func (s *sseReader) next() (sseEvent, error) {
	var e sseEvent
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			return e, err
		}
		line = strings.TrimSuffix(line, "\n")
		field, value, _ := strings.Cut(line, ": ")
		switch {
		case line == "":
			if e != (sseEvent{}) {
				return e, nil
			}
		case strings.HasPrefix(line, ":"):
			s.comments = append(s.comments, line)
		case field == "id":
			e.ID = value
		case field == "event":
			e.Type = value
		case field == "data":
			e.Data = value
		case field == "retry":
			s.retry = value
		}
	}
}

// streamServer serves Stream for user 1 of org 1, opening with a sync event
// at the subscription's position; ended receives Stream's result.
func streamServer(t *testing.T, h *Hub, keepAlive time.Duration) (url string, ended chan error) {
	t.Helper()
	ended = make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sub, err := h.Subscribe(1, 1, 0)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer sub.Close()
		sync := Synced(TypeSync, 1, 1, sub.Position, StateOf(nil, nil, 45*time.Second))
		ended <- Stream(r.Context(), w, sub, []Event{sync}, keepAlive)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, ended
}

func open(t *testing.T, ctx context.Context, url string) (*sseReader, *http.Response) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return &sseReader{r: bufio.NewReader(res.Body)}, res
}

func TestStreamFormat(t *testing.T) {
	t.Parallel()
	h := NewHub(Options{Now: func() time.Time { return time.UnixMicro(100) }})
	url, _ := streamServer(t, h, time.Hour)
	r, res := open(t, context.Background(), url)
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	first, err := r.next()
	if err != nil {
		t.Fatal(err)
	}
	indented, _ := New(1, 0, TypePresence, nil)
	indented.Data = []byte("{\n  \"user_id\": 3\n}")
	for _, e := range []Event{ev(1, 0, "one"), ev(1, 2, "not-mine"), indented} {
		h.Publish(context.Background(), e)
	}
	var got []sseEvent
	for range 2 {
		e, err := r.next()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
	}
	want := []sseEvent{
		{ID: "100", Type: "sync", Data: `{"presence":[],"calls":[],"heartbeat":{"interval_seconds":15,"grace_seconds":45}}`},
		{ID: "101", Type: "one", Data: `{"k":"one"}`},
		{ID: "103", Type: "presence", Data: `{"user_id":3}`},
	}
	if diff := cmp.Diff(want, append([]sseEvent{first}, got...)); diff != "" {
		t.Fatalf("events mismatch (-want +got):\n%s", diff)
	}
	if r.retry != "2000" {
		t.Errorf("retry %q, want 2000", r.retry)
	}
}

func TestStreamKeepAlive(t *testing.T) {
	t.Parallel()
	h := NewHub(Options{})
	url, _ := streamServer(t, h, 5*time.Millisecond)
	r, _ := open(t, context.Background(), url)
	r.next() // sync
	go func() { time.Sleep(50 * time.Millisecond); h.Publish(context.Background(), ev(1, 0, "late")) }()
	if e, err := r.next(); err != nil || e.Type != "late" {
		t.Fatalf("next: %+v %v", e, err)
	}
	if len(r.comments) == 0 || r.comments[0] != ": keep-alive" {
		t.Fatalf("comments %q, want keep-alives while idle", r.comments)
	}
}

func TestStreamEnds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		end  func(h *Hub, cancel context.CancelFunc)
	}{
		{"hub closes (server shutting down)", func(h *Hub, _ context.CancelFunc) { h.Close() }},
		{"subscriber too slow is dropped", func(h *Hub, _ context.CancelFunc) {
			for range 100 { // Buffer 1: the handler cannot keep up with a burst
				h.Publish(context.Background(), ev(1, 0, "burst"))
			}
		}},
		{"client goes away", func(_ *Hub, cancel context.CancelFunc) { cancel() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := NewHub(Options{Buffer: 1})
			url, ended := streamServer(t, h, time.Hour)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r, _ := open(t, ctx, url)
			r.next()
			tt.end(h, cancel)
			select {
			case err := <-ended:
				if err != nil && ctx.Err() == nil {
					t.Fatalf("Stream: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Stream did not return")
			}
			if ctx.Err() == nil {
				if _, err := io.ReadAll(r.r); err != nil {
					t.Fatalf("client: %v, want a clean end of stream", err)
				}
			}
		})
	}
}
