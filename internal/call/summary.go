package call

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// DefaultOutcomes are the summary outcomes of an org whose admin never set
// its list (R-POST-1).
var DefaultOutcomes = []string{"Connected", "Left voicemail", "No answer", "Busy", "Wrong number"}

// Bounds of the org's outcome list and of a summary.
const (
	MaxOutcomes     = 30
	MaxOutcomeLen   = 60
	MaxSummaryNotes = 10000
)

// ValidateOutcomes trims each label and checks the list: 1–30 labels of
// 1–60 characters, no two the same ignoring case. Problems name the
// field outcomes, or outcomes[i] for one label.
func ValidateOutcomes(list []string) ([]string, error) {
	f := problem.Fields{}
	if len(list) == 0 || len(list) > MaxOutcomes {
		f.Add("outcomes", fmt.Sprintf("must have 1–%d entries (it has %d)", MaxOutcomes, len(list)))
	}
	out := make([]string, len(list))
	seen := map[string]int{}
	for i, l := range list {
		l = strings.TrimSpace(l)
		out[i] = l
		key := fmt.Sprintf("outcomes[%d]", i)
		if n := utf8.RuneCountInString(l); n < 1 || n > MaxOutcomeLen {
			f.Add(key, fmt.Sprintf("must be 1–%d characters", MaxOutcomeLen))
			continue
		}
		if j, ok := seen[strings.ToLower(l)]; ok {
			f.Add(key, fmt.Sprintf("repeats outcomes[%d] (%q), ignoring case", j, out[j]))
			continue
		}
		seen[strings.ToLower(l)] = i
	}
	return out, f.Err()
}

// Summary is what an agent saved after a call (R-POST-1); the notes are
// the call's own. The zero value is a call not summarised.
type Summary struct {
	// Outcome is the label chosen from the org's list ("" = none saved):
	// the summary outcome, not the call's Outcome (how it ended).
	Outcome string
	// DealID is the deal the call was about, 0 = none.
	DealID int64
	// TaskID is the follow-up task or call it made, 0 = none.
	TaskID  crm.TaskID
	SavedBy org.UserID
	SavedAt *time.Time
}

// NeedsOutcome reports whether the call waits for its summary: an agent
// talked to the customer, the call has ended, and nobody summarised it.
func NeedsOutcome(c Call, summarised bool) bool {
	return c.Outcome == Answered && c.EndedAt != nil && !summarised
}

// RecordRef names the CRM record a call is logged on.
type RecordRef struct {
	ID   int64
	Kind string
	Name string
}

// SummaryFacts is what a call's summary is shown and decided from, read
// together (in the save's transaction).
type SummaryFacts struct {
	Call Call
	Legs []Leg
	// Record is the call's record, nil = none.
	Record *RecordRef
	// Deals are the record's open deals (neither won nor lost).
	Deals   []Deal
	Summary Summary
	// SavedByName names Summary.SavedBy.
	SavedByName string
	// FollowUp is the summary's follow-up task while it exists.
	FollowUp *crm.Task
	// Outcomes is the org's list now; TimeZone the org's zone.
	Outcomes []string
	TimeZone string
}

// MaySummarise reports whether u may save the call's summary: an admin,
// the agent who answered or placed it, or one whose leg was answered.
func (f SummaryFacts) MaySummarise(u org.User) bool {
	if u.IsAdmin() || (f.Call.AnsweredBy != 0 && f.Call.AnsweredBy == u.ID) {
		return true
	}
	for _, l := range f.Legs {
		if l.UserID == u.ID && (f.Call.Direction == Outbound || l.Status == InProgress || l.Status == Completed) {
			return true
		}
	}
	return false
}

// NeedsOutcome reports whether the call waits for its summary.
func (f SummaryFacts) NeedsOutcome() bool { return NeedsOutcome(f.Call, f.Summary.SavedAt != nil) }

// Follow-up kinds on the wire: a to-do with a due date, or a call back at
// a time.
const (
	FollowUpTask = "task"
	FollowUpCall = "call"
)

