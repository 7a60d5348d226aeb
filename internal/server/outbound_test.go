package server_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	gojwt "github.com/golang-jwt/jwt/v5"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// customer is the number agents call in these tests.
const customer = "+14155550123"

type placedJSON struct {
	Call struct {
		ID        int64   `json:"id"`
		Direction string  `json:"direction"`
		From      string  `json:"from"`
		To        string  `json:"to"`
		RecordID  *int64  `json:"record_id"`
		LegSID    *string `json:"leg_sid"`
	} `json:"call"`
	Device  string `json:"device"`
	Connect *struct {
		Params map[string]string `json:"params"`
	} `json:"connect"`
}

type callJSON struct {
	ID         int64  `json:"id"`
	Direction  string `json:"direction"`
	From       string `json:"from"`
	To         string `json:"to"`
	RecordID   *int64 `json:"record_id"`
	Status     string `json:"status"`
	Outcome    string `json:"outcome"`
	AnsweredBy *int64 `json:"answered_by"`
	Legs       []struct {
		UserID    int64  `json:"user_id"`
		Status    string `json:"status"`
		ForwardTo string `json:"forward_to"`
	} `json:"legs"`
}

// outboundScenario is alice mapped to the org's number as her caller ID,
// an operator with outgoing calls on, her sandbox device registered.
func outboundScenario(t *testing.T) (*scenario, *client) {
	t.Helper()
	s, alice := deviceScenario(t)
	admin := s.e.signIn(demo.Users[0].Email)
	num := "/api/v1/numbers/" + itoa(s.number.ID)
	wantStatus(t, admin.do(http.MethodPatch, num, map[string]any{"outgoing_enabled": true}), http.StatusOK)
	wantStatus(t, admin.do(http.MethodPut, num+"/operators", map[string]any{"operators": []map[string]any{
		{"user_id": s.users["alice"], "outgoing": true, "recording": false}}}), http.StatusOK)
	wantStatus(t, admin.do(http.MethodPut, "/api/v1/users/"+itoa(s.users["alice"])+"/caller-id", map[string]any{"number_id": s.number.ID}), http.StatusOK)
	s.party(t, customer, "answer@2s")
	return s, alice
}

func (s *scenario) party(t *testing.T, address, behaviour string) {
	t.Helper()
	b, err := sandbox.ParseBehaviour(behaviour)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.e.sb.SetParty(address, b); err != nil {
		t.Fatal(err)
	}
}

func (c *client) place(t *testing.T, body map[string]any) (placedJSON, response) {
	t.Helper()
	res := c.do(http.MethodPost, "/api/v1/calls", body)
	var p placedJSON
	if res.status == http.StatusCreated {
		res.decode(t, &p)
	}
	return p, res
}

func (c *client) callLog(t *testing.T, id int64) callJSON {
	t.Helper()
	res := c.do(http.MethodGet, "/api/v1/calls/"+itoa(id), nil)
	wantStatus(t, res, http.StatusOK)
	var out callJSON
	res.decode(t, &out)
	return out
}

// liveLeg is the sandbox's live leg to or from party that the carrier
// placed (outbound-api), or for a client the leg its device placed.
func (s *scenario) liveLeg(t *testing.T, party string) sandbox.Leg {
	t.Helper()
	var legs []sandbox.Leg
	for _, l := range s.e.sb.Legs(party, true) {
		if strings.HasPrefix(party, "client:") || l.Direction == "outbound-api" {
			legs = append(legs, l)
		}
	}
	if len(legs) != 1 {
		t.Fatalf("live legs of %s = %+v, want one", party, legs)
	}
	return legs[0]
}

