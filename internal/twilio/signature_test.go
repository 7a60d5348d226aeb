package twilio

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/twilio/twilio-go/client"
)

// The conformance inputs of wire facts §4: token, URL and parameters P.
const (
	vecToken = "12345"
	vecURL   = "https://mycompany.com/myapp.php?foo=1&bar=2"
	// sha256 of the JSON bodies of V8/V9 and V10 (wire facts §4).
	shaPropertyBody = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
	shaEmptyObject  = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
)

func vecParams() url.Values {
	return url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+14158675309"}, "Digits": {"1234"},
		"From": {"+14158675309"}, "To": {"+18005551212"}}
}

func withParams(extra url.Values) url.Values {
	p := vecParams()
	for k, v := range extra {
		p[k] = v
	}
	return p
}

// TestSignatureVectors reproduces every conformance vector of wire facts
// §4, copied from Twilio's official validators' test suites.
func TestSignatureVectors(t *testing.T) {
	t.Parallel()
	v5 := withParams(url.Values{"ReasonConferenceEnded": {"test"}, "Reason": {"Participant"}})
	tests := []struct {
		name   string
		url    string
		params url.Values
		want   string
	}{
		{"V1", vecURL, vecParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="},
		{"V2 with :443", "https://mycompany.com:443/myapp.php?foo=1&bar=2", vecParams(), "kvajT1Ptam85bY51eRf/AJRuM3w="},
		{"V3 non-default port", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", vecParams(), "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="},
		{"V4 with :80", "http://mycompany.com:80/myapp.php?foo=1&bar=2", vecParams(), "0ZXoZLH/DfblKGATFgpif+LLRf4="},
		{"V5 Reason sorts before ReasonConferenceEnded", vecURL, v5, "vOEb5UThFn24KEfnOFLQY2AE5FY="},
		{"V6 http without port", "http://mycompany.com/myapp.php?foo=1&bar=2", v5, "n2xBNyzSW7rfYStDtOFiFMv7qNo="},
		{"V8 JSON body signs URL with bodySHA256", vecURL + "&bodySHA256=" + shaPropertyBody, nil, "a9nBmqA0ju/hNViExpshrM61xv4="},
		{"V9 bodySHA256 only query", "https://mycompany.com/myapp.php?bodySHA256=" + shaPropertyBody, nil, "y77kIzt2vzLz71DgmJGsen2scGs="},
		{"V10 with :443", "https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256=" + shaEmptyObject, nil, "Ldidvp12m26NI7eqEvxnEpkd9Hc="},
		{"V10 without port", "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=" + shaEmptyObject, nil, "rw/jVviOgicj2+kHZULvebnA4ag="},
		{"V11 form body", vecURL, url.Values{"property": {"value"}, "boolean": {"true"}}, "NBdBDr/T/lgjI+tlgpXjKZQZs/k="},
		{"V12 user and password in URL", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", vecParams(), "CukzLTc1tT5dXEDIHm/tKBanW10="},
		{"V13 user in URL", "https://user@mycompany.com/myapp.php?foo=1&bar=2", vecParams(), "2YRLlVAflCqxaNicjMpJcSTgzSs="},
		{"V14 credentials and :443", "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", vecParams(), "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI="},
		{"V15 encoded quote", vecURL + "&Body=It%27s+amazing", vecParams(), "TfZzewPq8wqrGlMfyAud8+/IvJ0="},
		{"V16 repeated key", vecURL, url.Values{"MessagingBinding.Address": {"+1325xxxxxxx", "+1415xxxxxxx"}}, "83O6e2vORAoJHUNzJjDWN1jz+BA="},
		{"V16 repeated key, other order", vecURL, url.Values{"MessagingBinding.Address": {"+1415xxxxxxx", "+1325xxxxxxx"}}, "83O6e2vORAoJHUNzJjDWN1jz+BA="},
		{"V17 repeated values sorted and de-duplicated", vecURL, url.Values{"Sid": {"CA123"}, "SidAccount": {"AC123"}, "Digits": {"5678", "1234", "1234"}}, "IK+Dwps556ElfBT0I3Rgjkr1wJU="},
		{"V18 Twilio security docs example", vecURL, url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"}, "From": {"+12349013030"}, "To": {"+18005551212"}}, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="},
		{"fragment (connection overrides) is not signed", vecURL + "#ct=2000&rc=3", vecParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Signature(vecToken, tt.url, tt.params); got != tt.want {
				t.Errorf("Signature = %s, want %s", got, tt.want)
			}
		})
	}
	// V7: concatenating ReasonConferenceEnded before Reason is wrong.
	if got := Signature(vecToken, vecURL, v5); got == "95+Bu0JVPi0r/SsESZCVf0dWAjw=" {
		t.Errorf("Signature produced the wrongly sorted V7 value")
	}
}

// webhook builds a request as it reaches our server: path and query of
// target, the given body and content type, signed with sig.
func webhook(method, target, contentType, body, sig string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if sig != "" {
		r.Header.Set(SignatureHeader, sig)
	}
	return r
}

const formCT = "application/x-www-form-urlencoded"

func TestVerifyRequest(t *testing.T) {
	t.Parallel()
	form := vecParams().Encode()
	v1 := "RSOYDt4T1cUTdK1PDd93/VVr8B8="
	jsonBody := `{"property": "value", "boolean": true}`
	tests := []struct {
		name   string
		public string
		req    *http.Request
		ok     bool
	}{
		{"V1 form POST", "https://mycompany.com", webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, v1), true},
		{"trailing slash on the public URL", "https://mycompany.com/", webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, v1), true},
		{"V2 signed with :443, public URL without port", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, "kvajT1Ptam85bY51eRf/AJRuM3w="), true},
		{"V1 signed without port, public URL with :443", "https://mycompany.com:443",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, v1), true},
		{"V4 signed with :80, public URL without port", "http://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, "0ZXoZLH/DfblKGATFgpif+LLRf4="), true},
		{"V3 non-default port", "http://mycompany.com:1234",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="), true},
		{"charset in content type", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT+"; charset=utf-8", form, v1), true},
		{"V11 form body", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, "property=value&boolean=true", "NBdBDr/T/lgjI+tlgpXjKZQZs/k="), true},
		{"V17 repeated form values", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, "Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234", "IK+Dwps556ElfBT0I3Rgjkr1wJU="), true},
		{"V8 JSON body", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2&bodySHA256="+shaPropertyBody, "application/json", jsonBody, "a9nBmqA0ju/hNViExpshrM61xv4="), true},
		{"V10 JSON signed with :443, public URL without port", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2&bodySHA256="+shaEmptyObject, "application/json; charset=utf-8", "{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc="), true},
		{"GET signs the URL alone", "https://mycompany.com",
			webhook("GET", "/myapp.php?foo=1&bar=2", "", "", Signature(vecToken, vecURL, nil)), true},

		{"missing header", "https://mycompany.com", webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, ""), false},
		{"forged signature", "https://mycompany.com", webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, "AAAAAAAAAAAAAAAAAAAAAAAAAAA="), false},
		{"signed with another token", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, Signature("54321", vecURL, vecParams())), false},
		{"V7 wrong parameter order", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, withParams(url.Values{"ReasonConferenceEnded": {"test"}, "Reason": {"Participant"}}).Encode(), "95+Bu0JVPi0r/SsESZCVf0dWAjw="), false},
		{"body tampered", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, strings.Replace(form, "Digits=1234", "Digits=9999", 1), v1), false},
		{"parameter added", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form+"&Extra=1", v1), false},
		{"replayed to another path", "https://mycompany.com", webhook("POST", "/other.php?foo=1&bar=2", formCT, form, v1), false},
		{"replayed with another query", "https://mycompany.com", webhook("POST", "/myapp.php?foo=1&bar=3", formCT, form, v1), false},
		{"replayed to another host", "https://evil.example.com", webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, v1), false},
		{"replayed over http", "http://mycompany.com", webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, v1), false},
		{"JSON body does not match bodySHA256", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2&bodySHA256="+shaPropertyBody, "application/json", `{"property": "other", "boolean": true}`, "a9nBmqA0ju/hNViExpshrM61xv4="), false},
		{"bodySHA256 replaced in the URL", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2&bodySHA256="+shaEmptyObject, "application/json", "{}", "a9nBmqA0ju/hNViExpshrM61xv4="), false},
		{"JSON body without bodySHA256 is unsigned", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", "application/json", jsonBody, Signature(vecToken, vecURL, nil)), false},
		{"POST with an empty body signs the URL alone", "https://mycompany.com",
			webhook("POST", "/myapp.php?foo=1&bar=2", "", "", Signature(vecToken, vecURL, nil)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := VerifyRequest(vecToken, tt.public, tt.req)
			if tt.ok && err != nil {
				t.Fatalf("VerifyRequest = %v, want nil", err)
			}
			if !tt.ok {
				wantProblem(t, err, problem.Forbidden)
			}
		})
	}
}

// TestVerifyRequestLeavesBodyReadable: after verification the handler can
// parse the form or read the raw body, and a form the handler parsed
// first is verified too.
func TestVerifyRequestLeavesBodyReadable(t *testing.T) {
	t.Parallel()
	form := vecParams().Encode()
	const v1 = "RSOYDt4T1cUTdK1PDd93/VVr8B8="
	t.Run("ParseForm after", func(t *testing.T) {
		t.Parallel()
		r := webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, v1)
		if err := VerifyRequest(vecToken, "https://mycompany.com", r); err != nil {
			t.Fatal(err)
		}
		if err := r.ParseForm(); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(vecParams(), r.PostForm); d != "" {
			t.Errorf("PostForm mismatch (-want +got):\n%s", d)
		}
		if got := r.FormValue("foo"); got != "1" {
			t.Errorf("FormValue(foo) = %q, want the query's 1", got)
		}
	})
	t.Run("raw body after", func(t *testing.T) {
		t.Parallel()
		r := webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, v1)
		if err := VerifyRequest(vecToken, "https://mycompany.com", r); err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(r.Body)
		if err != nil || string(body) != form {
			t.Errorf("body after verification = %q, %v; want %q", body, err, form)
		}
	})
	t.Run("JSON body after", func(t *testing.T) {
		t.Parallel()
		r := webhook("POST", "/myapp.php?foo=1&bar=2&bodySHA256="+shaEmptyObject, "application/json", "{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc=")
		if err := VerifyRequest(vecToken, "https://mycompany.com", r); err != nil {
			t.Fatal(err)
		}
		if body, _ := io.ReadAll(r.Body); string(body) != "{}" {
			t.Errorf("body after verification = %q", body)
		}
	})
	t.Run("form parsed before", func(t *testing.T) {
		t.Parallel()
		r := webhook("POST", "/myapp.php?foo=1&bar=2", formCT, form, v1)
		if err := r.ParseForm(); err != nil {
			t.Fatal(err)
		}
		if err := VerifyRequest(vecToken, "https://mycompany.com", r); err != nil {
			t.Fatal(err)
		}
	})
}