// FollowUpKind is the follow-up kind of a task.
func FollowUpKind(t crm.Task) string {
	if t.Kind == crm.TaskCall {
		return FollowUpCall
	}
	return FollowUpTask
}

// SummaryInput is a summary as the agent saves it; it replaces the one
// saved before.
type SummaryInput struct {
	Outcome string
	// Notes replace the call's notes; nil keeps them.
	Notes *string
	// DealID is the deal topic, nil = none.
	DealID *int64
	// FollowUp is the follow-up task or call, nil = none (an earlier one
	// not done yet is deleted).
	FollowUp *FollowUpInput
}

// FollowUpInput is a follow-up task (DueDate) or call (DueAt).
type FollowUpInput struct {
	Kind    string
	Title   string // "" = a title naming the record or number
	DueDate string // YYYY-MM-DD, tasks
	DueAt   string // RFC 3339, calls
	// AssigneeID nil = the agent saving.
	AssigneeID *int64
}

// SummarySave is a validated save, written in the transaction its facts
// were read in.
type SummarySave struct {
	Summary Summary
	Notes   string
	// Task is the follow-up to create (ID 0) or update in place, nil =
	// none; the store checks its assignee.
	Task *crm.Task
	// DropTask is the earlier follow-up to delete if not done, 0 = none.
	DropTask crm.TaskID
}

var errNotEnded = problem.New(problem.Conflict, "the call has not ended yet")

// Decide validates in against the facts for by at now: Forbidden for
// someone who may not summarise the call, Conflict while it lasts, else
// Invalid naming each bad field. A value equal to what is saved already
// (an outcome since removed from the list, a deal since won, a date since
// past) is accepted again, so the same save can be repeated.
func (in SummaryInput) Decide(f SummaryFacts, by org.User, now time.Time) (SummarySave, error) {
	if !f.MaySummarise(by) {
		return SummarySave{}, problem.New(problem.Forbidden, "only an agent on the call or an admin may save its summary")
	}
	if f.Call.EndedAt == nil {
		return SummarySave{}, errNotEnded
	}
	fs := problem.Fields{}
	at := now.UTC().Truncate(time.Microsecond)
	s := SummarySave{Notes: f.Call.Notes, Summary: Summary{Outcome: in.outcome(f, fs), DealID: in.deal(f, fs), SavedBy: by.ID, SavedAt: &at}}
	if in.Notes != nil {
		s.Notes = *in.Notes
		if n := utf8.RuneCountInString(s.Notes); n > MaxSummaryNotes {
			fs.Add("notes", fmt.Sprintf("must be at most %d characters (it has %d)", MaxSummaryNotes, n))
		}
	}
	if in.FollowUp != nil {
		s.Task = in.FollowUp.task(f, s.Summary.DealID, by.ID, now, fs)
	} else if f.FollowUp != nil && !f.FollowUp.Done {
		s.DropTask = f.FollowUp.ID
	}
	return s, fs.Err()
}

// outcome returns the org's label matching in.Outcome (ignoring case).
func (in SummaryInput) outcome(f SummaryFacts, fs problem.Fields) string {
	v := strings.TrimSpace(in.Outcome)
	for _, o := range f.Outcomes {
		if strings.EqualFold(o, v) {
			return o
		}
	}
	if v != "" && strings.EqualFold(v, f.Summary.Outcome) {
		return f.Summary.Outcome
	}
	fs.Add("summary_outcome", "must be one of "+strings.Join(f.Outcomes, ", "))
	return ""
}

func (in SummaryInput) deal(f SummaryFacts, fs problem.Fields) int64 {
	if in.DealID == nil || *in.DealID == 0 {
		return 0
	}
	id := *in.DealID
	if id == f.Summary.DealID {
		return id
	}
	ids := make([]string, len(f.Deals))
	for i, d := range f.Deals {
		if d.ID == id {
			return id
		}
		ids[i] = fmt.Sprintf("%d (%s)", d.ID, d.Name)
	}
	if len(ids) == 0 {
		fs.Add("deal_id", "the call's record has no open deals; leave it out")
	} else {
		fs.Add("deal_id", "must be one of the record's open deals: "+strings.Join(ids, ", "))
	}
	return 0
}

