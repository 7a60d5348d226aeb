package sandbox

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// TestRealClockZeroOptions runs a short call on New(Options{}): wall-clock
// time, the default webhook client, relative media URLs.
func TestRealClockZeroOptions(t *testing.T) {
	t.Parallel()
	sb := New(Options{})
	srv := httptest.NewServer(http.StripPrefix("/sandbox", sb.Handler()))
	t.Cleanup(srv.Close)
	t.Cleanup(sb.Close)
	acct := sb.CreateAccount("rt", "Full")
	app := newTwiMLApp(t, acct.AuthToken)
	api := newTwilioAPI(srv.URL+"/sandbox", acct.SID, acct.AuthToken)
	p := &openapi.CreateIncomingPhoneNumberParams{}
	p.SetPhoneNumber(ourNumber)
	p.SetVoiceUrl(app.page("/voice", `<Say>Hi</Say>`))
	if _, err := api.CreateIncomingPhoneNumber(p); err != nil {
		t.Fatal(err)
	}
	if err := sb.Advance(time.Second); err != ErrRealClock {
		t.Errorf("Advance on real time = %v, want ErrRealClock", err)
	}
	sid, err := sb.PlaceCall(CallScript{From: caller, To: ourNumber})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := sb.RunUntilEnded(context.Background(), sid, 10*time.Second)
	if err != nil || !sb.Ended(sid) || !hasInOrder(brief(tr, false), "answered", "say Hi", "ended completed") {
		t.Fatalf("real-time call (%v):\n%s", err, tr.Text())
	}
	if app.requests("/voice")[0].Valid != true {
		t.Error("signature rejected")
	}
}

func TestCloseEndsLiveCalls(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Enqueue>line</Enqueue>`))
	sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
	e.sb.Advance(time.Minute)
	e.sb.Close()
	e.sb.Settle()
	if !e.sb.Ended(sid) {
		t.Fatal("call still live after Close")
	}
	if qs, _ := e.api.ListQueue(nil); len(qs) != 1 || qs[0].CurrentSize != 0 {
		t.Errorf("queue still holds the caller: %+v", qs)
	}
}

func TestRedirectWhileRinging(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, "")
	e.app.page("/first", `<Say>first</Say>`)
	e.app.page("/second", `<Say>second</Say>`)
	e.sb.SetParty("+12125550123", Behaviour{Action: ActAnswer, After: Duration(10 * time.Second)})
	c := e.createCall("+12125550123", func(p *openapi.CreateCallParams) { p.SetUrl(e.app.url("/first")) })
	e.sb.Advance(3 * time.Second)
	up := &openapi.UpdateCallParams{}
	up.SetUrl(e.app.url("/second"))
	if _, err := e.api.UpdateCall(*c.Sid, up); err != nil {
		t.Fatal(err)
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), *c.Sid, time.Hour)
	if !hasInOrder(brief(tr, false), "answered +12125550123", "say second", "ended completed") || len(e.app.requests("/first")) != 0 {
		t.Errorf("transcript:\n%s", tr.Text())
	}
}

// TestFailingWaitURLGoesSilent: on the real clock, a waitUrl that cannot
// be fetched stops the music (the caller waits in silence) instead of
// being asked again as fast as the app answers.
func TestFailingWaitURLGoesSilent(t *testing.T) {
	t.Parallel()
	sb := New(Options{})
	srv := httptest.NewServer(http.StripPrefix("/sandbox", sb.Handler()))
	t.Cleanup(srv.Close)
	t.Cleanup(sb.Close)
	acct := sb.CreateAccount("rt", "Full")
	app := newTwiMLApp(t, acct.AuthToken)
	api := newTwilioAPI(srv.URL+"/sandbox", acct.SID, acct.AuthToken)
	broken := app.raw("/broken", http.StatusInternalServerError, "text/plain", "boom")
	p := &openapi.CreateIncomingPhoneNumberParams{}
	p.SetPhoneNumber(ourNumber)
	p.SetVoiceUrl(app.page("/voice", `<Enqueue waitUrl="`+broken+`">line</Enqueue>`))
	if _, err := api.CreateIncomingPhoneNumber(p); err != nil {
		t.Fatal(err)
	}
	if _, err := sb.PlaceCall(CallScript{From: caller, To: ourNumber}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if n := len(app.requests("/broken")); n != 1 {
		t.Fatalf("the failing waitUrl was asked %d times in half a second, want once", n)
	}
}