// TestOutboundBrowserCall: a browser call from alice's sandbox device
// reaches the customer from her mapped number; both meet in the call's
// conference; her hang-up ends it, logged outbound and answered on the
// record (R-OUT-1, R-OUT-4). The device's call is a Voice SDK call to the
// TwiML App (https://www.twilio.com/docs/voice/sdks/javascript/twiliodevice#deviceconnectconnectoptions).
func TestOutboundBrowserCall(t *testing.T) {
	t.Parallel()
	s, alice := outboundScenario(t)
	record := s.callerRecordFor(t, alice, customer)
	p, res := alice.place(t, map[string]any{"to": "(415) 555-0123", "record_id": record})
	wantStatus(t, res, http.StatusCreated)
	if p.Device != "sandbox" || p.Connect != nil || p.Call.Direction != "outbound" || p.Call.From != s.number.E164 || p.Call.To != customer {
		t.Fatalf("placed = %s", res.body)
	}
	s.advance(t, 5*time.Second)
	agent := s.liveLeg(t, "client:"+callflow.AgentIdentity(s.users["alice"]))
	cust := s.liveLeg(t, customer)
	if cust.From != s.number.E164 || cust.Status != "in-progress" || agent.Status != "in-progress" {
		t.Fatalf("agent leg %+v, customer leg %+v: want both in progress, the customer called from %s", agent, cust, s.number.E164)
	}
	conf := callflow.ConferenceName(callIDOf(p))
	for _, sid := range []string{agent.Sid, cust.Sid} {
		if tr := s.transcript(t, sid); !strings.Contains(tr, conf) {
			t.Fatalf("leg %s is not in conference %s:\n%s", sid, conf, tr)
		}
	}
	got := alice.callLog(t, p.Call.ID)
	if got.Status != "in-progress" || got.AnsweredBy == nil || *got.AnsweredBy != s.users["alice"] {
		t.Fatalf("call while talking = %+v", got)
	}
	wantStatus(t, act(alice, agent.Sid, "hangup", ""), http.StatusAccepted)
	s.advance(t, 5*time.Second)
	got = alice.callLog(t, p.Call.ID)
	if got.Direction != "outbound" || got.Status != "completed" || got.Outcome != "answered" || got.RecordID == nil || *got.RecordID != record ||
		got.From != s.number.E164 || got.To != customer {
		t.Fatalf("logged call = %+v", got)
	}
	if legs := s.e.sb.Legs(customer, true); len(legs) != 0 {
		t.Fatalf("a leg is still on the line: %+v", legs)
	}
	// The agent is free again: a second call is placed.
	if _, res := alice.place(t, map[string]any{"to": customer}); res.status != http.StatusCreated {
		t.Fatalf("second call after hanging up: %d %s", res.status, res.body)
	}
}

func callIDOf(p placedJSON) call.ID { return call.ID(p.Call.ID) }

// callerRecordFor creates a contact with number and returns its id.
func (s *scenario) callerRecordFor(t *testing.T, c *client, number string) int64 {
	t.Helper()
	res := c.do(http.MethodPost, "/api/v1/contacts", map[string]any{"last_name": "Martin", "first_name": "Simon",
		"phones": []map[string]string{{"label": "work", "number": number}}})
	wantStatus(t, res, http.StatusCreated)
	var r struct {
		ID int64 `json:"id"`
	}
	res.decode(t, &r)
	return r.ID
}

// TestOutboundCallMeFirst: "call me first" rings the agent's forwarding
// number before the customer (R-OUT-5); both then meet in the conference.
func TestOutboundCallMeFirst(t *testing.T) {
	t.Parallel()
	const mobile = "+14155550177"
	s, alice := callMeFirstScenario(t, mobile, "answer@3s")
	p, res := alice.place(t, map[string]any{"to": customer, "via": "phone"})
	wantStatus(t, res, http.StatusCreated)
	s.advance(t, 2*time.Second)
	if legs := s.e.sb.Legs(customer, false); len(legs) != 0 {
		t.Fatalf("the customer rang before the agent's phone answered: %+v", legs)
	}
	ag := s.liveLeg(t, mobile)
	if ag.From != s.number.E164 {
		t.Fatalf("forwarding leg %+v: want it from %s", ag, s.number.E164)
	}
	s.advance(t, 5*time.Second)
	cust := s.liveLeg(t, customer)
	if cust.Status != "in-progress" || cust.From != s.number.E164 {
		t.Fatalf("customer leg = %+v", cust)
	}
	got := alice.callLog(t, p.Call.ID)
	if got.Status != "in-progress" || len(got.Legs) != 1 || got.Legs[0].ForwardTo != mobile {
		t.Fatalf("call = %+v", got)
	}
	s.e.sb.Close()
	s.advance(t, 5*time.Second)
	if got := alice.callLog(t, p.Call.ID); got.Status != "completed" || got.Outcome != "answered" {
		t.Fatalf("ended call = %+v", got)
	}
}

