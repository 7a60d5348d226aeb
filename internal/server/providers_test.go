package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/config"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/twilio"
)

type providerJSON struct {
	ID          int64   `json:"id"`
	Kind        string  `json:"kind"`
	AccountSID  string  `json:"account_sid"`
	AccountType string  `json:"account_type"`
	UserIDs     []int64 `json:"user_ids"`
	LastOKAt    *string `json:"last_ok_at"`
	LastError   string  `json:"last_error"`
}

type numberJSON struct {
	ID           int64  `json:"id"`
	SID          string `json:"sid"`
	E164         string `json:"e164"`
	Capabilities struct{ Voice, SMS, MMS bool }
	Operators    []struct {
		UserID    int64 `json:"user_id"`
		Outgoing  bool
		Recording bool
	}
}

func (e *env) demoUserID(email string) int64 {
	e.t.Helper()
	u, _, err := e.st.Credentials(context.Background(), email)
	if err != nil {
		e.t.Fatal(err)
	}
	return int64(u.ID)
}

// twilioProvider connects a "twilio" provider whose API URL is the sandbox,
// with an account of type typ created there.
func (c *client) twilioProvider(typ string, users ...int64) (providerJSON, response) {
	acct := c.e.sb.CreateAccount("Twilio test", typ)
	res := c.do(http.MethodPost, "/api/v1/providers", map[string]any{"kind": "twilio", "name": "Twilio " + typ,
		"account_sid": acct.SID, "auth_token": acct.AuthToken, "api_url": c.e.url + "/sandbox", "user_ids": users})
	var p providerJSON
	if res.status == http.StatusCreated {
		res.decode(c.e.t, &p)
	}
	return p, res
}

func TestConnectProvider(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	alice := e.demoUserID(demo.Users[1].Email)
	acct := e.sb.CreateAccount("real", "Full")
	base := map[string]any{"kind": "twilio", "account_sid": acct.SID, "auth_token": acct.AuthToken, "api_url": e.url + "/sandbox"}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range base {
			m[kk] = vv
		}
		m[k] = v
		return m
	}
	tests := []struct {
		name   string
		body   map[string]any
		status int
		field  string
		text   string
	}{
		{"malformed SID", with("account_sid", "AC123"), http.StatusUnprocessableEntity, "account_sid", ""},
		{"malformed token", with("auth_token", "secret"), http.StatusUnprocessableEntity, "auth_token", ""},
		{"wrong token: Twilio's reason, nothing saved", with("auth_token", strings.Repeat("f", 32)), http.StatusUnprocessableEntity, "auth_token", "20003"},
		{"unknown kind", with("kind", "vonage"), http.StatusUnprocessableEntity, "kind", ""},
		{"unreachable carrier", with("api_url", "http://127.0.0.1:1"), http.StatusServiceUnavailable, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := admin.do(http.MethodPost, "/api/v1/providers", tt.body)
			wantStatus(t, res, tt.status)
			_, msg, fields := res.errorBody(t)
			if tt.field != "" && fields[tt.field] == "" {
				t.Fatalf("fields %v lack %s (%s)", fields, tt.field, msg)
			}
			if tt.text != "" && !strings.Contains(msg+fields[tt.field], tt.text) {
				t.Fatalf("error %q / %v does not carry Twilio's %s", msg, fields, tt.text)
			}
		})
	}
	if list := admin.do(http.MethodGet, "/api/v1/providers", nil); !strings.Contains(string(list.body), `"items":[]`) {
		t.Fatalf("refused connections saved something: %s", list.body)
	}
	t.Run("connects, reads the account type, never returns the token", func(t *testing.T) {
		p, res := admin.twilioProvider("Trial", alice)
		wantStatus(t, res, http.StatusCreated)
		if p.AccountType != "Trial" || len(p.UserIDs) != 1 || p.LastOKAt == nil {
			t.Fatalf("provider = %+v", p)
		}
		for _, path := range []string{"/api/v1/providers", "/api/v1/providers/" + itoa(p.ID)} {
			body := admin.do(http.MethodGet, path, nil).body
			if strings.Contains(string(body), "auth_token") {
				t.Fatalf("%s shows the auth token: %s", path, body)
			}
		}
		var sealed string
		e.st.DB().QueryRow(`SELECT auth_token_sealed FROM providers WHERE id = $1`, p.ID).Scan(&sealed)
		if !strings.HasPrefix(sealed, "v1:") || strings.Contains(sealed, acct.AuthToken) {
			t.Fatalf("token stored as %q, want it sealed", sealed)
		}
	})
	t.Run("agents cannot connect providers", func(t *testing.T) {
		agent := e.signIn(demo.Users[2].Email)
		wantStatus(t, agent.do(http.MethodPost, "/api/v1/providers", map[string]any{"kind": "sandbox"}), http.StatusForbidden)
		wantStatus(t, agent.do(http.MethodGet, "/api/v1/providers", nil), http.StatusForbidden)
	})
}

