package server_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// scenario is a number with a published routing configuration, agents
// online in the given order, and their sandbox behaviours.
type scenario struct {
	e      *env
	number numberJSON
	users  map[string]int64 // demo users by first name: admin, alice, bob
	// eventsOn says the server's event hub is fed (listen).
	eventsOn bool
}

func newScenario(t *testing.T, routing func(users map[string]int64) map[string]any, online []string, behaviours map[string]string) *scenario {
	t.Helper()
	e := newCallEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	_, n, _ := linkedNumber(t, e)
	users := map[string]int64{"admin": e.demoUserID(demo.Users[0].Email), "alice": e.demoUserID(demo.Users[1].Email), "bob": e.demoUserID(demo.Users[2].Email)}
	base := "/api/v1/numbers/" + itoa(n.ID) + "/routing"
	wantStatus(t, admin.do(http.MethodPut, base, routing(users)), http.StatusOK)
	if res := admin.do(http.MethodPost, base+"/publish", nil); res.status != http.StatusCreated {
		t.Fatalf("publish: %d %s", res.status, res.body)
	}
	emails := map[string]string{"admin": demo.Users[0].Email, "alice": demo.Users[1].Email, "bob": demo.Users[2].Email}
	for _, name := range online {
		wantStatus(t, e.signIn(emails[name]).do(http.MethodPut, "/api/v1/presence/me", map[string]string{"status": "online"}), http.StatusOK)
		if err := e.sb.Advance(time.Second); err != nil { // distinct came-online times
			t.Fatal(err)
		}
	}
	for name, b := range behaviours {
		beh, err := sandbox.ParseBehaviour(b)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.sb.SetParty("client:"+callflow.AgentIdentity(users[name]), beh); err != nil {
			t.Fatal(err)
		}
	}
	return &scenario{e: e, number: n, users: users}
}

// call places a call from the caller script and runs it to its end.
func (s *scenario) call(t *testing.T, script sandbox.CallScript) (sandbox.Transcript, call.Call, []call.Leg) {
	t.Helper()
	if script.From == "" {
		script.From = "+15005550006"
	}
	script.To = s.number.E164
	sid, err := s.e.sb.PlaceCall(script)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	tr, err := s.e.sb.RunUntilEnded(ctx, sid, 2*time.Hour)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, tr.Text())
	}
	s.e.sb.Settle()
	c, err := s.e.st.CallForWebhook(context.Background(), sid)
	if err != nil {
		t.Fatalf("call record: %v\n%s", err, tr.Text())
	}
	legs, _ := s.e.st.Legs(context.Background(), c.OrgID, c.ID)
	return tr, c, legs
}

func directGroup(ring string, users ...int64) func(map[string]int64) map[string]any {
	return func(map[string]int64) map[string]any {
		return map[string]any{"online": true, "mode": "direct",
			"group": map[string]any{"users": users, "ring": ring, "interval_seconds": 15, "timeout_seconds": 20},
			"voice": map[string]any{"format": "text", "welcome": map[string]any{"text": "Welcome to Demo Company."},
				"menu": map[string]any{"text": "Press ${Key press} for ${Menu}."}, "busy": map[string]any{"text": "All our agents are busy."},
				"unavailable": map[string]any{"text": "Nobody can take your call."}},
			"hours": map[string]any{"always_open": true}}
	}
}

func heard(tr sandbox.Transcript) []string {
	var out []string
	for _, s := range tr.Steps {
		if s.Kind == sandbox.StepSay {
			out = append(out, s.Text)
		}
	}
	return out
}

func legStatuses(legs []call.Leg) map[int64]string {
	out := map[int64]string{}
	for _, l := range legs {
		out[int64(l.UserID)] = l.Status
	}
	return out
}