// TestOutboundRefused: a dial that cannot go through is refused with the
// reason, and nothing is written or dialled (R-OUT-4, R-NUM-5, R-NUM-6).
func TestOutboundRefused(t *testing.T) {
	t.Parallel()
	s, alice := outboundScenario(t)
	admin := s.e.signIn(demo.Users[0].Email)
	num := "/api/v1/numbers/" + itoa(s.number.ID)
	aliceCID := "/api/v1/users/" + itoa(s.users["alice"]) + "/caller-id"
	ops := func(outgoing bool) map[string]any {
		return map[string]any{"operators": []map[string]any{{"user_id": s.users["alice"], "outgoing": outgoing, "recording": false}}}
	}
	tests := []struct {
		name        string
		body        map[string]any
		before      func(t *testing.T)
		after       func(t *testing.T)
		status      int
		field, text string
	}{
		{name: "impossible number", body: map[string]any{"to": "12"}, status: http.StatusUnprocessableEntity, field: "to"},
		{name: "bad country", body: map[string]any{"to": "020 7946 0018", "country": "XX"}, status: http.StatusUnprocessableEntity, field: "country"},
		{name: "bad via", body: map[string]any{"to": customer, "via": "pigeon"}, status: http.StatusUnprocessableEntity, field: "via"},
		{name: "another org's or no record", body: map[string]any{"to": customer, "record_id": 999999}, status: http.StatusUnprocessableEntity, field: "record_id"},
		{name: "no forwarding number for call me first", body: map[string]any{"to": customer, "via": "phone"}, status: http.StatusConflict,
			text: "You have no forwarding number."},
		{name: "no mapped number", body: map[string]any{"to": customer}, status: http.StatusConflict, text: "no caller ID number",
			before: func(t *testing.T) {
				wantStatus(t, admin.do(http.MethodPut, aliceCID, map[string]any{"number_id": nil}), http.StatusOK)
			},
			after: func(t *testing.T) {
				wantStatus(t, admin.do(http.MethodPut, aliceCID, map[string]any{"number_id": s.number.ID}), http.StatusOK)
			}},
		{name: "number's outgoing switch off", body: map[string]any{"to": customer}, status: http.StatusConflict, text: "Outgoing calls are off on " + s.number.E164,
			before: func(t *testing.T) {
				wantStatus(t, admin.do(http.MethodPatch, num, map[string]any{"outgoing_enabled": false}), http.StatusOK)
			},
			after: func(t *testing.T) {
				wantStatus(t, admin.do(http.MethodPatch, num, map[string]any{"outgoing_enabled": true}), http.StatusOK)
			}},
		{name: "operator's outgoing switch off", body: map[string]any{"to": customer}, status: http.StatusConflict, text: "Your outgoing calls on",
			before: func(t *testing.T) {
				wantStatus(t, admin.do(http.MethodPut, num+"/operators", ops(false)), http.StatusOK)
			},
			after: func(t *testing.T) {
				wantStatus(t, admin.do(http.MethodPut, num+"/operators", ops(true)), http.StatusOK)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before != nil {
				tt.before(t)
			}
			if tt.after != nil {
				defer tt.after(t)
			}
			calls, records := s.count(t, "calls"), s.count(t, "records")
			_, res := alice.place(t, tt.body)
			wantStatus(t, res, tt.status)
			_, msg, fields := res.errorBody(t)
			if _, ok := fields[tt.field]; tt.field != "" && !ok || !strings.Contains(msg, tt.text) {
				t.Fatalf("error %s: want field %q, message containing %q", res.body, tt.field, tt.text)
			}
			if s.count(t, "calls") != calls || s.count(t, "records") != records || len(s.e.sb.Legs(customer, false)) != 0 {
				t.Fatalf("a refused dial wrote or dialled something")
			}
		})
	}
	t.Run("already on a call", func(t *testing.T) {
		s.party(t, customer, "manual")
		if _, res := alice.place(t, map[string]any{"to": customer}); res.status != http.StatusCreated {
			t.Fatalf("first call: %d %s", res.status, res.body)
		}
		s.advance(t, 2*time.Second)
		calls := s.count(t, "calls")
		_, res := alice.place(t, map[string]any{"to": "+14155550144"})
		wantStatus(t, res, http.StatusConflict)
		if _, msg, _ := res.errorBody(t); !strings.Contains(msg, "already on a call") {
			t.Fatalf("message = %s", res.body)
		}
		if s.count(t, "calls") != calls || len(s.e.sb.Legs("+14155550144", false)) != 0 {
			t.Fatal("the refused second call wrote or dialled something")
		}
	})
}

