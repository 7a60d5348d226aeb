package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	gojwt "github.com/golang-jwt/jwt/v5"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/sandbox"
)

type softphoneJSON struct {
	Device    string  `json:"device"`
	Identity  string  `json:"identity"`
	Token     *string `json:"token"`
	ExpiresAt *string `json:"expires_at"`
	Reason    string  `json:"reason"`
}

// sandboxProvider connects a sandbox provider for users, as the demo does.
func (c *client) sandboxProvider(users ...int64) providerJSON {
	c.e.t.Helper()
	res := c.do(http.MethodPost, "/api/v1/providers", map[string]any{"kind": "sandbox", "name": "Sandbox", "user_ids": users})
	if res.status != http.StatusCreated {
		c.e.t.Fatalf("sandbox provider: %d %s", res.status, res.body)
	}
	var p providerJSON
	res.decode(c.e.t, &p)
	return p
}

func (c *client) softphone() (softphoneJSON, response) {
	c.e.t.Helper()
	res := c.do(http.MethodGet, "/api/v1/softphone", nil)
	var d softphoneJSON
	if res.status == http.StatusOK {
		res.decode(c.e.t, &d)
	}
	return d, res
}

// TestSoftphoneDevice: the device follows the provider the user is on
// (docs/softphone.md): a sandbox party registered as manual, or none.
func TestSoftphoneDevice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	alice := e.demoUserID(demo.Users[1].Email)
	admin.sandboxProvider(alice)
	tests := []struct {
		name, email string
		want        softphoneJSON
		party       bool
	}{
		{"a sandbox user's party is registered as manual", demo.Users[1].Email,
			softphoneJSON{Device: "sandbox", Identity: callflow.AgentIdentity(alice)}, true},
		{"a user on no provider has none, with the reason", demo.Users[2].Email,
			softphoneJSON{Device: "none", Identity: callflow.AgentIdentity(e.demoUserID(demo.Users[2].Email)),
				Reason: "You are not on any telephony provider. Ask an admin to add you."}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, res := e.signIn(tt.email).softphone()
			wantStatus(t, res, http.StatusOK)
			if strings.Contains(string(res.body), `"token":"`) {
				t.Fatalf("a token for a %s device: %s", got.Device, res.body)
			}
			if got.Device != tt.want.Device || got.Identity != tt.want.Identity || got.Reason != tt.want.Reason || got.Token != nil || got.ExpiresAt != nil {
				t.Fatalf("device = %+v, want %+v", got, tt.want)
			}
			b, ok := e.sb.Parties()["client:"+tt.want.Identity]
			if ok != tt.party || ok && b.Action != sandbox.ActManual {
				t.Fatalf("sandbox party %s = %+v (registered %v), want manual %v", tt.want.Identity, b, ok, tt.party)
			}
		})
	}
}

// TestSoftphoneSandboxUnreachable: a sandbox whose control API cannot be
// reached is the carrier's failure (503, naming it), not the user's.
func TestSoftphoneSandboxUnreachable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	p := admin.sandboxProvider(e.demoUserID(demo.Users[0].Email))
	if _, err := e.st.DB().Exec(`UPDATE providers SET api_url = 'http://127.0.0.1:1/sandbox' WHERE id = $1`, p.ID); err != nil {
		t.Fatal(err)
	}
	_, res := admin.softphone()
	wantStatus(t, res, http.StatusServiceUnavailable)
	if _, msg, _ := res.errorBody(t); !strings.Contains(msg, "http://127.0.0.1:1/sandbox") || !strings.Contains(msg, "cannot be reached") {
		t.Fatalf("message %q does not name the unreachable sandbox", msg)
	}
}

