package sandbox

import (
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDialParties(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		dial       string
		parties    map[string]string
		sc         CallScript
		wantStatus string            // DialCallStatus
		wantDur    string            // DialCallDuration
		wantLegs   map[string]string // child leg (To) → final status
		wantSteps  []string          // in order, by prefix
	}{
		{
			name:       "three clients, the second answers: others canceled, DialCallStatus completed",
			dial:       `<Dial action="/dial-done"><Client>alice</Client><Client>bob</Client><Client>carol</Client></Dial>`,
			parties:    map[string]string{"client:alice": "answer@8s", "client:bob": "answer@3s,hangup@40s", "client:carol": "ignore"},
			wantStatus: "completed", wantDur: "40",
			wantLegs:  map[string]string{"client:alice": "canceled", "client:bob": "completed", "client:carol": "canceled"},
			wantSteps: []string{"ring client:alice", "ring client:bob", "ring client:carol", "answered client:bob", "canceled client:alice", "canceled client:carol", "bridged client:bob", "hangup client:bob", "unbridged client:bob", "say after dial"},
		},
		{
			name:       "timeout: no-answer (Dial timeout default 30 s, wire facts §2)",
			dial:       `<Dial action="/dial-done"><Number>+15551230000</Number></Dial>`,
			parties:    map[string]string{"+15551230000": "ignore"},
			wantStatus: "no-answer", wantDur: "0",
			wantLegs:  map[string]string{"+15551230000": "no-answer"},
			wantSteps: []string{"ring +15551230000", "no-answer +15551230000", "say after dial"},
		},
		{
			name:       "explicit timeout and busy party",
			dial:       `<Dial action="/dial-done" timeout="10">+15551230000</Dial>`,
			parties:    map[string]string{"+15551230000": "busy"},
			wantStatus: "busy", wantDur: "0",
			wantLegs:  map[string]string{"+15551230000": "busy"},
			wantSteps: []string{"ring +15551230000", "busy +15551230000 busy", "say after dial"},
		},
		{
			name:       "reject counts as busy",
			dial:       `<Dial action="/dial-done"><Client>alice</Client></Dial>`,
			parties:    map[string]string{"client:alice": "reject@2s"},
			wantStatus: "busy", wantDur: "0",
			wantLegs: map[string]string{"client:alice": "busy"},
		},
		{
			name:       "caller hangs up while ringing: action requested, TwiML ignored",
			dial:       `<Dial action="/dial-done"><Client>alice</Client></Dial>`,
			parties:    map[string]string{"client:alice": "ignore"},
			sc:         CallScript{HangupAfter: Duration(10 * time.Second)},
			wantStatus: "canceled", wantDur: "0",
			wantLegs:  map[string]string{"client:alice": "canceled"},
			wantSteps: []string{"ring client:alice", "canceled client:alice", "ended completed"},
		},
		{
			name:       "caller hangs up during the bridge",
			dial:       `<Dial action="/dial-done" record="record-from-answer"><Number>+15551230000</Number></Dial>`,
			parties:    map[string]string{"+15551230000": "answer@5s"},
			sc:         CallScript{HangupAfter: Duration(65 * time.Second)},
			wantStatus: "completed", wantDur: "60",
			wantLegs:  map[string]string{"+15551230000": "completed"},
			wantSteps: []string{"answered +15551230000", "bridged", "record", "hangup " + caller, "unbridged", "record", "ended completed"},
		},
		{
			name:       "sequential: each rings for the timeout in turn until one answers",
			dial:       `<Dial action="/dial-done" sequential="true" timeout="15"><Client>alice</Client><Client>bob</Client><Client>carol</Client></Dial>`,
			parties:    map[string]string{"client:alice": "ignore", "client:bob": "busy", "client:carol": "answer@5s,hangup@10s"},
			wantStatus: "completed", wantDur: "10",
			wantLegs:  map[string]string{"client:alice": "no-answer", "client:bob": "busy", "client:carol": "completed"},
			wantSteps: []string{"ring client:alice", "no-answer client:alice", "ring client:bob", "busy client:bob", "ring client:carol", "answered client:carol", "bridged client:carol"},
		},
		{
			name:       "whisper that hangs up does not connect",
			dial:       `<Dial action="/dial-done" timeout="20"><Number url="/screen-reject">+15551230000</Number></Dial>`,
			parties:    map[string]string{"+15551230000": "answer@2s"},
			wantStatus: "no-answer", wantDur: "0",
			wantLegs:  map[string]string{"+15551230000": "completed"},
			wantSteps: []string{"answered +15551230000", "say Call for you", "hangup application", "hangup +15551230000 whisper ended", "say after dial"},
		},
		{
			name:       "whisper that finishes connects",
			dial:       `<Dial action="/dial-done"><Number url="/screen-ok">+15551230000</Number></Dial>`,
			parties:    map[string]string{"+15551230000": "answer@2s,hangup@30s"},
			wantStatus: "completed", wantDur: "28", // answered at 2 s, whisper 1.2 s, hang-up 30 s after answering
			wantLegs:  map[string]string{"+15551230000": "completed"},
			wantSteps: []string{"answered +15551230000", "say Call for you", "bridged +15551230000", "hangup +15551230000", "say after dial"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			for addr, spec := range tc.parties {
				b, err := ParseBehaviour(spec)
				if err != nil {
					t.Fatal(err)
				}
				if err := e.sb.SetParty(addr, b); err != nil {
					t.Fatal(err)
				}
			}
			e.app.page("/dial-done", `<Say>after dial</Say>`)
			e.app.page("/screen-reject", `<Say>Call for you</Say><Hangup/>`)
			e.app.page("/screen-ok", `<Say>Call for you</Say>`)
			e.buy(ourNumber, e.app.page("/voice", tc.dial))
			tc.sc.From, tc.sc.To = caller, ourNumber
			tr := e.call(tc.sc)
			acts := e.app.requests("/dial-done")
			if len(acts) != 1 {
				t.Fatalf("Dial action requested %d times:\n%s", len(acts), tr.Text())
			}
			f := acts[0].Form
			if d := cmp.Diff([]string{tc.wantStatus, tc.wantDur}, []string{f.Get("DialCallStatus"), f.Get("DialCallDuration")}); d != "" {
				t.Errorf("DialCallStatus, DialCallDuration mismatch (-want +got):\n%s\n%s", d, tr.Text())
			}
			if got := e.legStatuses(tr.CallSid); !cmp.Equal(tc.wantLegs, got) {
				t.Errorf("child legs mismatch (-want +got):\n%s", cmp.Diff(tc.wantLegs, got))
			}
			if !hasInOrder(brief(tr, false), tc.wantSteps...) {
				t.Errorf("transcript lacks %q in order:\n%s", tc.wantSteps, tr.Text())
			}
		})
	}
}

