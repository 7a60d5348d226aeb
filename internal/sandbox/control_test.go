package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ctl calls the control API and decodes the JSON answer into out.
func (e *env) ctl(method, path string, body, out any) int {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, e.srv.URL+"/sandbox/control"+path, rd)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		raw, _ := io.ReadAll(resp.Body)
		if s, ok := out.(*string); ok {
			*s = string(raw)
		} else if err := json.Unmarshal(raw, out); err != nil {
			e.t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
	return resp.StatusCode
}

// TestControlSoftphoneFlow drives a call the way the web app's sandbox
// softphone will: a manual agent sees its ringing leg, answers, presses a
// key and hangs up.
func TestControlSoftphoneFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Dial timeout="60" action="/done"><Client>alice</Client></Dial>`))
	e.app.page("/done", `<Say>Bye</Say>`)
	var placed map[string]string
	st := e.ctl("POST", "/calls", map[string]any{"from": caller, "to": ourNumber, "agents": map[string]string{"client:alice": "manual"}}, &placed)
	if st != 201 || placed["call_sid"] == "" {
		t.Fatalf("place call: %d %v", st, placed)
	}
	var clock ClockState
	if e.ctl("POST", "/clock/advance", map[string]any{"by": "10s"}, &clock); !clock.Virtual || !clock.Now.Equal(testStart.Add(10e9)) {
		t.Fatalf("clock = %+v", clock)
	}
	var legs struct {
		Calls []Leg `json:"calls"`
	}
	e.ctl("GET", "/calls?party=client:alice&live=true", nil, &legs)
	if len(legs.Calls) != 1 || legs.Calls[0].Status != "ringing" || legs.Calls[0].Parent != placed["call_sid"] {
		t.Fatalf("alice's live legs = %+v", legs)
	}
	leg := legs.Calls[0].Sid
	for _, act := range []ActRequest{{Action: "answer"}, {Action: "digits", Digits: "5"}, {Action: "hangup"}} {
		if st := e.ctl("POST", "/calls/"+leg+"/actions", act, nil); st != 202 {
			t.Fatalf("%s: HTTP %d", act.Action, st)
		}
		e.ctl("POST", "/clock/advance", map[string]any{"by": 20}, nil)
	}
	var errBody ctlError
	if st := e.ctl("POST", "/calls/"+leg+"/actions", ActRequest{Action: "hangup"}, &errBody); st != 409 {
		t.Errorf("acting on an ended leg: HTTP %d %v, want 409", st, errBody)
	}
	var tr Transcript
	e.ctl("POST", "/calls/"+placed["call_sid"]+"/run", RunRequest{}, &tr)
	want := []string{"ring client:alice", "answered client:alice", "bridged client:alice", "digits client:alice 5", "hangup client:alice", "unbridged client:alice", "say Bye", "ended completed"}
	if !hasInOrder(brief(tr, false), want...) {
		t.Errorf("transcript lacks %q:\n%s", want, tr.Text())
	}
	var text string
	e.ctl("GET", "/calls/"+placed["call_sid"]+"/transcript?format=text", nil, &text)
	if !strings.Contains(text, `say "Bye"`) || !strings.HasPrefix(text, "call "+placed["call_sid"]) {
		t.Errorf("text transcript:\n%s", text)
	}
}

func TestControlValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	cases := []struct {
		name, method, path string
		body               any
		status             int
	}{
		{"unknown number", "POST", "/calls", map[string]any{"from": caller, "to": "+19995550000"}, 404},
		{"unknown field", "POST", "/calls", map[string]any{"from": caller, "to": ourNumber, "tooo": 1}, 400},
		{"bad agent behaviour", "POST", "/calls", map[string]any{"from": caller, "to": ourNumber, "agents": map[string]string{"client:a": "maybe"}}, 400},
		{"bad party address", "PUT", "/parties/alice", map[string]any{"behaviour": "answer"}, 400},
		{"party ok", "PUT", "/parties/client:alice", map[string]any{"behaviour": "answer@3s,hangup@1m"}, 200},
		{"account type", "POST", "/accounts", map[string]any{"type": "Gold"}, 400},
		{"negative advance", "POST", "/clock/advance", map[string]any{"by": -5}, 400},
		{"unknown call transcript", "GET", "/calls/CA00/transcript", nil, 404},
		{"message fate", "PUT", "/message-fates/+12125550100", map[string]any{"status": "lost"}, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if st := e.ctl(tc.method, tc.path, tc.body, nil); st != tc.status {
				t.Errorf("HTTP %d, want %d", st, tc.status)
			}
		})
	}
	var parties struct {
		Parties map[string]Behaviour `json:"parties"`
	}
	e.ctl("GET", "/parties", nil, &parties)
	want := map[string]Behaviour{"client:alice": {Action: ActAnswer, After: Duration(3e9), HangupAfter: Duration(60e9)}}
	if d := cmp.Diff(want, parties.Parties); d != "" {
		t.Errorf("parties mismatch (-want +got):\n%s", d)
	}
}

func TestControlAccountsAndSMS(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	var a Account
	if st := e.ctl("POST", "/accounts", AccountRequest{FriendlyName: "trial", Type: "Trial"}, &a); st != 201 || a.Type != "Trial" || len(a.SID) != 34 || len(a.AuthToken) != 32 {
		t.Fatalf("account = %d %+v", st, a)
	}
	if st := e.ctl("POST", "/accounts/"+a.SID+"/verified-numbers", map[string]string{"phone_number": "+12125550100"}, nil); st != 204 {
		t.Errorf("verify: HTTP %d", st)
	}
	api := newTwilioAPI(e.srv.URL+"/sandbox", a.SID, a.AuthToken)
	acc, err := api.FetchAccount(a.SID)
	if err != nil || *acc.Type != "Trial" {
		t.Fatalf("FetchAccount = %+v, %v", acc, err)
	}
	sid := e.buy(ourNumber, "")
	e.setSMSURL(sid, e.app.page("/sms", `<Message>Got it</Message>`))
	var tr Transcript
	if st := e.ctl("POST", "/messages", SMSRequest{From: "+12125550100", To: ourNumber, Body: "hello"}, &tr); st != 201 {
		t.Fatalf("send sms: HTTP %d", st)
	}
	if !hasInOrder(brief(tr, true), "message +12125550100 hello received", "webhook sms /sms", "message +12125550100 Got it queued") {
		t.Errorf("sms transcript:\n%s", tr.Text())
	}
}

func TestControlClockAndParties(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	var c ClockState
	if e.ctl("GET", "/clock", nil, &c); !c.Virtual || !c.Now.Equal(testStart) {
		t.Errorf("clock = %+v", c)
	}
	e.ctl("PUT", "/parties/+15551230000", PartyRequest{Action: ActReject, After: Duration(2e9)}, nil)
	if st := e.ctl("DELETE", "/parties/+15551230000", nil, nil); st != 204 {
		t.Errorf("delete party: HTTP %d", st)
	}
	if got := e.sb.Parties(); len(got) != 0 {
		t.Errorf("parties after delete = %v", got)
	}
	sid := e.buy(ourNumber, "https://example.com/voice")
	var nums struct {
		Numbers []NumberInfo `json:"numbers"`
	}
	e.ctl("GET", "/numbers", nil, &nums)
	want := []NumberInfo{{Sid: sid, AccountSid: e.acct.SID, PhoneNumber: ourNumber, VoiceURL: "https://example.com/voice"}}
	if d := cmp.Diff(want, nums.Numbers); d != "" {
		t.Errorf("numbers mismatch (-want +got):\n%s", d)
	}
	real := New(Options{})
	srv := httptest.NewServer(http.StripPrefix("/sandbox", real.Handler()))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/sandbox/control/clock/advance", "application/json", strings.NewReader(`{"by": 5}`))
	if err != nil || resp.StatusCode != 409 {
		t.Errorf("advancing a real clock: %v %v, want 409", resp.StatusCode, err)
	}
}
