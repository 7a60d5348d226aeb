package sandbox

import (
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"testing"
	"time"

	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// TestRecordingMedia: the media URL is the recording URI without .json;
// no extension or .wav gives WAV, .mp3 gives MP3 (wire facts §5 "Media
// URL"), without credentials; the .json metadata still needs them.
func TestRecordingMedia(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/done", `<Hangup/>`)
	e.buy(ourNumber, e.app.page("/voice", `<Record maxLength="3" playBeep="false" action="/done"/>`))
	tr := e.call(CallScript{From: caller, To: ourNumber})
	if hasInOrder(brief(tr, false), "play beep") {
		t.Errorf("playBeep=false still beeped:\n%s", tr.Text())
	}
	recs, err := e.api.ListRecording(nil)
	if err != nil || len(recs) != 1 {
		t.Fatalf("recordings = %v, %v", recs, err)
	}
	base := *recs[0].MediaUrl
	cases := []struct {
		name, suffix, ctype string
		status              int
		check               func([]byte) bool
	}{
		{"no extension is WAV", "", "audio/x-wav", 200, func(b []byte) bool {
			return string(b[:4]) == "RIFF" && string(b[8:12]) == "WAVE" && binary.LittleEndian.Uint32(b[40:44]) == 3*8000*2 && len(b) == 44+3*8000*2
		}},
		{"wav", ".wav", "audio/x-wav", 200, func(b []byte) bool { return string(b[:4]) == "RIFF" }},
		{"mp3 frames", ".mp3", "audio/mpeg", 200, func(b []byte) bool { return b[0] == 0xFF && b[1] == 0xFB && len(b)%144 == 0 && len(b) >= 3*144*27 }},
		{"metadata needs credentials", ".json", "application/json; charset=utf-8", 401, func([]byte) bool { return true }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Get(base + tc.suffix)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || resp.Header.Get("Content-Type") != tc.ctype || !tc.check(body) {
				t.Errorf("GET %s: %d %s, %d bytes", tc.suffix, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
			}
		})
	}
}

// TestQueueCallerHangsUpDuringBridge: the agent's Dial action reports the
// completed bridge; the Enqueue action is requested with QueueResult
// bridged and its TwiML ignored.
func TestQueueCallerHangsUpDuringBridge(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/enq-done", `<Say>never heard</Say>`)
	e.app.page("/agent", `<Dial action="/agent-done"><Queue>support</Queue></Dial>`)
	e.app.page("/agent-done", `<Say>Caller left</Say>`)
	e.buy(ourNumber, e.app.page("/voice", `<Enqueue action="/enq-done">support</Enqueue>`))
	e.sb.SetParty("client:alice", Behaviour{Action: ActAnswer, After: Duration(time.Second)})
	member, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(90 * time.Second)})
	e.sb.Advance(30 * time.Second)
	agent := e.createCall("client:alice", func(p *openapi.CreateCallParams) { p.SetUrl(e.app.url("/agent")) })
	tr, _ := e.sb.RunUntilEnded(context.Background(), member, time.Hour)
	at, _ := e.sb.RunUntilEnded(context.Background(), *agent.Sid, time.Hour)
	enq := e.app.requests("/enq-done")
	if len(enq) != 1 || enq[0].Form.Get("QueueResult") != "bridged" || hasInOrder(brief(tr, false), "say never heard") {
		t.Errorf("member: enqueue action %+v\n%s", enq, tr.Text())
	}
	ad := e.app.requests("/agent-done")
	if len(ad) != 1 || ad[0].Form.Get("DialCallStatus") != "completed" || ad[0].Form.Get("DialCallDuration") != "59" {
		t.Errorf("agent Dial action = %+v\n%s", ad, at.Text())
	}
	if !hasInOrder(brief(at, false), "bridged", "unbridged", "say Caller left", "ended completed") {
		t.Errorf("agent transcript:\n%s", at.Text())
	}
}

func TestParticipantBusyAndControlHold(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/hold", `<Say>Please hold</Say>`)
	e.buy(ourNumber, e.app.page("/voice", `<Dial><Conference>room</Conference></Dial>`))
	sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(2 * time.Minute)})
	e.sb.Advance(5 * time.Second)
	e.sb.SetParty("+12125550124", Behaviour{Action: ActBusy})
	confs, _ := e.api.ListConference(nil)
	pp := &openapi.CreateParticipantParams{}
	pp.SetFrom(ourNumber)
	pp.SetTo("+12125550124")
	p, err := e.api.CreateParticipant(*confs[0].Sid, pp)
	if err != nil {
		t.Fatal(err)
	}
	e.sb.Advance(5 * time.Second)
	if c, _ := e.api.FetchCall(*p.CallSid, nil); *c.Status != "busy" {
		t.Errorf("busy participant's call status = %s", *c.Status)
	}
	if ps, _ := e.api.ListParticipant(*confs[0].Sid, nil); len(ps) != 1 {
		t.Errorf("participants = %d, want only the caller", len(ps))
	}
	for _, act := range []string{PartyHold, PartyUnhold} {
		if err := e.sb.Act(sid, act, ""); err != nil {
			t.Fatal(err)
		}
		e.sb.Advance(10 * time.Second)
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	if !hasInOrder(brief(tr, false), "conference-join room", "hold room", "music Twilio default hold music", "unhold room", "conference-leave room") {
		t.Errorf("transcript:\n%s", tr.Text())
	}
}
