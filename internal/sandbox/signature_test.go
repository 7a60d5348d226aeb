package sandbox

import (
	"net/url"
	"testing"

	"github.com/twilio/twilio-go/client"
)

// TestSignVectors checks Sign against twilio-wire-facts.md §4's conformance
// vectors (copied from Twilio's official validator test suites).
func TestSignVectors(t *testing.T) {
	t.Parallel()
	const token = "12345"
	const u = "https://mycompany.com/myapp.php?foo=1&bar=2"
	p := url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+14158675309"}, "Digits": {"1234"},
		"From": {"+14158675309"}, "To": {"+18005551212"}}
	p5 := url.Values{"ReasonConferenceEnded": {"test"}, "Reason": {"Participant"}}
	for k, v := range p {
		p5[k] = v
	}
	cases := []struct {
		name, url string
		params    url.Values
		want      string
	}{
		{"V1", u, p, "RSOYDt4T1cUTdK1PDd93/VVr8B8="},
		{"V2 explicit :443", "https://mycompany.com:443/myapp.php?foo=1&bar=2", p, "kvajT1Ptam85bY51eRf/AJRuM3w="},
		{"V3 port 1234", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", p, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="},
		{"V4 explicit :80", "http://mycompany.com:80/myapp.php?foo=1&bar=2", p, "0ZXoZLH/DfblKGATFgpif+LLRf4="},
		{"V5 Reason sorts before ReasonConferenceEnded", u, p5, "vOEb5UThFn24KEfnOFLQY2AE5FY="},
		{"V6 http no port", "http://mycompany.com/myapp.php?foo=1&bar=2", p5, "n2xBNyzSW7rfYStDtOFiFMv7qNo="},
		{"V8 bodySHA256 URL, no params", u + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620", nil, "a9nBmqA0ju/hNViExpshrM61xv4="},
		{"V9 bodySHA256 only query", "https://mycompany.com/myapp.php?bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620", nil, "y77kIzt2vzLz71DgmJGsen2scGs="},
		{"V11 form body", u, url.Values{"property": {"value"}, "boolean": {"true"}}, "NBdBDr/T/lgjI+tlgpXjKZQZs/k="},
		{"V12 credentials in URL", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", p, "CukzLTc1tT5dXEDIHm/tKBanW10="},
		{"V13 user in URL", "https://user@mycompany.com/myapp.php?foo=1&bar=2", p, "2YRLlVAflCqxaNicjMpJcSTgzSs="},
		{"V14 credentials and :443", "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", p, "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI="},
		{"V15 encoded quote", u + "&Body=It%27s+amazing", p, "TfZzewPq8wqrGlMfyAud8+/IvJ0="},
		{"V16 repeated key either order", u, url.Values{"MessagingBinding.Address": {"+1415xxxxxxx", "+1325xxxxxxx"}}, "83O6e2vORAoJHUNzJjDWN1jz+BA="},
		{"V17 repeated key sorted and de-duplicated", u, url.Values{"Sid": {"CA123"}, "SidAccount": {"AC123"}, "Digits": {"5678", "1234", "1234"}}, "IK+Dwps556ElfBT0I3Rgjkr1wJU="},
		{"V18 Twilio security docs example", u, url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"}, "From": {"+12349013030"}, "To": {"+18005551212"}}, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="},
		{"fragment is not signed", u + "#ct=2000&rc=3", p, "RSOYDt4T1cUTdK1PDd93/VVr8B8="},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := Sign(token, tc.url, tc.params); got != tc.want {
				t.Errorf("Sign = %s, want %s", got, tc.want)
			}
		})
	}
	t.Run("V7 wrong sort order is not produced", func(t *testing.T) {
		if Sign(token, u, p5) == "95+Bu0JVPi0r/SsESZCVf0dWAjw=" {
			t.Error("Sign sorted ReasonConferenceEnded before Reason")
		}
	})
	t.Run("twilio-go RequestValidator accepts Sign", func(t *testing.T) {
		rv := client.NewRequestValidator(token)
		m := map[string]string{}
		for k := range p {
			m[k] = p.Get(k)
		}
		if !rv.Validate(u, m, Sign(token, u, p)) {
			t.Error("RequestValidator rejected the sandbox's signature")
		}
	})
}

// TestEveryWebhookValidates runs a call touching every kind of webhook and
// checks each one with twilio-go's RequestValidator, as a product webhook
// handler would.
func TestEveryWebhookValidates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/status", ``)
	e.app.page("/dial-done", `<Record action="/rec-done" maxLength="5" recordingStatusCallback="/status"/>`)
	e.app.page("/rec-done", `<Redirect method="GET">/get-page?x=1</Redirect>`)
	e.app.page("/get-page", `<Hangup/>`)
	e.app.page("/menu", `<Dial action="/dial-done" timeout="5"><Client statusCallback="/status" statusCallbackEvent="initiated ringing answered completed">bob</Client></Dial>`)
	sid := e.buy(ourNumber, e.app.page("/voice", `<Gather action="/menu" numDigits="1"><Say>Press one</Say></Gather>`))
	e.setStatusCallback(sid, e.app.url("/status"))
	e.sb.SetParty("client:bob", Behaviour{Action: ActAnswer, After: Duration(1e9), HangupAfter: Duration(3e9)})
	e.call(CallScript{From: caller, To: ourNumber, Digits: []DigitPress{{Digits: "1"}}})
	reqs := e.app.requests("")
	kinds := map[string]bool{}
	for _, r := range reqs {
		kinds[r.Path+" "+r.Method] = true
		if !r.Valid {
			t.Errorf("%s %s: signature rejected by twilio-go RequestValidator", r.Method, r.Path)
		}
	}
	for _, want := range []string{"/voice POST", "/menu POST", "/dial-done POST", "/rec-done POST", "/get-page GET", "/status POST"} {
		if !kinds[want] {
			t.Errorf("no %s webhook seen; got %v", want, kinds)
		}
	}
}
