package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDialCallerIDAndAnswerOnBridge(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name           string
		dial           string
		wantFrom       string
		wantParentSeen string // CallStatus the parent had when the child rang (status callback)
	}{
		{"callerId sets the child leg's From", `<Dial callerId="+14155550199"><Number>+15551230000</Number></Dial>`, "+14155550199", "in-progress"},
		{"default From is the caller", `<Dial><Number>+15551230000</Number></Dial>`, caller, "in-progress"},
		{"answerOnBridge keeps the caller ringing", `<Dial answerOnBridge="true"><Number>+15551230000</Number></Dial>`, caller, "ringing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			e.sb.SetParty("+15551230000", Behaviour{Action: ActAnswer, After: Duration(4 * time.Second), HangupAfter: Duration(5 * time.Second)})
			e.buy(ourNumber, e.app.page("/voice", tc.dial))
			sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
			e.sb.Advance(2 * time.Second)
			parent, _ := e.api.FetchCall(sid, nil)
			legs := e.sb.Legs("+15551230000", false)
			tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
			if len(legs) != 1 || legs[0].From != tc.wantFrom || legs[0].Direction != "outbound-dial" {
				t.Fatalf("legs = %+v\n%s", legs, tr.Text())
			}
			if *parent.Status != tc.wantParentSeen {
				t.Errorf("parent status while ringing = %s, want %s", *parent.Status, tc.wantParentSeen)
			}
		})
	}
}

// TestConferenceEndOnExitTwiML: two callers in one room; the moderator has
// endConferenceOnExit, so when they hang up the other is released with
// ReasonConferenceEnded participant-with-end-conference-on-exit-left.
func TestConferenceEndOnExitTwiML(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/mod", `<Dial><Conference endConferenceOnExit="true">board</Conference></Dial>`))
	e.buy("+14155550101", e.app.page("/guest", `<Dial><Conference startConferenceOnEnter="false">board</Conference></Dial><Say>The meeting is over</Say>`))
	guest, _ := e.sb.PlaceCall(CallScript{From: "+12125550111", To: "+14155550101"})
	e.sb.Advance(20 * time.Second)
	mod := e.call(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(60 * time.Second)})
	gt, _ := e.sb.RunUntilEnded(context.Background(), guest, time.Hour)
	if !hasInOrder(brief(gt, false), "conference-join board", "music Twilio default hold music", "note conference started", "conference-leave board", "say The meeting is over", "ended completed") {
		t.Errorf("guest transcript:\n%s", gt.Text())
	}
	if !hasInOrder(brief(mod, false), "conference-join board", "hangup "+caller, "conference-leave board", "note conference ended") {
		t.Errorf("moderator transcript:\n%s", mod.Text())
	}
	confs, _ := e.api.ListConference(nil)
	if len(confs) != 1 || *confs[0].ReasonConferenceEnded != "participant-with-end-conference-on-exit-left" || *confs[0].CallSidEndingConference != mod.CallSid {
		t.Errorf("conference = %+v", confs[0])
	}
}

func TestEnqueueMaxQueueSizeAttribute(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/full", `<Say>Sorry, the line is full</Say>`)
	e.buy(ourNumber, e.app.page("/voice", `<Enqueue maxQueueSize="2" action="/full">support</Enqueue>`))
	var sids []string
	for i := 0; i < 3; i++ {
		sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(5 * time.Minute)})
		sids = append(sids, sid)
		e.sb.Advance(time.Second)
	}
	var got []string
	for _, r := range e.app.requests("/full") {
		got = append(got, r.Form.Get("QueueResult"))
	}
	if d := cmp.Diff([]string{"queue-full"}, got); d != "" {
		t.Errorf("QueueResult mismatch (-want +got):\n%s", d)
	}
	if tr, _ := e.sb.Transcript(sids[2]); !hasInOrder(brief(tr, false), "note queue full", "say Sorry, the line is full") {
		t.Errorf("third caller:\n%s", tr.Text())
	}
}

func TestTrialCallLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Trial")
	e.buy(ourNumber, e.app.page("/voice", `<Pause length="3600"/><Say>never</Say>`))
	tr := e.call(CallScript{From: caller, To: ourNumber})
	if !hasInOrder(brief(tr, false), "answered", "pause", "error 13805", "ended completed") || hasInOrder(brief(tr, false), "say never") {
		t.Errorf("transcript:\n%s", tr.Text())
	}
	c, _ := e.api.FetchCall(tr.CallSid, nil)
	if *c.Duration != "600" {
		t.Errorf("duration = %s, want 600 (10 minutes)", *c.Duration)
	}
}
