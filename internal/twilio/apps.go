package twilio

import (
	"context"

	"github.com/switchboard/switchboard/internal/problem"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// Application is a TwiML App of the account: the voice URL that calls the
// Voice SDK places run (https://www.twilio.com/docs/usage/api/applications).
type Application struct {
	SID, FriendlyName, VoiceURL, StatusCallback string
}

// AppRequest creates a TwiML App whose voice URL and status callback are
// requested with POST.
type AppRequest struct {
	FriendlyName, VoiceURL, StatusCallback string
}

// CreateApplication creates a TwiML App
// (POST /Accounts/{AC}/Applications.json). A voice URL is required: an
// app without one could place no call.
func (c *Client) CreateApplication(ctx context.Context, r AppRequest) (Application, error) {
	if r.VoiceURL == "" {
		return Application{}, problem.Field("voice_url", "is required")
	}
	p := &openapi.CreateApplicationParams{}
	p.SetFriendlyName(r.FriendlyName).SetVoiceUrl(r.VoiceURL).SetVoiceMethod("POST")
	if r.StatusCallback != "" {
		p.SetStatusCallback(r.StatusCallback).SetStatusCallbackMethod("POST")
	}
	cl := c.start(ctx)
	a, err := cl.api.CreateApplication(p)
	if err != nil {
		return Application{}, c.fail(ctx, cl, "TwiML App", err)
	}
	out := Application{SID: str(a.Sid), FriendlyName: str(a.FriendlyName), VoiceURL: str(a.VoiceUrl), StatusCallback: str(a.StatusCallback)}
	if checkSID("sid", "AP", out.SID) != nil {
		return Application{}, problem.New(problem.Internal, "the carrier created a TwiML App without a usable SID")
	}
	return out, nil
}

// DeleteApplication deletes a TwiML App
// (DELETE /Accounts/{AC}/Applications/{AP}.json).
func (c *Client) DeleteApplication(ctx context.Context, sid string) error {
	if err := checkSID("sid", "AP", sid); err != nil {
		return err
	}
	cl := c.start(ctx)
	if err := cl.api.DeleteApplication(sid, nil); err != nil {
		return c.fail(ctx, cl, "TwiML App "+sid, err)
	}
	return nil
}
