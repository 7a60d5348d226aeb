package server_test

import (
	"net/http"
	"sync"
	"testing"
)

// TestOutboundPlacedTwiceAtOnce: an agent's calls placed at the same time
// (a double click, two tabs) — one is placed, the others are refused as
// "already on a call" and write or dial nothing (issue 8, bad input).
func TestOutboundPlacedTwiceAtOnce(t *testing.T) {
	s, alice := outboundScenario(t)
	s.party(t, customer, "manual")
	const n = 4
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = alice.do(http.MethodPost, "/api/v1/calls", map[string]any{"to": customer}).status
		}()
	}
	wg.Wait()
	placed := 0
	for _, st := range statuses {
		switch st {
		case http.StatusCreated:
			placed++
		case http.StatusConflict:
		default:
			t.Fatalf("statuses %v: want one 201, the rest 409", statuses)
		}
	}
	if placed != 1 || s.count(t, "calls") != 1 || s.count(t, "call_legs") != 1 {
		t.Fatalf("statuses %v, %d calls, %d legs: want exactly one call placed", statuses, s.count(t, "calls"), s.count(t, "call_legs"))
	}
}
