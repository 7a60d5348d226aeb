package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

const callColumns = `id, org_id, number_id, call_sid, COALESCE(version_id, 0), direction, from_number, to_number, anonymous,
  COALESCE(record_id, 0), state, status, outcome, COALESCE(answered_by, 0), started_at, answered_at, ended_at, recording_url, revision,
  notes, held, muted`

func scanCall(row interface{ Scan(...any) error }) (call.Call, error) {
	var c call.Call
	var state string
	err := row.Scan(&c.ID, &c.OrgID, &c.NumberID, &c.CallSID, &c.VersionID, &c.Direction, &c.From, &c.To, &c.Anonymous,
		&c.RecordID, &state, &c.Status, &c.Outcome, &c.AnsweredBy, &c.StartedAt, &c.AnsweredAt, &c.EndedAt, &c.RecordingURL, &c.Revision,
		&c.Notes, &c.Held, &c.Muted)
	if err == nil {
		err = json.Unmarshal([]byte(state), &c.State)
	}
	return c, err
}

// CallForWebhook finds a call by the carrier's CallSid, in whatever org:
// the webhook's signature was checked against the number's provider.
func (s *Store) CallForWebhook(ctx context.Context, sid string) (call.Call, error) {
	c, err := scanCall(s.q.QueryRowContext(ctx, `SELECT `+callColumns+` FROM calls WHERE call_sid = $1`, sid))
	if isNoRows(err) {
		return c, notFound("call")
	}
	return c, internal("call", err)
}

// Call returns one of the org's calls.
func (s *Store) Call(ctx context.Context, orgID org.ID, id call.ID) (call.Call, error) {
	c, err := scanCall(s.q.QueryRowContext(ctx, `SELECT `+callColumns+` FROM calls WHERE org_id = $1 AND id = $2`, orgID, id))
	if isNoRows(err) {
		return c, notFound("call")
	}
	return c, internal("call", err)
}

// Change is what a webhook does to a call, written in one transaction:
// the call's new fields, legs to add or update, jobs to queue.
type Change struct {
	Call    call.Call
	NewLegs []call.Leg
	Legs    []call.Leg // updated: status and ended_at
	Jobs    []call.Job
}

// errStale means another webhook changed the call first.
var errStale = errors.New("store: call changed concurrently")

// UpdateCall applies fn to the call's current state and writes the change,
// retrying with fresh state when another webhook changed the call between
// the read and the write.
func (s *Store) UpdateCall(ctx context.Context, orgID org.ID, id call.ID, fn func(call.Call, []call.Leg) (Change, error)) (Change, error) {
	for attempt := 0; ; attempt++ {
		c, err := s.Call(ctx, orgID, id)
		if err != nil {
			return Change{}, err
		}
		legs, err := s.Legs(ctx, orgID, id)
		if err != nil {
			return Change{}, err
		}
		ch, err := fn(c, legs)
		if err != nil {
			return Change{}, err
		}
		ch.Call.Revision = c.Revision
		err = s.tx(ctx, func(tx querier) error { return s.writeChange(ctx, tx, orgID, &ch) })
		if err == nil {
			ch.Call.Revision++
		}
		if !errors.Is(err, errStale) || attempt == 10 {
			return ch, err
		}
	}
}