func (s *scenario) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := s.e.st.DB().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOutboundUnknownNumber: dialling a number no record has creates a
// contact for it when the org auto-creates contacts (R-OUT-6).
func TestOutboundUnknownNumber(t *testing.T) {
	t.Parallel()
	s, alice := outboundScenario(t)
	const unknown = "+14155550166"
	s.party(t, unknown, "answer@1s")
	if n := s.recordsWithPhone(t, unknown); n != 0 {
		t.Fatalf("%d records have the number before the call", n)
	}
	p, res := alice.place(t, map[string]any{"to": unknown})
	wantStatus(t, res, http.StatusCreated)
	if n := s.recordsWithPhone(t, unknown); n != 1 || p.Call.RecordID == nil {
		t.Fatalf("%d records with the number, call record %v: want a contact created and the call on it", n, p.Call.RecordID)
	}
}

// TestOutboundTokenGrant: a twilio device's token carries the provider's
// TwiML App, created at the carrier once, pointing at the outbound voice
// webhook (https://www.twilio.com/docs/iam/access-tokens#create-a-voice-access-token).
func TestOutboundTokenGrant(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signIn(demo.Users[0].Email)
	bob := e.demoUserID(demo.Users[2].Email)
	p, res := admin.twilioProvider("Full", bob)
	wantStatus(t, res, http.StatusCreated)
	agent := e.signIn(demo.Users[2].Email)
	var apps []string
	for range 2 {
		d, res := agent.softphone()
		wantStatus(t, res, http.StatusOK)
		claims := gojwt.MapClaims{}
		if _, _, err := gojwt.NewParser().ParseUnverified(*d.Token, claims); err != nil {
			t.Fatal(err)
		}
		grants, _ := claims["grants"].(map[string]any)
		voice, _ := grants["voice"].(map[string]any)
		outgoing, _ := voice["outgoing"].(map[string]any)
		sid, _ := outgoing["application_sid"].(string)
		apps = append(apps, sid)
	}
	var stored string
	e.st.DB().QueryRow(`SELECT twiml_app_sid FROM providers WHERE id = $1`, p.ID).Scan(&stored)
	if !strings.HasPrefix(apps[0], "AP") || apps[0] != apps[1] || stored != apps[0] {
		t.Fatalf("grant apps %v, stored %q: want one app, created once", apps, stored)
	}
	var list struct {
		Applications []struct {
			Sid      string `json:"sid"`
			VoiceURL string `json:"voice_url"`
		} `json:"applications"`
	}
	req, _ := http.NewRequest(http.MethodGet, e.url+"/sandbox/2010-04-01/Accounts/"+p.AccountSID+"/Applications.json", nil)
	req.SetBasicAuth(p.AccountSID, e.authToken(p))
	hres, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer hres.Body.Close()
	r := response{status: hres.StatusCode}
	r.body, _ = io.ReadAll(hres.Body)
	wantStatus(t, r, http.StatusOK)
	r.decode(t, &list)
	if len(list.Applications) != 1 || list.Applications[0].Sid != stored || !strings.HasSuffix(list.Applications[0].VoiceURL, callflow.PathOutbound) {
		t.Fatalf("carrier applications = %+v", list)
	}
}