// TestSoftphoneTwilioToken: a twilio device gets a Voice access token
// signed with an API key the server created at the carrier once and keeps
// sealed (wire facts §6; https://www.twilio.com/docs/iam/access-tokens).
func TestSoftphoneTwilioToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	bob := e.demoUserID(demo.Users[2].Email)
	p, res := admin.twilioProvider("Full", bob)
	wantStatus(t, res, http.StatusCreated)
	agent := e.signIn(demo.Users[2].Email)
	var bodies []string
	var keys []string
	for i := range 2 {
		start := time.Now().Truncate(time.Second)
		d, res := agent.softphone()
		wantStatus(t, res, http.StatusOK)
		bodies = append(bodies, string(res.body))
		if d.Device != "twilio" || d.Identity != callflow.AgentIdentity(bob) || d.Token == nil || d.ExpiresAt == nil {
			t.Fatalf("request %d: device = %s", i, res.body)
		}
		keySID, secret := e.providerKey(p)
		keys = append(keys, keySID)
		claims := gojwt.MapClaims{}
		if _, err := gojwt.ParseWithClaims(*d.Token, claims, func(*gojwt.Token) (any, error) { return []byte(secret), nil },
			gojwt.WithValidMethods([]string{"HS256"})); err != nil {
			t.Fatalf("token does not verify with the key's secret: %v", err)
		}
		grants, _ := claims["grants"].(map[string]any)
		voice, _ := grants["voice"].(map[string]any)
		incoming, _ := voice["incoming"].(map[string]any)
		if claims["iss"] != keySID || claims["sub"] != p.AccountSID || grants["identity"] != d.Identity || incoming["allow"] != true {
			t.Fatalf("claims = %v", claims)
		}
		exp, nbf := claims["exp"].(float64), claims["nbf"].(float64)
		if exp-nbf != 600 || nbf < float64(start.Unix()) {
			t.Fatalf("nbf %v exp %v: want 10 minutes from now", nbf, exp)
		}
		if want := time.Unix(int64(exp), 0).UTC().Format(time.RFC3339); *d.ExpiresAt != want {
			t.Fatalf("expires_at = %s, want %s", *d.ExpiresAt, want)
		}
	}
	if keys[0] != keys[1] || !strings.HasPrefix(keys[0], "SK") {
		t.Fatalf("keys %v: want one key, created once and reused", keys)
	}
	if n := e.carrierKeys(t, p); n != 1 {
		t.Fatalf("the carrier account has %d API keys, want 1", n)
	}
	_, secret := e.providerKey(p)
	for _, path := range []string{"/api/v1/providers", "/api/v1/providers/" + itoa(p.ID)} {
		bodies = append(bodies, string(admin.do(http.MethodGet, path, nil).body))
	}
	for _, b := range bodies {
		if strings.Contains(b, secret) {
			t.Fatalf("the API key secret is in a response: %s", b)
		}
	}
}

// providerKey returns the provider's stored API key, its secret opened.
func (e *env) providerKey(p providerJSON) (string, string) {
	e.t.Helper()
	var sid, sealed string
	if err := e.st.DB().QueryRow(`SELECT api_key_sid, api_key_secret_sealed FROM providers WHERE id = $1`, p.ID).Scan(&sid, &sealed); err != nil {
		e.t.Fatal(err)
	}
	// (Whether the sealed text contains "SK" says nothing: it is random
	// base64, and did now and then.)
	secret, err := e.box.Open(sealed, provider.KeySecretContext(p.AccountSID, sid))
	if err != nil || secret == "" || strings.Contains(sealed, secret) {
		e.t.Fatalf("the key secret is not sealed: %q (%v)", sealed, err)
	}
	return sid, secret
}

// carrierKeys counts the account's API keys at the carrier.
func (e *env) carrierKeys(t *testing.T, p providerJSON) int {
	t.Helper()
	var list struct {
		Keys []struct{ Sid string } `json:"keys"`
	}
	token := e.authToken(p)
	req, _ := http.NewRequest(http.MethodGet, e.url+"/sandbox/2010-04-01/Accounts/"+p.AccountSID+"/Keys.json", nil)
	req.SetBasicAuth(p.AccountSID, token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := response{status: res.StatusCode}
	r.body, _ = io.ReadAll(res.Body)
	wantStatus(t, r, http.StatusOK)
	r.decode(t, &list)
	return len(list.Keys)
}

func (e *env) authToken(p providerJSON) string {
	e.t.Helper()
	var sealed string
	e.st.DB().QueryRow(`SELECT auth_token_sealed FROM providers WHERE id = $1`, p.ID).Scan(&sealed)
	token, err := e.box.Open(sealed, provider.TokenContext(p.AccountSID))
	if err != nil {
		e.t.Fatal(err)
	}
	return token
}

// deviceScenario is a number ringing alice alone, alice on a sandbox
// provider with her device registered (manual: it rings until she acts).
func deviceScenario(t *testing.T) (*scenario, *client) {
	t.Helper()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"])(u) },
		[]string{"alice"}, nil)
	s.e.signIn(demo.Users[0].Email).sandboxProvider(s.users["alice"])
	alice := s.e.signIn(demo.Users[1].Email)
	if d, res := alice.softphone(); d.Device != "sandbox" {
		t.Fatalf("alice's device: %d %s", res.status, res.body)
	}
	return s, alice
}

