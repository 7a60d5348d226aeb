package server_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/demo"
)

// TestHangupFromTheApp: the agent ends a "call me first" call from the
// app — their own phone's leg, which no browser device holds, is hung up
// at the carrier and the customer's with it (R-OUT-5); once ended, or for
// someone else, the hang-up is refused and changes nothing.
func TestHangupFromTheApp(t *testing.T) {
	t.Parallel()
	const mobile = "+14155550177"
	s, alice := callMeFirstScenario(t, mobile, "answer@1s")
	admin := s.e.signIn(demo.Users[0].Email)
	p, res := alice.place(t, map[string]any{"to": customer, "via": "phone"})
	wantStatus(t, res, http.StatusCreated)
	s.advance(t, 6*time.Second)
	if cust := s.liveLeg(t, customer); cust.Status != "in-progress" {
		t.Fatalf("customer leg = %+v: want the call connected", cust)
	}
	hangup := "/api/v1/calls/" + itoa(p.Call.ID) + "/hangup"
	wantStatus(t, admin.do(http.MethodPost, hangup, nil), http.StatusNotFound) // not the admin's call
	wantStatus(t, alice.do(http.MethodPost, hangup, nil), http.StatusAccepted)
	s.advance(t, 5*time.Second)
	if got := alice.callLog(t, p.Call.ID); got.Status != "completed" || got.Outcome != "answered" {
		t.Fatalf("call after hanging up = %+v", got)
	}
	if legs := append(s.e.sb.Legs(customer, true), s.e.sb.Legs(mobile, true)...); len(legs) != 0 {
		t.Fatalf("a leg is still on the line: %+v", legs)
	}
	wantStatus(t, alice.do(http.MethodPost, hangup, nil), http.StatusConflict)
}

// TestHangupWhileMyPhoneRings: a "call me first" call hung up while the
// agent's phone still rings stops the ringing and never dials the customer.
func TestHangupWhileMyPhoneRings(t *testing.T) {
	t.Parallel()
	const mobile = "+14155550178"
	s, alice := callMeFirstScenario(t, mobile, "manual")
	p, res := alice.place(t, map[string]any{"to": customer, "via": "phone"})
	wantStatus(t, res, http.StatusCreated)
	s.advance(t, 2*time.Second)
	if leg := s.liveLeg(t, mobile); leg.Status != "ringing" {
		t.Fatalf("agent's phone leg = %+v: want it ringing", leg)
	}
	wantStatus(t, alice.do(http.MethodPost, "/api/v1/calls/"+itoa(p.Call.ID)+"/hangup", nil), http.StatusAccepted)
	s.advance(t, 5*time.Second)
	if got := alice.callLog(t, p.Call.ID); got.Status != "completed" || got.Outcome != "missed" {
		t.Fatalf("call = %+v: want it ended, never answered", got)
	}
	if legs := append(s.e.sb.Legs(customer, false), s.e.sb.Legs(mobile, true)...); len(legs) != 0 {
		t.Fatalf("the customer was dialled or the phone still rings: %+v", legs)
	}
}

// callMeFirstScenario is outboundScenario with Alice's forwarding number
// set to mobile, a sandbox party behaving as behaviour (R-OUT-5).
func callMeFirstScenario(t *testing.T, mobile, behaviour string) (*scenario, *client) {
	t.Helper()
	s, alice := outboundScenario(t)
	admin := s.e.signIn(demo.Users[0].Email)
	wantStatus(t, admin.do(http.MethodPatch, "/api/v1/users/"+itoa(s.users["alice"]), map[string]any{"forwarding_number": mobile}), http.StatusOK)
	s.party(t, mobile, behaviour)
	return s, alice
}
