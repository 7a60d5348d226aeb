package store

import (
	"context"
	"errors"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// recordName is the display name of the record aliased r: its name, or a
// person's first and last name.
const recordName = `COALESCE(NULLIF(r.name, ''), TRIM(r.first_name || ' ' || r.last_name))`

// Outcomes returns the org's summary outcomes in order (R-POST-1):
// call.DefaultOutcomes until an admin sets the list.
func (s *Store) Outcomes(ctx context.Context, orgID org.ID) ([]string, error) {
	return outcomes(ctx, s.q, orgID)
}

func outcomes(ctx context.Context, q querier, orgID org.ID) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT label FROM summary_outcomes WHERE org_id = $1 ORDER BY position`, orgID)
	if err != nil {
		return nil, internal("outcomes", err)
	}
	list, err := collect(rows, func(r interface{ Scan(...any) error }) (string, error) {
		var l string
		return l, r.Scan(&l)
	})
	if err == nil && len(list) == 0 {
		list = append([]string{}, call.DefaultOutcomes...)
	}
	return list, err
}

// SetOutcomes replaces the org's summary outcomes with a validated list.
// Calls summarised with a label no longer listed keep it.
func (s *Store) SetOutcomes(ctx context.Context, orgID org.ID, list []string) error {
	return s.tx(ctx, func(tx querier) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM summary_outcomes WHERE org_id = $1`, orgID); err != nil {
			return internal("set outcomes", err)
		}
		for i, l := range list {
			if _, err := tx.ExecContext(ctx, `INSERT INTO summary_outcomes (org_id, position, label) VALUES ($1, $2, $3)`, orgID, i, l); err != nil {
				return internal("set outcomes", err)
			}
		}
		return nil
	})
}

// CallSummary returns what the org's call id's summary is shown from:
// the call, its legs, record, open deals, saved summary and follow-up.
func (s *Store) CallSummary(ctx context.Context, orgID org.ID, id call.ID) (call.SummaryFacts, error) {
	return s.summaryFacts(ctx, s.q, orgID, id, "")
}

// SaveSummary reads the call's summary facts, lets decide validate the
// save, and writes it in the same transaction: the summary (replacing
// any earlier one), the call's notes, and its follow-up task created,
// updated in place or deleted. An error from decide, or a follow-up
// assignee who is not an active member, changes nothing.
func (s *Store) SaveSummary(ctx context.Context, orgID org.ID, id call.ID, decide func(call.SummaryFacts) (call.SummarySave, error)) error {
	return s.tx(ctx, func(tx querier) error {
		f, err := s.summaryFacts(ctx, tx, orgID, id, s.forUpdate())
		if err != nil {
			return err
		}
		save, err := decide(f)
		if err != nil {
			return err
		}
		if err := s.saveFollowUp(ctx, tx, orgID, &save); err != nil {
			return err
		}
		return s.writeSummary(ctx, tx, orgID, id, save)
	})
}

