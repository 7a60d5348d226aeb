package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/config"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/twilio"
)

// linkedNumber connects a twilio provider (on the sandbox) and links a
// number to it, returning the provider, the number and the auth token.
func linkedNumber(t *testing.T, e *env) (providerJSON, numberJSON, string) {
	t.Helper()
	admin := e.signIn(demo.Users[0].Email)
	p, res := admin.twilioProvider("Full")
	wantStatus(t, res, http.StatusCreated)
	sid := e.ownNumber(p, "")
	res = admin.do(http.MethodPost, "/api/v1/providers/"+itoa(p.ID)+"/numbers", map[string]any{"sid": sid})
	wantStatus(t, res, http.StatusCreated)
	var n numberJSON
	res.decode(t, &n)
	var sealed string
	e.st.DB().QueryRow(`SELECT auth_token_sealed FROM providers WHERE id = $1`, p.ID).Scan(&sealed)
	token, _ := e.box.Open(sealed, "provider-auth-token:"+p.AccountSID)
	return p, n, token
}

func TestSandboxCallReachesWebhookAndIsVerified(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, func(c *config.Config) { c.PublicURL = c.SelfURL })
	_, n, _ := linkedNumber(t, e)
	sid, err := e.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: n.E164})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tr, err := e.sb.RunUntilEnded(ctx, sid, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var heard []string
	for _, s := range tr.Steps {
		if s.Kind == sandbox.StepWebhook && s.Webhook.Status != http.StatusOK && s.Webhook.Purpose == "voice" {
			t.Fatalf("voice webhook answered %d: %s", s.Webhook.Status, s.Webhook.Body)
		}
		if s.Kind == sandbox.StepSay {
			heard = append(heard, s.Text)
		}
	}
	if len(heard) != 1 || !strings.Contains(heard[0], "not taking calls yet") {
		t.Fatalf("caller heard %q\n%s", heard, tr.Text())
	}
}

func TestWebhookSignatures(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, func(c *config.Config) { c.PublicURL = c.SelfURL })
	p, n, token := linkedNumber(t, e)
	form := url.Values{"AccountSid": {p.AccountSID}, "CallSid": {"CA" + strings.Repeat("1", 32)}, "From": {"+15005550006"},
		"To": {n.E164}, "CallStatus": {"ringing"}, "Direction": {"inbound"}}
	voice := e.url + "/webhooks/twilio/voice"
	tests := []struct {
		name      string
		path      string
		form      url.Values
		signedFor string // URL the signature was computed over
		token     string
		noHeader  bool
		status    int
		body      string
	}{
		{"valid", "/webhooks/twilio/voice", form, voice, token, false, http.StatusOK, "not taking calls yet"},
		{"missing signature", "/webhooks/twilio/voice", form, voice, token, true, http.StatusForbidden, ""},
		{"forged with another token", "/webhooks/twilio/voice", form, voice, strings.Repeat("0", 32), false, http.StatusForbidden, ""},
		{"replayed to another URL", "/webhooks/twilio/sms", form, voice, token, false, http.StatusForbidden, ""},
		{"replayed with a query added", "/webhooks/twilio/voice?x=1", form, voice, token, false, http.StatusForbidden, ""},
		{"tampered parameter", "/webhooks/twilio/voice", with(form, "From", "+15005550007"), voice, token, false, http.StatusForbidden, ""},
		{"unknown account", "/webhooks/twilio/voice", with(with(form, "AccountSid", "AC"+strings.Repeat("9", 32)), "To", "+15005550000"), voice, token, false, http.StatusForbidden, ""},
		{"unlinked number of a connected account is refused politely", "/webhooks/twilio/voice", with(form, "To", "+15005550000"), voice, token, false, http.StatusOK, "not in service"},
		{"status callback", "/webhooks/twilio/status", form, e.url + "/webhooks/twilio/status", token, false, http.StatusNoContent, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sign := tt.form
			if tt.name == "tampered parameter" {
				sign = form
			}
			h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
			if !tt.noHeader {
				h["X-Twilio-Signature"] = twilio.Signature(tt.token, tt.signedFor, sign)
			}
			res := e.do(http.MethodPost, tt.path, "", tt.form.Encode(), h)
			wantStatus(t, res, tt.status)
			if !strings.Contains(string(res.body), tt.body) {
				t.Fatalf("body %s lacks %q", res.body, tt.body)
			}
		})
	}
}

func with(v url.Values, k, val string) url.Values {
	out := url.Values{}
	for kk, vv := range v {
		out[kk] = vv
	}
	out.Set(k, val)
	return out
}
