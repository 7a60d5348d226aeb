package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// An agent who answers while the caller still hears the welcome joins the
// call's conference first; if they hang up before the caller arrives, the
// caller's call ends too, instead of the caller starting the conference
// again alone and waiting with music for ever.
func TestAgentHangsUpBeforeTheCallerJoins(t *testing.T) {
	t.Parallel()
	long := func(u map[string]int64) map[string]any {
		cfg := ringAlice(u)
		cfg["voice"].(map[string]any)["welcome"] = map[string]any{"text": strings.Repeat("Welcome to Demo Company, we are glad you called. ", 12)}
		return cfg
	}
	s := newScenario(t, long, []string{"alice"}, map[string]string{"alice": "answer@1s,hangup@2s"})
	tr, c, legs := s.call(t, sandbox.CallScript{})
	if c.EndedAt == nil || c.Outcome != call.Answered || len(legs) != 1 || legs[0].Status != "completed" {
		t.Fatalf("call = %+v, legs %+v\n%s", c, legs, tr.Text())
	}
	end := time.Duration(tr.Steps[len(tr.Steps)-1].Offset)
	if end > 20*time.Second {
		t.Fatalf("the caller's call lasted %s after the agent hung up at ~3 s:\n%s", end, tr.Text())
	}
}
