package crm

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
)

// TaskID identifies a task.
type TaskID int64

// Task kinds: a to-do with a due date, or a call to make at a time (a
// follow-up call, R-POST-1).
const (
	TaskTodo = "todo"
	TaskCall = "call"
)

// MaxTaskTitle bounds a task's title, in characters.
const MaxTaskTitle = 500

// Task is a to-do with a due date, an assignee and optionally a linked
// record (R-CRM-5), or a call to make at a time.
type Task struct {
	ID         TaskID
	OrgID      org.ID
	Kind       string // TaskTodo or TaskCall; "" is a to-do
	Title      string
	DueDate    string // YYYY-MM-DD, or empty
	AssigneeID org.UserID
	Done       bool
	RecordID   RecordID // 0 = none
	// DueAt is a call task's time, nil = none; its DueDate is DueAt's
	// date in the org's time zone, so it sorts with the other tasks.
	DueAt *time.Time
	// Phone is the number to call, E.164, "" = none.
	Phone string
	// CallID is the call whose summary made the task, 0 = none.
	CallID int64
	// RemindedAt is the DueAt its assignee was reminded of, nil = none.
	RemindedAt *time.Time
	CreatedBy  org.UserID
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// TaskInput is what a client sets on a task; nil fields are unchanged.
type TaskInput struct {
	Title      *string
	DueDate    *string
	AssigneeID *int64
	Done       *bool
	RecordID   *int64
	Kind       *string
	// DueAt is RFC 3339; "" clears it.
	DueAt *string
	// Phone is any format the org's default country reads; "" clears it.
	Phone *string
}

// Apply validates in and applies it to t, reading dates in the org's
// time zone and numbers in its default country. On create the title is
// required and the assignee defaults to the creator. A call task needs
// a DueAt, which sets its DueDate; a to-do has none.
func (in TaskInput) Apply(t *Task, create bool, s org.Settings) error {
	f := problem.Fields{}
	if in.Title != nil {
		t.Title = strings.TrimSpace(*in.Title)
	}
	if t.Title == "" && (create || in.Title != nil) {
		f.Add("title", "is required")
	} else if utf8.RuneCountInString(t.Title) > MaxTaskTitle {
		f.Add("title", fmt.Sprintf("must be at most %d characters", MaxTaskTitle))
	}
	if in.DueDate != nil {
		t.DueDate = strings.TrimSpace(*in.DueDate)
		if _, err := time.Parse(time.DateOnly, t.DueDate); t.DueDate != "" && err != nil {
			f.Add("due_date", "must be a date like 2026-12-31")
		}
	}
	if in.AssigneeID != nil {
		t.AssigneeID = org.UserID(*in.AssigneeID)
	}
	if t.AssigneeID == 0 {
		t.AssigneeID = t.CreatedBy
	}
	if in.Done != nil {
		t.Done = *in.Done
	}
	if in.RecordID != nil {
		t.RecordID = RecordID(*in.RecordID)
	}
	if in.Phone != nil {
		t.Phone = ""
		if v := strings.TrimSpace(*in.Phone); v != "" {
			n, err := phone.Parse(v, s.DefaultCountry)
			if err != nil {
				f.Add("phone", err.Error())
			}
			t.Phone = n.E164
		}
	}
	in.applyTime(t, s.TimeZone, f)
	return f.Err()
}

// applyTime applies the kind and time: a call task's date is its time's.
func (in TaskInput) applyTime(t *Task, tz string, f problem.Fields) {
	if in.Kind != nil {
		t.Kind = *in.Kind
		if t.Kind != TaskTodo && t.Kind != TaskCall {
			f.Add("kind", "must be todo or call")
		}
	}
	if t.Kind == "" {
		t.Kind = TaskTodo
	}
	if in.DueAt != nil {
		t.DueAt = nil
		if *in.DueAt != "" {
			at, err := ParseDueAt(*in.DueAt)
			if err != nil {
				f.Add("due_at", err.Error())
				return
			}
			t.DueAt = &at
		}
	}
	switch {
	case t.Kind == TaskTodo && t.DueAt != nil && in.DueAt != nil && *in.DueAt != "":
		f.Add("due_at", "only a call task (kind call) has a time; a to-do has a due_date")
	case t.Kind == TaskTodo:
		t.DueAt = nil // a call task made a to-do keeps its date, not its time
	case t.DueAt == nil:
		f.Add("due_at", "is required for a call task (an RFC 3339 time like 2026-11-22T09:00:00Z)")
	default:
		date := DateIn(*t.DueAt, tz)
		if in.DueDate != nil && t.DueDate != "" && t.DueDate != date {
			f.Add("due_date", "a call task's date is its due_at's ("+date+" in the org's time zone); leave it out")
		}
		t.DueDate = date
	}
}

// ParseDueAt reads an RFC 3339 time, to the second, in UTC.
func ParseDueAt(v string) (time.Time, error) {
	at, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, fmt.Errorf("must be an RFC 3339 time like 2026-11-22T09:00:00Z")
	}
	return at.UTC().Truncate(time.Second), nil
}