// TestOutboundTwilioDeviceNeverConnects: a twilio device is given the
// params to connect with; a call it never connects is closed by the sweep
// (the customer was never dialled) and the agent is free again.
func TestOutboundTwilioDeviceNeverConnects(t *testing.T) {
	t.Parallel()
	s := newScenario(t, ringAlice, nil, nil)
	admin := s.e.signIn(demo.Users[0].Email)
	var providerID int64
	if err := s.e.st.DB().QueryRow(`SELECT provider_id FROM numbers WHERE id = $1`, s.number.ID).Scan(&providerID); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, admin.do(http.MethodPost, "/api/v1/providers/"+itoa(providerID)+"/users", map[string]any{"user_ids": []int64{s.users["alice"]}}), http.StatusOK)
	num := "/api/v1/numbers/" + itoa(s.number.ID)
	wantStatus(t, admin.do(http.MethodPut, num+"/operators", map[string]any{"operators": []map[string]any{
		{"user_id": s.users["alice"], "outgoing": true, "recording": false}}}), http.StatusOK)
	wantStatus(t, admin.do(http.MethodPut, "/api/v1/users/"+itoa(s.users["alice"])+"/caller-id", map[string]any{"number_id": s.number.ID}), http.StatusOK)
	alice := s.e.signIn(demo.Users[1].Email)
	p, res := alice.place(t, map[string]any{"to": customer})
	wantStatus(t, res, http.StatusCreated)
	if p.Device != "twilio" || p.Connect == nil || p.Connect.Params["To"] != customer || p.Connect.Params["call_id"] != itoa(p.Call.ID) {
		t.Fatalf("placed = %s", res.body)
	}
	if _, res := alice.place(t, map[string]any{"to": customer}); res.status != http.StatusConflict {
		t.Fatalf("a second call while the first is being placed: %d %s", res.status, res.body)
	}
	s.advance(t, call.SweepAfter+call.SweepEvery+time.Minute)
	if got := alice.callLog(t, p.Call.ID); got.Status != "completed" || got.Outcome != "missed" {
		t.Fatalf("call never connected = %+v", got)
	}
	if len(s.e.sb.Legs(customer, false)) != 0 {
		t.Fatal("the customer was dialled though the agent never connected")
	}
}

// TestOutboundRecording: with the number's and the operator's recording
// switches on, the customer hears the org's announcement and the
// conference is recorded (R-OUT-7, R-IN-17); with the operator's off it
// is not (https://www.twilio.com/docs/voice/twiml/conference#record).
func TestOutboundRecording(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		operator bool
		want     bool
	}{
		{"both switches on", true, true},
		{"operator's switch off", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, alice := outboundScenario(t)
			admin := s.e.signIn(demo.Users[0].Email)
			num := "/api/v1/numbers/" + itoa(s.number.ID)
			wantStatus(t, admin.do(http.MethodPatch, num, map[string]any{"recording_enabled": true}), http.StatusOK)
			wantStatus(t, admin.do(http.MethodPut, num+"/operators", map[string]any{"operators": []map[string]any{
				{"user_id": s.users["alice"], "outgoing": true, "recording": tt.operator}}}), http.StatusOK)
			_, res := alice.place(t, map[string]any{"to": customer})
			wantStatus(t, res, http.StatusCreated)
			s.advance(t, 5*time.Second)
			cust := s.liveLeg(t, customer)
			agent := s.liveLeg(t, "client:"+callflow.AgentIdentity(s.users["alice"]))
			announced := strings.Contains(s.transcript(t, cust.Sid), "This call may be recorded")
			recorded := strings.Contains(strings.ToLower(s.transcript(t, agent.Sid)), "record")
			if announced != tt.want || recorded != tt.want {
				t.Fatalf("announced %v, recorded %v, want %v\ncustomer:\n%s\nagent:\n%s", announced, recorded, tt.want,
					s.transcript(t, cust.Sid), s.transcript(t, agent.Sid))
			}
		})
	}
}
