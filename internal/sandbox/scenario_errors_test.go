package sandbox

import (
	"net/url"
	"sync/atomic"
	"testing"

	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// TestWebhookFailures follows wire facts §2 "Fetch errors and fallback":
// on 11200 (non-2xx, timeout) or 12100 (unparseable TwiML) Twilio requests
// the fallback URL with ErrorCode and ErrorUrl; without one, or when it
// fails too, the caller hears an application-error message and the call
// ends.
func TestWebhookFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		voice     func(a *twimlApp) string
		fallback  func(a *twimlApp) string
		wantCode  string // ErrorCode sent to the fallback ("" = no fallback request)
		wantSteps []string
	}{
		{
			name:      "500 then fallback TwiML runs",
			voice:     func(a *twimlApp) string { return a.raw("/voice", 500, "text/plain", "boom") },
			fallback:  func(a *twimlApp) string { return a.page("/fallback", `<Say>Fallback speaking</Say>`) },
			wantCode:  "11200",
			wantSteps: []string{"error 11200 /voice", "say Fallback speaking", "ended completed"},
		},
		{
			name:      "500 without fallback: application error 11200",
			voice:     func(a *twimlApp) string { return a.raw("/voice", 500, "text/plain", "boom") },
			wantSteps: []string{"error 11200 /voice", "answered", "say " + applicationErrorText, "ended completed"},
		},
		{
			name:      "fallback fails too",
			voice:     func(a *twimlApp) string { return a.raw("/voice", 503, "text/plain", "") },
			fallback:  func(a *twimlApp) string { return a.raw("/fallback", 500, "text/plain", "") },
			wantCode:  "11200",
			wantSteps: []string{"error 11200 /voice", "error 11200 /fallback", "say " + applicationErrorText, "ended completed"},
		},
		{
			name: "malformed XML is 12100",
			voice: func(a *twimlApp) string {
				return a.raw("/voice", 200, "text/xml", "<Response><Say>unclosed</Response>")
			},
			fallback:  func(a *twimlApp) string { return a.page("/fallback", `<Say>Fallback speaking</Say>`) },
			wantCode:  "12100",
			wantSteps: []string{"error 12100 /voice", "say Fallback speaking", "ended completed"},
		},
		{
			name:      "unknown verb is 12100",
			voice:     func(a *twimlApp) string { return a.raw("/voice", 200, "text/xml", "<Response><Dance/></Response>") },
			wantSteps: []string{"error 12100 /voice", "answered", "say " + applicationErrorText, "ended completed"},
		},
		{
			name:      "JSON content type is 12300",
			voice:     func(a *twimlApp) string { return a.raw("/voice", 200, "application/json", `{"say":"hi"}`) },
			fallback:  func(a *twimlApp) string { return a.page("/fallback", `<Say>Fallback speaking</Say>`) },
			wantCode:  "12300",
			wantSteps: []string{"error 12300 /voice", "say Fallback speaking", "ended completed"},
		},
		{
			name: "a failing Gather action also uses the fallback",
			voice: func(a *twimlApp) string {
				a.raw("/menu", 404, "text/plain", "")
				return a.page("/voice", `<Gather action="/menu" numDigits="1"/>`)
			},
			fallback:  func(a *twimlApp) string { return a.page("/fallback", `<Say>Fallback speaking</Say>`) },
			wantCode:  "11200",
			wantSteps: []string{"gather", "digits 5", "error 11200 /menu", "say Fallback speaking", "ended completed"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			sid := e.buy(ourNumber, tc.voice(e.app))
			if tc.fallback != nil {
				up := &openapi.UpdateIncomingPhoneNumberParams{}
				up.SetVoiceFallbackUrl(tc.fallback(e.app))
				if _, err := e.api.UpdateIncomingPhoneNumber(sid, up); err != nil {
					t.Fatal(err)
				}
			}
			tr := e.call(CallScript{From: caller, To: ourNumber, Digits: []DigitPress{{Digits: "5"}}})
			if !hasInOrder(brief(tr, false), tc.wantSteps...) {
				t.Errorf("transcript lacks %q:\n%s", tc.wantSteps, tr.Text())
			}
			fb := e.app.requests("/fallback")
			switch {
			case tc.wantCode == "" && len(fb) != 0:
				t.Errorf("fallback requested %d times, want never", len(fb))
			case tc.wantCode != "" && (len(fb) != 1 || fb[0].Form.Get("ErrorCode") != tc.wantCode || fb[0].Form.Get("ErrorUrl") == ""):
				t.Errorf("fallback requests = %+v, want one with ErrorCode %s", fb, tc.wantCode)
			}
		})
	}
}

// TestConnectionOverrides: "#rc=2&rp=5xx" retries a 500 with the same
// I-Twilio-Idempotency-Token; by default (rp=ct) a 500 is not retried
// (wire facts §2 "Webhook timeouts", §3 "Idempotency and retries").
func TestConnectionOverrides(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		fragment string
		attempts int
		ok       bool
	}{
		{"default policy does not retry 5xx", "", 1, false},
		{"rp=5xx retries until success", "#rc=2&rp=5xx", 3, true},
		{"rc=1 gives up after one retry", "#rc=1&rp=5xx", 2, false},
		{"invalid rp is 11243 and nothing is sent", "#rp=sometimes", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			var n atomic.Int32
			e.app.handle("/flaky", func(url.Values) (int, string) {
				if n.Add(1) < 3 {
					return 500, ""
				}
				return 200, `<Response><Say>made it</Say></Response>`
			})
			e.buy(ourNumber, e.app.url("/flaky")+tc.fragment)
			tr := e.call(CallScript{From: caller, To: ourNumber})
			reqs := e.app.requests("/flaky")
			if len(reqs) != tc.attempts {
				t.Fatalf("%d attempts, want %d", len(reqs), tc.attempts)
			}
			for _, r := range reqs {
				if tok := r.Header.Get("I-Twilio-Idempotency-Token"); tok != reqs[0].Header.Get("I-Twilio-Idempotency-Token") {
					t.Errorf("retry used a new idempotency token %s", tok)
				}
			}
			if hasInOrder(brief(tr, false), "say made it") != tc.ok {
				t.Errorf("transcript:\n%s", tr.Text())
			}
		})
	}
}