// receiver is the product's side of webhooks in tests: it verifies every
// request with VerifyRequest and with twilio-go's RequestValidator over
// the same URL, reads the form afterwards, and answers TwiML.
type receiver struct {
	srv   *httptest.Server
	token string
	mu    sync.Mutex
	got   []received
}

type received struct {
	Method, Path   string
	Ours, TwilioGo bool
	CallSid        string
}

func newReceiver(t *testing.T, token string) *receiver {
	t.Helper()
	rc := &receiver{token: token}
	rc.srv = httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	ours := VerifyRequest(rc.token, rc.srv.URL, r) == nil
	body, _ := io.ReadAll(r.Body) // the body VerifyRequest put back
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	_ = r.ParseForm()
	full := rc.srv.URL + r.URL.RequestURI()
	rv := client.NewRequestValidator(rc.token)
	theirs := rv.ValidateBody(full, body, r.Header.Get(SignatureHeader))
	if r.Method == http.MethodGet {
		theirs = rv.Validate(full, map[string]string{}, r.Header.Get(SignatureHeader))
	}
	rc.mu.Lock()
	rc.got = append(rc.got, received{Method: r.Method, Path: r.URL.Path, Ours: ours, TwilioGo: theirs, CallSid: r.FormValue("CallSid")})
	rc.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>`)
}

func (rc *receiver) requests() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// TestVerifyRequestFromSandbox: the signed webhooks the sandbox sends for
// a real inbound call (voice URL by POST and by GET, status callback) pass
// VerifyRequest, and twilio-go's RequestValidator agrees.
func TestVerifyRequestFromSandbox(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, acct := c.client(t, "Full", Options{})
	rc := newReceiver(t, acct.AuthToken)
	ctx := context.Background()
	tests := []struct {
		phone  string
		method string
	}{
		{"+13035550100", "POST"},
		{"+13035550101", "GET"},
	}
	var want []received
	for _, tt := range tests {
		_, err := cl.BuyNumber(ctx, tt.phone, Webhooks{
			VoiceURL: rc.srv.URL + "/hooks/voice?org=7&n=" + url.QueryEscape(tt.phone), VoiceMethod: tt.method,
			StatusCallback: rc.srv.URL + "/hooks/status"})
		if err != nil {
			t.Fatal(err)
		}
		sid, err := c.sb.PlaceCall(sandbox.CallScript{From: "+15555550123", To: tt.phone})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.sb.RunUntilEnded(ctx, sid, time.Hour); err != nil {
			t.Fatal(err)
		}
		want = append(want,
			received{Method: tt.method, Path: "/hooks/voice", Ours: true, TwilioGo: true, CallSid: sid},
			received{Method: "POST", Path: "/hooks/status", Ours: true, TwilioGo: true, CallSid: sid})
	}
	if d := cmp.Diff(want, rc.requests()); d != "" {
		t.Errorf("webhooks mismatch (-want +got):\n%s", d)
	}
}
