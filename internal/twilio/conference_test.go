package twilio

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// TestConferenceAnnouncement finds a waiting caller's conference by name
// and announces to them over HTTP through the sandbox: the conference is
// init until someone starts it (wire facts §5 "Conference JSON"), and the
// announcement is requested with POST (AnnounceMethod's default).
func TestConferenceAnnouncement(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{})
	ctx := context.Background()
	var mu sync.Mutex
	var announced []string
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		switch r.URL.Path {
		case "/voice":
			w.Write([]byte(`<Response><Dial><Conference startConferenceOnEnter="false">call-7</Conference></Dial></Response>`))
		case "/announce":
			mu.Lock()
			announced = append(announced, r.Method)
			mu.Unlock()
			w.Write([]byte(`<Response><Say>Thank you for waiting.</Say></Response>`))
		}
	}))
	t.Cleanup(app.Close)
	avail, err := cl.AvailableNumbers(ctx, NumberQuery{Country: "US"})
	if err != nil {
		t.Fatal(err)
	}
	number, err := cl.BuyNumber(ctx, avail[0].PhoneNumber, Webhooks{VoiceURL: app.URL + "/voice"})
	if err != nil {
		t.Fatal(err)
	}
	sid, err := c.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: number.PhoneNumber, HangupAfter: sandbox.Duration(time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.sb.Advance(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	conf, err := cl.LiveConference(ctx, "call-7")
	if err != nil || !strings.HasPrefix(conf.SID, "CF") || conf.Status != "init" || conf.FriendlyName != "call-7" {
		t.Fatalf("LiveConference = %+v, %v; want call-7, init while the caller waits", conf, err)
	}
	if err := cl.AnnounceToParticipant(ctx, conf.SID, sid, app.URL+"/announce"); err != nil {
		t.Fatal(err)
	}
	c.sb.Settle()
	mu.Lock()
	got := strings.Join(announced, ",")
	mu.Unlock()
	if got != "POST" {
		t.Errorf("announcement requests = %q, want one POST", got)
	}

	tests := []struct {
		name string
		err  error
		kind problem.Kind
	}{
		{"no name", func() error { _, err := cl.LiveConference(ctx, ""); return err }(), problem.Invalid},
		{"no conference of that name", func() error { _, err := cl.LiveConference(ctx, "call-8"); return err }(), problem.NotFound},
		{"malformed conference SID", cl.AnnounceToParticipant(ctx, "call-7", sid, app.URL), problem.Invalid},
		{"malformed call SID", cl.AnnounceToParticipant(ctx, conf.SID, "CA12", app.URL), problem.Invalid},
		{"no URL", cl.AnnounceToParticipant(ctx, conf.SID, sid, ""), problem.Invalid},
		{"unknown conference", cl.AnnounceToParticipant(ctx, "CF"+strings.Repeat("0", 32), sid, app.URL), problem.NotFound},
		{"not a participant", cl.AnnounceToParticipant(ctx, conf.SID, "CA"+strings.Repeat("0", 32), app.URL), problem.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantProblem(t, tt.err, tt.kind)
		})
	}

	// Once the caller has left, the room is completed: it is no longer
	// live, and its name is free for a new conference.
	if err := c.sb.Advance(time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.LiveConference(ctx, "call-7"); !problem.Is(err, problem.NotFound) {
		t.Errorf("LiveConference after the conference ended: %v, want not found", err)
	}
	if _, err := c.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: number.PhoneNumber, HangupAfter: sandbox.Duration(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if err := c.sb.Advance(time.Second); err != nil {
		t.Fatal(err)
	}
	if again, err := cl.LiveConference(ctx, "call-7"); err != nil || again.SID == conf.SID || again.Status != "init" {
		t.Errorf("LiveConference for the reused name = %+v, %v; want the new conference", again, err)
	}
}