func TestInboundSimultaneousFirstToAnswerWins(t *testing.T) {
	t.Parallel()
	var s *scenario
	s = newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"], u["bob"])(u) },
		[]string{"alice", "bob"}, map[string]string{"alice": "answer@3s,hangup@30s", "bob": "ignore"})
	tr, c, legs := s.call(t, sandbox.CallScript{})
	if c.Outcome != call.Answered || int64(c.AnsweredBy) != s.users["alice"] || c.EndedAt == nil {
		t.Fatalf("call record = %+v\n%s", c, tr.Text())
	}
	want := map[int64]string{s.users["alice"]: "completed", s.users["bob"]: "canceled"}
	if got := legStatuses(legs); !mapsEqual(got, want) {
		t.Fatalf("legs = %v, want %v\n%s", got, want, tr.Text())
	}
	if h := heard(tr); len(h) == 0 || h[0] != "Welcome to Demo Company." {
		t.Fatalf("caller heard %q", h)
	}
	if !strings.Contains(tr.Text(), "conference-join") {
		t.Fatalf("no conference in the transcript:\n%s", tr.Text())
	}
}

func mapsEqual(a, b map[int64]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestInboundSequentialOrderAndAnswererToTheBack(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any {
		return directGroup("sequential", u["admin"], u["alice"], u["bob"])(u)
	}, []string{"bob", "admin", "alice"}, map[string]string{"bob": "ignore", "admin": "answer@2s,hangup@10s", "alice": "answer@1s,hangup@5s"})
	// Alice is busy on another call: she is skipped.
	if err := s.e.st.SetBusy(context.Background(), 1, orgUser(s.users["alice"]), true); err != nil {
		t.Fatal(err)
	}
	tr, c, legs := s.call(t, sandbox.CallScript{})
	if c.Outcome != call.Answered || int64(c.AnsweredBy) != s.users["admin"] {
		t.Fatalf("answered by %d, want the admin (bob rang first, no answer)\n%s", c.AnsweredBy, tr.Text())
	}
	var order []int64
	for _, l := range legs {
		order = append(order, int64(l.UserID))
	}
	if len(order) != 2 || order[0] != s.users["bob"] || order[1] != s.users["admin"] {
		t.Fatalf("rang %v, want bob (came online first) then admin; alice busy, skipped", order)
	}
	// The admin answered, so they move to the back of the ring order.
	if err := s.e.st.SetBusy(context.Background(), 1, orgUser(s.users["alice"]), false); err != nil {
		t.Fatal(err)
	}
	_, c2, legs2 := s.call(t, sandbox.CallScript{From: "+15005550007"})
	if len(legs2) < 2 || int64(legs2[0].UserID) != s.users["bob"] || int64(legs2[1].UserID) != s.users["alice"] || int64(c2.AnsweredBy) != s.users["alice"] {
		t.Fatalf("second call rang %v and was answered by %d; want bob, then alice (the admin moved to the back)", legUsers(legs2), c2.AnsweredBy)
	}
}

func TestInboundNobodyAnswersVoicemail(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any {
		r := directGroup("simultaneous", u["alice"])(u)
		r["voicemail"] = map[string]any{"enabled": true, "max_length_seconds": 30}
		return r
	}, []string{"alice"}, map[string]string{"alice": "ignore"})
	tr, c, legs := s.call(t, sandbox.CallScript{HangupAfter: sandbox.Duration(2 * time.Minute)})
	if c.Outcome != call.Voicemail || c.RecordingURL == "" {
		t.Fatalf("call = %+v\n%s", c, tr.Text())
	}
	// Direct association: two cycles before the unavailable path (R-IN-8).
	if len(legs) != 2 || legs[0].Status != "no-answer" || legs[1].Status != "no-answer" {
		t.Fatalf("legs = %+v", legs)
	}
	if h := heard(tr); !slices.Contains(h, "Nobody can take your call.") {
		t.Fatalf("caller heard %q", h)
	}
}

