package twilio

import (
	"context"

	"github.com/switchboard/switchboard/internal/problem"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// Conference is a conference as Twilio reports it (wire facts §5
// "Conference JSON").
type Conference struct {
	SID, FriendlyName string
	// Status is init (its participants wait for one who starts it),
	// in-progress or completed.
	Status string
}

// LiveConference returns the account's conference named friendlyName that
// has not ended: status init while its participants wait for one who
// starts it, or in-progress. It lists Conferences filtered by FriendlyName
// (wire facts §5 "Conferences") and skips completed ones, since a room's
// name is reused by a new conference once the old one ends. A name with no
// live conference is a problem.NotFound.
func (c *Client) LiveConference(ctx context.Context, friendlyName string) (Conference, error) {
	if friendlyName == "" {
		return Conference{}, problem.Field("friendly_name", "is required")
	}
	p := &openapi.ListConferenceParams{}
	p.SetFriendlyName(friendlyName).SetPageSize(c.pageSize)
	cl := c.start(ctx)
	list, err := cl.api.ListConference(p)
	if err != nil {
		return Conference{}, c.fail(ctx, cl, "conference "+friendlyName, err)
	}
	for _, cf := range list {
		if s := str(cf.Status); s != "completed" {
			return Conference{SID: str(cf.Sid), FriendlyName: str(cf.FriendlyName), Status: s}, nil
		}
	}
	return Conference{}, problem.New(problem.NotFound, "no live conference is named %q", friendlyName)
}

// AnnounceToParticipant has Twilio request url (POST) and play what it
// returns to the participant callSID of the conference conferenceSID: the
// participant hears the announcement instead of what they were hearing.
// Participant update's AnnounceUrl: "The URL we call using the
// announce_method for an announcement to the participant. The URL may
// return an MP3 file, a WAV file, or a TwiML document that contains
// <Play>, <Say>, <Pause>, or <Redirect> verbs" (Twilio's OpenAPI
// description; wire facts §5 "Participants"). A conference or participant
// that is not there (any more) is a problem.NotFound.
func (c *Client) AnnounceToParticipant(ctx context.Context, conferenceSID, callSID, url string) error {
	if err := checkSID("conference_sid", "CF", conferenceSID); err != nil {
		return err
	}
	if err := checkSID("call_sid", "CA", callSID); err != nil {
		return err
	}
	if url == "" {
		return problem.Field("url", "is required")
	}
	p := &openapi.UpdateParticipantParams{}
	p.SetAnnounceUrl(url).SetAnnounceMethod("POST")
	cl := c.start(ctx)
	if _, err := cl.api.UpdateParticipant(conferenceSID, callSID, p); err != nil {
		return c.fail(ctx, cl, "participant "+callSID+" of conference "+conferenceSID, err)
	}
	return nil
}

// checkSID refuses a SID that is not prefix + 32 hex (wire facts §5 "SID
// patterns") before it reaches a URL path.
func checkSID(field, prefix, sid string) error {
	if len(sid) != 34 || sid[:2] != prefix || !isHex(sid[2:]) {
		return problem.Field(field, `must be "`+prefix+`" followed by 32 hexadecimal digits`)
	}
	return nil
}
