package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// TestConferenceHoldMusic: the customer waits (startConferenceOnEnter=false)
// with the room's waitUrl until the agent, added through the Participants
// API, joins; the agent then holds and unholds the customer, who hears the
// HoldUrl music meanwhile (wire facts §2 <Conference>, §5 Participants).
func TestConferenceHoldMusic(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/wait", `<Play>/waiting.mp3</Play>`)
	e.app.page("/hold", `<Play>/hold-music.mp3</Play>`)
	e.app.page("/conf-events", ``)
	e.app.page("/after", `<Say>The conference has ended</Say>`)
	e.buy(ourNumber, e.app.page("/voice", `<Dial action="/after"><Conference startConferenceOnEnter="false" waitUrl="/wait" statusCallback="/conf-events" statusCallbackEvent="start end join leave hold mute">room-1</Conference></Dial>`))
	if err := e.sb.SetParty("client:alice", Behaviour{Action: ActAnswer, After: Duration(3 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	sid, err := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
	if err != nil {
		t.Fatal(err)
	}
	e.sb.Advance(30 * time.Second)
	confs, err := e.api.ListConference(&openapi.ListConferenceParams{})
	if err != nil || len(confs) != 1 || *confs[0].Status != "init" {
		t.Fatalf("conferences = %+v, %v", confs, err)
	}
	cf := *confs[0].Sid
	pp := &openapi.CreateParticipantParams{}
	pp.SetFrom(ourNumber)
	pp.SetTo("client:alice")
	pp.SetLabel("agent")
	pp.SetEndConferenceOnExit(true)
	agent, err := e.api.CreateParticipant(cf, pp)
	if err != nil || *agent.Status != "queued" {
		t.Fatalf("CreateParticipant = %+v, %v", agent, err)
	}
	e.sb.Advance(10 * time.Second)
	if c, _ := e.api.FetchConference(cf, nil); *c.Status != "in-progress" {
		t.Fatalf("conference status %s, want in-progress once the agent joined", *c.Status)
	}
	hold := &openapi.UpdateParticipantParams{}
	hold.SetHold(true)
	hold.SetHoldUrl(e.app.url("/hold"))
	p, err := e.api.UpdateParticipant(cf, sid, hold)
	if err != nil || !*p.Hold {
		t.Fatalf("hold = %+v, %v", p, err)
	}
	e.sb.Advance(25 * time.Second)
	unhold := &openapi.UpdateParticipantParams{}
	unhold.SetHold(false)
	if _, err := e.api.UpdateParticipant(cf, sid, unhold); err != nil {
		t.Fatal(err)
	}
	// The customer's and the agent's processes report their own events:
	// let the unhold be reported before the agent is muted.
	e.sb.Settle()
	mute := &openapi.UpdateParticipantParams{}
	mute.SetMuted(true)
	if p, err := e.api.UpdateParticipant(cf, "agent", mute); err != nil || !*p.Muted {
		t.Fatalf("mute by label = %+v, %v", p, err)
	}
	e.sb.Advance(20 * time.Second)
	if err := e.api.DeleteParticipant(cf, "agent", nil); err != nil { // kick by label
		t.Fatal(err)
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	want := []string{"conference-join room-1", "play /waiting.mp3", "hold room-1", "play /hold-music.mp3", "unhold room-1",
		"conference-leave room-1", "say The conference has ended", "ended completed"}
	if testing.Verbose() {
		t.Log(tr.Text())
	}
	if !hasInOrder(brief(tr, false), want...) {
		t.Errorf("customer transcript lacks %q:\n%s", want, tr.Text())
	}
	if got := e.app.requests("/hold"); len(got) != 3 || got[0].Method != "GET" {
		t.Errorf("HoldUrl requested %d times (want 3 in 25 s of 10 s plays), method %v; HoldMethod defaults to GET", len(got), got)
	}
	var events []string
	for _, r := range e.app.requests("/conf-events") {
		events = append(events, r.Form.Get("StatusCallbackEvent")+":"+r.Form.Get("ReasonConferenceEnded"))
	}
	wantEv := []string{"participant-join:", "participant-join:", "conference-start:", "participant-hold:", "participant-unhold:",
		"participant-mute:", "participant-leave:", "conference-end:participant-with-end-conference-on-exit-kicked", "participant-leave:"}
	if d := cmp.Diff(wantEv, events); d != "" {
		t.Errorf("conference events mismatch (-want +got):\n%s", d)
	}
	after := e.app.requests("/after")
	if len(after) != 1 || after[0].Form.Get("DialCallStatus") != "answered" {
		t.Errorf("Dial action = %+v", after)
	}
	c, _ := e.api.FetchConference(cf, nil)
	if *c.Status != "completed" || *c.ReasonConferenceEnded != "participant-with-end-conference-on-exit-kicked" {
		t.Errorf("conference = %s %s", *c.Status, *c.ReasonConferenceEnded)
	}
}

func TestConferenceEndsWhenLastLeaves(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Dial><Conference waitUrl="">solo</Conference></Dial><Say>after</Say>`))
	tr := e.call(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(40 * time.Second)})
	if !hasInOrder(brief(tr, false), "conference-join solo", "hangup "+caller, "conference-leave solo", "note conference ended", "ended completed") {
		t.Errorf("transcript:\n%s", tr.Text())
	}
	confs, _ := e.api.ListConference(nil)
	if len(confs) != 1 || *confs[0].ReasonConferenceEnded != "last-participant-left" {
		t.Errorf("conference = %+v", confs)
	}
}

func TestConferenceEndedByREST(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Dial><Conference>room</Conference></Dial><Say>after the conference</Say>`))
	sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
	e.sb.Advance(5 * time.Second)
	confs, _ := e.api.ListConference(nil)
	up := &openapi.UpdateConferenceParams{}
	up.SetStatus("completed")
	c, err := e.api.UpdateConference(*confs[0].Sid, up)
	if err != nil || *c.Status != "completed" || *c.ReasonConferenceEnded != "conference-ended-via-api" {
		t.Fatalf("UpdateConference = %+v, %v", c, err)
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	if !hasInOrder(brief(tr, false), "conference-join room", "conference-leave room", "say after the conference", "ended completed") {
		t.Errorf("transcript:\n%s", tr.Text())
	}
}

// TestParticipantsAPIConference builds a conference only through the
// Participants API (conference named, not SID), with a conference status
// callback given as space-separated events (wire facts §3).
func TestParticipantsAPIConference(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, "")
	e.app.page("/conf-events", ``)
	for _, to := range []string{"+12125550001", "+12125550002"} {
		e.sb.SetParty(to, Behaviour{Action: ActAnswer, After: Duration(2 * time.Second)})
		p := &openapi.CreateParticipantParams{}
		p.SetFrom(ourNumber)
		p.SetTo(to)
		p.SetConferenceStatusCallback(e.app.url("/conf-events"))
		p.SetConferenceStatusCallbackEvent([]string{"start end join leave"})
		if _, err := e.api.CreateParticipant("sales-huddle", p); err != nil {
			t.Fatal(err)
		}
	}
	e.sb.Advance(10 * time.Second)
	confs, _ := e.api.ListConference(nil)
	if len(confs) != 1 || *confs[0].FriendlyName != "sales-huddle" || *confs[0].Status != "in-progress" {
		t.Fatalf("conferences = %+v", confs)
	}
	ps, _ := e.api.ListParticipant(*confs[0].Sid, nil)
	if len(ps) != 2 || *ps[0].Status != "connected" {
		t.Fatalf("participants = %+v", ps)
	}
	e.sb.SetParty("+12125550003", Behaviour{Action: ActIgnore})
	late := &openapi.CreateParticipantParams{}
	late.SetFrom(ourNumber)
	late.SetTo("+12125550003")
	lp, err := e.api.CreateParticipant(*confs[0].Sid, late)
	if err != nil {
		t.Fatal(err)
	}
	e.sb.Advance(5 * time.Second)
	if err := e.api.DeleteParticipant(*confs[0].Sid, *lp.CallSid, nil); err != nil {
		t.Fatal(err)
	}
	e.sb.Advance(time.Second)
	if c, _ := e.api.FetchCall(*lp.CallSid, nil); *c.Status != "canceled" {
		t.Errorf("participant removed while ringing: call %s, want canceled", *c.Status)
	}
	end := &openapi.UpdateConferenceParams{}
	end.SetStatus("completed")
	e.api.UpdateConference(*confs[0].Sid, end)
	e.sb.Advance(time.Second)
	var got []string
	for _, r := range e.app.requests("/conf-events") {
		got = append(got, r.Form.Get("StatusCallbackEvent"))
	}
	want := []string{"participant-join", "conference-start", "participant-join", "participant-leave", "participant-leave"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("conference events mismatch (-want +got):\n%s", d)
	}
	for _, p := range ps {
		if c, _ := e.api.FetchCall(*p.CallSid, nil); *c.Status != "completed" {
			t.Errorf("participant call %s ended %s", *p.CallSid, *c.Status)
		}
	}
}
