package twilio

import (
	"context"
	"strconv"
	"time"

	"github.com/switchboard/switchboard/internal/problem"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// CallRequest places an outbound call (Calls create, wire facts §5): it
// rings To from From for Timeout seconds, requests URL for TwiML when
// answered, and posts the StatusCallbackEvents to StatusCallback.
type CallRequest struct {
	To, From             string
	URL                  string
	Timeout              int // seconds; 0 = Twilio's default of 60
	StatusCallback       string
	StatusCallbackEvents []string // initiated, ringing, answered, completed
}

// Call is a call as Twilio reports it. Start and End are zero until the
// call was dialled and has ended; Duration is in seconds (wire facts §5:
// REST dates are RFC 2822, duration a string).
type Call struct {
	SID, Status, To, From string
	Start, End            time.Time
	Duration              int
}

func callOf(c *openapi.ApiV2010Call) Call {
	d, _ := strconv.Atoi(str(c.Duration))
	return Call{SID: str(c.Sid), Status: str(c.Status), To: str(c.To), From: str(c.From),
		Start: restTime(str(c.StartTime)), End: restTime(str(c.EndTime)), Duration: d}
}

// restTime parses a REST date (RFC 2822); the zero time when there is none.
func restTime(s string) time.Time {
	t, err := time.Parse(time.RFC1123Z, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// CreateCall places a call.
func (c *Client) CreateCall(ctx context.Context, r CallRequest) (Call, error) {
	f := problem.Fields{}
	if r.To == "" {
		f.Add("to", "is required")
	}
	if r.From == "" {
		f.Add("from", "is required")
	}
	if r.URL == "" {
		f.Add("url", "is required")
	}
	if err := f.Err(); err != nil {
		return Call{}, err
	}
	p := &openapi.CreateCallParams{}
	p.SetTo(r.To).SetFrom(r.From).SetUrl(r.URL).SetMethod("POST")
	if r.Timeout > 0 {
		p.SetTimeout(r.Timeout)
	}
	if r.StatusCallback != "" {
		p.SetStatusCallback(r.StatusCallback).SetStatusCallbackMethod("POST")
		if len(r.StatusCallbackEvents) > 0 {
			p.SetStatusCallbackEvent(r.StatusCallbackEvents)
		}
	}
	cl := c.start(ctx)
	call, err := cl.api.CreateCall(p)
	if err != nil {
		return Call{}, c.fail(ctx, cl, "call to "+r.To, err)
	}
	return callOf(call), nil
}

// RedirectCall makes a live call request url (POST) for its next TwiML.
func (c *Client) RedirectCall(ctx context.Context, sid, url string) error {
	p := &openapi.UpdateCallParams{}
	p.SetUrl(url).SetMethod("POST")
	return c.updateCall(ctx, sid, p)
}

// EndCall ends a call: "canceled" stops one still ringing, "completed"
// hangs up one in progress (wire facts §5 "Calls update").
func (c *Client) EndCall(ctx context.Context, sid, status string) error {
	if status != "canceled" && status != "completed" {
		return problem.Field("status", "must be canceled or completed")
	}
	p := &openapi.UpdateCallParams{}
	p.SetStatus(status)
	return c.updateCall(ctx, sid, p)
}

func (c *Client) updateCall(ctx context.Context, sid string, p *openapi.UpdateCallParams) error {
	if len(sid) != 34 || sid[:2] != "CA" || !isHex(sid[2:]) {
		return problem.Field("sid", `must be "CA" followed by 32 hexadecimal digits`)
	}
	cl := c.start(ctx)
	if _, err := cl.api.UpdateCall(sid, p); err != nil {
		return c.fail(ctx, cl, "call "+sid, err)
	}
	return nil
}

// FetchCall returns a call's current status.
func (c *Client) FetchCall(ctx context.Context, sid string) (Call, error) {
	if len(sid) != 34 || sid[:2] != "CA" || !isHex(sid[2:]) {
		return Call{}, problem.Field("sid", `must be "CA" followed by 32 hexadecimal digits`)
	}
	cl := c.start(ctx)
	call, err := cl.api.FetchCall(sid, nil)
	if err != nil {
		return Call{}, c.fail(ctx, cl, "call "+sid, err)
	}
	return callOf(call), nil
}
