package sandbox

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// waitingCustomer starts a customer waiting alone in room-1
// (startConferenceOnEnter=false) with /wait as the wait URL and the
// conference's announcement events going to /conf-events, and returns the
// call and conference SIDs once the customer has waited for wait.
func waitingCustomer(t *testing.T, e *env, wait time.Duration) (string, string) {
	t.Helper()
	e.app.page("/wait", `<Play>/waiting.mp3</Play>`)
	e.app.page("/conf-events", ``)
	e.buy(ourNumber, e.app.page("/voice", `<Dial><Conference startConferenceOnEnter="false" waitUrl="/wait" statusCallback="/conf-events" statusCallbackEvent="join announcement">room-1</Conference></Dial>`))
	sid, err := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(60 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	e.sb.Advance(wait)
	confs, err := e.api.ListConference(&openapi.ListConferenceParams{})
	if err != nil || len(confs) != 1 {
		t.Fatalf("conferences = %+v, %v", confs, err)
	}
	return sid, *confs[0].Sid
}

// timed is the transcript's say, play, pause and note steps with their
// offsets, e.g. "15s say Thank you for waiting".
func timed(tr Transcript) []string {
	var out []string
	for _, st := range tr.Steps {
		switch st.Kind {
		case StepSay, StepPlay, StepPause, StepNote:
			out = append(out, fmt.Sprintf("%v %s %s%s", time.Duration(st.Offset), st.Kind, st.Text, pathOf(st.URL)))
		}
	}
	return out
}

func confEvents(e *env) []string {
	var out []string
	for _, r := range e.app.requests("/conf-events") {
		out = append(out, r.Form.Get("StatusCallbackEvent"))
	}
	return out
}

// TestParticipantAnnounceUrl: a Participant update with AnnounceUrl stops
// the waiting customer's music, plays the URL's TwiML to them and sends
// announcement-end; the wait music then starts again (Twilio's OpenAPI
// description of AnnounceUrl and AnnounceMethod, default POST; changelog
// 2021-04-26 "Conference Announce Events").
func TestParticipantAnnounceUrl(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method string
		page         string
		want         []string // timed lines from the announcement on
	}{
		{"Say and Pause, POST by default", "", `<Say>Thank you for waiting</Say><Pause length="2"/>`,
			[]string{"15s note announcement/announce", "15s say Thank you for waiting", "16.6s pause ", "18.6s play /waiting.mp3"}},
		{"GET, a Redirect followed, other verbs skipped", "GET", `<Redirect method="GET">/announce-2</Redirect>`,
			[]string{"15s note announcement/announce", "15s note <Gather> is not played in an announcement", "15s say Still there", "16s play /waiting.mp3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			e.app.page("/announce", tt.page)
			e.app.page("/announce-2", `<Gather/><Say>Still there</Say>`)
			sid, cf := waitingCustomer(t, e, 15*time.Second)
			up := &openapi.UpdateParticipantParams{}
			up.SetAnnounceUrl(e.app.url("/announce"))
			if tt.method != "" {
				up.SetAnnounceMethod(tt.method)
			}
			if _, err := e.api.UpdateParticipant(cf, sid, up); err != nil {
				t.Fatal(err)
			}
			tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
			got := timed(tr)
			if d := cmp.Diff([]string{"0s play /waiting.mp3", "10s play /waiting.mp3"}, got[:2]); d != "" {
				t.Errorf("wait music before the announcement mismatch (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.want, got[2:2+len(tt.want)]); d != "" {
				t.Errorf("announcement mismatch (-want +got):\n%s\n%s", d, tr.Text())
			}
			reqs := e.app.requests("/announce")
			wantMethod := map[string]string{"": "POST", "GET": "GET"}[tt.method]
			if len(reqs) != 1 || reqs[0].Method != wantMethod || reqs[0].Form.Get("CallSid") != sid {
				t.Errorf("AnnounceUrl requests = %+v, want one %s with the participant's CallSid", reqs, wantMethod)
			}
			if d := cmp.Diff([]string{"participant-join", "announcement-end"}, confEvents(e)); d != "" {
				t.Errorf("conference events mismatch (-want +got):\n%s", d)
			}
		})
	}
}

// TestAnnounceUrlFailsAndHangUp: a failing AnnounceUrl is an error in the
// transcript and the music resumes, with no announcement-end (Twilio sends
// announcement-fail only for its own errors: see docs/sandbox.md); a
// customer who hangs up during an announcement leaves the conference.
func TestAnnounceUrlFailsAndHangUp(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/long", `<Say loop="40">This announcement is far too long to hear out</Say>`)
	sid, cf := waitingCustomer(t, e, 5*time.Second)
	up := &openapi.UpdateParticipantParams{}
	up.SetAnnounceUrl(e.app.url("/missing"))
	if _, err := e.api.UpdateParticipant(cf, sid, up); err != nil {
		t.Fatal(err)
	}
	e.sb.Advance(10 * time.Second)
	up.SetAnnounceUrl(e.app.url("/long"))
	if _, err := e.api.UpdateParticipant(cf, sid, up); err != nil {
		t.Fatal(err)
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	want := []string{"note announcement /missing", "error 11200 /missing", "play /waiting.mp3", "note announcement /long",
		"say This announcement", "hangup " + caller, "conference-leave room-1", "ended completed"}
	if !hasInOrder(brief(tr, false), want...) {
		t.Errorf("transcript lacks %q:\n%s", want, tr.Text())
	}
	if d := cmp.Diff([]string{"participant-join"}, confEvents(e)); d != "" {
		t.Errorf("conference events mismatch (-want +got):\n%s", d)
	}
	tests := []struct{ name, url, method string }{
		{"relative AnnounceUrl", "/announce", ""},
		{"AnnounceMethod PUT", e.app.url("/announce"), "PUT"},
	}
	for _, tt := range tests {
		pu := &openapi.UpdateParticipantParams{}
		cu := &openapi.UpdateConferenceParams{}
		pu.SetAnnounceUrl(tt.url)
		cu.SetAnnounceUrl(tt.url)
		if tt.method != "" {
			pu.SetAnnounceMethod(tt.method)
			cu.SetAnnounceMethod(tt.method)
		}
		if _, err := e.api.UpdateParticipant(cf, sid, pu); err == nil {
			t.Errorf("%s: participant update accepted", tt.name)
		}
		if _, err := e.api.UpdateConference(cf, cu); err == nil {
			t.Errorf("%s: conference update accepted", tt.name)
		}
	}
}

// TestConferenceAnnounceUrl: a Conference update with AnnounceUrl plays to
// every participant, and announcement-end is sent once (Twilio's OpenAPI
// description: "The URL we should call to announce something into the
// conference").
func TestConferenceAnnounceUrl(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/announce", `<Say>This call is recorded</Say>`)
	sid, cf := waitingCustomer(t, e, 5*time.Second)
	if err := e.sb.SetParty("client:alice", Behaviour{Action: ActAnswer, After: Duration(time.Second)}); err != nil {
		t.Fatal(err)
	}
	pp := &openapi.CreateParticipantParams{}
	pp.SetFrom(ourNumber)
	pp.SetTo("client:alice")
	agent, err := e.api.CreateParticipant(cf, pp)
	if err != nil {
		t.Fatal(err)
	}
	e.sb.Advance(5 * time.Second)
	up := &openapi.UpdateConferenceParams{}
	up.SetAnnounceUrl(e.app.url("/announce"))
	if c, err := e.api.UpdateConference(cf, up); err != nil || *c.Status != "in-progress" {
		t.Fatalf("UpdateConference = %+v, %v", c, err)
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	agentTr, err := e.sb.Transcript(*agent.CallSid)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range []Transcript{tr, agentTr} {
		var said []string
		for _, st := range tr.Steps {
			if st.Kind == StepSay {
				said = append(said, st.Text)
			}
		}
		if d := cmp.Diff([]string{"This call is recorded"}, said); d != "" {
			t.Errorf("leg %s heard mismatch (-want +got):\n%s\n%s", tr.CallSid, d, tr.Text())
		}
	}
	if got := len(e.app.requests("/announce")); got != 2 {
		t.Errorf("AnnounceUrl requested %d times, want once per participant", got)
	}
	want := []string{"participant-join", "participant-join", "announcement-end"}
	if d := cmp.Diff(want, confEvents(e)); d != "" {
		t.Errorf("conference events mismatch (-want +got):\n%s", d)
	}
}
