package callflow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/twilio"
)

// JobDial creates an outbound call's carrier legs: the agent's forwarding
// number ("call me first"), or the customer once the agent is in the
// conference.
const JobDial = "dial"

// dialPayload says which leg a dial job creates.
type dialPayload struct {
	Agent bool `json:"agent,omitempty"`
}

// dial creates the leg the payload names, from the call's caller ID
// number. A call that ended meanwhile is not dialled.
func (w *Worker) dial(ctx context.Context, carrier CallCarrier, c call.Call, raw string) error {
	var pl dialPayload
	if err := json.Unmarshal([]byte(raw), &pl); err != nil {
		return err
	}
	if c.EndedAt != nil {
		return nil
	}
	if pl.Agent {
		return w.dialAgent(ctx, carrier, c)
	}
	if !strings.HasPrefix(c.CallSID, pendingPrefix) {
		return nil // created already: a retried job
	}
	url := fmt.Sprintf("%s%s?call=%d", w.BaseURL, pathOutCustomer, c.ID)
	created, err := carrier.CreateCall(ctx, twilio.CallRequest{To: c.To, From: c.From, URL: url,
		StatusCallback:       fmt.Sprintf("%s%s?call=%d", w.BaseURL, pathOutStatus, c.ID),
		StatusCallbackEvents: []string{"initiated", "ringing", "answered", "completed"}})
	if err != nil {
		return err
	}
	return w.Store.SetCallSID(ctx, c.OrgID, c.ID, created.SID)
}

// dialAgent rings the agent's forwarding number for a "call me first"
// call, as long as a forwarded inbound leg rings (decision 0018).
func (w *Worker) dialAgent(ctx context.Context, carrier CallCarrier, c call.Call) error {
	legs, err := w.Store.Legs(ctx, c.OrgID, c.ID)
	if err != nil {
		return err
	}
	for _, l := range legs {
		if l.SID != "" || l.Status != "queued" || l.ForwardTo == "" {
			continue
		}
		q := fmt.Sprintf("?call=%d&leg=%d", c.ID, l.ID)
		created, err := carrier.CreateCall(ctx, twilio.CallRequest{To: l.ForwardTo, From: c.From,
			URL: w.BaseURL + pathOutAgent + q, Timeout: forwardRingSeconds, StatusCallback: w.BaseURL + PathOutboundLeg + q,
			StatusCallbackEvents: []string{"initiated", "ringing", "answered", "completed"}})
		if err == nil {
			err = w.Store.SetLegSID(ctx, c.OrgID, l.ID, created.SID)
		}
		if err != nil {
			return err
		}
		w.Events.CallTo(ctx, c, l.UserID, "", false)
	}
	return nil
}

// fetchCall asks the carrier for the call's customer leg; an outbound
// call whose customer was never dialled has ended as far as the sweep is
// concerned.
func fetchCall(ctx context.Context, carrier CallCarrier, c call.Call) (twilio.Call, error) {
	if strings.HasPrefix(c.CallSID, pendingPrefix) {
		return twilio.Call{SID: c.CallSID, Status: "canceled"}, nil
	}
	return carrier.FetchCall(ctx, c.CallSID)
}
