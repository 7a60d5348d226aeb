package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// TestNeedsOutcomeIsTheAnsweringAgents: a call rung to Alice and Bob at
// once and taken by Alice needs an outcome in Alice's list only — Bob was
// rung but may not summarise it, so it is not in his.
func TestNeedsOutcomeIsTheAnsweringAgents(t *testing.T) {
	t.Parallel()
	both := func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"], u["bob"])(u) }
	s := newScenario(t, both, []string{"alice", "bob"}, map[string]string{"alice": "answer@2s,hangup@10s", "bob": "manual"})
	sid, err := s.e.sb.PlaceCall(sandbox.CallScript{From: simon, To: s.number.E164})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if tr, err := s.e.sb.RunUntilEnded(ctx, sid, time.Hour); err != nil {
		t.Fatalf("run: %v\n%s", err, tr.Text())
	}
	s.e.sb.Settle()
	c, _ := s.record(t, sid)
	if c.Outcome != call.Answered || int64(c.AnsweredBy) != s.users["alice"] {
		t.Fatalf("call = %+v: want it answered by Alice", c)
	}
	alice, bob := s.e.signIn(demo.Users[1].Email), s.e.signIn(demo.Users[2].Email)
	wantLog(t, alice, "?needs_outcome=true&agent="+itoa(s.users["alice"]), int64(c.ID))
	wantLog(t, bob, "?needs_outcome=true&agent="+itoa(s.users["bob"]))
	wantLog(t, bob, "?agent="+itoa(s.users["bob"]), int64(c.ID)) // still among the calls that rang him
}