func TestProviderUsersAndHealth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	alice, bob := e.demoUserID(demo.Users[1].Email), e.demoUserID(demo.Users[2].Email)
	first, res := admin.twilioProvider("Full", alice)
	wantStatus(t, res, http.StatusCreated)
	res = admin.do(http.MethodPost, "/api/v1/providers", map[string]any{"kind": "sandbox", "name": "Second", "user_ids": []int64{bob, alice}})
	wantStatus(t, res, http.StatusConflict)
	if _, msg, _ := res.errorBody(t); !strings.Contains(msg, "Twilio Full") || !strings.Contains(msg, demo.Users[1].Email) {
		t.Fatalf("conflict %q does not name the user and their provider", msg)
	}
	res = admin.do(http.MethodPost, "/api/v1/providers", map[string]any{"kind": "sandbox", "name": "Second", "user_ids": []int64{bob}})
	wantStatus(t, res, http.StatusCreated)
	var second providerJSON
	res.decode(t, &second)
	if second.Kind != "sandbox" || second.AccountType != "Full" {
		t.Fatalf("sandbox provider = %+v", second)
	}
	wantStatus(t, admin.do(http.MethodPost, "/api/v1/providers/"+itoa(second.ID)+"/users", map[string]any{"user_ids": []int64{alice}}), http.StatusConflict)
	wantStatus(t, admin.do(http.MethodDelete, "/api/v1/providers/"+itoa(first.ID)+"/users/"+itoa(alice), nil), http.StatusNoContent)
	wantStatus(t, admin.do(http.MethodPost, "/api/v1/providers/"+itoa(second.ID)+"/users", map[string]any{"user_ids": []int64{alice}}), http.StatusOK)

	t.Run("health shows the last error from the carrier", func(t *testing.T) {
		// Break the stored API URL so the carrier cannot be reached.
		e.st.DB().Exec(`UPDATE providers SET api_url = 'http://127.0.0.1:1' WHERE id = $1`, first.ID)
		res := admin.do(http.MethodPost, "/api/v1/providers/"+itoa(first.ID)+"/test", nil)
		wantStatus(t, res, http.StatusOK)
		var p providerJSON
		res.decode(t, &p)
		if p.LastError == "" {
			t.Fatalf("health after a failed test = %+v", p)
		}
	})
}

