package server_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/config"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/server"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// otherInstance starts a second server on e's database (its own store
// connections, PostgreSQL listener and event hub) and returns its hub,
// running.
func (e *env) otherInstance(t *testing.T) *event.Hub {
	t.Helper()
	st := storetest.OpenAt(t, e.dbURL)
	cfg := config.Default()
	cfg.SelfURL = "http://127.0.0.1:1" // takes no webhooks in this test
	srv := server.New(cfg, testLogger(), st, e.box, auth.NewHasher(2), nil)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go srv.RunEvents(ctx)
	select {
	case <-srv.Hub().Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("the other instance's event hub is not ready")
	}
	return srv.Hub()
}

// R-AG-6: an agent connected to instance A rings for a call that instance
// B (which takes the carrier's webhooks and runs the call flow) decides.
func TestCallRingsAnAgentOnAnotherInstance(t *testing.T) {
	t.Parallel()
	if os.Getenv(storetest.EnvURL) == "" {
		t.Skip("several instances share one PostgreSQL database; on SQLite there is one instance")
	}
	s := newScenario(t, ringAlice, []string{"alice"}, map[string]string{"alice": "answer@2s,hangup@10s"})
	s.runEvents(t) // instance B publishes
	sub, err := s.e.otherInstance(t).Subscribe(org.ID(1), org.UserID(s.users["alice"]), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sub.Close)
	alice := &inbox{t: t, sub: sub}
	_, c, legs := s.call(t, sandbox.CallScript{From: "+14155550177"})
	if int64(c.AnsweredBy) != s.users["alice"] || len(legs) != 1 {
		t.Fatalf("call = %+v, legs %+v", c, legs)
	}
	var got []callEventJSON
	for _, c := range calls(t, alice.until(endedCall)) {
		if len(got) > 0 && got[len(got)-1].Ringing && c.Ringing && !c.Ended {
			continue // the card's refresh once the unknown caller's contact is created
		}
		got = append(got, c)
	}
	if len(got) < 3 || !got[0].Ringing || got[0].ID != int64(c.ID) || got[0].LegSID == nil || *got[0].LegSID != legs[0].SID ||
		got[1].Ringing || got[1].Status != "in-progress" || !got[len(got)-1].Ended {
		t.Fatalf("alice's call events on the other instance = %+v", got)
	}
}