// Reminder is a follow-up call due now, for its assignee: the task and
// its record's name.
type Reminder struct {
	Task       Task
	RecordName string
}

// Due selects tasks by due date relative to today in the org's time zone.
type Due string

// The due-date filters of the task list.
const (
	DueAny      Due = ""
	DueToday    Due = "today"
	DueOverdue  Due = "overdue"
	DueUpcoming Due = "upcoming"
)

// TaskFilter selects tasks.
type TaskFilter struct {
	AssigneeID org.UserID // 0 = anyone
	RecordID   RecordID   // 0 = any
	Done       *bool
	Due        Due
	// Today is the org's current date, YYYY-MM-DD, for Due.
	Today  string
	Limit  int
	Cursor string
}

// Today returns the current date in zone tz (UTC if tz is unknown).
func Today(now time.Time, tz string) string { return DateIn(now, tz) }

// DateIn returns t's date, YYYY-MM-DD, in zone tz (UTC if tz is unknown).
func DateIn(t time.Time, tz string) string {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format(time.DateOnly)
}

// NoteID identifies a note.
type NoteID int64

// Note is free text attached to a record.
type Note struct {
	ID        NoteID
	OrgID     org.ID
	RecordID  RecordID
	AuthorID  org.UserID
	Body      string
	CreatedAt time.Time
}

// MaxNoteLen bounds a note's body.
const MaxNoteLen = 20000

// ValidateNote checks a note's body.
func ValidateNote(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return "", problem.Field("body", "is required")
	case len(body) > MaxNoteLen:
		return "", problem.Field("body", "must be at most 20000 characters")
	}
	return body, nil
}

// Activity is one entry of a record's timeline (R-CRM-6): a note, a task
// or a call (messages later). For a call, Title and Body are the caller's
// and the called number, ActorID the agent who answered. A deal's
// timeline has the calls summarised with it as their topic too.
type Activity struct {
	Type     string // "note", "task", "call"
	ID       int64
	At       time.Time
	ActorID  org.UserID
	Title    string
	Body     string
	DueDate  string
	Done     bool
	RecordID RecordID
	// Calls only.
	Direction    string
	Outcome      string
	RecordingURL string
	EndedAt      *time.Time
	// The call's summary (R-POST-1): the outcome the agent chose ("" =
	// none), the call's notes, and its deal topic (0 = none).
	SummaryOutcome string
	Notes          string
	DealID         RecordID
	DealName       string
	// The tombstone of a deleted recording (R-POST-3): when and by whom
	// (0 = the org's retention).
	RecordingDeletedAt     *time.Time
	RecordingDeletedBy     org.UserID
	RecordingDeletedByName string
}

// RecordFilter selects records of one kind for a list page.
type RecordFilter struct {
	Kind    Kind
	Prefix  string // name prefix, case-insensitive
	OwnerID org.UserID
	Status  string
	Stage   string
	// AccountID lists an account's contacts and deals.
	AccountID RecordID
	Limit     int
	Cursor    string
}

// SearchHit is one type-ahead result: a record, and one of its numbers when
// it has any (a person with two numbers appears twice).
type SearchHit struct {
	RecordID RecordID
	Kind     Kind
	Name     string
	Company  string
	Address  string
	Phone    *Phone
}