// legStatuses maps each child leg's To to its final status, read through
// the REST API (Calls list filtered by ParentCallSid).
func (e *env) legStatuses(parent string) map[string]string {
	e.t.Helper()
	var page struct {
		Calls []struct {
			To        string `json:"to"`
			Status    string `json:"status"`
			Direction string `json:"direction"`
		} `json:"calls"`
	}
	e.getJSON("/Calls.json?"+url.Values{"ParentCallSid": {parent}}.Encode(), &page)
	got := map[string]string{}
	for _, c := range page.Calls {
		if c.Direction != "outbound-dial" {
			e.t.Errorf("child leg direction %q, want outbound-dial", c.Direction)
		}
		got[c.To] = c.Status
	}
	return got
}

func TestDialChildStatusCallbacks(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/leg-status", ``)
	if err := e.sb.SetParty("client:alice", Behaviour{Action: ActAnswer, After: Duration(4 * time.Second), HangupAfter: Duration(10 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	e.buy(ourNumber, e.app.page("/voice", `<Dial><Client statusCallback="/leg-status" statusCallbackEvent="initiated ringing answered completed">alice</Client></Dial>`))
	e.call(CallScript{From: caller, To: ourNumber})
	var got [][]string
	for _, r := range e.app.requests("/leg-status") {
		got = append(got, []string{r.Form.Get("StatusCallbackEvent"), r.Form.Get("CallStatus"), r.Form.Get("SequenceNumber"), r.Form.Get("Direction"), r.Form.Get("CallDuration")})
		if r.Form.Get("ParentCallSid") == "" || r.Form.Get("Timestamp") == "" || r.Form.Get("CallbackSource") != "call-progress-events" {
			t.Errorf("callback lacks ParentCallSid/Timestamp/CallbackSource: %v", r.Form)
		}
	}
	want := [][]string{
		{"initiated", "initiated", "0", "outbound-dial", ""},
		{"ringing", "ringing", "1", "outbound-dial", ""},
		{"answered", "in-progress", "2", "outbound-dial", ""},
		{"completed", "completed", "3", "outbound-dial", "10"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("status callbacks mismatch (-want +got):\n%s", d)
	}
}
