package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// TestConferenceTransferFlow is the product's call model end to end
// (DESIGN.md: every connected call is a conference): the caller waits in a
// room, agent alice rings through the Participants API and answers from
// her softphone (a manual party), holds and unholds the caller, adds bob
// and leaves (a transfer); the caller's hang-up ends the room for bob.
func TestConferenceTransferFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/wait", `<Play>/queue-music.mp3</Play>`)
	e.app.page("/hold", `<Play>/hold-music.mp3</Play>`)
	e.buy(ourNumber, e.app.page("/voice", `<Dial><Conference startConferenceOnEnter="false" endConferenceOnExit="true" waitUrl="/wait">support-1</Conference></Dial>`))
	e.sb.SetParty("client:alice", Behaviour{Action: ActManual})
	e.sb.SetParty("client:bob", Behaviour{Action: ActAnswer, After: Duration(4 * time.Second)})
	caller, _ := e.sb.PlaceCall(CallScript{From: "+12125550177", To: ourNumber, HangupAfter: Duration(5 * time.Minute)})
	e.sb.Advance(3 * time.Second)
	cf := e.confSid(t)

	alice := e.addParticipant(t, cf, "client:alice", "agent-alice")
	e.sb.Advance(6 * time.Second)
	if err := e.sb.Act(alice, PartyAnswer, ""); err != nil { // the softphone picks up
		t.Fatal(err)
	}
	e.sb.Advance(20 * time.Second)
	for _, hold := range []bool{true, false} {
		up := &openapi.UpdateParticipantParams{}
		up.SetHold(hold)
		up.SetHoldUrl(e.app.url("/hold"))
		if _, err := e.api.UpdateParticipant(cf, caller, up); err != nil {
			t.Fatal(err)
		}
		e.sb.Advance(15 * time.Second)
	}
	bob := e.addParticipant(t, cf, "client:bob", "agent-bob")
	e.sb.Advance(10 * time.Second)
	if err := e.api.DeleteParticipant(cf, "agent-alice", nil); err != nil {
		t.Fatal(err)
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), caller, time.Hour)
	e.sb.RunUntilEnded(context.Background(), bob, time.Hour)

	want := []string{"conference-join support-1", "play /queue-music.mp3", "note conference started", "hold support-1",
		"play /hold-music.mp3", "unhold support-1", "hangup +12125550177", "conference-leave support-1", "note conference ended", "ended completed"}
	if !hasInOrder(brief(tr, false), want...) {
		t.Errorf("caller transcript lacks %q:\n%s", want, tr.Text())
	}
	statuses := map[string]string{}
	for _, sid := range []string{caller, alice, bob} {
		c, _ := e.api.FetchCall(sid, nil)
		statuses[*c.To] = *c.Status + " " + fmtPtr(c.Duration)
	}
	// alice answers at 0:09 and is removed at 1:09; bob rings at 0:59,
	// answers at 1:03 and is released when the caller hangs up at 5:00.
	wantStatus := map[string]string{ourNumber: "completed 300", "client:alice": "completed 60", "client:bob": "completed 237"}
	if d := cmp.Diff(wantStatus, statuses); d != "" {
		t.Errorf("call statuses mismatch (-want +got):\n%s", d)
	}
	c, _ := e.api.FetchConference(cf, nil)
	if *c.ReasonConferenceEnded != "participant-with-end-conference-on-exit-left" || *c.CallSidEndingConference != caller {
		t.Errorf("conference ended %s by %s", *c.ReasonConferenceEnded, *c.CallSidEndingConference)
	}
}

func (e *env) confSid(t *testing.T) string {
	t.Helper()
	confs, err := e.api.ListConference(nil)
	if err != nil || len(confs) != 1 {
		t.Fatalf("conferences = %v, %v", confs, err)
	}
	return *confs[0].Sid
}

func (e *env) addParticipant(t *testing.T, cf, to, label string) string {
	t.Helper()
	p := &openapi.CreateParticipantParams{}
	p.SetFrom(ourNumber)
	p.SetTo(to)
	p.SetLabel(label)
	p.SetTimeout(20)
	got, err := e.api.CreateParticipant(cf, p)
	if err != nil {
		t.Fatal(err)
	}
	return *got.CallSid
}
