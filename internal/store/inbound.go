package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
)

// The reads of an inbound-call webhook, as few queries as can be: every
// query is a round trip on PostgreSQL, and on SQLite a statement's fixed
// cost is most of a small read's. A new call's webhook makes two reads,
// NumberForWebhook (number.go) and CallStart, then its write
// (StartInboundCall). On SQLite the webhook cache (cache.go) holds most of
// what they read: with it warm, the one read left runs inside the write.

// RoutingFacts is what routing needs to know of an org besides the call.
type RoutingFacts struct {
	Org org.Org
	// Agents is the presence of the org's active users by id; an online
	// user whose app stopped beating is Lapsed.
	Agents []presence.Agent
	// Forwarding is the forwarding number of each active user who has one.
	Forwarding map[org.UserID]string
	// Waiting counts the callers waiting in the number's queue.
	Waiting int
}

// RoutingFacts returns, in one query (less what the SQLite cache holds),
// the org's settings, its active users' presence and forwarding numbers,
// and the length of a number's queue.
func (s *Store) RoutingFacts(ctx context.Context, orgID org.ID, numberID int64) (RoutingFacts, error) {
	f, err := s.callStart(ctx, orgID, provider.NumberID(numberID), "", false)
	if problem.Is(err, problem.NotFound) && f.Org.ID != 0 {
		err = nil // no published routing: only a new call needs it
	}
	return f.RoutingFacts, err
}

// CallStart is what a new inbound call needs before it is routed.
type CallStart struct {
	RoutingFacts
	// VersionID is the number's live routing version.
	VersionID int64
	// Caller is the record the caller's number belongs to: the oldest of
	// them when several have it, 0 when none does.
	Caller crm.RecordID
}

// CallStart returns, in one query, the RoutingFacts of a number's org,
// the number's live routing version, and the record of the caller from
// ("" looks no one up: a withheld caller is nobody's record). It is not
// found when the org is not, or the number has no published routing. On
// SQLite what the webhook cache holds (cache.go) is not read again.
func (s *Store) CallStart(ctx context.Context, orgID org.ID, number provider.NumberID, from string) (CallStart, error) {
	return s.callStart(ctx, orgID, number, from, true)
}

func (s *Store) callStart(ctx context.Context, orgID org.ID, number provider.NumberID, from string, needVersion bool) (CallStart, error) {
	var c CallStart
	var err error
	if s.cached() {
		c, err = s.callStartCached(ctx, orgID, number, from, needVersion)
	} else {
		c, _, err = s.readCallStart(ctx, callStartQuery, width(orgColumns), orgID, number, from)
	}
	switch {
	case err != nil:
		return c, internal("routing facts", err)
	case c.Org.ID == 0:
		return c, notFound("org")
	case c.VersionID == 0:
		return c, notFound("routing version")
	}
	return c, nil
}

// The parts of CallStart's queries: a number's queue length and the
// caller's record ($1 org, $2 number, $3 caller), the live version, and
// the org's active users with their presence and forwarding numbers, then
// each one's heartbeat deadline (for the cache to judge lapses later).
const (
	waitingColumn = `(SELECT COUNT(*) FROM calls WHERE org_id = $1 AND number_id = $2 AND status = 'queued')`
	callerColumn  = `(SELECT MIN(ph.record_id) FROM phones ph JOIN records r ON r.id = ph.record_id
	  WHERE ph.org_id = $1 AND ph.e164 = $3 AND $3 <> '')`
	versionColumn = `(SELECT id FROM routing_versions WHERE org_id = $1 AND number_id = $2 ORDER BY version DESC LIMIT 1)`
	agentColumns  = `u.forwarding_number, ` + presenceColumns + `, p.reachable_until`
	agentJoins    = `LEFT JOIN users u ON u.org_id = $1 AND u.active LEFT JOIN presence p ON p.user_id = u.id
	  ORDER BY u.id`
)

// callStartQuery reads everything CallStart returns: the org, then the
// queue, the version and the caller on each row, and one active user per
// row (none on the only row of an org without active users).
const callStartQuery = `SELECT o.*, ` + waitingColumn + `, ` + versionColumn + `, ` + callerColumn + `, ` + agentColumns + `
  FROM (SELECT ` + orgColumns + ` FROM orgs WHERE id = $1) o ` + agentJoins

// callFactsQuery is callStartQuery without the org and the version (0),
// which the cache holds.
const callFactsQuery = `SELECT ` + waitingColumn + `, 0, ` + callerColumn + `, ` + agentColumns + `
  FROM (SELECT 1) o ` + agentJoins

// callCountsQuery reads only what every call may change: the queue and
// the caller.
const callCountsQuery = `SELECT ` + waitingColumn + `, ` + callerColumn

// waitingQuery counts a number's queue ($1 org, $2 number).
const waitingQuery = `SELECT ` + waitingColumn

