package twilio

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/switchboard/switchboard/internal/problem"
)

// Cost is what a call cost, as Twilio reports it once the call has ended:
// Price is a negative decimal string ("-0.0085") and "" while Twilio has
// not priced the call yet; Duration is the call's length in seconds (wire
// facts §5 "Calls fetch": duration and price are strings).
type Cost struct {
	Price, PriceUnit string
	Duration         int
}

// FetchCallCost returns a call's price and duration.
func (c *Client) FetchCallCost(ctx context.Context, sid string) (Cost, error) {
	if err := checkSID("sid", "CA", sid); err != nil {
		return Cost{}, err
	}
	cl := c.start(ctx)
	got, err := cl.api.FetchCall(sid, nil)
	if err != nil {
		return Cost{}, c.fail(ctx, cl, "call "+sid, err)
	}
	d, _ := strconv.Atoi(str(got.Duration))
	return Cost{Price: str(got.Price), PriceUnit: str(got.PriceUnit), Duration: d}, nil
}

// DeleteRecording deletes a recording at the carrier (Recordings delete,
// https://www.twilio.com/docs/voice/api/recording#delete-a-recording-resource).
// A recording already gone is a problem.NotFound.
func (c *Client) DeleteRecording(ctx context.Context, sid string) error {
	if err := checkSID("sid", "RE", sid); err != nil {
		return err
	}
	cl := c.start(ctx)
	if err := cl.api.DeleteRecording(sid, nil); err != nil {
		return c.fail(ctx, cl, "recording "+sid, err)
	}
	return nil
}

// Media is a recording's audio being read; close Body.
type Media struct {
	Status        int // 200, or 206 for a Range request
	ContentType   string
	ContentLength string
	ContentRange  string
	Body          io.ReadCloser
}

// RecordingMedia opens a recording's audio as MP3 with the account's
// credentials (https://www.twilio.com/docs/voice/api/recording#fetch-a-recording-media-file:
// append .mp3 to the recording's URI; HTTP basic auth when the account
// requires it). rangeHeader, when not "", is passed on as Range.
func (c *Client) RecordingMedia(ctx context.Context, sid, rangeHeader string) (Media, error) {
	if err := checkSID("sid", "RE", sid); err != nil {
		return Media{}, err
	}
	u := fmt.Sprintf("https://%s/2010-04-01/Accounts/%s/Recordings/%s.mp3", twilioHost, c.creds.AccountSID, sid)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return Media{}, err
	}
	req.SetBasicAuth(c.creds.AccountSID, c.creds.AuthToken)
	if rangeHeader != "" {
		req.Header.Set("Range", rangeHeader)
	}
	ex := &exchange{ctx: ctx, base: c.base, next: c.next, timeout: c.timeout}
	resp, err := ex.RoundTrip(req)
	if err != nil {
		return Media{}, c.unreachable(ctx, ex.lastResponse().host, err)
	}
	if resp.StatusCode >= 400 {
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			return Media{}, problem.New(problem.NotFound, "the carrier has no recording %s", sid)
		}
		return Media{}, problem.New(problem.Unavailable, "the carrier answered %d for recording %s", resp.StatusCode, sid)
	}
	return Media{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), ContentLength: resp.Header.Get("Content-Length"),
		ContentRange: resp.Header.Get("Content-Range"), Body: resp.Body}, nil
}
