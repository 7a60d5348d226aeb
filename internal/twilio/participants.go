package twilio

import (
	"context"

	"github.com/switchboard/switchboard/internal/problem"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// HoldParticipant puts the participant callSID of the conference
// conferenceSID on hold (hold true), where they hear what holdURL returns
// (requested with POST: an MP3, a WAV, or TwiML with <Play>, <Say>,
// <Pause> or <Redirect>), or takes them off hold. Participant update's
// Hold, HoldUrl and HoldMethod (wire facts §5 "Participants";
// https://www.twilio.com/docs/voice/api/conference-participant-resource#update-a-participant-resource).
// A conference or participant that is not there (any more) is a
// problem.NotFound.
func (c *Client) HoldParticipant(ctx context.Context, conferenceSID, callSID string, hold bool, holdURL string) error {
	p := &openapi.UpdateParticipantParams{}
	p.SetHold(hold)
	if hold {
		if holdURL == "" {
			return problem.Field("hold_url", "is required to hold")
		}
		p.SetHoldUrl(holdURL).SetHoldMethod("POST")
	}
	return c.updateParticipant(ctx, conferenceSID, callSID, p)
}

// MuteParticipant mutes or unmutes the participant callSID of the
// conference conferenceSID (Participant update's Muted, wire facts §5
// "Participants"): a muted participant hears the conference but is not
// heard.
func (c *Client) MuteParticipant(ctx context.Context, conferenceSID, callSID string, muted bool) error {
	p := &openapi.UpdateParticipantParams{}
	p.SetMuted(muted)
	return c.updateParticipant(ctx, conferenceSID, callSID, p)
}

func (c *Client) updateParticipant(ctx context.Context, conferenceSID, callSID string, p *openapi.UpdateParticipantParams) error {
	if err := checkSID("conference_sid", "CF", conferenceSID); err != nil {
		return err
	}
	if err := checkSID("call_sid", "CA", callSID); err != nil {
		return err
	}
	cl := c.start(ctx)
	if _, err := cl.api.UpdateParticipant(conferenceSID, callSID, p); err != nil {
		return c.fail(ctx, cl, "participant "+callSID+" of conference "+conferenceSID, err)
	}
	return nil
}
