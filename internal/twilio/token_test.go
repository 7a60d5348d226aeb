package twilio

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	gojwt "github.com/golang-jwt/jwt/v5"
	"github.com/switchboard/switchboard/internal/problem"
)

// TestVoiceTokenSign checks the token's claims as Twilio reads them (wire
// facts §6; https://www.twilio.com/docs/iam/access-tokens): signed HS256
// with the key's secret, iss = key, sub = account, a 10-minute life
// although twilio-go raises TTLs under an hour.
func TestVoiceTokenSign(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	good := VoiceToken{AccountSID: "AC" + strings.Repeat("a", 32), KeySID: "SK" + strings.Repeat("b", 32), KeySecret: "secret-1",
		Identity: "user_7", Now: now, TTL: 10 * time.Minute}
	tests := []struct {
		name      string
		edit      func(*VoiceToken)
		wantField string
	}{
		{"valid", func(*VoiceToken) {}, ""},
		{"bad account", func(v *VoiceToken) { v.AccountSID = "AC1" }, "account_sid"},
		{"no key secret", func(v *VoiceToken) { v.KeySecret = "" }, "key_sid"},
		{"no identity", func(v *VoiceToken) { v.Identity = "" }, "identity"},
		{"TTL over 24 hours", func(v *VoiceToken) { v.TTL = 25 * time.Hour }, "ttl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := good
			tt.edit(&v)
			signed, exp, err := v.Sign()
			if tt.wantField != "" {
				var p *problem.Error
				if !errors.As(err, &p) || p.Fields[tt.wantField] == "" {
					t.Fatalf("err = %v, want a problem naming %s", err, tt.wantField)
				}
				return
			}
			if err != nil || !exp.Equal(now.Add(10*time.Minute)) {
				t.Fatalf("Sign = %v, exp %v", err, exp)
			}
			claims := gojwt.MapClaims{}
			_, err = gojwt.ParseWithClaims(signed, claims, func(tok *gojwt.Token) (any, error) { return []byte("secret-1"), nil },
				gojwt.WithValidMethods([]string{"HS256"}), gojwt.WithTimeFunc(func() time.Time { return now.Add(time.Minute) }))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			grants, _ := claims["grants"].(map[string]any)
			voice, _ := grants["voice"].(map[string]any)
			incoming, _ := voice["incoming"].(map[string]any)
			if claims["iss"] != v.KeySID || claims["sub"] != v.AccountSID || grants["identity"] != "user_7" || incoming["allow"] != true {
				t.Fatalf("claims = %v", claims)
			}
			if exp, nbf := claims["exp"].(float64), claims["nbf"].(float64); exp-nbf != 600 || nbf != float64(now.Unix()) {
				t.Fatalf("nbf %v exp %v: want a 600-second life from now", nbf, exp)
			}
			if _, ok := voice["outgoing"]; ok {
				t.Fatalf("outgoing granted without an application: %v", voice)
			}
		})
	}
}

// TestCreateAndDeleteKey creates an API key at the carrier: its secret is
// given once (wire facts §5 "Keys"); a deleted key is gone.
func TestCreateAndDeleteKey(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{})
	ctx := context.Background()
	k, err := cl.CreateKey(ctx, "Switchboard softphone")
	if err != nil || !strings.HasPrefix(k.SID, "SK") || k.Secret == "" || k.FriendlyName != "Switchboard softphone" {
		t.Fatalf("CreateKey = %+v, %v", k, err)
	}
	if err := cl.DeleteKey(ctx, k.SID); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, cl.DeleteKey(ctx, k.SID), problem.NotFound)
	wantProblem(t, cl.DeleteKey(ctx, "SK1"), problem.Invalid, "sid")
}