func TestInboundIVRInvalidKeysThenUnavailable(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any {
		r := directGroup("simultaneous", u["alice"])(u)
		r["mode"] = "ivr"
		r["menu"] = map[string]any{"options": []map[string]any{{"key": 1, "label": "Sales", "action": "ring",
			"group": map[string]any{"users": []int64{u["alice"]}, "ring": "simultaneous", "timeout_seconds": 20}}}}
		return r
	}, []string{"alice"}, map[string]string{"alice": "answer@1s,hangup@5s"})
	tr, c, legs := s.call(t, sandbox.CallScript{Digits: mustDigits(t, "9,8,7")})
	h := heard(tr)
	menus := 0
	for _, line := range h {
		if line == "Press 1 for Sales." {
			menus++
		}
	}
	if menus != 3 || h[len(h)-1] != "Nobody can take your call." || len(legs) != 0 || c.Outcome != call.Missed {
		t.Fatalf("menu played %d times, heard %q, legs %d, outcome %s\n%s", menus, h, len(legs), c.Outcome, tr.Text())
	}
	t.Run("a valid key rings its group", func(t *testing.T) {
		tr, c, _ := s.call(t, sandbox.CallScript{From: "+15005550007", Digits: mustDigits(t, "1")})
		if c.Outcome != call.Answered || int64(c.AnsweredBy) != s.users["alice"] {
			t.Fatalf("call = %+v\n%s", c, tr.Text())
		}
		if c.State.Path[0] != 1 {
			t.Fatalf("IVR path = %v", c.State.Path)
		}
	})
}

func TestInboundAnonymousCaller(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"])(u) }, nil, nil)
	tr, c, _ := s.call(t, sandbox.CallScript{From: "+266696687"})
	if !c.Anonymous || c.RecordID != 0 || c.Outcome != call.Missed {
		t.Fatalf("anonymous call = %+v\n%s", c, tr.Text())
	}
	t.Run("a known caller is linked to their record", func(t *testing.T) {
		_, c, _ := s.call(t, sandbox.CallScript{From: "+12065550111"}) // Simon Martin's mobile in the demo data
		if c.Anonymous || c.RecordID == 0 {
			t.Fatalf("call = %+v, want Simon Martin's record", c)
		}
	})
}