func TestNumbers(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, func(c *config.Config) { c.PublicURL = c.SelfURL })
	admin := e.signIn(demo.Users[0].Email)
	alice := e.demoUserID(demo.Users[1].Email)
	p, res := admin.twilioProvider("Full", alice)
	wantStatus(t, res, http.StatusCreated)
	base := "/api/v1/providers/" + itoa(p.ID)

	var avail struct {
		Items []struct {
			PhoneNumber  string `json:"phone_number"`
			Capabilities struct{ Voice, SMS bool }
		}
	}
	res = admin.do(http.MethodGet, base+"/available-numbers?country=US&area_code=415&sms=true", nil)
	wantStatus(t, res, http.StatusOK)
	res.decode(t, &avail)
	if len(avail.Items) == 0 || !strings.HasPrefix(avail.Items[0].PhoneNumber, "+1415") || !avail.Items[0].Capabilities.SMS {
		t.Fatalf("available = %+v", avail.Items)
	}
	res = admin.do(http.MethodPost, base+"/numbers", map[string]any{"phone_number": avail.Items[0].PhoneNumber})
	wantStatus(t, res, http.StatusCreated)
	var bought numberJSON
	res.decode(t, &bought)

	t.Run("bought number's webhooks point at this server", func(t *testing.T) {
		n := e.carrierNumber(p, bought.SID)
		if n.Webhooks.VoiceURL != e.url+"/webhooks/twilio/voice" || n.Webhooks.SMSURL != e.url+"/webhooks/twilio/sms" ||
			n.Webhooks.StatusCallback != e.url+"/webhooks/twilio/status" || n.Webhooks.VoiceFallbackURL != e.url+"/webhooks/twilio/voice/fallback" {
			t.Fatalf("webhooks at the carrier = %+v", n.Webhooks)
		}
	})
	t.Run("link an owned number, then unlink restores its URLs", func(t *testing.T) {
		owned := e.ownNumber(p, "https://old.example.com/voice")
		var list struct {
			Items []struct {
				SID      string `json:"sid"`
				NumberID *int64 `json:"number_id"`
			}
		}
		admin.do(http.MethodGet, base+"/carrier-numbers", nil).decode(t, &list)
		if len(list.Items) != 2 {
			t.Fatalf("carrier numbers = %+v", list.Items)
		}
		res := admin.do(http.MethodPost, base+"/numbers", map[string]any{"sid": owned})
		wantStatus(t, res, http.StatusCreated)
		var n numberJSON
		res.decode(t, &n)
		if got := e.carrierNumber(p, owned).Webhooks.VoiceURL; got != e.url+"/webhooks/twilio/voice" {
			t.Fatalf("voice URL after link = %q", got)
		}
		wantStatus(t, admin.do(http.MethodPost, base+"/numbers", map[string]any{"sid": owned}), http.StatusUnprocessableEntity)
		wantStatus(t, admin.do(http.MethodDelete, "/api/v1/numbers/"+itoa(n.ID), nil), http.StatusNoContent)
		if got := e.carrierNumber(p, owned).Webhooks.VoiceURL; got != "https://old.example.com/voice" {
			t.Fatalf("voice URL after unlink = %q, want the previous one", got)
		}
	})
	t.Run("number not in the account", func(t *testing.T) {
		res := admin.do(http.MethodPost, base+"/numbers", map[string]any{"sid": "PN" + strings.Repeat("0", 32)})
		wantStatus(t, res, http.StatusUnprocessableEntity)
	})
	t.Run("operators and switches", func(t *testing.T) {
		res := admin.do(http.MethodPut, "/api/v1/numbers/"+itoa(bought.ID)+"/operators", map[string]any{
			"operators": []map[string]any{{"user_id": alice, "outgoing": true, "recording": true}}})
		wantStatus(t, res, http.StatusOK)
		var n numberJSON
		res.decode(t, &n)
		if len(n.Operators) != 1 || !n.Operators[0].Recording {
			t.Fatalf("operators = %+v", n.Operators)
		}
		wantStatus(t, admin.do(http.MethodPatch, "/api/v1/numbers/"+itoa(bought.ID), map[string]any{"recording_enabled": true}), http.StatusOK)
		wantStatus(t, admin.do(http.MethodPut, "/api/v1/numbers/"+itoa(bought.ID)+"/operators", map[string]any{
			"operators": []map[string]any{{"user_id": 999999}}}), http.StatusUnprocessableEntity)
	})
	t.Run("caller ID", func(t *testing.T) {
		wantStatus(t, admin.do(http.MethodPut, "/api/v1/users/"+itoa(alice)+"/caller-id", map[string]any{"number_id": bought.ID}), http.StatusOK)
		res := admin.do(http.MethodGet, "/api/v1/caller-ids", nil)
		if !strings.Contains(string(res.body), `"number_id":`+itoa(bought.ID)) {
			t.Fatalf("caller ids = %s", res.body)
		}
	})
}

func TestTrialAccountHoldsOneNumber(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, func(c *config.Config) { c.PublicURL = c.SelfURL })
	admin := e.signIn(demo.Users[0].Email)
	p, res := admin.twilioProvider("Trial")
	wantStatus(t, res, http.StatusCreated)
	base := "/api/v1/providers/" + itoa(p.ID)
	var avail struct {
		Items []struct {
			PhoneNumber string `json:"phone_number"`
		}
	}
	admin.do(http.MethodGet, base+"/available-numbers?country=US", nil).decode(t, &avail)
	wantStatus(t, admin.do(http.MethodPost, base+"/numbers", map[string]any{"phone_number": avail.Items[0].PhoneNumber}), http.StatusCreated)
	res = admin.do(http.MethodPost, base+"/numbers", map[string]any{"phone_number": avail.Items[1].PhoneNumber})
	wantStatus(t, res, http.StatusConflict)
	if _, msg, _ := res.errorBody(t); !strings.Contains(msg, "trial") {
		t.Fatalf("message %q does not say why", msg)
	}
	var nums struct{ Items []numberJSON }
	admin.do(http.MethodGet, "/api/v1/numbers", nil).decode(t, &nums)
	if len(nums.Items) != 1 {
		t.Fatalf("numbers after a refused purchase = %d, want 1", len(nums.Items))
	}
}