func (s *Store) saveFollowUp(ctx context.Context, tx querier, orgID org.ID, save *call.SummarySave) error {
	if save.DropTask != 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tasks WHERE org_id = $1 AND id = $2 AND NOT done`, orgID, save.DropTask); err != nil {
			return internal("delete follow-up", err)
		}
	}
	if save.Task == nil {
		return nil
	}
	var t crm.Task
	var err error
	if save.Task.ID == 0 {
		t, err = s.createTask(ctx, tx, orgID, *save.Task)
	} else {
		t, err = s.updateTask(ctx, tx, orgID, *save.Task)
	}
	var p *problem.Error
	if errors.As(err, &p) && p.Fields != nil { // the follow-up's fields, by their name in the summary
		fields := problem.Fields{}
		for k, v := range p.Fields {
			fields.Add("follow_up."+k, v)
		}
		return fields.Err()
	}
	save.Summary.TaskID = t.ID
	return err
}

func (s *Store) writeSummary(ctx context.Context, tx querier, orgID org.ID, id call.ID, save call.SummarySave) error {
	m := save.Summary
	_, err := tx.ExecContext(ctx, `INSERT INTO call_summaries (call_id, org_id, outcome, deal_id, task_id, saved_by, saved_at)
	  VALUES ($1, $2, $3, $4, $5, $6, $7)
	  ON CONFLICT (call_id) DO UPDATE SET outcome = excluded.outcome, deal_id = excluded.deal_id, task_id = excluded.task_id,
	    saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
		id, orgID, m.Outcome, nullID(m.DealID), nullID(m.TaskID), m.SavedBy, m.SavedAt.UTC())
	if err != nil {
		return internal("save summary", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE calls SET notes = $3, revision = revision + 1, updated_at = $4 WHERE org_id = $1 AND id = $2`,
		orgID, id, save.Notes, s.stamp())
	return internal("save call notes", err)
}

// summaryFacts reads a call's summary facts with q; lock, when not "",
// locks the call's row first so saves of one call run one at a time.
func (s *Store) summaryFacts(ctx context.Context, q querier, orgID org.ID, id call.ID, lock string) (call.SummaryFacts, error) {
	var f call.SummaryFacts
	c, err := scanCall(q.QueryRowContext(ctx, `SELECT `+callColumns+` FROM calls WHERE org_id = $1 AND id = $2`+lock, orgID, id))
	if isNoRows(err) {
		return f, notFound("call")
	}
	if err != nil {
		return f, internal("call", err)
	}
	f.Call = c
	steps := []func(context.Context, querier, org.ID, *call.SummaryFacts) error{summaryLegs, summaryRecord, summarySaved, summaryOrg}
	for _, step := range steps {
		if err := step(ctx, q, orgID, &f); err != nil {
			return f, err
		}
	}
	return f, nil
}

func summaryLegs(ctx context.Context, q querier, orgID org.ID, f *call.SummaryFacts) error {
	rows, err := q.QueryContext(ctx, `SELECT id, user_id, status FROM call_legs WHERE org_id = $1 AND call_id = $2 ORDER BY id`, orgID, f.Call.ID)
	if err != nil {
		return internal("legs", err)
	}
	f.Legs, err = collect(rows, func(r interface{ Scan(...any) error }) (call.Leg, error) {
		l := call.Leg{CallID: f.Call.ID}
		return l, r.Scan(&l.ID, &l.UserID, &l.Status)
	})
	return err
}

// summaryRecord reads the call's record and its open deals: a contact's
// or an account's deals, or a deal itself.
func summaryRecord(ctx context.Context, q querier, orgID org.ID, f *call.SummaryFacts) error {
	f.Deals = []call.Deal{}
	if f.Call.RecordID == 0 {
		return nil
	}
	r := call.RecordRef{ID: f.Call.RecordID}
	err := q.QueryRowContext(ctx, `SELECT r.kind, `+recordName+` FROM records r WHERE r.org_id = $1 AND r.id = $2`,
		orgID, r.ID).Scan(&r.Kind, &r.Name)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return internal("call record", err)
	}
	f.Record = &r
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.name, d.stage FROM records d WHERE d.org_id = $1 AND d.kind = 'deal'
	  AND d.stage NOT IN ('won', 'lost') AND (d.id = $2 OR d.contact_id = $2 OR d.account_id = $2)
	  ORDER BY d.updated_at DESC, d.id DESC`, orgID, r.ID)
	if err != nil {
		return internal("open deals", err)
	}
	f.Deals, err = collect(rows, func(r interface{ Scan(...any) error }) (call.Deal, error) {
		var d call.Deal
		return d, r.Scan(&d.ID, &d.Name, &d.Stage)
	})
	if f.Deals == nil {
		f.Deals = []call.Deal{}
	}
	return err
}

// summarySaved reads the saved summary and its follow-up task.
func summarySaved(ctx context.Context, q querier, orgID org.ID, f *call.SummaryFacts) error {
	m := &f.Summary
	var at time.Time
	err := q.QueryRowContext(ctx, `SELECT cs.outcome, COALESCE(cs.deal_id, 0), COALESCE(cs.task_id, 0), cs.saved_by, cs.saved_at, u.name
	  FROM call_summaries cs JOIN users u ON u.id = cs.saved_by WHERE cs.org_id = $1 AND cs.call_id = $2`, orgID, f.Call.ID).
		Scan(&m.Outcome, &m.DealID, &m.TaskID, &m.SavedBy, &at, &f.SavedByName)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return internal("call summary", err)
	}
	m.SavedAt = &at
	if m.TaskID == 0 {
		return nil
	}
	t, err := scanTask(q.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE org_id = $1 AND id = $2`, orgID, m.TaskID))
	if err != nil {
		return internal("follow-up task", err)
	}
	f.FollowUp = &t
	return nil
}

func summaryOrg(ctx context.Context, q querier, orgID org.ID, f *call.SummaryFacts) error {
	var err error
	if f.Outcomes, err = outcomes(ctx, q, orgID); err != nil {
		return err
	}
	return internal("org time zone", q.QueryRowContext(ctx, `SELECT time_zone FROM orgs WHERE id = $1`, orgID).Scan(&f.TimeZone))
}