func mustDigits(t *testing.T, s string) []sandbox.DigitPress {
	t.Helper()
	d, err := sandbox.ParseDigits(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func legUsers(legs []call.Leg) []int64 {
	var out []int64
	for _, l := range legs {
		out = append(out, int64(l.UserID))
	}
	return out
}

func orgUser(id int64) org.UserID { return org.UserID(id) }

func queueRouting(maxCallers, maxWait int) func(map[string]int64) map[string]any {
	return func(u map[string]int64) map[string]any {
		r := directGroup("simultaneous", u["alice"])(u)
		r["queue"] = map[string]any{"enabled": true, "max_callers": maxCallers, "max_wait_minutes": maxWait,
			"announcement": "please_hold", "announcement_every_seconds": 30}
		return r
	}
}

func TestInboundQueue(t *testing.T) {
	t.Parallel()
	t.Run("busy agent: the caller waits, hears the announcement, and is offered to the agent when free", func(t *testing.T) {
		t.Parallel()
		s := newScenario(t, queueRouting(5, 10), []string{"alice"}, map[string]string{"alice": "answer@1s,hangup@5s"})
		ctx := context.Background()
		if err := s.e.st.SetBusy(ctx, 1, orgUser(s.users["alice"]), true); err != nil {
			t.Fatal(err)
		}
		sid, err := s.e.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: s.number.E164})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.e.sb.Advance(90 * time.Second); err != nil {
			t.Fatal(err)
		}
		c, _ := s.e.st.CallForWebhook(ctx, sid)
		if c.Status != call.Queued {
			t.Fatalf("status after 90 s with alice busy = %q", c.Status)
		}
		// Alice's other call ends: she is offered the waiting caller.
		wh := s.e.srv.Webhooks()
		if err := wh.OfferQueued(ctx, 1, orgUser(s.users["alice"])); err != nil {
			t.Fatal(err)
		}
		if err := s.e.st.SetBusy(ctx, 1, orgUser(s.users["alice"]), false); err != nil {
			t.Fatal(err)
		}
		if err := wh.OfferQueued(ctx, 1, orgUser(s.users["alice"])); err != nil {
			t.Fatal(err)
		}
		runCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		tr, err := s.e.sb.RunUntilEnded(runCtx, sid, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		s.e.sb.Settle()
		c, _ = s.e.st.CallForWebhook(ctx, sid)
		if c.Outcome != call.Answered || int64(c.AnsweredBy) != s.users["alice"] {
			t.Fatalf("queued call = %+v\n%s", c, tr.Text())
		}
		if w := c.State.QueueWaitSeconds; w < 90 || w > 95 {
			t.Errorf("R-IN-18 queue wait on the call record = %d s, want the ~91 s before Alice answered", w)
		}
		if !slices.Contains(heard(tr), "Please hold. The next available agent will take your call.") {
			t.Fatalf("no announcement heard: %q", heard(tr))
		}
	})
	t.Run("max wait expiry takes the unavailable path", func(t *testing.T) {
		t.Parallel()
		s := newScenario(t, queueRouting(5, 1), []string{"alice"}, nil)
		if err := s.e.st.SetBusy(context.Background(), 1, orgUser(s.users["alice"]), true); err != nil {
			t.Fatal(err)
		}
		tr, c, _ := s.call(t, sandbox.CallScript{})
		h := heard(tr)
		if c.State.QueueWaitSeconds != 60 {
			t.Errorf("R-IN-18 queue wait on the call record = %d s, want the 60 s max wait", c.State.QueueWaitSeconds)
		}
		if c.Outcome != call.Missed || h[len(h)-1] != "Nobody can take your call." {
			t.Fatalf("outcome %s, heard %q\n%s", c.Outcome, h, tr.Text())
		}
		if ended := c.EndedAt.Sub(c.StartedAt); ended < time.Minute || ended > 2*time.Minute {
			t.Fatalf("the caller waited %v, want about the 1-minute maximum", ended)
		}
	})
	t.Run("overflow beyond max callers hears the busy message", func(t *testing.T) {
		t.Parallel()
		s := newScenario(t, queueRouting(1, 10), []string{"alice"}, nil)
		ctx := context.Background()
		if err := s.e.st.SetBusy(ctx, 1, orgUser(s.users["alice"]), true); err != nil {
			t.Fatal(err)
		}
		first, err := s.e.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: s.number.E164, HangupAfter: sandbox.Duration(5 * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.e.sb.Advance(10 * time.Second); err != nil {
			t.Fatal(err)
		}
		tr, c, _ := s.call(t, sandbox.CallScript{From: "+15005550007"})
		if c.Outcome != call.Busy || !slices.Contains(heard(tr), "All our agents are busy.") {
			t.Fatalf("overflow call: outcome %s, heard %q", c.Outcome, heard(tr))
		}
		if f, _ := s.e.st.CallForWebhook(ctx, first); f.Status != call.Queued {
			t.Fatalf("the first caller is %q, want still queued", f.Status)
		}
	})
}

func TestInboundOutsideHoursAndOffline(t *testing.T) {
	t.Parallel()
	// The virtual clock starts Monday 2026-11-23 10:00 UTC; the demo org is
	// on UTC. Open 14:00-18:00 only: closed now.
	s := newScenario(t, func(u map[string]int64) map[string]any {
		r := directGroup("simultaneous", u["alice"])(u)
		r["hours"] = map[string]any{"always_open": false, "weekly": map[string]any{"monday": []map[string]string{{"from": "14:00", "to": "18:00"}}}}
		return r
	}, []string{"alice"}, map[string]string{"alice": "answer@1s,hangup@5s"})
	tr, c, legs := s.call(t, sandbox.CallScript{})
	if len(legs) != 0 || c.Outcome != call.Missed || !slices.Equal(heard(tr), []string{"Nobody can take your call."}) {
		t.Fatalf("outside hours: legs %d, outcome %s, heard %q", len(legs), c.Outcome, heard(tr))
	}
}

func TestInboundForwardingWhenNobodyAnswers(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"])(u) },
		[]string{"alice"}, map[string]string{"alice": "ignore", "+14155550177": "answer@2s,hangup@10s"})
	admin := s.e.signIn(demo.Users[0].Email)
	wantStatus(t, admin.do(http.MethodPatch, "/api/v1/users/"+itoa(s.users["alice"]), map[string]any{"forwarding_number": "+1 415 555 0177"}), http.StatusOK)
	tr, c, _ := s.call(t, sandbox.CallScript{})
	if c.Outcome != call.Forwarded || !strings.Contains(tr.Text(), "+14155550177") {
		t.Fatalf("outcome %s\n%s", c.Outcome, tr.Text())
	}
}

func TestInboundPublishDuringALiveCall(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"])(u) },
		[]string{"alice", "bob"}, map[string]string{"alice": "answer@20s,hangup@5s", "bob": "answer@1s,hangup@5s"})
	ctx := context.Background()
	sid, err := s.e.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: s.number.E164})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.e.sb.Advance(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	// Mid-call the admin publishes a version that rings Bob instead.
	admin := s.e.signIn(demo.Users[0].Email)
	base := "/api/v1/numbers/" + itoa(s.number.ID) + "/routing"
	wantStatus(t, admin.do(http.MethodPut, base, directGroup("simultaneous", s.users["bob"])(s.users)), http.StatusOK)
	wantStatus(t, admin.do(http.MethodPost, base+"/publish", nil), http.StatusCreated)
	runCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	tr, err := s.e.sb.RunUntilEnded(runCtx, sid, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	s.e.sb.Settle()
	live, _ := s.e.st.CallForWebhook(ctx, sid)
	if int64(live.AnsweredBy) != s.users["alice"] {
		t.Fatalf("the live call was answered by %d, want alice from the version it started with\n%s", live.AnsweredBy, tr.Text())
	}
	_, next, _ := s.call(t, sandbox.CallScript{From: "+15005550007"})
	if int64(next.AnsweredBy) != s.users["bob"] || next.VersionID == live.VersionID {
		t.Fatalf("the next call (version %d) was answered by %d, want bob on the new version", next.VersionID, next.AnsweredBy)
	}
}

func TestInboundRecordingOnTheCallersTimeline(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any {
		r := directGroup("simultaneous", u["alice"])(u)
		r["recording"] = map[string]any{"enabled": true, "announcement": true}
		return r
	}, []string{"alice"}, map[string]string{"alice": "answer@2s,hangup@40s"})
	tr, c, _ := s.call(t, sandbox.CallScript{From: "+12065550111"}) // Simon Martin
	h := heard(tr)
	if len(h) < 2 || h[0] != "This call may be recorded for quality and training purposes." {
		t.Fatalf("caller heard %q, want the org's recording announcement first", h)
	}
	if c.RecordingURL == "" || c.RecordID == 0 {
		t.Fatalf("call = %+v\n%s", c, tr.Text())
	}
	admin := s.e.signIn(demo.Users[0].Email)
	var tl struct {
		Items []struct {
			Type            string
			Outcome         string
			RecordingURL    string `json:"recording_url"`
			DurationSeconds *int64 `json:"duration_seconds"`
			ActorID         int64  `json:"actor_id"`
		}
	}
	admin.do(http.MethodGet, "/api/v1/records/"+itoa(c.RecordID)+"/timeline", nil).decode(t, &tl)
	first := tl.Items[0]
	if first.Type != "call" || first.Outcome != "answered" || first.RecordingURL != "/api/v1/calls/"+itoa(int64(c.ID))+"/recording" ||
		first.DurationSeconds == nil || *first.DurationSeconds < 40 || first.ActorID != s.users["alice"] {
		t.Fatalf("newest timeline entry = %+v", first)
	}
}

