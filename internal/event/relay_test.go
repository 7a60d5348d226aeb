package event_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// instances opens n stores on one fresh PostgreSQL schema, each with a
// running hub fed by its relay: n switchboard instances sharing a database.
func instances(t testing.TB, n int) (*store.Store, []*event.Hub) {
	t.Helper()
	if !storetest.Postgres() {
		t.Skip("cross-instance events need PostgreSQL: set " + storetest.EnvURL + " (make test-pg)")
	}
	url := storetest.URL(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var first *store.Store
	var hubs []*event.Hub
	for i := range n {
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			first = st
		}
		h := event.NewHub(event.Options{Relay: st.Relay()})
		done := make(chan struct{})
		go func() { defer close(done); h.Run(ctx) }()
		t.Cleanup(func() { cancel(); <-done; st.Close() })
		hubs = append(hubs, h)
	}
	for _, h := range hubs {
		select {
		case <-h.Ready():
		case <-time.After(10 * time.Second):
			t.Fatal("relay listener not ready")
		}
	}
	return first, hubs
}

func newOrg(t testing.TB, st *store.Store, slug string) org.ID {
	t.Helper()
	o, err := st.CreateOrg(context.Background(), org.Org{Name: slug, Slug: slug})
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func next(t *testing.T, s *event.Subscription) event.Event {
	t.Helper()
	select {
	case e, ok := <-s.Events():
		if !ok {
			t.Fatal("subscription closed")
		}
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return event.Event{}
}

func TestRelayAcrossInstances(t *testing.T) {
	t.Parallel()
	st, hubs := instances(t, 2)
	a, b := hubs[0], hubs[1]
	acme, other := newOrg(t, st, "acme"), newOrg(t, st, "other")
	onB, err := b.Subscribe(acme, 7, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer onB.Close()
	onA, _ := a.Subscribe(acme, 7, 0)
	defer onA.Close()
	otherOrg, _ := b.Subscribe(other, 7, 0)
	defer otherOrg.Close()

	big := strings.Repeat("x", 20000) // over NOTIFY's 8000-byte payload
	publish := []struct {
		user org.UserID
		typ  string
		data any
	}{
		{7, "ring", map[string]int{"call_id": 1}},
		{8, "ring", map[string]int{"call_id": 2}}, // someone else's
		{0, "presence", map[string]string{"status": "online"}},
		{0, "big", map[string]string{"text": big}},
	}
	for _, p := range publish {
		e, _ := event.New(acme, p.user, p.typ, p.data)
		if err := a.Publish(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	for name, sub := range map[string]*event.Subscription{"instance B": onB, "instance A (the publisher)": onA} {
		var got []string
		var ids []int64
		for range 3 {
			e := next(t, sub)
			got, ids = append(got, e.Type), append(ids, e.ID)
			if e.Type == "big" {
				var d map[string]string
				if err := json.Unmarshal(e.Data, &d); err != nil || d["text"] != big {
					t.Errorf("%s: big event's data lost (%d bytes, %v)", name, len(e.Data), err)
				}
			}
		}
		if strings.Join(got, ",") != "ring,presence,big" || ids[0] != 1 || ids[1] != 3 || ids[2] != 4 {
			t.Errorf("%s received %v ids %v, want ring,presence,big as 1,3,4", name, got, ids)
		}
	}
	select {
	case e := <-otherOrg.Events():
		t.Fatalf("another org's subscriber received %+v", e)
	default:
	}
	// A tab that reconnects to B after event 1 resumes there.
	again, _ := b.Subscribe(acme, 7, 1)
	defer again.Close()
	if !again.Resumed || len(again.Missed) != 2 || again.Position != 4 {
		t.Fatalf("resume on B after 1: resumed %v, %d missed, position %d; want 2 missed up to 4", again.Resumed, len(again.Missed), again.Position)
	}
}
