package server_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// TestOutboundHoldAndCost: on an outbound call the customer is held to
// the default hold music (an outbound call runs no routing, so there is
// no number's queue music) and resumed; once the call ends, its cost is
// fetched from the carrier like an inbound call's (R-AG-4, R-POST-2).
func TestOutboundHoldAndCost(t *testing.T) {
	t.Parallel()
	s, alice := outboundScenario(t)
	p, res := alice.place(t, map[string]any{"to": customer})
	wantStatus(t, res, http.StatusCreated)
	s.advance(t, 5*time.Second)
	cust := s.liveLeg(t, customer)
	agent := s.liveLeg(t, "client:"+callflow.AgentIdentity(s.users["alice"]))
	hold := "/api/v1/calls/" + itoa(p.Call.ID) + "/hold"
	wantStatus(t, alice.do(http.MethodPost, hold, map[string]bool{"hold": true}), http.StatusOK)
	s.advance(t, 3*time.Second)
	if tr, _ := s.e.sb.Transcript(cust.Sid); steps(tr, cust.Sid, sandbox.StepHold) != 1 || !heldToMusic(tr, cust.Sid) {
		t.Fatalf("the customer's transcript shows no hold with music:\n%s", tr.Text())
	}
	wantStatus(t, alice.do(http.MethodPost, hold, map[string]bool{"hold": false}), http.StatusOK)
	s.advance(t, time.Second)
	if tr, _ := s.e.sb.Transcript(cust.Sid); steps(tr, cust.Sid, sandbox.StepUnhold) != 1 {
		t.Fatalf("the customer was not taken off hold:\n%s", tr.Text())
	}
	wantStatus(t, act(alice, agent.Sid, "hangup", ""), http.StatusAccepted)
	s.advance(t, 2*time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := s.e.sb.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
		s.e.srv.Webhooks().Worker.Kick()
		var got logItem
		alice.do(http.MethodGet, "/api/v1/calls/"+itoa(p.Call.ID), nil).decode(t, &got)
		if got.Price != "" {
			if got.Price[0] != '-' || got.PriceUnit != "USD" || got.Outcome != "answered" {
				t.Fatalf("priced call = %+v", got)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the outbound call was never priced: %+v", got)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
