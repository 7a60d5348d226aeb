package twilio

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/switchboard/switchboard/internal/problem"
	"github.com/twilio/twilio-go/client"
)

// CarrierError is an error response from Twilio's REST API: the HTTP status
// and Twilio's error code, message and documentation link (wire facts §5
// "Error body"). Code is 0 when the body was not Twilio's JSON error shape
// (for example a proxy's 502 page); Message then holds the start of it.
type CarrierError struct {
	Status   int
	Code     int
	Message  string
	MoreInfo string
}

func (e *CarrierError) Error() string {
	return fmt.Sprintf("twilio: HTTP %d: %s", e.Status, e.describe())
}

// describe is Twilio's message with its code, as the admin should see it.
func (e *CarrierError) describe() string {
	msg := strings.TrimSpace(e.Message)
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	if e.Code == 0 {
		return fmt.Sprintf("%s (HTTP %d)", msg, e.Status)
	}
	return fmt.Sprintf("%s (Twilio error %d)", msg, e.Code)
}

// CarrierCode returns Twilio's error code carried by err, or 0 when err
// holds no *CarrierError (or Twilio sent no code).
func CarrierCode(err error) int {
	var ce *CarrierError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return 0
}

// Error codes by what they mean to the admin. Sources: wire facts §5
// "Error codes" and §9 "Trial accounts"; 21421, 21422 and 21452 are the
// codes Twilio documents for its test credentials' magic numbers and the
// sandbox returns for the same conditions.

// trialLimit reports refusals caused by a trial account's limits.
func trialLimit(code int) bool {
	switch code {
	case 10002, 21607, 21608, 572002, 572005, 573002, 573005:
		return true
	}
	return false
}

// refusedByState reports refusals caused by the state of the account or of
// the recipient rather than by the request's form: 21408 (country not
// enabled) and 21610 (the recipient replied STOP).
func refusedByState(code int) bool { return code == 21408 || code == 21610 }

// codeField names the request field an invalid-number error is about.
func codeField(code int) string {
	switch code {
	case 21210, 21601, 21606:
		return "from"
	case 21211, 21217:
		return "to"
	case 21421, 21422, 21605:
		return "phone_number"
	case 21452:
		return "area_code"
	}
	return ""
}

// fail turns an error from twilio-go into a *problem.Error. what names the
// resource for not-found messages ("phone number PN…").
func (c *Client) fail(ctx context.Context, cl call, what string, err error) error {
	if ce := carrierError(err, cl.ex.lastResponse()); ce != nil {
		return c.refused(ce, what, cl.ex.lastResponse())
	}
	return c.unreachable(ctx, cl.ex.lastResponse().host, err)
}

// carrierError extracts Twilio's error response, or nil for a network or
// decoding failure.
func carrierError(err error, last response) *CarrierError {
	var te *client.TwilioRestError
	if errors.As(err, &te) {
		status := te.Status
		if status == 0 {
			status = last.status
		}
		return &CarrierError{Status: status, Code: te.Code, Message: te.Message, MoreInfo: te.MoreInfo}
	}
	if last.status >= 400 { // twilio-go could not decode the error body
		return &CarrierError{Status: last.status, Message: bodyExcerpt(last.body)}
	}
	return nil
}

// bodyExcerpt is the start of an error page, whitespace collapsed, at most
// 200 characters.
func bodyExcerpt(b []byte) string {
	r := []rune(strings.Join(strings.Fields(string(b)), " "))
	if len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return string(r)
}

// refused maps Twilio's answer to a problem kind (see the package doc of
// problem): the message always keeps Twilio's code and message.
func (c *Client) refused(ce *CarrierError, what string, last response) error {
	d := ce.describe()
	switch {
	case ce.Status == http.StatusUnauthorized || ce.Code == 20003:
		rule := "Twilio refused the Account SID and Auth Token: " + d
		e := problem.Wrap(problem.Invalid, ce, "invalid auth_token: "+rule)
		e.Fields = map[string]string{"auth_token": rule}
		return e
	case ce.Status == http.StatusNotFound || ce.Code == 20404:
		return problem.Wrap(problem.NotFound, ce, fmt.Sprintf("%s not found at Twilio: %s", what, d))
	case ce.Status == http.StatusTooManyRequests || ce.Code == 20429:
		e := problem.Wrap(problem.TooMany, ce, "Twilio is throttling requests: "+d)
		e.RetryAfter = retryAfter(last.retryAfter)
		return e
	case trialLimit(ce.Code):
		return problem.Wrap(problem.Conflict, ce, "Twilio trial account limit: "+d)
	case refusedByState(ce.Code):
		return problem.Wrap(problem.Conflict, ce, "Twilio refused: "+d)
	case codeField(ce.Code) != "":
		f := codeField(ce.Code)
		e := problem.Wrap(problem.Invalid, ce, "invalid "+f+": "+d)
		e.Fields = map[string]string{f: d}
		return e
	case ce.Status == http.StatusForbidden:
		return problem.Wrap(problem.Forbidden, ce, "Twilio refused: "+d)
	case ce.Status >= 500:
		return problem.Wrap(problem.Unavailable, ce, "Twilio is unavailable: "+d)
	}
	return problem.Wrap(problem.Invalid, ce, "Twilio refused the request: "+d)
}

// retryAfter reads a Retry-After header in seconds; at least 1.
func retryAfter(h string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && n > 0 {
		return n
	}
	return 1
}

// unreachable describes a request that got no answer from Twilio.
func (c *Client) unreachable(ctx context.Context, host string, err error) error {
	var ue *url.Error
	var ne net.Error
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		return problem.Wrap(problem.Unavailable, err, "the request to Twilio was cancelled")
	case ctx.Err() != nil:
		return problem.Wrap(problem.Unavailable, err, "Twilio did not answer before the request's deadline")
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return problem.Wrap(problem.Unavailable, err, fmt.Sprintf("Twilio did not answer within %v", c.timeout))
	case errors.As(err, &ue):
		return problem.Wrap(problem.Unavailable, err, fmt.Sprintf("could not reach %s: %v", host, innermost(err)))
	}
	return problem.Wrap(problem.Unavailable, err, "Twilio answered with a response Switchboard could not read")
}

func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