// readCallStart runs query (callStartQuery or callFactsQuery, whose org
// columns are orgWidth wide) and reads its rows, with each agent's
// heartbeat deadline.
func (s *Store) readCallStart(ctx context.Context, query string, orgWidth int, orgID org.ID, number provider.NumberID, from string) (CallStart, []*time.Time, error) {
	now := heartbeatNow()
	// Not cancelled with the request: a cancellable statement costs two
	// goroutines waiting to interrupt it, and this one takes microseconds.
	rows, err := s.q.QueryContext(context.WithoutCancel(ctx), query, orgID, number, from)
	if err != nil {
		return CallStart{}, nil, err
	}
	defer rows.Close()
	return scanCallStart(rows, now, orgWidth)
}

// scanCallStart reads CallStart's rows: the org (if orgWidth is not 0),
// the queue, the version and the caller on each, and one active user per
// row (none on the only row of an org without active users).
func scanCallStart(rows *sql.Rows, now time.Time, orgWidth int) (CallStart, []*time.Time, error) {
	ow, pw := orgWidth, width(presenceColumns)
	all := ow + 4 + pw + 1
	c := CallStart{RoutingFacts: RoutingFacts{Forwarding: map[org.UserID]string{}}}
	var deadlines []*time.Time
	for first := true; rows.Next(); first = false {
		if first && ow > 0 {
			o, err := scanOrg(columnsAt{rows: rows, width: all})
			if err != nil {
				return c, nil, err
			}
			c.Org = o
		}
		var version, record sql.NullInt64
		var fwd, user sql.NullString
		if err := (columnsAt{rows: rows, offset: ow, width: all}).Scan(&c.Waiting, &version, &record, &fwd, &user); err != nil {
			return c, nil, err
		}
		c.VersionID, c.Caller = version.Int64, crm.RecordID(record.Int64)
		if !user.Valid {
			continue
		}
		a, err := scanAgent(now)(columnsAt{rows: rows, offset: ow + 4, width: all})
		var until *time.Time
		if err == nil {
			err = (columnsAt{rows: rows, offset: ow + 4 + pw, width: all}).Scan(&until)
		}
		if err != nil {
			return c, nil, err
		}
		c.Agents, deadlines = append(c.Agents, a), append(deadlines, until)
		if fwd.String != "" {
			c.Forwarding[a.UserID] = fwd.String
		}
	}
	return c, deadlines, rows.Err()
}

// readCallCounts runs callCountsQuery.
func (s *Store) readCallCounts(ctx context.Context, orgID org.ID, number provider.NumberID, from string) (waiting int, caller crm.RecordID, err error) {
	var record sql.NullInt64
	err = s.q.QueryRowContext(context.WithoutCancel(ctx), callCountsQuery, orgID, number, from).Scan(&waiting, &record)
	return waiting, crm.RecordID(record.Int64), err
}

// Decide makes the change that records a new inbound call and its first
// step from what its routing needs. It must not write to the store: on
// SQLite it may run inside the transaction that records the call, more
// than once (startCachedCall).
type Decide func(CallStart) (Change, error)

// StartInboundCall routes and records a new inbound call: CallStart, then
// decide, then StartCall, with their results and errors. On SQLite, when
// the webhook cache holds the org, the live version and the agents, it
// takes no read of its own (startCachedCall).
func (s *Store) StartInboundCall(ctx context.Context, orgID org.ID, number provider.NumberID, from string, decide Decide) (call.Call, bool, error) {
	if c, ok := s.hot.startFacts(orgID, number, heartbeatNow()); s.cached() && ok {
		return s.startCachedCall(ctx, orgID, number, from, c, decide)
	}
	c, err := s.CallStart(ctx, orgID, number, from)
	if err != nil {
		return call.Call{}, false, err
	}
	ch, err := decide(c)
	if err != nil {
		return call.Call{}, false, err
	}
	return s.StartCall(ctx, orgID, ch)
}

// startCachedCall is StartInboundCall on SQLite with c, from the cache,
// lacking only the queue length and the caller, which the transaction
// that records the call reads on the write connection, whose pages are
// warm, instead of by a read of their own — and only as far as they
// matter. The caller's record is found by the call's own INSERT
// (insertCallFindingCaller), so decide sees Caller 0: the call's first
// ring job identifies the caller if the INSERT found no one
// (callflow's identifyFirst; the worker's identify does nothing for a call
// with a record). The queue's length matters only to a call routing
// queues, so decide first runs with Waiting 0, before the transaction (on
// the cache's facts, read before it either way: the single writer's time
// is every call's), and only if it queues the call is the queue counted
// in the transaction and decide run again: the call joins the queue it
// counted.
func (s *Store) startCachedCall(ctx context.Context, orgID org.ID, number provider.NumberID, from string, c CallStart, decide Decide) (call.Call, bool, error) {
	first, err := decide(c)
	if err != nil {
		return call.Call{}, false, err
	}
	rows := callRows(orgID, from, first, s.stamp())
	var ch Change
	var created bool
	err = s.tx(ctx, func(tx querier) (err error) {
		ch = first
		r := rows
		if ch.Call.Status == call.Queued {
			if err := tx.QueryRowContext(ctx, waitingQuery, orgID, number).Scan(&c.Waiting); err != nil {
				return internal("routing facts", err)
			}
			if ch, err = decide(c); err != nil {
				return err
			}
			r = callRows(orgID, from, ch, s.stamp())
		}
		created, err = recordCall(ctx, tx, orgID, &ch, r)
		return err
	})
	if err != nil || created {
		return ch.Call, created, err
	}
	existing, err := s.CallForWebhook(ctx, ch.Call.CallSID)
	return existing, false, err
}

