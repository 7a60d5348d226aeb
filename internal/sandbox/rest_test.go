package sandbox

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

func restCode(t *testing.T, err error) int {
	t.Helper()
	var te *client.TwilioRestError
	if !errors.As(err, &te) {
		t.Fatalf("error %v is not a *client.TwilioRestError", err)
	}
	return te.Code
}

func TestAccountFetchType(t *testing.T) {
	t.Parallel()
	for _, typ := range []string{"Trial", "Full"} {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, typ)
			a, err := e.api.FetchAccount(e.acct.SID)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{*a.Sid, *a.Type, *a.Status, *a.AuthToken}
			want := []string{e.acct.SID, typ, "active", e.acct.AuthToken}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("account mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestAuthFailureIs20003(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	for name, api := range map[string]*openapi.ApiService{
		"wrong token":   newTwilioAPI(e.srv.URL+"/sandbox", e.acct.SID, "0123456789abcdef0123456789abcdef"),
		"other account": newTwilioAPI(e.srv.URL+"/sandbox", "AC0123456789abcdef0123456789abcdef", e.acct.AuthToken),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := api.FetchAccount(e.acct.SID)
			if got := restCode(t, err); got != 20003 {
				t.Errorf("code = %d, want 20003", got)
			}
		})
	}
}

func TestNumbersLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	lp := &openapi.ListAvailablePhoneNumberLocalParams{}
	lp.SetAreaCode(415)
	lp.SetContains("55501*3")
	lp.SetVoiceEnabled(true)
	lp.SetLimit(5)
	avail, err := e.api.ListAvailablePhoneNumberLocal("US", lp)
	if err != nil {
		t.Fatal(err)
	}
	if len(avail) == 0 {
		t.Fatal("no available numbers in 415")
	}
	for _, a := range avail {
		if (*a.PhoneNumber)[:5] != "+1415" || (*a.PhoneNumber)[10] != '3' && (*a.PhoneNumber)[11] != '3' {
			t.Errorf("number %s does not match AreaCode 415 / Contains 55501*3", *a.PhoneNumber)
		}
	}
	phone := *avail[0].PhoneNumber
	sid := e.buy(phone, "https://example.com/voice")
	up := &openapi.UpdateIncomingPhoneNumberParams{}
	up.SetVoiceUrl("https://example.com/v2")
	up.SetVoiceFallbackUrl("https://example.com/fb")
	up.SetStatusCallback("https://example.com/status")
	up.SetSmsUrl("https://example.com/sms")
	n, err := e.api.UpdateIncomingPhoneNumber(sid, up)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{*n.PhoneNumber, *n.VoiceUrl, *n.VoiceFallbackUrl, *n.StatusCallback, *n.SmsUrl, *n.VoiceMethod}
	want := []string{phone, "https://example.com/v2", "https://example.com/fb", "https://example.com/status", "https://example.com/sms", "POST"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("updated number mismatch (-want +got):\n%s", d)
	}
	if !n.Capabilities.Voice || !n.Capabilities.Sms {
		t.Errorf("capabilities = %+v, want voice and sms", n.Capabilities)
	}
	list, err := e.api.ListIncomingPhoneNumber(&openapi.ListIncomingPhoneNumberParams{})
	if err != nil || len(list) != 1 || *list[0].Sid != sid {
		t.Fatalf("list = %v, %v; want the one number", list, err)
	}
	again := &openapi.ListAvailablePhoneNumberLocalParams{}
	again.SetContains(phone[2:])
	left, _ := e.api.ListAvailablePhoneNumberLocal("US", again)
	if len(left) != 0 {
		t.Errorf("bought number %s is still listed as available", phone)
	}
	if err := e.api.DeleteIncomingPhoneNumber(sid, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.api.FetchIncomingPhoneNumber(sid, nil); restCode(t, err) != 20404 {
		t.Errorf("fetch after delete: %v, want 20404", err)
	}
}

func TestAvailableFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	cases := []struct {
		name    string
		country string
		kind    string
		query   string
		prefix  string
		empty   bool
	}{
		{"us local area code", "US", "Local", "AreaCode=212", "+1212", false},
		{"us toll free", "US", "TollFree", "Contains=800", "+1800", false},
		{"gb mobile sms", "GB", "Mobile", "SmsEnabled=true", "+447700", false},
		{"gb local has no sms", "GB", "Local", "SmsEnabled=true", "", true},
		{"letters map to keypad digits", "US", "Local", "Contains=JKL01", "+1", false},
		{"no stock number contains 999", "US", "Local", "Contains=WWW", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var body struct {
				Numbers []struct {
					PhoneNumber string `json:"phone_number"`
				} `json:"available_phone_numbers"`
			}
			e.getJSON("/AvailablePhoneNumbers/"+tc.country+"/"+tc.kind+".json?"+tc.query, &body)
			if tc.empty != (len(body.Numbers) == 0) {
				t.Fatalf("got %d numbers, want empty=%v", len(body.Numbers), tc.empty)
			}
			for _, n := range body.Numbers {
				if n.PhoneNumber[:len(tc.prefix)] != tc.prefix {
					t.Errorf("%s does not start with %s", n.PhoneNumber, tc.prefix)
				}
			}
		})
	}
}

func TestTrialAccountLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Trial")
	e.buy("+14155550100", "")
	p := &openapi.CreateIncomingPhoneNumberParams{}
	p.SetPhoneNumber("+14155550101")
	_, err := e.api.CreateIncomingPhoneNumber(p)
	// Twilio error 10002: a trial account may own one number (wire facts §9).
	if got := restCode(t, err); got != 10002 {
		t.Errorf("second number: code %d, want 10002", got)
	}
	cases := []struct {
		name string
		run  func() error
		code int
	}{
		{"call to unverified number 21608", func() error {
			cp := &openapi.CreateCallParams{}
			cp.SetTo("+15005550006")
			cp.SetFrom("+14155550100")
			cp.SetUrl("https://example.com")
			_, err := e.api.CreateCall(cp)
			return err
		}, 21608},
		{"sms to unverified number 21608", func() error {
			mp := &openapi.CreateMessageParams{}
			mp.SetTo("+15005550006")
			mp.SetFrom("+14155550100")
			mp.SetBody("hi")
			_, err := e.api.CreateMessage(mp)
			return err
		}, 21608},
		{"sms from a number not owned 21606", func() error {
			mp := &openapi.CreateMessageParams{}
			mp.SetTo("+15005550006")
			mp.SetFrom("+14155550199")
			mp.SetBody("hi")
			_, err := e.api.CreateMessage(mp)
			return err
		}, 21606},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := restCode(t, tc.run()); got != tc.code {
				t.Errorf("code = %d, want %d", got, tc.code)
			}
		})
	}
}

func TestCallCreateErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy("+14155550100", "")
	cases := []struct {
		name, to, from, url, twiml string
		code                       int
	}{
		{"invalid To 21211", "5551234567", "+14155550100", "https://x.test", "", 21211},
		{"From not owned 21210", "+12125550100", "+12125550199", "https://x.test", "", 21210},
		{"Twiml over 4000 chars 32018", "+12125550100", "+14155550100", "", "<Response>" + string(make([]byte, 4000)) + "</Response>", 32018},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := &openapi.CreateCallParams{}
			p.SetTo(tc.to)
			p.SetFrom(tc.from)
			if tc.url != "" {
				p.SetUrl(tc.url)
			}
			if tc.twiml != "" {
				p.SetTwiml(tc.twiml)
			}
			_, err := e.api.CreateCall(p)
			if got := restCode(t, err); got != tc.code {
				t.Errorf("code = %d, want %d", got, tc.code)
			}
		})
	}
	if _, err := e.api.FetchCall("CA0123456789abcdef0123456789abcdef", nil); restCode(t, err) != 20404 {
		t.Errorf("fetch unknown call: want 20404")
	}
}

func TestErrorBodyShape(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	req, _ := http.NewRequest("GET", e.srv.URL+"/sandbox/2010-04-01/Accounts/"+e.acct.SID+"/Calls/CA0123456789abcdef0123456789abcdef.json", nil)
	req.SetBasicAuth(e.acct.SID, e.acct.AuthToken)
	var got map[string]any
	status := e.doJSON(req, &got)
	want := map[string]any{"code": float64(20404), "status": float64(404), "more_info": "https://www.twilio.com/docs/errors/20404",
		"message": "The requested resource /2010-04-01/Accounts/" + e.acct.SID + "/Calls/CA0123456789abcdef0123456789abcdef.json was not found"}
	if status != 404 {
		t.Errorf("HTTP status %d, want 404", status)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("error body mismatch (-want +got):\n%s", d)
	}
}
