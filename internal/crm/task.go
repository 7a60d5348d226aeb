package crm

import (
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// TaskID identifies a task.
type TaskID int64

// Task is a to-do with a due date, an assignee and optionally a linked
// record (R-CRM-5).
type Task struct {
	ID         TaskID
	OrgID      org.ID
	Title      string
	DueDate    string // YYYY-MM-DD, or empty
	AssigneeID org.UserID
	Done       bool
	RecordID   RecordID // 0 = none
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
}

// Apply validates in and applies it to t. On create the title is required
// and the assignee defaults to the creator.
func (in TaskInput) Apply(t *Task, create bool) error {
	f := problem.Fields{}
	if in.Title != nil {
		t.Title = strings.TrimSpace(*in.Title)
	}
	if t.Title == "" && (create || in.Title != nil) {
		f.Add("title", "is required")
	} else if len(t.Title) > 500 {
		f.Add("title", "must be at most 500 characters")
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
	return f.Err()
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
func Today(now time.Time, tz string) string {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	return now.In(loc).Format(time.DateOnly)
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
// and the called number, ActorID the agent who answered.
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