// recordCall records a new call with its legs and jobs on SQLite, in the
// caller's transaction, from rows (callRows of ch), setting their ids in
// ch; created is false, and nothing is written, when the call's SID is
// known (the carrier retried). The call's record, when ch has none, is
// the one the caller's number in rows belongs to. Each INSERT is an Exec, and the row id is the
// driver's: SQLite gathers RETURNING's rows in a temporary table, and a
// query costs more than an Exec.
func recordCall(ctx context.Context, tx querier, orgID org.ID, ch *Change, rows newCallRows) (created bool, err error) {
	id, err := insertedID(tx.ExecContext(ctx, insertCallFindingCaller, rows.call...))
	if id == 0 || err != nil {
		return false, internal("start call", err)
	}
	ch.Call.ID, ch.Call.OrgID = call.ID(id), orgID
	for i, args := range rows.legs {
		args[1] = id
		lid, err := insertedID(tx.ExecContext(ctx, insertLeg, args...))
		if err != nil {
			return false, internal("add leg", err)
		}
		ch.NewLegs[i].ID = lid
	}
	if len(rows.jobs) == 0 {
		return true, nil
	}
	setJobsCall(rows.jobs, id)
	_, err = tx.ExecContext(ctx, rows.jobsQuery, rows.jobs...)
	return true, internal("queue jobs", err)
}

// newCallRows are the arguments of a new call's INSERTs on SQLite, made
// before the write transaction — the single writer's time is every
// call's: times as the driver writes them, the state as JSON, the jobs'
// statement. recordCall sets the call's id in them once it is known.
type newCallRows struct {
	call      []any
	legs      [][]any
	jobsQuery string
	jobs      []any
}

const (
	insertLeg = `INSERT INTO call_legs (org_id, call_id, user_id, cycle, status, created_at)
	  VALUES ($1, $2, $3, $4, $5, $6)`
	// jobWidth is a job's arguments in jobRows', jobCallID and jobRunAt
	// where its call's id and its time are.
	jobWidth, jobCallID, jobRunAt = 5, 2, 4
)

// callRows makes the rows that record ch, a new call from from (the
// number its record is looked up by), at now (the jobs due now).
func callRows(orgID org.ID, from string, ch Change, now time.Time) newCallRows {
	c := ch.Call
	start := sqliteTime(c.StartedAt.UTC().Truncate(time.Microsecond))
	state, _ := json.Marshal(c.State)
	r := newCallRows{call: []any{int64(orgID), c.NumberID, c.CallSID, nullID(c.VersionID), c.Direction, c.From, c.To,
		c.Anonymous, nullID(c.RecordID), string(state), c.Status, c.Outcome, start, from}}
	for _, l := range ch.NewLegs {
		r.legs = append(r.legs, []any{int64(orgID), nil, int64(l.UserID), int64(l.Cycle), l.Status, start})
	}
	if len(ch.Jobs) > 0 {
		r.jobsQuery, r.jobs = jobRows(orgID, ch.Jobs, now)
		for i := jobRunAt; i < len(r.jobs); i += jobWidth {
			r.jobs[i] = sqliteTime(r.jobs[i].(time.Time))
		}
	}
	return r
}

// sqliteTime is t as the driver writes a time on SQLite (_time_format=sqlite).
func sqliteTime(t time.Time) string { return t.Format("2006-01-02 15:04:05.999999999-07:00") }

// insertCallFindingCaller is insertCall for an Exec (recordCall) whose
// record, when $9 is NULL, is the one the caller's number $14 belongs to
// (as callerColumn finds it).
var insertCallFindingCaller = strings.Replace(strings.TrimSuffix(insertCall, " RETURNING id"), "$9,",
	"COALESCE($9, "+strings.ReplaceAll(callerColumn, "$3", "$14")+"),", 1)

// insertedID is the row id an SQLite INSERT added, or 0 when it added
// none (ON CONFLICT DO NOTHING).
func insertedID(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, err
	}
	return res.LastInsertId()
}
