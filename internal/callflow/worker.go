package callflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio"
)

// CallCarrier is what the worker asks of a carrier account.
type CallCarrier interface {
	CreateCall(ctx context.Context, r twilio.CallRequest) (twilio.Call, error)
	FetchCall(ctx context.Context, sid string) (twilio.Call, error)
	RedirectCall(ctx context.Context, sid, url string) error
	EndCall(ctx context.Context, sid, status string) error
	LiveConference(ctx context.Context, friendlyName string) (twilio.Conference, error)
	AnnounceToParticipant(ctx context.Context, conferenceSID, callSID, url string) error
}

// Worker runs the carrier actions webhooks queue as durable jobs: ring
// agents, cancel legs, redirect callers. Every instance runs one; a job
// is leased to one worker at a time and retried if it fails.
type Worker struct {
	Store   *store.Store
	BaseURL string
	Log     *slog.Logger
	// Dial opens a provider's carrier account.
	Dial func(p provider.Provider) (CallCarrier, error)
	// Hold, when set, is taken for every queued job and released once the
	// job has run (the in-process sandbox's clock waits for it).
	Hold func() (release func())
	// After, when set, runs f after d on the carrier's clock: a job due
	// later wakes the worker then (a virtual clock jumps to it).
	After func(d time.Duration, f func()) func() bool
	// Clock is the carrier's time; nil is the wall clock.
	Clock func() time.Time
	// QueueTimeout runs a queue-timeout job (the call flow's QueueTick).
	QueueTimeout func(ctx context.Context, c call.Call) error
	// Events publishes calls ringing agents; nil publishes nothing.
	Events *Events
	// PriceWait is how long after a call ends its price is first asked;
	// 0 is call.PriceFirstWait.
	PriceWait time.Duration

	wake  chan struct{}
	once  sync.Once
	mu    sync.Mutex
	holds []func()
}

// jobLease is how long a claimed job is reserved for its worker.
const jobLease = 30 * time.Second

// maxAttempts bounds retries of a failing job.
const maxAttempts = 3

func (w *Worker) init() { w.once.Do(func() { w.wake = make(chan struct{}, 1) }) }

// queued is told that a webhook committed n jobs: the worker wakes now
// rather than at its next poll, and the sandbox's clock is held.
func (w *Worker) queued(n int) {
	w.init()
	if w.Hold != nil {
		w.mu.Lock()
		for range n {
			w.holds = append(w.holds, w.Hold())
		}
		w.mu.Unlock()
	}
	w.Kick()
}

// Run claims and runs due jobs until ctx ends, polling every interval.
func (w *Worker) Run(ctx context.Context, interval time.Duration) {
	w.init()
	if err := w.ScheduleOrgJobs(ctx); err != nil {
		w.Log.ErrorContext(ctx, "scheduling the orgs' recurring jobs", "err", err)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		w.drain(ctx)
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-t.C:
		}
	}
}

// drain runs jobs until none is due, then releases the holds taken
// before that last, empty, claim: their jobs have run.
func (w *Worker) drain(ctx context.Context) {
	for ctx.Err() == nil {
		w.mu.Lock()
		held := len(w.holds)
		w.mu.Unlock()
		jobs, err := w.Store.ClaimJobs(ctx, 16, jobLease)
		if err != nil {
			// The jobs stay due and are claimed at a later poll; a virtual
			// clock must not wait for a store that is down.
			w.Log.ErrorContext(ctx, "claiming jobs", "err", err)
			w.release(held)
			return
		}
		for _, j := range jobs {
			w.finish(ctx, j, w.run(ctx, j))
		}
		if len(jobs) == 0 {
			w.release(held)
			return
		}
	}
}

func (w *Worker) finish(ctx context.Context, j call.Job, err error) {
	retry := time.Duration(0)
	if err != nil {
		w.Log.WarnContext(ctx, "job failed", "job", j.ID, "kind", j.Kind, "call_id", j.CallID, "attempt", j.Attempts, "err", err)
		if j.Attempts < maxAttempts {
			retry = time.Duration(j.Attempts) * time.Second
		}
	}
	if ferr := w.Store.FinishJob(ctx, j.ID, err, retry); ferr != nil {
		w.Log.ErrorContext(ctx, "finishing job", "job", j.ID, "err", ferr)
	} else if retry > 0 {
		w.scheduled(retry)
	}
}

// release releases the n oldest holds.
func (w *Worker) release(n int) {
	w.mu.Lock()
	holds := w.holds[:n]
	w.holds = w.holds[n:]
	w.mu.Unlock()
	for _, release := range holds {
		release()
	}
}

// scheduled is told that a job is due after d.
func (w *Worker) scheduled(d time.Duration) {
	if w.After != nil {
		w.After(d, func() { w.queued(1) })
	}
}