// task builds the follow-up task: the summary's earlier one updated in
// place, or a new one, linked to the deal or else the call's record.
func (in FollowUpInput) task(f SummaryFacts, dealID int64, by org.UserID, now time.Time, fs problem.Fields) *crm.Task {
	t := crm.Task{CreatedBy: by}
	if f.FollowUp != nil {
		t = *f.FollowUp
	}
	prev := t
	t.CallID, t.RecordID, t.AssigneeID = int64(f.Call.ID), crm.RecordID(f.Call.RecordID), by
	if dealID != 0 {
		t.RecordID = crm.RecordID(dealID)
	}
	if !f.Call.Anonymous {
		t.Phone = f.Call.Customer()
	}
	if in.AssigneeID != nil {
		t.AssigneeID = org.UserID(*in.AssigneeID)
	}
	t.Title = strings.TrimSpace(in.Title)
	switch in.Kind {
	case FollowUpTask:
		t.Kind, t.DueAt, t.Title = crm.TaskTodo, nil, or(t.Title, "Follow up with "+f.who())
		in.dueDate(&t, prev, f.TimeZone, now, fs)
	case FollowUpCall:
		t.Kind, t.Title = crm.TaskCall, or(t.Title, "Call "+f.who())
		in.dueAt(&t, prev, f.TimeZone, now, fs)
	default:
		fs.Add("follow_up.kind", "must be task or call")
	}
	if utf8.RuneCountInString(t.Title) > crm.MaxTaskTitle {
		fs.Add("follow_up.title", fmt.Sprintf("must be at most %d characters", crm.MaxTaskTitle))
	}
	return &t
}

func (in FollowUpInput) dueDate(t *crm.Task, prev crm.Task, tz string, now time.Time, fs problem.Fields) {
	t.DueDate = strings.TrimSpace(in.DueDate)
	switch _, err := time.Parse(time.DateOnly, t.DueDate); {
	case in.DueAt != "":
		fs.Add("follow_up.due_at", "only a follow-up call has a time; a task has a due_date")
	case t.DueDate == "":
		fs.Add("follow_up.due_date", "is required for a follow-up task")
	case err != nil:
		fs.Add("follow_up.due_date", "must be a date like 2026-12-31")
	case t.DueDate != prev.DueDate && t.DueDate < crm.DateIn(now, tz):
		fs.Add("follow_up.due_date", "must be today or later")
	}
}

func (in FollowUpInput) dueAt(t *crm.Task, prev crm.Task, tz string, now time.Time, fs problem.Fields) {
	if in.DueAt == "" {
		fs.Add("follow_up.due_at", "is required for a follow-up call (an RFC 3339 time like 2026-11-22T09:00:00Z)")
		return
	}
	at, err := crm.ParseDueAt(in.DueAt)
	if err != nil {
		fs.Add("follow_up.due_at", err.Error())
		return
	}
	t.DueAt, t.DueDate = &at, crm.DateIn(at, tz)
	if prev.DueAt == nil || !prev.DueAt.Equal(at) {
		if !at.After(now) {
			fs.Add("follow_up.due_at", "must be in the future")
		}
	}
	if d := strings.TrimSpace(in.DueDate); d != "" && d != t.DueDate {
		fs.Add("follow_up.due_date", "a follow-up call's date is its due_at's ("+t.DueDate+" in the org's time zone); leave it out")
	}
}

// who names the call's customer in a default title: the record, else the
// number.
func (f SummaryFacts) who() string {
	switch {
	case f.Record != nil && f.Record.Name != "":
		return f.Record.Name
	case f.Call.Anonymous:
		return "Anonymous"
	}
	return f.Call.Customer()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