func TestInboundStoreFailureIsAnsweredSafely(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"], u["bob"])(u) },
		[]string{"alice"}, map[string]string{"alice": "answer@1s,hangup@5s", "+14155550177": "answer@1s,hangup@5s"})
	admin := s.e.signIn(demo.Users[0].Email)
	wantStatus(t, admin.do(http.MethodPatch, "/api/v1/users/"+itoa(s.users["bob"]), map[string]any{"forwarding_number": "+14155550177"}), http.StatusOK)
	if _, c, _ := s.call(t, sandbox.CallScript{}); c.Outcome != call.Answered {
		t.Fatalf("call before the failure = %+v", c)
	}
	s.e.st.Close() // the database goes away
	sid, err := s.e.sb.PlaceCall(sandbox.CallScript{From: "+15005550007", To: s.number.E164})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tr, err := s.e.sb.RunUntilEnded(ctx, sid, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range tr.Steps {
		if st.Kind == sandbox.StepWebhook && st.Webhook.Purpose == "voice" && st.Webhook.Status != http.StatusOK {
			t.Fatalf("voice webhook answered %d during the failure\n%s", st.Webhook.Status, tr.Text())
		}
	}
	if !strings.Contains(tr.Text(), "+14155550177") || strings.Contains(tr.Text(), "application error") {
		t.Fatalf("the caller was not sent to bob's forwarding number\n%s", tr.Text())
	}
}

