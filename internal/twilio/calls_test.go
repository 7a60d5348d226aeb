package twilio

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/sandbox"
)

func TestCreateAndEndCall(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{})
	ctx := context.Background()
	avail, err := cl.AvailableNumbers(ctx, NumberQuery{Country: "US"})
	if err != nil {
		t.Fatal(err)
	}
	from, err := cl.BuyNumber(ctx, avail[0].PhoneNumber, Webhooks{})
	if err != nil {
		t.Fatal(err)
	}
	twiml := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<Response><Pause length="30"/></Response>`))
	}))
	t.Cleanup(twiml.Close)
	if err := c.sb.SetParty("client:alice", sandbox.Behaviour{Action: "manual"}); err != nil {
		t.Fatal(err)
	}
	call, err := cl.CreateCall(ctx, CallRequest{To: "client:alice", From: from.PhoneNumber, URL: twiml.URL, Timeout: 20,
		StatusCallback: twiml.URL + "/status", StatusCallbackEvents: []string{"initiated", "ringing", "answered", "completed"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(call.SID, "CA") || call.To != "client:alice" || call.Status != "queued" {
		t.Fatalf("created call = %+v (Twilio answers a new call as queued, wire facts §5)", call)
	}
	if err := cl.RedirectCall(ctx, call.SID, twiml.URL+"/next"); err != nil {
		t.Fatalf("redirect a ringing call: %v", err)
	}
	if err := cl.EndCall(ctx, call.SID, "canceled"); err != nil {
		t.Fatalf("cancel a ringing call: %v", err)
	}
	c.sb.Settle()
	if got, err := cl.FetchCall(ctx, call.SID); err != nil || got.Status != "canceled" {
		t.Fatalf("FetchCall after cancel = %+v, %v", got, err)
	}

	tests := []struct {
		name string
		err  error
		kind problem.Kind
	}{
		{"missing to", func() error {
			_, err := cl.CreateCall(ctx, CallRequest{From: from.PhoneNumber, URL: twiml.URL})
			return err
		}(), problem.Invalid},
		{"malformed sid", cl.EndCall(ctx, "CA12", "completed"), problem.Invalid},
		{"bad status", cl.EndCall(ctx, call.SID, "paused"), problem.Invalid},
		{"unknown call", cl.EndCall(ctx, "CA"+strings.Repeat("0", 32), "completed"), problem.NotFound},
		{"from a number the account does not own (21210)", func() error {
			_, err := cl.CreateCall(ctx, CallRequest{To: "client:alice", From: "+15005550000", URL: twiml.URL})
			return err
		}(), problem.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantProblem(t, tt.err, tt.kind)
		})
	}
}
