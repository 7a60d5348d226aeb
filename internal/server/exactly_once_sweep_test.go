package server_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// TestReconciliationClosesWhatLostCallbacksLeftOpen drops a call's final
// callbacks (R-POST-4, decisions 0023 and 0029): the org's sweep, once
// the call has been unchanged for 30 minutes, asks the carrier and closes
// the call and its legs at the carrier's end times, and frees the agent.
func TestReconciliationClosesWhatLostCallbacksLeftOpen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		lose    func(path string, f url.Values) bool
		legOpen bool // the agent's leg is left open too
	}{
		{"the caller's completed is lost", func(path string, f url.Values) bool {
			return path == "/webhooks/twilio/status" && f.Get("CallStatus") == "completed"
		}, false},
		{"every completed is lost, the agent's leg's too", func(path string, f url.Values) bool {
			return f.Get("CallStatus") == "completed"
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, cp := newCaptureScenario(t)
			cp.hold = tt.lose
			s.behave(t, "alice", "answer@2s,hangup@20s")
			s.behave(t, "bob", "ignore")
			_, c, legs := s.call(t, sandbox.CallScript{HangupAfter: sandbox.Duration(time.Minute)})
			ends := lostEnds(cp.deliveries())
			if c.EndedAt != nil || ends[c.CallSID].IsZero() {
				t.Fatalf("the call was closed (%v) or its completed was not lost", c.EndedAt)
			}
			alice := legOf(legs, s.users["alice"])
			if tt.legOpen != (alice.Status == "in-progress") || tt.legOpen != (len(busyAgents(t, s.e, c.OrgID)) == 1) {
				t.Fatalf("before the sweep: alice's leg %q, busy agents %v", alice.Status, busyAgents(t, s.e, c.OrgID))
			}
			if err := s.e.sb.Advance(call.SweepAfter + call.SweepEvery); err != nil {
				t.Fatal(err)
			}
			s.e.sb.Settle()
			got, legs := s.record(t, c.CallSID)
			if got.EndedAt == nil || !got.EndedAt.Equal(ends[c.CallSID]) || got.Outcome != call.Answered || int64(got.AnsweredBy) != s.users["alice"] {
				t.Errorf("after the sweep: ended %v (carrier: %v), outcome %q, answered by %d", got.EndedAt, ends[c.CallSID], got.Outcome, got.AnsweredBy)
			}
			alice = legOf(legs, s.users["alice"])
			if alice.Status != "completed" || alice.EndedAt == nil || tt.legOpen && !alice.EndedAt.Equal(ends[alice.SID]) {
				t.Errorf("after the sweep: alice's leg %q ended %v (carrier: %v)", alice.Status, alice.EndedAt, ends[alice.SID])
			}
			if busy := busyAgents(t, s.e, c.OrgID); len(busy) > 0 {
				t.Errorf("after the sweep: agents busy %v", busy)
			}
		})
	}
}

// TestRepeatedCallbackChangesNothing delivers a lost completed late, then
// again with the same idempotency token and once more with a new one: the
// first closes the call, the repeats are answered 2xx and write nothing.
func TestRepeatedCallbackChangesNothing(t *testing.T) {
	t.Parallel()
	s, cp := newCaptureScenario(t)
	cp.hold = func(path string, f url.Values) bool {
		return path == "/webhooks/twilio/status" && f.Get("CallStatus") == "completed"
	}
	s.behave(t, "alice", "answer@2s,hangup@20s")
	s.behave(t, "bob", "ignore")
	_, c, _ := s.call(t, sandbox.CallScript{HangupAfter: sandbox.Duration(time.Minute)})
	var late delivery
	for _, d := range cp.deliveries() {
		if d.held {
			late = d
		}
	}
	fresh := late
	fresh.header = late.header.Clone()
	fresh.header.Set("I-Twilio-Idempotency-Token", "6f1c2a1e-0c8f-4b8e-9d7a-3f1e2d4c5b6a")
	revisions := []int{}
	for _, d := range []delivery{late, late, fresh} {
		status, err := d.send(http.DefaultClient)
		if err != nil || status/100 != 2 {
			t.Fatalf("delivery answered %d, %v", status, err)
		}
		got, _ := s.record(t, c.CallSID)
		if got.EndedAt == nil {
			t.Fatal("the late completed did not close the call")
		}
		revisions = append(revisions, got.Revision)
	}
	if revisions[1] != revisions[0] || revisions[2] != revisions[0] {
		t.Errorf("revisions after each delivery %v: a repeat wrote to the call", revisions)
	}
	var tokens int
	if err := s.e.st.DB().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM callback_tokens WHERE token = $1`,
		late.header.Get("I-Twilio-Idempotency-Token")).Scan(&tokens); err != nil || tokens != 1 {
		t.Errorf("the handled token is recorded %d times (%v)", tokens, err)
	}
}

// lostEnds maps the call SID of each lost completed callback to the time
// the carrier stamped it with.
func lostEnds(ds []delivery) map[string]time.Time {
	out := map[string]time.Time{}
	for _, d := range ds {
		if d.held && d.form.Get("CallStatus") == "completed" {
			at, _ := time.Parse(time.RFC1123Z, d.form.Get("Timestamp"))
			out[d.form.Get("CallSid")] = at
		}
	}
	return out
}

func legOf(legs []call.Leg, user int64) call.Leg {
	for _, l := range legs {
		if int64(l.UserID) == user {
			return l
		}
	}
	return call.Leg{}
}
