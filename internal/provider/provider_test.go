package provider

import (
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

func TestInputValidate(t *testing.T) {
	t.Parallel()
	sid, token := "AC"+strings.Repeat("ab", 16), strings.Repeat("0f", 16)
	tests := []struct {
		name  string
		in    Input
		field string // "" = valid
	}{
		{"twilio", Input{Kind: "twilio", AccountSID: sid, AuthToken: token}, ""},
		{"sandbox needs no credentials", Input{Kind: "sandbox", AllUsers: true, IncludeNewUsers: true}, ""},
		{"sandbox refuses credentials", Input{Kind: "sandbox", AccountSID: sid}, "account_sid"},
		{"short SID", Input{Kind: "twilio", AccountSID: "AC12", AuthToken: token}, "account_sid"},
		{"SID of another resource", Input{Kind: "twilio", AccountSID: "PN" + sid[2:], AuthToken: token}, "account_sid"},
		{"token not hex", Input{Kind: "twilio", AccountSID: sid, AuthToken: strings.Repeat("z", 32)}, "auth_token"},
		{"unknown kind", Input{Kind: "vonage"}, "kind"},
		{"users and all users", Input{Kind: "sandbox", AllUsers: true, UserIDs: []org.UserID{1}}, "user_ids"},
		{"later users need all users", Input{Kind: "sandbox", IncludeNewUsers: true}, "include_new_users"},
		{"API URL must be http", Input{Kind: "sandbox", APIURL: "ftp://x"}, "api_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.in.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v", err)
				}
				if tt.in.Name == "" {
					t.Fatal("no default name")
				}
				return
			}
			p, ok := err.(*problem.Error)
			if !ok || p.Fields[tt.field] == "" {
				t.Fatalf("Validate() = %v, want a problem with %s", err, tt.field)
			}
		})
	}
}

func TestHooksFor(t *testing.T) {
	t.Parallel()
	h := HooksFor("https://crm.example.com")
	if h.VoiceURL != "https://crm.example.com/webhooks/twilio/voice" || h.VoiceFallbackURL != "https://crm.example.com/webhooks/twilio/voice/fallback" ||
		h.StatusCallback != "https://crm.example.com/webhooks/twilio/status" || h.SMSURL != "https://crm.example.com/webhooks/twilio/sms" ||
		h.VoiceMethod != "POST" {
		t.Fatalf("hooks = %+v", h)
	}
}
