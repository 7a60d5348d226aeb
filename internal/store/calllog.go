package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
)

// logColumns follow callColumns: the cost, the recording's tombstone, the
// names of the record and of who deleted the recording, and the summary's
// outcome (NULL = not summarised).
const logColumns = `, price, price_unit, carrier_duration, recording_deleted_at, COALESCE(recording_deleted_by, 0),
  COALESCE((SELECT ` + recordName + ` FROM records r WHERE r.id = calls.record_id), ''),
  COALESCE((SELECT u.name FROM users u WHERE u.id = calls.recording_deleted_by), ''),
  (SELECT cs.outcome FROM call_summaries cs WHERE cs.call_id = calls.id)`

// extraScan scans a call's columns and then extra.
type extraScan struct {
	row   interface{ Scan(...any) error }
	extra []any
}

func (x extraScan) Scan(d ...any) error { return x.row.Scan(append(d, x.extra...)...) }

func scanLogEntry(row interface{ Scan(...any) error }) (call.LogEntry, error) {
	var e call.LogEntry
	var dur *int64
	var outcome *string
	c, err := scanCall(extraScan{row, []any{&e.Price, &e.PriceUnit, &dur, &e.RecordingDeletedAt, &e.RecordingDeletedBy,
		&e.RecordName, &e.DeletedByName, &outcome}})
	e.Call = c
	if outcome != nil {
		e.SummaryOutcome, e.Summarised = *outcome, true
	}
	if dur != nil {
		d := int(*dur)
		e.Duration = &d
	}
	return e, err
}

// CallLog lists the org's calls matching f, newest first, keyset-paged by
// start time (R-POST-2).
func (s *Store) CallLog(ctx context.Context, orgID org.ID, f call.LogFilter) ([]call.LogEntry, string, error) {
	w, err := logWhere(orgID, f)
	if err != nil {
		return nil, "", err
	}
	rows, err := s.q.QueryContext(ctx, `SELECT `+callColumns+logColumns+` FROM calls WHERE `+w.String()+
		` ORDER BY started_at DESC, id DESC LIMIT `+w.limit(f.Limit+1), w.args...)
	if err != nil {
		return nil, "", internal("call log", err)
	}
	list, err := collect(rows, scanLogEntry)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(list) > f.Limit {
		list = list[:f.Limit]
		last := list[len(list)-1]
		next = encodeCursor(last.StartedAt.UTC().Format(time.RFC3339Nano), int64(last.ID))
	}
	return list, next, s.addAgents(ctx, orgID, list)
}

func logWhere(orgID org.ID, f call.LogFilter) (*where, error) {
	w := newWhere("org_id = ?", orgID)
	if f.Cursor != "" {
		at, id, err := decodeCursor(f.Cursor)
		t, perr := time.Parse(time.RFC3339Nano, at)
		if err != nil || perr != nil {
			return nil, problem.Field("cursor", "is not a cursor this server returned")
		}
		w.add("(started_at < ? OR (started_at = ? AND id < ?))", t.UTC(), t.UTC(), id)
	}
	if f.From != nil {
		w.add("started_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		w.add("started_at < ?", f.To.UTC())
	}
	if f.Agent != 0 {
		w.add("(answered_by = ? OR EXISTS (SELECT 1 FROM call_legs l WHERE l.call_id = calls.id AND l.user_id = ?))", f.Agent, f.Agent)
	}
	for col, v := range map[string]string{"direction": f.Direction, "status": f.Status, "outcome": f.Outcome} {
		if v != "" {
			w.add(col+" = ?", v)
		}
	}
	if f.Number != "" {
		w.add("(from_number = ? OR to_number = ?)", f.Number, f.Number)
	}
	if f.SummaryOutcome != "" {
		w.add("EXISTS (SELECT 1 FROM call_summaries cs WHERE cs.call_id = calls.id AND cs.outcome = ?)", f.SummaryOutcome)
	}
	if f.NeedsOutcome != nil {
		// call.NeedsOutcome: answered, ended, not summarised.
		const needs = "(outcome = 'answered' AND ended_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM call_summaries cs WHERE cs.call_id = calls.id))"
		if *f.NeedsOutcome {
			w.add(needs)
			if f.Agent != 0 { // an agent's list: only the calls they may summarise, the ones they took
				w.add("answered_by = ?", f.Agent)
			}
		} else {
			w.add("NOT " + needs)
		}
	}
	return w, nil
}

// addAgents fills each entry's agents: the users rung for it and who
// answered, in id order.
func (s *Store) addAgents(ctx context.Context, orgID org.ID, list []call.LogEntry) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]string, len(list))
	at := map[call.ID]int{}
	for i, e := range list {
		ids[i] = strconv.FormatInt(int64(e.ID), 10) // integers from the store: safe to inline
		at[e.ID] = i
	}
	rows, err := s.q.QueryContext(ctx, `SELECT c.id, u.id, u.name FROM calls c JOIN users u ON u.org_id = c.org_id
	  AND (u.id = c.answered_by OR u.id IN (SELECT l.user_id FROM call_legs l WHERE l.call_id = c.id))
	  WHERE c.org_id = $1 AND c.id IN (`+strings.Join(ids, ",")+`) ORDER BY c.id, u.id`, orgID)
	if err != nil {
		return internal("call agents", err)
	}
	type row struct {
		id call.ID
		a  call.Agent
	}
	got, err := collect(rows, func(r interface{ Scan(...any) error }) (row, error) {
		var x row
		return x, r.Scan(&x.id, &x.a.ID, &x.a.Name)
	})
	for _, x := range got {
		list[at[x.id]].Agents = append(list[at[x.id]].Agents, x.a)
	}
	return err
}

