package twilio

import (
	"context"
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/problem"
)

// TestCreateAndDeleteApplication creates a TwiML App at the sandbox
// carrier (https://www.twilio.com/docs/usage/api/applications#create-an-application-resource).
func TestCreateAndDeleteApplication(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{})
	ctx := context.Background()
	a, err := cl.CreateApplication(ctx, AppRequest{FriendlyName: "Switchboard outbound", VoiceURL: "https://sb.example/webhooks/twilio/voice/outbound",
		StatusCallback: "https://sb.example/webhooks/twilio/voice/outbound/leg"})
	if err != nil || !strings.HasPrefix(a.SID, "AP") || a.VoiceURL != "https://sb.example/webhooks/twilio/voice/outbound" ||
		a.StatusCallback != "https://sb.example/webhooks/twilio/voice/outbound/leg" || a.FriendlyName != "Switchboard outbound" {
		t.Fatalf("CreateApplication = %+v, %v", a, err)
	}
	if err := cl.DeleteApplication(ctx, a.SID); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, cl.DeleteApplication(ctx, a.SID), problem.NotFound)
	wantProblem(t, cl.DeleteApplication(ctx, "AP1"), problem.Invalid, "sid")
	_, err = cl.CreateApplication(ctx, AppRequest{FriendlyName: "no url"})
	wantProblem(t, err, problem.Invalid, "voice_url")
}
