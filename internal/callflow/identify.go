package callflow

import (
	"context"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/routing"
)

// identifyFirst adds identifying the caller, when the intake webhook
// found no record for them, to a new call's first jobs: to the ring job
// apply queued for step, which then identifies before it rings so the
// agents see the card (one job for both, in that order), or as a job of
// its own when the call rings no one yet. A known or withheld caller
// needs none (never auto-created, R-IN-9).
func identifyFirst(c call.Call, jobs []call.Job, step routing.Step) []call.Job {
	if c.Anonymous || c.RecordID != 0 {
		return jobs
	}
	for i, j := range jobs {
		if j.Kind == call.JobRing {
			jobs[i] = ringPayload{Seconds: step.RingSeconds, Identify: true}.job()
			return jobs
		}
	}
	return append([]call.Job{{Kind: call.JobIdentify, Payload: "{}"}}, jobs...)
}

// identify logs the call on the caller's record: one created since the
// call came in, or a new contact named after the number when the org
// auto-creates contacts (R-AG-3, R-ORG-5). The agents it rings then see
// the new card. It returns the call with its record.
func (w *Worker) identify(ctx context.Context, c call.Call) (call.Call, error) {
	if c.Anonymous || c.RecordID != 0 {
		return c, nil
	}
	id, err := w.callerRecord(ctx, c)
	if id == 0 || err != nil {
		return c, err
	}
	if err := w.Store.SetCallRecord(ctx, c.OrgID, c.ID, id); err != nil {
		return c, err
	}
	c.RecordID = int64(id)
	w.Events.refresh(ctx, c)
	return c, nil
}

// identifyBeforeRinging identifies the caller for a ring job. Failing to
// must not keep the agents from being rung: the identifying is queued as
// a job of its own, retried like any other, and the ringing goes on.
func (w *Worker) identifyBeforeRinging(ctx context.Context, c call.Call) call.Call {
	got, err := w.identify(ctx, c)
	if err == nil {
		return got
	}
	w.Log.WarnContext(ctx, "identifying the caller before ringing; retrying on its own", "call_id", c.ID, "err", err)
	if err := w.Store.QueueJob(ctx, c.OrgID, call.Job{Kind: call.JobIdentify, CallID: c.ID, Payload: "{}", RunAt: w.now()}); err != nil {
		w.Log.ErrorContext(ctx, "queueing the caller's identifying", "call_id", c.ID, "err", err)
	} else {
		w.queued(1)
	}
	return c
}

// callerRecord finds the caller's record, or creates their contact when
// the org auto-creates contacts; 0 when there is none.
func (w *Worker) callerRecord(ctx context.Context, c call.Call) (crm.RecordID, error) {
	o, err := w.Store.Org(ctx, c.OrgID)
	if err != nil {
		return 0, err
	}
	hits, err := w.Store.RecordsByPhone(ctx, c.OrgID, c.From)
	switch {
	case err != nil:
		return 0, err
	case len(hits) > 0:
		return hits[0].RecordID, nil
	case !o.Settings.AutoCreateContacts:
		return 0, nil
	}
	r, ok := callerContact(c.From, o.Settings)
	if !ok {
		w.Log.InfoContext(ctx, "caller ID is not a phone number; no contact created", "call_id", c.ID, "from", c.From)
		return 0, nil
	}
	r, err = w.Store.CreateRecord(ctx, c.OrgID, r)
	return r.ID, err
}

// callerContact is the contact auto-created for an unknown caller: named
// after their number, formatted, with that number; ok is false when the
// caller ID is not a phone number.
func callerContact(from string, s org.Settings) (crm.Record, bool) {
	name := phone.Format(from)
	phones := []crm.PhoneInput{{Label: string(phone.LabelFor(from)), Number: from}}
	r := crm.Record{Kind: crm.Contact}
	err := crm.RecordInput{LastName: &name, Phones: &phones}.Apply(&r, s)
	return r, err == nil
}