// run carries out one job.
func (w *Worker) run(ctx context.Context, j call.Job) error {
	switch j.Kind { // the org's, with no call
	case call.JobRetention:
		return w.retention(ctx, j)
	case call.JobReminder:
		return w.remind(ctx, j)
	case call.JobSweepOpen:
		return w.sweepOpen(ctx, j)
	}
	c, err := w.Store.Call(ctx, j.OrgID, j.CallID)
	if err != nil {
		return err
	}
	switch j.Kind {
	case call.JobQueueTimeout:
		return w.QueueTimeout(ctx, c)
	case call.JobIdentify:
		_, err := w.identify(ctx, c)
		return err
	}
	carrier, n, err := w.carrierOf(ctx, c)
	if err != nil {
		return err
	}
	switch j.Kind {
	case call.JobRing:
		return w.ring(ctx, carrier, c, n.E164, j.Payload)
	case JobDial:
		return w.dial(ctx, carrier, c, j.Payload)
	case call.JobCancel:
		return w.cancel(ctx, carrier, c, j.Payload)
	case call.JobSweep: // queued before JobSweepOpen replaced it
		return w.sweep(ctx, carrier, c)
	case call.JobAnnounce:
		return w.announce(ctx, carrier, c, j)
	case call.JobHangup:
		return carrier.EndCall(ctx, c.CallSID, "completed")
	case call.JobPrice:
		return w.price(ctx, carrier, c, j.Payload)
	case call.JobRedirect:
		var pl redirectPayload
		if err := json.Unmarshal([]byte(j.Payload), &pl); err != nil {
			return err
		}
		return carrier.RedirectCall(ctx, c.CallSID, pl.URL)
	}
	return fmt.Errorf("unknown job kind %q", j.Kind)
}

// carrierOf opens the carrier account of the call's number.
func (w *Worker) carrierOf(ctx context.Context, c call.Call) (CallCarrier, provider.Number, error) {
	n, p, err := w.Store.NumberForWebhook(ctx, c.OurNumber())
	if err != nil {
		return nil, n, fmt.Errorf("the call's number: %w", err)
	}
	carrier, err := w.Dial(p)
	return carrier, n, err
}

// AgentIdentity is the Client identity a user's browser softphone
// registers as.
func AgentIdentity(u int64) string { return fmt.Sprintf("user_%d", u) }

// ring creates a carrier call to each leg not created yet, from the
// number, ringing for the payload's seconds.
func (w *Worker) ring(ctx context.Context, carrier CallCarrier, c call.Call, from, raw string) error {
	var pl ringPayload
	if err := json.Unmarshal([]byte(raw), &pl); err != nil {
		return err
	}
	if pl.Identify {
		c = w.identifyBeforeRinging(ctx, c)
	}
	legs, err := w.Store.Legs(ctx, c.OrgID, c.ID)
	if err != nil {
		return err
	}
	var errs []error
	for _, l := range legs {
		if l.SID != "" || l.Status != "queued" {
			continue
		}
		leg := fmt.Sprintf("&leg=%d", l.ID)
		created, err := carrier.CreateCall(ctx, twilio.CallRequest{To: legTo(l), From: from,
			URL: fmt.Sprintf("%s%s?call=%d%s", w.BaseURL, pathAgent, c.ID, leg), Timeout: pl.Seconds,
			StatusCallback:       fmt.Sprintf("%s%s?call=%d%s", w.BaseURL, pathLeg, c.ID, leg),
			StatusCallbackEvents: []string{"initiated", "ringing", "answered", "completed"}})
		if err == nil {
			err = w.Store.SetLegSID(ctx, c.OrgID, l.ID, created.SID)
		}
		if err == nil && l.ForwardTo == "" { // a forwarded leg rings their phone, not the app
			w.Events.CallTo(ctx, c, l.UserID, created.SID, false) // it rings them now (R-AG-6)
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// cancel ends the named legs: ringing ones are canceled, answered ones
// hung up.
func (w *Worker) cancel(ctx context.Context, carrier CallCarrier, c call.Call, raw string) error {
	var pl legsPayload
	if err := json.Unmarshal([]byte(raw), &pl); err != nil {
		return err
	}
	legs, err := w.Store.Legs(ctx, c.OrgID, c.ID)
	if err != nil {
		return err
	}
	var errs []error
	for _, l := range legs {
		if l.SID == "" || l.Ended() || !slices.Contains(pl.Legs, l.ID) {
			continue
		}
		status := "canceled"
		if l.Status == "in-progress" {
			status = "completed"
		}
		errs = append(errs, carrier.EndCall(ctx, l.SID, status))
	}
	return errors.Join(errs...)
}

func (w *Worker) now() time.Time {
	if w.Clock != nil {
		return w.Clock()
	}
	return time.Now()
}

// Kick wakes the worker to look for due jobs now.
func (w *Worker) Kick() {
	w.init()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}
