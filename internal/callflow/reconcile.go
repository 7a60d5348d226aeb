package callflow

import (
	"context"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio"
)

// sweepBatch bounds the calls one sweep asks the carrier about; the rest
// wait for the next.
const sweepBatch = 200

// sweepOpen is the org's sweep (call.JobSweepOpen, decision 0029): each
// call left open and unchanged for call.SweepAfter is reconciled with the
// carrier, and the sweep queues its next run. A call it cannot reconcile
// (its carrier is down, its number gone) is logged and asked about again
// next time; it does not fail the sweep, which would run it twice.
func (w *Worker) sweepOpen(ctx context.Context, j call.Job) error {
	stuck, err := w.Store.IdleOpenCalls(ctx, j.OrgID, call.SweepAfter, sweepBatch)
	for _, c := range stuck {
		carrier, _, err := w.carrierOf(ctx, c)
		if err == nil {
			err = w.sweep(ctx, carrier, c)
		}
		if err != nil {
			w.Log.WarnContext(ctx, "sweeping a call", "call_id", c.ID, "org_id", c.OrgID, "err", err)
		}
	}
	if err != nil {
		w.Log.ErrorContext(ctx, "listing calls to sweep", "org_id", j.OrgID, "err", err)
	}
	next := call.Job{Kind: call.JobSweepOpen, Payload: "{}", RunAt: w.now().Add(call.SweepEvery)}
	if err := w.Store.QueueJob(ctx, j.OrgID, next); err != nil {
		return err
	}
	w.scheduled(call.SweepEvery)
	return nil
}

// sweep reconciles a call with the carrier (DESIGN.md §5.6, R-POST-4,
// decision 0023): a call or agent leg left open by a lost callback is
// closed with the carrier's final status and end time, and an agent whose
// answered leg ended is freed. A call still live is written back as it
// is, which restarts its idle time: the sweep asks again SweepAfter later.
func (w *Worker) sweep(ctx context.Context, carrier CallCarrier, c call.Call) error {
	legs, err := w.Store.Legs(ctx, c.OrgID, c.ID)
	if err != nil {
		return err
	}
	ended, err := endedLegs(ctx, carrier, legs)
	if err != nil {
		return err
	}
	var got twilio.Call
	if c.EndedAt == nil {
		if got, err = fetchCall(ctx, carrier, c); err != nil { // an outbound call never dialled has ended
			return err
		}
	}
	var freed []org.UserID
	ch, err := w.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
		out, f := reconciled(cur, legs, got, ended, w.now(), w.priceWait())
		freed = f
		return out, nil
	})
	if err != nil {
		return err
	}
	return w.afterSweep(ctx, c, ch, freed)
}

// afterSweep tells the org what the sweep closed.
func (w *Worker) afterSweep(ctx context.Context, c call.Call, ch store.Change, freed []org.UserID) error {
	for _, u := range freed {
		if err := w.Store.SetBusy(ctx, c.OrgID, u, false); err != nil {
			return err
		}
		w.Events.presence(ctx, c.OrgID, u)
	}
	if c.EndedAt == nil && ch.Call.EndedAt != nil {
		w.Events.callEnded(ctx, c.OrgID, c.ID)
	}
	return nil
}

// reconciled is the change that brings the call and its legs to the
// carrier's final state: got is the caller's call as the carrier reports
// it (empty when the call is closed already), ended the legs the carrier
// reports ended; a call it closes is priced priceWait later. It returns
// the agents whose answered leg ended.
func reconciled(cur call.Call, legs []call.Leg, got twilio.Call, ended map[int64]twilio.Call, now time.Time, priceWait time.Duration) (store.Change, []org.UserID) {
	out := store.Change{Call: cur}
	var freed []org.UserID
	for _, l := range legs {
		g, ok := ended[l.ID]
		if !ok || l.Ended() {
			continue
		}
		if l.Status == "in-progress" {
			freed = append(freed, l.UserID)
		}
		at := endOf(g, now)
		l.Status, l.EndedAt = g.Status, &at
		out.Legs = append(out.Legs, l)
	}
	if cur.EndedAt == nil && carrierEnded(got.Status) {
		closed := closeCall(cur, legs, endOf(got, now), priceWait)
		out.Call, out.Jobs = closed.Call, closed.Jobs
	}
	return out, freed
}

// endedLegs asks the carrier about each leg still open on record and
// returns those it reports ended.
func endedLegs(ctx context.Context, carrier CallCarrier, legs []call.Leg) (map[int64]twilio.Call, error) {
	out := map[int64]twilio.Call{}
	for _, l := range legs {
		if l.SID == "" || l.Ended() {
			continue
		}
		got, err := carrier.FetchCall(ctx, l.SID)
		if err != nil {
			return nil, err
		}
		if carrierEnded(got.Status) {
			out[l.ID] = got
		}
	}
	return out, nil
}

// carrierEnded says a carrier call status is one a call ends in.
func carrierEnded(s string) bool {
	switch s {
	case "completed", "busy", "failed", "no-answer", "canceled":
		return true
	}
	return false
}

// endOf is when the carrier says the call ended, or now when it does not
// say.
func endOf(g twilio.Call, now time.Time) time.Time {
	if g.End.IsZero() || g.End.After(now) {
		return now
	}
	return g.End
}