// ring places a call and lets it ring the agent; it returns the caller's
// SID, the call and the agent's ringing leg.
func (s *scenario) ring(t *testing.T, user int64) (string, call.Call, call.Leg) {
	t.Helper()
	sid, err := s.e.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: s.number.E164, HangupAfter: sandbox.Duration(10 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	s.advance(t, 5*time.Second)
	c, legs := s.record(t, sid)
	for _, l := range legs {
		if int64(l.UserID) == user && l.SID != "" && !l.Ended() {
			return sid, c, l
		}
	}
	t.Fatalf("no leg rings user %d: %+v\n%s", user, legs, s.transcript(t, sid))
	return "", c, call.Leg{}
}

func (s *scenario) advance(t *testing.T, d time.Duration) {
	t.Helper()
	if err := s.e.sb.Advance(d); err != nil {
		t.Fatal(err)
	}
	s.e.sb.Settle()
}

func (s *scenario) record(t *testing.T, sid string) (call.Call, []call.Leg) {
	t.Helper()
	c, err := s.e.st.CallForWebhook(context.Background(), sid)
	if err != nil {
		t.Fatal(err)
	}
	legs, err := s.e.st.Legs(context.Background(), c.OrgID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c, legs
}

func (s *scenario) transcript(t *testing.T, sid string) string {
	t.Helper()
	tr, err := s.e.sb.Transcript(sid)
	if err != nil {
		t.Fatal(err)
	}
	return tr.Text()
}

func act(c *client, leg, action, digits string) response {
	return c.do(http.MethodPost, "/api/v1/softphone/actions", map[string]string{"leg_sid": leg, "action": action, "digits": digits})
}

// TestSoftphoneActions: the sandbox device answers, presses digits and
// hangs up through the API, only on the caller's own legs.
func TestSoftphoneActions(t *testing.T) {
	t.Parallel()
	s, alice := deviceScenario(t)
	caller, _, leg := s.ring(t, s.users["alice"])
	bob := s.e.signIn(demo.Users[2].Email)
	s.e.signIn(demo.Users[0].Email).sandboxProvider(s.users["bob"])
	steps := []struct {
		name   string
		who    *client
		action string
		digits string
		status int
		check  func(t *testing.T)
	}{
		{"another user's leg is not found", bob, "answer", "", http.StatusNotFound, nil},
		{"bad digits are refused, naming the rule", alice, "digits", "12a", http.StatusBadRequest, nil},
		{"too many digits are refused", alice, "digits", strings.Repeat("1", 33), http.StatusBadRequest, nil},
		{"an unknown action is refused", alice, "transfer", "", http.StatusBadRequest, nil},
		{"answer connects the call", alice, "answer", "", http.StatusAccepted, func(t *testing.T) {
			c, _ := s.record(t, caller)
			if c.Status != call.InProgress || int64(c.AnsweredBy) != s.users["alice"] {
				t.Fatalf("call = %s answered by %d, want in-progress by alice\n%s", c.Status, c.AnsweredBy, s.transcript(t, caller))
			}
		}},
		{"digits reach the carrier", alice, "digits", "12#", http.StatusAccepted, func(t *testing.T) {
			if tr := s.transcript(t, leg.SID); !strings.Contains(tr, "digits=12#") {
				t.Fatalf("the agent leg's transcript does not show the digits:\n%s", tr)
			}
		}},
		{"hang up ends the call", alice, "hangup", "", http.StatusAccepted, func(t *testing.T) {
			if c, _ := s.record(t, caller); c.EndedAt == nil {
				t.Fatalf("call not ended\n%s", s.transcript(t, caller))
			}
		}},
		{"an ended leg is a conflict", alice, "hangup", "", http.StatusConflict, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			res := act(st.who, leg.SID, st.action, st.digits)
			wantStatus(t, res, st.status)
			if st.status == http.StatusBadRequest {
				if _, msg, fields := res.errorBody(t); len(fields) != 1 || msg == "" {
					t.Fatalf("error names no field: %s", res.body)
				}
			}
			s.advance(t, 2*time.Second)
			if st.check != nil {
				st.check(t)
			}
		})
	}
}

// controlJSON is the call event shape the controls answer with (the
// fields they change).
type controlJSON struct {
	ID      int64   `json:"id"`
	LegSID  *string `json:"leg_sid"`
	Status  string  `json:"status"`
	Ringing bool    `json:"ringing"`
	Held    bool    `json:"held"`
	Muted   bool    `json:"muted"`
	Notes   string  `json:"notes"`
	Ended   bool    `json:"ended"`
}

// answered rings alice's device and answers it through the API.
func answered(t *testing.T) (*scenario, *client, string, call.Call, call.Leg) {
	t.Helper()
	s, alice := deviceScenario(t)
	caller, c, leg := s.ring(t, s.users["alice"])
	wantStatus(t, act(alice, leg.SID, "answer", ""), http.StatusAccepted)
	s.advance(t, 2*time.Second)
	return s, alice, caller, c, leg
}

// steps counts a call's transcript steps of kind, and of kind after the
// step numbered from.
func steps(tr sandbox.Transcript, sid, kind string) int {
	n := 0
	for _, st := range tr.Steps {
		if st.CallSid == sid && st.Kind == kind {
			n++
		}
	}
	return n
}

// TestCallControls: hold (the caller hears the number's hold music, as
// Twilio plays a participant's HoldUrl:
// https://www.twilio.com/docs/voice/api/conference-participant-resource#update-a-participant-resource),
// resume, mute and notes, only by the agent in the call while it lasts.
func TestCallControls(t *testing.T) {
	t.Parallel()
	s, alice, caller, c, leg := answered(t)
	inbox := s.listen(t, s.users["alice"])
	bob := s.e.signIn(demo.Users[2].Email)
	base := "/api/v1/calls/" + itoa(int64(c.ID))
	long := strings.Repeat("é", 10001)
	tests := []struct {
		name   string
		who    *client
		method string
		path   string
		body   any
		status int
		check  func(t *testing.T, got controlJSON)
	}{
		{"another agent cannot hold it", bob, http.MethodPost, "/hold", map[string]bool{"hold": true}, http.StatusNotFound, nil},
		{"hold needs the hold field", alice, http.MethodPost, "/hold", map[string]any{}, http.StatusUnprocessableEntity, nil},
		{"hold: the caller hears hold music", alice, http.MethodPost, "/hold", map[string]bool{"hold": true}, http.StatusOK,
			func(t *testing.T, got controlJSON) {
				tr, _ := s.e.sb.Transcript(caller)
				if !got.Held || steps(tr, caller, sandbox.StepHold) != 1 || !heldToMusic(tr, caller) {
					t.Fatalf("held %v; the caller's transcript shows no hold with music:\n%s", got.Held, tr.Text())
				}
			}},
		{"resume", alice, http.MethodPost, "/hold", map[string]bool{"hold": false}, http.StatusOK, func(t *testing.T, got controlJSON) {
			tr, _ := s.e.sb.Transcript(caller)
			if got.Held || steps(tr, caller, sandbox.StepUnhold) != 1 {
				t.Fatalf("held %v; the caller was not taken off hold:\n%s", got.Held, tr.Text())
			}
		}},
		{"mute", alice, http.MethodPost, "/mute", map[string]bool{"muted": true}, http.StatusOK, func(t *testing.T, got controlJSON) {
			if tr := s.transcript(t, leg.SID); !got.Muted || !strings.Contains(tr, "participant-mute") {
				t.Fatalf("muted %v; the agent's leg was not muted:\n%s", got.Muted, tr)
			}
		}},
		{"notes are saved", alice, http.MethodPut, "/notes", map[string]string{"notes": "Wants a demo on Friday."}, http.StatusOK,
			func(t *testing.T, got controlJSON) {
				if got.Notes != "Wants a demo on Friday." || !got.Muted || got.LegSID == nil || *got.LegSID != leg.SID {
					t.Fatalf("call = %+v", got)
				}
			}},
		{"notes over 10,000 characters are refused", alice, http.MethodPut, "/notes", map[string]string{"notes": long}, http.StatusUnprocessableEntity, nil},
		{"another agent cannot write notes", bob, http.MethodPut, "/notes", map[string]string{"notes": "x"}, http.StatusNotFound, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.who.do(tt.method, base+tt.path, tt.body)
			wantStatus(t, res, tt.status)
			s.advance(t, 15*time.Second)
			if tt.check != nil {
				var got controlJSON
				res.decode(t, &got)
				tt.check(t, got)
			}
		})
	}
	// Each change reached the agent's tabs as a call event.
	inbox.until(func(list []event.Event) bool {
		var seen []string
		for _, e := range controlEvents(t, list) {
			switch {
			case e.Held:
				seen = append(seen, "held")
			case e.Notes != "":
				seen = append(seen, "notes")
			case e.Muted:
				seen = append(seen, "muted")
			}
		}
		return strings.Contains(strings.Join(seen, " "), "held muted notes")
	})
	got, _ := s.record(t, caller)
	if !got.Muted || got.Held || got.Notes != "Wants a demo on Friday." {
		t.Fatalf("stored call: held %v muted %v notes %q", got.Held, got.Muted, got.Notes)
	}
	var body controlJSON // the call log shows them too
	alice.do(http.MethodGet, base, nil).decode(t, &body)
	if !body.Muted || body.Held || body.Notes != got.Notes {
		t.Fatalf("GET %s: held %v muted %v notes %q", base, body.Held, body.Muted, body.Notes)
	}
	wantStatus(t, act(alice, leg.SID, "hangup", ""), http.StatusAccepted)
	s.advance(t, 2*time.Second)
	res := alice.do(http.MethodPost, base+"/hold", map[string]bool{"hold": true})
	wantStatus(t, res, http.StatusConflict)
}