// CallLogEntry returns one of the org's calls as the log shows it.
func (s *Store) CallLogEntry(ctx context.Context, orgID org.ID, id call.ID) (call.LogEntry, error) {
	e, err := scanLogEntry(s.q.QueryRowContext(ctx, `SELECT `+callColumns+logColumns+` FROM calls WHERE org_id = $1 AND id = $2`, orgID, id))
	if isNoRows(err) {
		return e, notFound("call")
	}
	if err != nil {
		return e, internal("call", err)
	}
	list := []call.LogEntry{e}
	err = s.addAgents(ctx, orgID, list)
	return list[0], err
}

// SetCallCost records the carrier's price and duration of a call.
func (s *Store) SetCallCost(ctx context.Context, orgID org.ID, id call.ID, price, unit string, duration int) error {
	res, err := s.q.ExecContext(ctx, `UPDATE calls SET price = $3, price_unit = $4, carrier_duration = $5 WHERE org_id = $1 AND id = $2`,
		orgID, id, price, unit, duration)
	return affected(res, err, "call")
}

// DeleteRecording leaves the tombstone of the call's recording: by is who
// deleted it (0 = the retention job). A call with no recording, or one
// already deleted, is a problem.NotFound and nothing changes.
func (s *Store) DeleteRecording(ctx context.Context, orgID org.ID, id call.ID, by org.UserID) error {
	res, err := s.q.ExecContext(ctx, `UPDATE calls SET recording_deleted_at = $3, recording_deleted_by = $4
	  WHERE org_id = $1 AND id = $2 AND recording_url <> '' AND recording_deleted_at IS NULL`, orgID, id, s.stamp(), nullID(by))
	if err != nil {
		return internal("delete recording", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return problem.New(problem.NotFound, "the call has no recording (it may have been deleted already)")
	}
	return nil
}

// ExpiredRecordings lists up to limit of the org's calls whose recording,
// not deleted yet, is from a call started before cutoff.
func (s *Store) ExpiredRecordings(ctx context.Context, orgID org.ID, cutoff time.Time, limit int) ([]call.Call, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+callColumns+` FROM calls WHERE org_id = $1 AND recording_url <> ''
	  AND recording_deleted_at IS NULL AND started_at < $2 ORDER BY started_at, id LIMIT $3`, orgID, cutoff.UTC(), limit)
	if err != nil {
		return nil, internal("expired recordings", err)
	}
	return collect(rows, scanCall)
}

// QueueJob queues a job of the org, for a call or (CallID 0) for the org.
func (s *Store) QueueJob(ctx context.Context, orgID org.ID, j call.Job) error {
	runAt := j.RunAt
	if runAt.IsZero() {
		runAt = s.stamp()
	}
	_, err := s.q.ExecContext(ctx, `INSERT INTO jobs (org_id, kind, call_id, payload, run_at, attempts, last_error)
	  VALUES ($1, $2, $3, $4, $5, 0, '')`, orgID, j.Kind, nullID(j.CallID), j.Payload, runAt.UTC())
	return internal("queue job", err)
}

// EnsureOrgJobs queues a job of kind, due now, for every org with none
// pending; it returns how many it queued.
func (s *Store) EnsureOrgJobs(ctx context.Context, kind string) (int, error) {
	res, err := s.q.ExecContext(ctx, `INSERT INTO jobs (org_id, kind, payload, run_at, attempts, last_error)
	  SELECT o.id, $1, '{}', $2, 0, '' FROM orgs o
	  WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.org_id = o.id AND j.kind = $1 AND j.done_at IS NULL)`, kind, s.stamp())
	if err != nil {
		return 0, internal("queue org jobs", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// CallProvider returns the provider of the org's number a call was on,
// even a number unlinked since; an uninstalled provider is not found.
func (s *Store) CallProvider(ctx context.Context, orgID org.ID, id call.ID) (provider.Provider, error) {
	var pid provider.ID
	err := s.q.QueryRowContext(ctx, `SELECT n.provider_id FROM calls c JOIN numbers n ON n.id = c.number_id AND n.org_id = c.org_id
	  WHERE c.org_id = $1 AND c.id = $2`, orgID, id).Scan(&pid)
	if isNoRows(err) {
		return provider.Provider{}, notFound("call")
	}
	if err != nil {
		return provider.Provider{}, internal("call provider", err)
	}
	return s.Provider(ctx, orgID, pid)
}