func TestTwilioProviderNeedsPublicURLToLink(t *testing.T) {
	t.Parallel()
	e := newEnv(t) // no SWITCHBOARD_PUBLIC_URL
	admin := e.signIn(demo.Users[0].Email)
	p, res := admin.twilioProvider("Full")
	wantStatus(t, res, http.StatusCreated)
	owned := e.ownNumber(p, "")
	res = admin.do(http.MethodPost, "/api/v1/providers/"+itoa(p.ID)+"/numbers", map[string]any{"sid": owned})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if _, msg, _ := res.errorBody(t); !strings.Contains(msg, "SWITCHBOARD_PUBLIC_URL") {
		t.Fatalf("message %q does not say how to fix it", msg)
	}
	if got := e.carrierNumber(p, owned).Webhooks.VoiceURL; got != "" {
		t.Fatalf("refused link changed the carrier: %q", got)
	}
}

func TestUninstallProviderRestoresNumbers(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, func(c *config.Config) { c.PublicURL = c.SelfURL })
	admin := e.signIn(demo.Users[0].Email)
	alice := e.demoUserID(demo.Users[1].Email)
	p, _ := admin.twilioProvider("Full", alice)
	owned := e.ownNumber(p, "https://old.example.com/voice")
	wantStatus(t, admin.do(http.MethodPost, "/api/v1/providers/"+itoa(p.ID)+"/numbers", map[string]any{"sid": owned}), http.StatusCreated)
	wantStatus(t, admin.do(http.MethodDelete, "/api/v1/providers/"+itoa(p.ID), nil), http.StatusNoContent)
	if got := e.carrierNumber(p, owned).Webhooks.VoiceURL; got != "https://old.example.com/voice" {
		t.Fatalf("voice URL after uninstall = %q", got)
	}
	wantStatus(t, admin.do(http.MethodGet, "/api/v1/providers/"+itoa(p.ID), nil), http.StatusNotFound)
	if _, err := e.st.UserProvider(context.Background(), 1, org.UserID(alice)); err == nil {
		t.Fatal("alice still belongs to the uninstalled provider")
	}
	var nums struct{ Items []numberJSON }
	admin.do(http.MethodGet, "/api/v1/numbers", nil).decode(t, &nums)
	if len(nums.Items) != 0 {
		t.Fatalf("numbers still linked after uninstall: %+v", nums.Items)
	}
}

// carrierNumber reads a number straight from the sandbox with the
// provider's credentials, through the same twilio client.
func (e *env) carrierNumber(p providerJSON, sid string) provider.CarrierNumber {
	e.t.Helper()
	c := e.carrierFor(p)
	n, err := c.IncomingNumber(context.Background(), sid)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// carrierFor opens the provider's account at the sandbox with the token the
// server sealed.
func (e *env) carrierFor(p providerJSON) carrierClient {
	e.t.Helper()
	var sealed string
	if err := e.st.DB().QueryRow(`SELECT auth_token_sealed FROM providers WHERE id = $1`, p.ID).Scan(&sealed); err != nil {
		e.t.Fatal(err)
	}
	token, err := e.box.Open(sealed, "provider-auth-token:"+p.AccountSID)
	if err != nil {
		e.t.Fatal(err)
	}
	c, err := twilio.New(twilio.Credentials{AccountSID: p.AccountSID, AuthToken: token}, twilio.Options{BaseURL: e.url + "/sandbox"})
	if err != nil {
		e.t.Fatal(err)
	}
	return carrierClient{c}
}

type carrierClient struct{ c *twilio.Client }

func (c carrierClient) IncomingNumber(ctx context.Context, sid string) (provider.CarrierNumber, error) {
	n, err := c.c.IncomingNumber(ctx, sid)
	return provider.CarrierNumber{SID: n.SID, PhoneNumber: n.PhoneNumber, Webhooks: provider.Webhooks(n.Webhooks)}, err
}

// ownNumber buys a number in the provider's account behind the server's
// back, with a voice URL of its own, and returns its SID.
func (e *env) ownNumber(p providerJSON, voiceURL string) string {
	e.t.Helper()
	c := e.carrierFor(p).c
	avail, err := c.AvailableNumbers(context.Background(), twilio.NumberQuery{Country: "US", Type: "Local"})
	if err != nil || len(avail) == 0 {
		e.t.Fatalf("available: %v", err)
	}
	n, err := c.BuyNumber(context.Background(), avail[len(avail)-1].PhoneNumber, twilio.Webhooks{VoiceURL: voiceURL})
	if err != nil {
		e.t.Fatal(err)
	}
	return n.SID
}