// controlEvents are the call events in list.
func controlEvents(t *testing.T, list []event.Event) []controlJSON {
	var out []controlJSON
	for _, e := range list {
		if e.Type == event.TypeCall {
			var c controlJSON
			if err := json.Unmarshal(e.Data, &c); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
	}
	return out
}

// heldToMusic reports whether the caller's hold requested the call's hold
// webhook and played the default hold music after it.
func heldToMusic(tr sandbox.Transcript, sid string) bool {
	held, fetched := false, false
	for _, st := range tr.Steps {
		switch {
		case st.CallSid != sid:
		case st.Kind == sandbox.StepHold:
			held = true
		case held && st.Kind == sandbox.StepWebhook && st.Webhook != nil && st.Webhook.Purpose == "hold-url" &&
			strings.Contains(st.Webhook.URL, "/webhooks/twilio/voice/wait"):
			fetched = true
		case fetched && st.Kind == sandbox.StepPlay && st.URL == callflow.DefaultHoldMusic:
			return true
		}
	}
	return false
}

// TestForward: a call ringing alice's browser goes to her forwarding
// number when she clicks forward (R-IN-14): her browser leg stops, the
// number rings and answers, and the caller is connected to it.
func TestForward(t *testing.T) {
	t.Parallel()
	s, alice := deviceScenario(t)
	inbox := s.listen(t, s.users["alice"])
	admin := s.e.signIn(demo.Users[0].Email)
	caller, c, leg := s.ring(t, s.users["alice"])
	path := "/api/v1/calls/" + itoa(int64(c.ID)) + "/forward"
	res := alice.do(http.MethodPost, path, nil)
	wantStatus(t, res, http.StatusConflict)
	if _, msg, _ := res.errorBody(t); msg != "You have no forwarding number." {
		t.Fatalf("message = %q", msg)
	}
	const mobile = "+15005550123"
	if err := s.e.sb.SetParty(mobile, sandbox.Behaviour{Action: sandbox.ActAnswer, After: sandbox.Duration(3 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, admin.do(http.MethodPatch, "/api/v1/users/"+itoa(s.users["alice"]), map[string]string{"forwarding_number": mobile}), http.StatusOK)
	wantStatus(t, s.e.signIn(demo.Users[2].Email).do(http.MethodPost, path, nil), http.StatusNotFound)
	res = alice.do(http.MethodPost, path, nil)
	wantStatus(t, res, http.StatusOK)
	var got controlJSON
	res.decode(t, &got)
	if !got.Ended || got.LegSID == nil || *got.LegSID != leg.SID {
		t.Fatalf("forward answered %s: want the browser leg, ended", res.body)
	}
	s.advance(t, 10*time.Second)
	// Alice's tabs: ringing on her browser leg, ended by the forward, then
	// the call in progress with her on the forwarded leg — never ringing
	// on it (her device has no such call).
	list := inbox.until(func(list []event.Event) bool {
		evs := controlEvents(t, list)
		return len(evs) > 0 && evs[len(evs)-1].Status == call.InProgress
	})
	var shape []string
	for _, e := range controlEvents(t, list) {
		s := fmt.Sprintf("%s ringing=%v ended=%v browser=%v", e.Status, e.Ringing, e.Ended, e.LegSID != nil && *e.LegSID == leg.SID)
		if len(shape) == 0 || shape[len(shape)-1] != s { // the card's refresh (an auto-created contact) repeats one
			shape = append(shape, s)
		}
	}
	if want := []string{"ringing ringing=true ended=false browser=true", "ringing ringing=false ended=true browser=true",
		"in-progress ringing=false ended=false browser=false"}; strings.Join(shape, "; ") != strings.Join(want, "; ") {
		t.Fatalf("alice's call events:\n%s\nwant\n%s", strings.Join(shape, "\n"), strings.Join(want, "\n"))
	}
	rec, legs := s.record(t, caller)
	var fwd call.Leg
	for _, l := range legs {
		if l.ForwardTo == mobile {
			fwd = l
		}
	}
	if rec.Status != call.InProgress || int64(rec.AnsweredBy) != s.users["alice"] || fwd.Status != call.InProgress || legStatus(legs, leg.SID) != "canceled" {
		t.Fatalf("call %s answered by %d; legs %+v\n%s", rec.Status, rec.AnsweredBy, legs, s.transcript(t, caller))
	}
	tr := s.transcript(t, fwd.SID)
	if !strings.Contains(tr, "answered") || !strings.Contains(tr, "conference-join \"call-"+itoa(int64(c.ID))+"\"") {
		t.Fatalf("the forwarding number did not answer and join the caller's conference:\n%s", tr)
	}
	if tr := s.transcript(t, leg.SID); !strings.Contains(tr, "canceled") {
		t.Fatalf("the browser leg was not canceled at the carrier:\n%s", tr)
	}
	wantStatus(t, alice.do(http.MethodPost, path, nil), http.StatusConflict)
	var body struct {
		Legs []struct {
			ForwardTo string `json:"forward_to"`
			Status    string `json:"status"`
		} `json:"legs"`
	}
	res = admin.do(http.MethodGet, "/api/v1/calls/"+itoa(int64(c.ID)), nil)
	res.decode(t, &body)
	if len(body.Legs) != 2 || body.Legs[0].ForwardTo != "" || body.Legs[1].ForwardTo != mobile {
		t.Fatalf("the call record does not show the forward: %s", res.body)
	}
}

func legStatus(legs []call.Leg, sid string) string {
	for _, l := range legs {
		if l.SID == sid {
			return l.Status
		}
	}
	return ""
}

// TestForwardUnanswered: a forward that is not answered passes the call on
// as an unanswered ring does (R-IN-8: the direct association rings its
// sequence a second time).
func TestForwardUnanswered(t *testing.T) {
	t.Parallel()
	s, alice := deviceScenario(t)
	const mobile = "+15005550124"
	if err := s.e.sb.SetParty(mobile, sandbox.Behaviour{Action: sandbox.ActBusy}); err != nil {
		t.Fatal(err)
	}
	admin := s.e.signIn(demo.Users[0].Email)
	wantStatus(t, admin.do(http.MethodPatch, "/api/v1/users/"+itoa(s.users["alice"]), map[string]string{"forwarding_number": mobile}), http.StatusOK)
	caller, c, leg := s.ring(t, s.users["alice"])
	wantStatus(t, alice.do(http.MethodPost, "/api/v1/calls/"+itoa(int64(c.ID))+"/forward", nil), http.StatusOK)
	s.advance(t, 5*time.Second)
	_, legs := s.record(t, caller)
	var got []string
	for _, l := range legs {
		got = append(got, fmt.Sprintf("cycle %d %s %q", l.Cycle, l.Status, l.ForwardTo))
	}
	want := []string{`cycle 1 canceled ""`, `cycle 1 busy "` + mobile + `"`, `cycle 2 ringing ""`}
	if strings.Join(got, "; ") != strings.Join(want, "; ") || legs[0].SID != leg.SID {
		t.Fatalf("legs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
