package callflow

import (
	"context"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
)

// identifyJobs is the job that identifies a caller the intake webhook
// found no record for, off the webhook's path; none for a known or
// withheld caller (never auto-created, R-IN-9).
func identifyJobs(c call.Call) []call.Job {
	if c.Anonymous || c.RecordID != 0 {
		return nil
	}
	return []call.Job{{Kind: call.JobIdentify, Payload: "{}"}}
}

// identify logs the call on the caller's record: one created since the
// call came in, or a new contact named after the number when the org
// auto-creates contacts (R-AG-3, R-ORG-5). The agents it rings then see
// the new card.
func (w *Worker) identify(ctx context.Context, c call.Call) error {
	if c.Anonymous || c.RecordID != 0 {
		return nil
	}
	o, err := w.Store.Org(ctx, c.OrgID)
	if err != nil {
		return err
	}
	hits, err := w.Store.RecordsByPhone(ctx, c.OrgID, c.From)
	if err != nil {
		return err
	}
	var id crm.RecordID
	switch {
	case len(hits) > 0:
		id = hits[0].RecordID
	case !o.Settings.AutoCreateContacts:
		return nil
	default:
		r, ok := callerContact(c.From, o.Settings)
		if !ok {
			w.Log.InfoContext(ctx, "caller ID is not a phone number; no contact created", "call_id", c.ID, "from", c.From)
			return nil
		}
		if r, err = w.Store.CreateRecord(ctx, c.OrgID, r); err != nil {
			return err
		}
		id = r.ID
	}
	if err := w.Store.SetCallRecord(ctx, c.OrgID, c.ID, id); err != nil {
		return err
	}
	w.Events.refresh(ctx, c)
	return nil
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
