package sandbox

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// TestVoiceSDKOutgoingCall: a browser softphone call reaches the TwiML
// App's voice URL as From=client:<identity>, Direction=inbound, with
// ApplicationSid and each connect parameter (wire facts §1).
func TestVoiceSDKOutgoingCall(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, "")
	e.app.handle("/app-voice", func(v url.Values) (int, string) {
		return 200, `<Response><Dial callerId="` + ourNumber + `"><Number>` + v.Get("To") + `</Number></Dial></Response>`
	})
	ap := &openapi.CreateApplicationParams{}
	ap.SetFriendlyName("softphone")
	ap.SetVoiceUrl(e.app.url("/app-voice"))
	app, err := e.api.CreateApplication(ap)
	if err != nil {
		t.Fatal(err)
	}
	e.sb.SetParty("+12125550123", Behaviour{Action: ActAnswer, After: Duration(3 * time.Second), HangupAfter: Duration(20 * time.Second)})
	tr := e.call(CallScript{From: "client:alice", ApplicationSid: *app.Sid, Params: map[string]string{"To": "+12125550123", "contact": "42"}})
	reqs := e.app.requests("/app-voice")
	if len(reqs) != 1 || !reqs[0].Valid {
		t.Fatalf("app voice URL requests = %+v", reqs)
	}
	f := reqs[0].Form
	got := map[string]string{}
	for _, k := range []string{"From", "Caller", "To", "Direction", "ApplicationSid", "contact", "CallStatus"} {
		got[k] = f.Get(k)
	}
	want := map[string]string{"From": "client:alice", "Caller": "client:alice", "To": "+12125550123", "Direction": "inbound",
		"ApplicationSid": *app.Sid, "contact": "42", "CallStatus": "ringing"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("SDK call webhook mismatch (-want +got):\n%s", d)
	}
	if !hasInOrder(brief(tr, false), "ring +12125550123", "answered +12125550123", "bridged +12125550123", "hangup +12125550123", "ended completed") {
		t.Errorf("transcript:\n%s", tr.Text())
	}
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	kp := &openapi.CreateNewKeyParams{}
	kp.SetFriendlyName("softphone tokens")
	k, err := e.api.CreateNewKey(kp)
	if err != nil || len(*k.Secret) != 32 || (*k.Sid)[:2] != "SK" {
		t.Fatalf("CreateNewKey = %+v, %v", k, err)
	}
	var fetched map[string]any
	e.getJSON("/Keys/"+*k.Sid+".json", &fetched)
	if _, shown := fetched["secret"]; shown || fetched["friendly_name"] != "softphone tokens" {
		t.Errorf("fetched key = %v; the secret is only returned on create", fetched)
	}
	keyed := newTwilioAPIAccount(e.srv.URL+"/sandbox", *k.Sid, *k.Secret, e.acct.SID)
	if a, err := keyed.FetchAccount(e.acct.SID); err != nil || *a.Sid != e.acct.SID {
		t.Errorf("API key auth: %+v, %v", a, err)
	}
	if err := e.api.DeleteKey(*k.Sid, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := keyed.FetchAccount(e.acct.SID); restCode(t, err) != 20003 {
		t.Errorf("deleted key still authenticates")
	}
}

// TestNumberVoiceApplication: a number's VoiceApplicationSid overrides its
// VoiceUrl (wire facts §5 IncomingPhoneNumbers).
func TestNumberVoiceApplication(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	ap := &openapi.CreateApplicationParams{}
	ap.SetVoiceUrl(e.app.page("/app-voice", `<Say>from the app</Say>`))
	ap.SetSmsUrl(e.app.page("/app-sms", `<Message>app reply</Message>`))
	app, err := e.api.CreateApplication(ap)
	if err != nil {
		t.Fatal(err)
	}
	sid := e.buy(ourNumber, e.app.page("/voice", `<Say>from the number</Say>`))
	up := &openapi.UpdateIncomingPhoneNumberParams{}
	up.SetVoiceApplicationSid(*app.Sid)
	up.SetSmsApplicationSid(*app.Sid)
	n, err := e.api.UpdateIncomingPhoneNumber(sid, up)
	if err != nil || *n.VoiceApplicationSid != *app.Sid {
		t.Fatalf("update = %+v, %v", n, err)
	}
	tr := e.call(CallScript{From: caller, To: ourNumber})
	if !hasInOrder(brief(tr, false), "say from the app") || len(e.app.requests("/voice")) != 0 {
		t.Errorf("transcript:\n%s", tr.Text())
	}
	if _, err := e.sb.SendSMS(context.Background(), caller, ourNumber, "hi"); err != nil || len(e.app.requests("/app-sms")) != 1 {
		t.Errorf("SMS did not reach the app's SmsUrl: %v", err)
	}
	bad := &openapi.UpdateIncomingPhoneNumberParams{}
	bad.SetVoiceApplicationSid("AP0123456789abcdef0123456789abcdef")
	if _, err := e.api.UpdateIncomingPhoneNumber(sid, bad); restCode(t, err) != 20001 {
		t.Errorf("unknown application accepted")
	}
}

func TestCreateCallWithApplicationSid(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, "")
	ap := &openapi.CreateApplicationParams{}
	ap.SetVoiceUrl(e.app.page("/app-voice", `<Say>app speaking</Say>`))
	app, _ := e.api.CreateApplication(ap)
	c := e.createCall("+12125550123", func(p *openapi.CreateCallParams) { p.SetApplicationSid(*app.Sid) })
	tr, _ := e.sb.RunUntilEnded(context.Background(), *c.Sid, time.Hour)
	if !hasInOrder(brief(tr, false), "answered +12125550123", "say app speaking", "ended completed") {
		t.Errorf("transcript:\n%s", tr.Text())
	}
}