func (s *Store) writeChange(ctx context.Context, tx querier, orgID org.ID, ch *Change) error {
	c := ch.Call
	state, _ := json.Marshal(c.State)
	res, err := tx.ExecContext(ctx, `UPDATE calls SET state = $3, status = $4, outcome = $5, answered_by = $6, answered_at = $7,
	  ended_at = $8, recording_url = $11, notes = $12, held = $13, muted = $14, revision = revision + 1, updated_at = $9
	  WHERE org_id = $1 AND id = $2 AND revision = $10`,
		orgID, c.ID, string(state), c.Status, c.Outcome, nullID(c.AnsweredBy), c.AnsweredAt, c.EndedAt, s.stamp(), c.Revision, c.RecordingURL,
		c.Notes, c.Held, c.Muted)
	if err != nil {
		return internal("update call", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	for i, l := range ch.NewLegs {
		id, err := insertID(ctx, tx, `INSERT INTO call_legs (org_id, call_id, user_id, cycle, status, created_at, forward_to)
		  VALUES ($1, $2, $3, $4, $5, $6, $7)`, orgID, c.ID, l.UserID, l.Cycle, l.Status, s.stamp(), l.ForwardTo)
		if err != nil {
			return internal("add leg", err)
		}
		ch.NewLegs[i].ID = id
	}
	for _, l := range ch.Legs {
		if _, err := tx.ExecContext(ctx, `UPDATE call_legs SET status = $3, ended_at = $4, leg_sid = COALESCE(leg_sid, $5)
		  WHERE org_id = $1 AND id = $2`, orgID, l.ID, l.Status, l.EndedAt, nullString(l.SID)); err != nil {
			return internal("update leg", err)
		}
	}
	return insertJobs(ctx, tx, orgID, c.ID, ch.Jobs, s.stamp())
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// Legs lists a call's legs in the order they were rung.
func (s *Store) Legs(ctx context.Context, orgID org.ID, id call.ID) ([]call.Leg, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, call_id, user_id, COALESCE(leg_sid, ''), cycle, status, created_at, ended_at, forward_to
	  FROM call_legs WHERE org_id = $1 AND call_id = $2 ORDER BY id`, orgID, id)
	if err != nil {
		return nil, internal("legs", err)
	}
	return collect(rows, func(r interface{ Scan(...any) error }) (call.Leg, error) {
		var l call.Leg
		return l, r.Scan(&l.ID, &l.CallID, &l.UserID, &l.SID, &l.Cycle, &l.Status, &l.CreatedAt, &l.EndedAt, &l.ForwardTo)
	})
}

// SetLegSID records the carrier SID of a leg once its call is created.
func (s *Store) SetLegSID(ctx context.Context, orgID org.ID, legID int64, sid string) error {
	res, err := s.q.ExecContext(ctx, `UPDATE call_legs SET leg_sid = $3 WHERE org_id = $1 AND id = $2`, orgID, legID, sid)
	return affected(res, err, "leg")
}

// insertJobs queues a change's jobs in one statement, in their order.
func insertJobs(ctx context.Context, tx querier, orgID org.ID, callID call.ID, jobs []call.Job, now time.Time) error {
	if len(jobs) == 0 {
		return nil
	}
	q, args := jobRows(orgID, jobs, now)
	setJobsCall(args, int64(callID))
	_, err := tx.ExecContext(ctx, q, args...)
	return internal("queue jobs", err)
}

// setJobsCall sets the call's id in jobRows' arguments.
func setJobsCall(args []any, callID int64) {
	for i := jobCallID; i < len(args); i += jobWidth {
		args[i] = callID
	}
}

// jobRows is the statement that queues jobs, and its arguments but the
// call's id (at jobCallID in each job's jobWidth; jobRunAt is its time).
func jobRows(orgID org.ID, jobs []call.Job, now time.Time) (string, []any) {
	q := make([]byte, 0, 96+40*len(jobs))
	q = append(q, `INSERT INTO jobs (org_id, kind, call_id, payload, run_at, attempts, last_error) VALUES `...)
	args := make([]any, 0, jobWidth*len(jobs))
	for i, j := range jobs {
		runAt := j.RunAt
		if runAt.IsZero() {
			runAt = now
		}
		if i > 0 {
			q = append(q, ", "...)
		}
		q = append(q, '(') // ($1, $2, $3, $4, $5, 0, ''), numbered on
		for k := 1; k <= jobWidth; k++ {
			q = append(strconv.AppendInt(append(q, '$'), int64(len(args)+k), 10), ", "...)
		}
		q = append(q, "0, '')"...)
		args = append(args, int64(orgID), j.Kind, nil, j.Payload, runAt.UTC())
	}
	return string(q), args
}

// ClaimJobs takes up to limit due jobs of any org for lease, so a worker
// in one instance runs each; a job whose worker died is claimed again when
// its lease runs out.
func (s *Store) ClaimJobs(ctx context.Context, limit int, lease time.Duration) ([]call.Job, error) {
	now := s.stamp()
	skip := ""
	if s.dialect == Postgres {
		skip = " FOR UPDATE SKIP LOCKED"
	}
	rows, err := s.q.QueryContext(ctx, `UPDATE jobs SET locked_until = $1, attempts = attempts + 1
	  WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $2 AND (locked_until IS NULL OR locked_until < $2)
	  ORDER BY run_at, id LIMIT $3`+skip+`)
	  RETURNING id, org_id, kind, COALESCE(call_id, 0), payload, run_at, attempts`, now.Add(lease), now, limit)
	if err != nil {
		return nil, internal("claim jobs", err)
	}
	return collect(rows, func(r interface{ Scan(...any) error }) (call.Job, error) {
		var j call.Job
		return j, r.Scan(&j.ID, &j.OrgID, &j.Kind, &j.CallID, &j.Payload, &j.RunAt, &j.Attempts)
	})
}

// FinishJob marks a job done, or when it failed and may be retried,
// schedules it again after retryIn with the error kept.
func (s *Store) FinishJob(ctx context.Context, id int64, jobErr error, retryIn time.Duration) error {
	var err error
	if jobErr == nil || retryIn <= 0 {
		msg := ""
		if jobErr != nil {
			msg = jobErr.Error()
		}
		_, err = s.q.ExecContext(ctx, `UPDATE jobs SET done_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1`, id, s.stamp(), msg)
	} else {
		_, err = s.q.ExecContext(ctx, `UPDATE jobs SET run_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1`,
			id, s.stamp().Add(retryIn), jobErr.Error())
	}
	return internal("finish job", err)
}

// QueuedCalls lists the org's callers waiting in a queue, longest-waiting
// first.
func (s *Store) QueuedCalls(ctx context.Context, orgID org.ID) ([]call.Call, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+callColumns+` FROM calls WHERE org_id = $1 AND status = 'queued'
	  ORDER BY started_at, id`, orgID)
	if err != nil {
		return nil, internal("queued calls", err)
	}
	return collect(rows, scanCall)
}

// AgentRinging reports whether any leg is ringing the user now.
func (s *Store) AgentRinging(ctx context.Context, orgID org.ID, user org.UserID) (bool, error) {
	var n int
	err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM call_legs WHERE org_id = $1 AND user_id = $2
	  AND status IN ('queued', 'initiated', 'ringing')`, orgID, user).Scan(&n)
	return n > 0, internal("agent ringing", err)
}

// StartCall records a new call together with its first step — its state,
// the legs to ring and the jobs to queue — in one transaction. When the
// carrier retried and the call exists, nothing is written and the existing
// call is returned with created false.
func (s *Store) StartCall(ctx context.Context, orgID org.ID, ch Change) (call.Call, bool, error) {
	c := ch.Call
	start := c.StartedAt.UTC().Truncate(time.Microsecond)
	var created bool
	var err error
	if s.dialect == Postgres {
		created, err = s.startCallPostgres(ctx, orgID, &ch, start)
	} else {
		rows := callRows(orgID, "", ch, s.stamp())
		err = s.tx(ctx, func(tx querier) (err error) {
			created, err = recordCall(ctx, tx, orgID, &ch, rows)
			return err
		})
	}
	if err != nil || created {
		return ch.Call, created, err
	}
	existing, err := s.CallForWebhook(ctx, c.CallSID)
	return existing, false, err
}

// insertCall records a new call ($1…$13: callArgs), unless the carrier
// retried and its SID is known; it returns the new call's id.
const insertCall = `INSERT INTO calls (org_id, number_id, call_sid, version_id, direction, from_number,
  to_number, anonymous, record_id, state, status, outcome, started_at, revision, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $13) ON CONFLICT (call_sid) DO NOTHING RETURNING id`

func callArgs(orgID org.ID, c call.Call, start time.Time) []any {
	state, _ := json.Marshal(c.State)
	return []any{orgID, c.NumberID, c.CallSID, nullID(c.VersionID), c.Direction, c.From, c.To, c.Anonymous,
		nullID(c.RecordID), string(state), c.Status, c.Outcome, start}
}

// Calls lists the org's calls, newest first, keyset-paged by start time.
func (s *Store) Calls(ctx context.Context, orgID org.ID, limit int, cursor string) ([]call.Call, string, error) {
	w := newWhere("org_id = ?", orgID)
	if cursor != "" {
		at, id, err := decodeCursor(cursor)
		t, perr := time.Parse(time.RFC3339Nano, at)
		if err != nil || perr != nil {
			return nil, "", problem.Field("cursor", "is not a cursor this server returned")
		}
		w.add("(started_at < ? OR (started_at = ? AND id < ?))", t.UTC(), t.UTC(), id)
	}
	rows, err := s.q.QueryContext(ctx, `SELECT `+callColumns+` FROM calls WHERE `+w.String()+
		` ORDER BY started_at DESC, id DESC LIMIT `+w.limit(limit+1), w.args...)
	if err != nil {
		return nil, "", internal("calls", err)
	}
	list, err := collect(rows, scanCall)
	if err != nil || len(list) <= limit {
		return list, "", err
	}
	list = list[:limit]
	last := list[len(list)-1]
	return list, encodeCursor(last.StartedAt.UTC().Format(time.RFC3339Nano), int64(last.ID)), nil
}
