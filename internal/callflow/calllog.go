package callflow

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/twilio"
)

// CostCarrier is what the call log's jobs ask of a carrier account.
type CostCarrier interface {
	FetchCallCost(ctx context.Context, sid string) (twilio.Cost, error)
	DeleteRecording(ctx context.Context, sid string) error
}

type pricePayload struct {
	Try int `json:"try"`
}

// priceJob is the job that fetches an ended call's price (R-POST-2),
// first wait after the call ended, the wait doubling with each try. The
// Call resource's price is "populated after the call is completed. May
// not be immediately available" (Twilio's OpenAPI description of
// api.v2010.account.call, twilio_api_v2010.json; the Call resource page
// https://www.twilio.com/docs/voice/api/call-resource): null until then.
func priceJob(now time.Time, wait time.Duration, try int) call.Job {
	p, _ := json.Marshal(pricePayload{Try: try})
	return call.Job{Kind: call.JobPrice, Payload: string(p), RunAt: now.Add(wait << try)}
}

// priceWait is the configured first wait for a call's price; a nil
// worker has the default.
func (w *Worker) priceWait() time.Duration {
	if w == nil || w.PriceWait <= 0 {
		return call.PriceFirstWait
	}
	return w.PriceWait
}

// price fetches the call's price; a call Twilio has not priced yet is
// asked again later, up to call.PriceRetries times.
func (w *Worker) price(ctx context.Context, carrier CallCarrier, c call.Call, raw string) error {
	cc, ok := carrier.(CostCarrier)
	if !ok {
		return errors.New("the carrier cannot report prices")
	}
	if strings.HasPrefix(c.CallSID, pendingPrefix) {
		return nil // the customer was never dialled: no carrier call, no cost
	}
	var pl pricePayload
	_ = json.Unmarshal([]byte(raw), &pl)
	cost, err := cc.FetchCallCost(ctx, c.CallSID)
	if err != nil {
		return err
	}
	if cost.Price == "" {
		if pl.Try+1 >= call.PriceRetries {
			return nil
		}
		j := priceJob(w.now(), w.priceWait(), pl.Try+1)
		if err := w.Store.QueueJob(ctx, c.OrgID, j); err != nil {
			return err
		}
		w.scheduled(j.RunAt.Sub(w.now()))
		return nil
	}
	return w.Store.SetCallCost(ctx, c.OrgID, c.ID, cost.Price, cost.PriceUnit, cost.Duration)
}

// retention deletes the org's recordings older than its retention
// (R-ORG-5), at the carrier and then here, and queues the next run.
func (w *Worker) retention(ctx context.Context, j call.Job) error {
	o, err := w.Store.Org(ctx, j.OrgID)
	if err != nil {
		return err
	}
	var errs []error
	if days := o.Settings.RecordingRetentionDays; days > 0 {
		errs = append(errs, w.expire(ctx, j, w.now().AddDate(0, 0, -days)))
	}
	next := call.Job{Kind: call.JobRetention, Payload: "{}", RunAt: w.now().Add(call.RetentionEvery)}
	if err := w.Store.QueueJob(ctx, j.OrgID, next); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (w *Worker) expire(ctx context.Context, j call.Job, cutoff time.Time) error {
	list, err := w.Store.ExpiredRecordings(ctx, j.OrgID, cutoff, 500)
	if err != nil {
		return err
	}
	var errs []error
	for _, c := range list {
		errs = append(errs, w.deleteRecording(ctx, c))
	}
	return errors.Join(errs...)
}

// deleteRecording deletes a call's recording at its carrier (one already
// gone there counts as deleted) and leaves the retention's tombstone.
func (w *Worker) deleteRecording(ctx context.Context, c call.Call) error {
	if sid := call.RecordingSID(c.RecordingURL); sid != "" {
		p, err := w.Store.CallProvider(ctx, c.OrgID, c.ID) // the org's number's provider, for outbound calls too
		if err != nil {
			return err
		}
		carrier, err := w.Dial(p)
		if err != nil {
			return err
		}
		cc, ok := carrier.(CostCarrier)
		if !ok {
			return errors.New("the carrier cannot delete recordings")
		}
		if err := cc.DeleteRecording(ctx, sid); err != nil && !problem.Is(err, problem.NotFound) {
			return err
		}
	}
	return w.Store.DeleteRecording(ctx, c.OrgID, c.ID, 0)
}

// ScheduleOrgJobs queues the recurring jobs (call.OrgJobKinds) of every
// org that has none pending: orgs from before a kind existed. A new org
// is created with them.
func (w *Worker) ScheduleOrgJobs(ctx context.Context) error {
	var errs []error
	for _, kind := range call.OrgJobKinds() {
		n, err := w.Store.EnsureOrgJobs(ctx, kind)
		if n > 0 {
			w.queued(n)
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