func TestSweeperClosesACallWhoseEndNeverCame(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"])(u) },
		[]string{"alice"}, map[string]string{"alice": "answer@1s,hangup@5s"})
	_, c, _ := s.call(t, sandbox.CallScript{})
	ctx := context.Background()
	// Pretend the carrier's final status callback was lost an hour ago,
	// then let the org's sweep fall due.
	now := s.e.sb.Clock().Now().UTC()
	if _, err := s.e.st.DB().ExecContext(ctx, `UPDATE calls SET ended_at = NULL, status = 'in-progress', updated_at = $2 WHERE id = $1`,
		c.ID, now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.e.st.DB().ExecContext(ctx, `UPDATE jobs SET run_at = $1 WHERE kind = $2 AND org_id = $3 AND done_at IS NULL`,
		now.Add(-time.Second), call.JobSweepOpen, c.OrgID); err != nil {
		t.Fatal(err)
	}
	s.e.srv.Webhooks().Worker.Kick()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, _ := s.e.st.Call(ctx, c.OrgID, c.ID)
		if got.EndedAt != nil && got.Status == call.Completed {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the sweeper did not close the call: %+v", got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestCallLogAPI(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"], u["bob"])(u) },
		[]string{"alice", "bob"}, map[string]string{"alice": "answer@3s,hangup@10s", "bob": "ignore"})
	_, c, _ := s.call(t, sandbox.CallScript{})
	s.call(t, sandbox.CallScript{From: "+266696687"})
	agent := s.e.signIn(demo.Users[2].Email)
	var list struct {
		Items []struct {
			ID      int64
			From    string
			Outcome string
		}
		NextCursor string `json:"next_cursor"`
	}
	agent.do(http.MethodGet, "/api/v1/calls?limit=1", nil).decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].From != "Anonymous" || list.NextCursor == "" {
		t.Fatalf("first page = %+v", list)
	}
	agent.do(http.MethodGet, "/api/v1/calls?limit=1&cursor="+list.NextCursor, nil).decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != int64(c.ID) || list.Items[0].Outcome != "answered" {
		t.Fatalf("second page = %+v", list)
	}
	var detail struct {
		AnsweredBy *int64 `json:"answered_by"`
		Legs       []struct {
			UserID int64 `json:"user_id"`
			Status string
		}
	}
	agent.do(http.MethodGet, "/api/v1/calls/"+itoa(int64(c.ID)), nil).decode(t, &detail)
	if detail.AnsweredBy == nil || *detail.AnsweredBy != s.users["alice"] || len(detail.Legs) != 2 {
		t.Fatalf("call detail = %+v", detail)
	}
}
