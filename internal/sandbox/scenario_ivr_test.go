package sandbox

import (
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const caller = "+12125550100"
const ourNumber = "+14155550100"

func TestGather(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		gather  string
		digits  []DigitPress
		want    []string
		wantAct url.Values // nil: action must not be requested
	}{
		{
			name:   "falls through to the next verb on no input (wire facts §2 Gather)",
			gather: `<Gather action="/menu" numDigits="1" timeout="3"><Say>Press 1 for sales</Say></Gather><Say>We did not get your choice</Say>`,
			want:   []string{"answered", "gather", "say Press 1 for sales", "note gather got no input; continuing with the next verb", "say We did not get your choice", "hangup application end of TwiML document", "ended completed"},
		},
		{
			name:    "numDigits reached: FinishedOnKey empty",
			gather:  `<Gather action="/menu" numDigits="1"><Say>Press 1 for sales</Say></Gather>`,
			digits:  []DigitPress{{Digits: "1"}},
			want:    []string{"answered", "gather", "say Press 1 for sales", "digits 1", "say You chose", "hangup application end of TwiML document", "ended completed"},
			wantAct: url.Values{"Digits": {"1"}, "FinishedOnKey": {""}},
		},
		{
			name:    "finishOnKey # ends input at a set time, barging in",
			gather:  `<Gather action="/menu"><Say>Enter your account number then press pound</Say></Gather>`,
			digits:  []DigitPress{{Digits: "42#", At: Duration(2 * time.Second)}},
			want:    []string{"answered", "gather", "say Enter your account number then press pound", "digits 42#", "say You chose", "hangup", "ended completed"},
			wantAct: url.Values{"Digits": {"42"}, "FinishedOnKey": {"#"}},
		},
		{
			name:    "actionOnEmptyResult requests the action with empty Digits",
			gather:  `<Gather action="/menu" actionOnEmptyResult="true" timeout="2"/>`,
			want:    []string{"answered", "gather", "say You chose", "hangup", "ended completed"},
			wantAct: url.Values{"Digits": {""}, "FinishedOnKey": {""}},
		},
		{
			name:    "timeout after partial input submits what was typed",
			gather:  `<Gather action="/menu" timeout="4"/>`,
			digits:  []DigitPress{{Digits: "12", At: Duration(time.Second)}},
			want:    []string{"answered", "gather", "digits 12", "say You chose", "hangup", "ended completed"},
			wantAct: url.Values{"Digits": {"12"}, "FinishedOnKey": {""}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			e.app.page("/menu", `<Say>You chose</Say>`)
			e.buy(ourNumber, e.app.page("/voice", tc.gather))
			tr := e.call(CallScript{From: caller, To: ourNumber, Digits: tc.digits})
			if got := brief(tr, false); !linesMatch(tc.want, got) {
				t.Errorf("transcript mismatch (-want +got):\n%s\n%s", cmp.Diff(tc.want, got), tr.Text())
			}
			acts := e.app.requests("/menu")
			if tc.wantAct == nil {
				if len(acts) != 0 {
					t.Errorf("action requested %d times, want never", len(acts))
				}
				return
			}
			if len(acts) != 1 {
				t.Fatalf("action requested %d times, want once", len(acts))
			}
			got := url.Values{"Digits": acts[0].Form["Digits"], "FinishedOnKey": acts[0].Form["FinishedOnKey"]}
			if d := cmp.Diff(tc.wantAct, got); d != "" {
				t.Errorf("action params mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestVoiceWebhookParameters(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Say>Hi</Say>`))
	tr := e.call(CallScript{From: "+266696687", To: ourNumber})
	reqs := e.app.requests("/voice")
	if len(reqs) != 1 {
		t.Fatalf("voice URL requested %d times", len(reqs))
	}
	f := reqs[0].Form
	got := map[string]string{}
	for _, k := range []string{"AccountSid", "From", "To", "Caller", "Called", "CallStatus", "Direction", "ApiVersion", "FromCountry", "ToState"} {
		got[k] = f.Get(k)
	}
	want := map[string]string{"AccountSid": e.acct.SID, "From": "+266696687", "To": ourNumber, "Caller": "+266696687",
		"Called": ourNumber, "CallStatus": "ringing", "Direction": "inbound", "ApiVersion": "2010-04-01",
		"FromCountry": "LS", "ToState": "CA"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("webhook params mismatch (-want +got):\n%s", d)
	}
	if f.Get("CallSid") != tr.CallSid || len(f.Get("CallSid")) != 34 {
		t.Errorf("CallSid = %q, want %q", f.Get("CallSid"), tr.CallSid)
	}
	h := reqs[0].Header
	if !reqs[0].Valid || h.Get("User-Agent") != "TwilioProxy/1.1" || len(h.Get("I-Twilio-Idempotency-Token")) != 36 {
		t.Errorf("headers: valid=%v UA=%q token=%q", reqs[0].Valid, h.Get("User-Agent"), h.Get("I-Twilio-Idempotency-Token"))
	}
}

func TestVerbs(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		twiml string
		sc    CallScript
		want  []string
	}{
		{"say play pause", `<Say voice="alice">Hello</Say><Play loop="2">/hold.mp3</Play><Pause length="3"/><Play digits="1w2"/>`, CallScript{},
			[]string{"answered", "say Hello", "play /hold.mp3", "pause", "play 1w2", "hangup", "ended completed"}},
		{"reject busy", `<Reject reason="busy"/>`, CallScript{}, []string{"reject busy", "ended busy"}},
		{"reject default is no-answer", `<Reject/>`, CallScript{}, []string{"reject no-answer", "ended no-answer"}},
		{"reject after answering just hangs up", `<Say>Hi</Say><Reject reason="busy"/>`, CallScript{}, []string{"answered", "say Hi", "hangup application", "ended completed"}},
		{"hangup stops the document", `<Say>Bye</Say><Hangup/><Say>never</Say>`, CallScript{}, []string{"answered", "say Bye", "hangup application", "ended completed"}},
		{"redirect resolves relative URLs", `<Redirect method="POST">next</Redirect><Say>never</Say>`, CallScript{}, []string{"answered", "say next page", "hangup", "ended completed"}},
		{"caller hangs up mid-say", `<Say loop="0">Please hold</Say>`, CallScript{HangupAfter: Duration(30 * time.Second)},
			[]string{"answered", "say Please hold", "ended completed"}},
		{"digits while nothing listens are not heard", `<Pause length="5"/><Say>Done</Say>`, CallScript{Digits: []DigitPress{{Digits: "9", At: Duration(2 * time.Second)}}},
			[]string{"answered", "pause", "digits 9", "say Done", "hangup", "ended completed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			e.app.page("/app/next", `<Say>next page</Say>`)
			e.buy(ourNumber, e.app.page("/app/voice", tc.twiml))
			tc.sc.From, tc.sc.To = caller, ourNumber
			tr := e.call(tc.sc)
			if got := brief(tr, false); !linesMatch(tc.want, got) {
				t.Errorf("transcript mismatch (-want +got):\n%s\n%s", cmp.Diff(tc.want, got), tr.Text())
			}
		})
	}
}

func TestRecord(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		sc         CallScript
		wantDigits string
		wantDur    string
		wantAfter  bool // the action's TwiML runs
	}{
		// "Leave a message" lasts 1.2 s (3 words at 2.5 words/s), so the
		// recording starts at 0:01.2; durations are whole seconds, truncated.
		{"finish key ends the recording", CallScript{Digits: []DigitPress{{Digits: "#", At: Duration(13 * time.Second)}}}, "#", "11", true},
		{"hang-up: action requested, TwiML ignored", CallScript{HangupAfter: Duration(23 * time.Second)}, "hangup", "21", false},
		{"maxLength", CallScript{}, "", "30", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			e.app.page("/after", `<Say>Thanks</Say>`)
			e.app.page("/rec-status", ``)
			e.buy(ourNumber, e.app.page("/voice", `<Say>Leave a message</Say><Record action="/after" maxLength="30" recordingStatusCallback="/rec-status"/>`))
			tc.sc.From, tc.sc.To = caller, ourNumber
			tr := e.call(tc.sc)
			acts := e.app.requests("/after")
			if len(acts) != 1 {
				t.Fatalf("action requested %d times:\n%s", len(acts), tr.Text())
			}
			f := acts[0].Form
			got := []string{f.Get("Digits"), f.Get("RecordingDuration")}
			if d := cmp.Diff([]string{tc.wantDigits, tc.wantDur}, got); d != "" {
				t.Errorf("Digits, RecordingDuration mismatch (-want +got):\n%s", d)
			}
			if !hasInOrder(brief(tr, false), "say Leave a message", "play beep", "record recording") {
				t.Errorf("playBeep defaults to true:\n%s", tr.Text())
			}
			if hasInOrder(brief(tr, false), "say Thanks") != tc.wantAfter {
				t.Errorf("action TwiML ran = %v, want %v:\n%s", !tc.wantAfter, tc.wantAfter, tr.Text())
			}
			cb := e.app.requests("/rec-status")
			if len(cb) != 1 || cb[0].Form.Get("RecordingStatus") != "completed" || cb[0].Form.Get("RecordingSid") != f.Get("RecordingSid") {
				t.Errorf("recording status callback = %+v", cb)
			}
			var rec map[string]any
			e.getJSON("/Recordings/"+f.Get("RecordingSid")+".json", &rec)
			if rec["duration"] != tc.wantDur || rec["source"] != "RecordVerb" || rec["status"] != "completed" {
				t.Errorf("recording resource = %v", rec)
			}
		})
	}
}

func TestVoiceURLOverride(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/live", `<Say>published</Say>`))
	tr := e.call(CallScript{From: caller, To: ourNumber, VoiceURL: e.app.page("/draft", `<Say>draft</Say>`)})
	if !hasInOrder(brief(tr, false), "say draft") || len(e.app.requests("/live")) != 0 {
		t.Errorf("transcript:\n%s", tr.Text())
	}
}

func TestGatherSpeech(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		gather string
		sc     CallScript
		want   []string
		result string // SpeechResult posted ("" = action not requested)
	}{
		{"untimed utterance at a speech gather", `<Gather input="speech dtmf" action="/menu"><Say>Say sales or support</Say></Gather>`,
			CallScript{Speech: []Utterance{{Text: "sales"}}}, []string{"gather", "say Say sales or support", "speech sales", "say You chose"}, "sales"},
		{"timed utterance barges in", `<Gather input="speech" action="/menu"><Say>Tell us in a few words why you are calling today</Say></Gather>`,
			CallScript{Speech: []Utterance{{Text: "billing question", At: Duration(2 * time.Second)}}}, []string{"gather", "say Tell us", "speech billing question", "say You chose"}, "billing question"},
		{"a DTMF-only gather does not hear speech", `<Gather action="/menu" timeout="3"/><Say>Goodbye</Say>`,
			CallScript{Speech: []Utterance{{Text: "sales", At: Duration(time.Second)}}}, []string{"gather", "speech sales", "note gather got no input", "say Goodbye"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			e.app.page("/menu", `<Say>You chose</Say>`)
			e.buy(ourNumber, e.app.page("/voice", tc.gather))
			tc.sc.From, tc.sc.To = caller, ourNumber
			tr := e.call(tc.sc)
			if !hasInOrder(brief(tr, false), tc.want...) {
				t.Errorf("transcript lacks %q:\n%s", tc.want, tr.Text())
			}
			acts := e.app.requests("/menu")
			switch {
			case tc.result == "" && len(acts) != 0:
				t.Errorf("action requested: %v", acts[0].Form)
			case tc.result != "" && (len(acts) != 1 || acts[0].Form.Get("SpeechResult") != tc.result || acts[0].Form.Get("Confidence") == ""):
				t.Errorf("action = %+v, want SpeechResult %q", acts, tc.result)
			}
		})
	}
}
