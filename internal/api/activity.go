package api

import (
	"net/http"
	"strconv"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// NoteRequest attaches a note to a record.
type NoteRequest struct {
	RecordID int64  `json:"record_id"`
	Body     string `json:"body"`
}

// Note is a note on the wire.
type Note struct {
	ID        int64  `json:"id"`
	RecordID  int64  `json:"record_id"`
	AuthorID  int64  `json:"author_id"`
	Body      string `json:"body"`
	CreatedAt string `json:"created_at"`
}

// CreateNote attaches a note to one of the org's records.
func (a *API) CreateNote(w http.ResponseWriter, r *http.Request) error {
	var in NoteRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	body, err := crm.ValidateNote(in.Body)
	if err != nil {
		return err
	}
	me := userOf(r)
	n, err := a.Store.CreateNote(r.Context(), me.OrgID, crm.Note{RecordID: crm.RecordID(in.RecordID), AuthorID: me.ID, Body: body})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, Note{ID: int64(n.ID), RecordID: int64(n.RecordID), AuthorID: int64(n.AuthorID),
		Body: n.Body, CreatedAt: stamp(n.CreatedAt)})
}

// DeleteNote deletes a note.
func (a *API) DeleteNote(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.Store.DeleteNote(r.Context(), userOf(r).OrgID, crm.NoteID(id)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// Activity is one timeline entry. Calls carry their direction, outcome,
// duration, recording and summary; Title and Body are then the caller's
// and the called number.
type Activity struct {
	Type     string `json:"type" enum:"note,task,call"`
	ID       int64  `json:"id"`
	At       string `json:"at"`
	ActorID  int64  `json:"actor_id"`
	Title    string `json:"title"`
	Body     string `json:"body"`
	DueDate  string `json:"due_date"`
	Done     bool   `json:"done"`
	RecordID int64  `json:"record_id"`

	Direction       string `json:"direction,omitempty"`
	Outcome         string `json:"outcome,omitempty"`
	RecordingURL    string `json:"recording_url,omitempty"`
	DurationSeconds *int64 `json:"duration_seconds,omitempty"`
	// A call's summary (R-POST-1): the outcome the agent chose, the
	// call's notes, and its deal topic (absent = none).
	SummaryOutcome string `json:"summary_outcome,omitempty"`
	Notes          string `json:"notes,omitempty"`
	DealID         *int64 `json:"deal_id,omitempty"`
	DealName       string `json:"deal_name,omitempty"`
	// RecordingDeleted is the call's recording's tombstone (R-POST-3).
	RecordingDeleted *RecordingTombstone `json:"recording_deleted,omitempty"`
}

// Timeline is a page of a record's activity, newest first.
type Timeline struct {
	Items      []Activity `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

// GetTimeline returns a record's activity timeline, newest first (R-CRM-6).
func (a *API) GetTimeline(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	limit, err := queryInt(r, "limit", 50, 1, 200)
	if err != nil {
		return err
	}
	list, next, err := a.Store.Timeline(r.Context(), userOf(r).OrgID, crm.RecordID(id), limit, r.URL.Query().Get("cursor"))
	if err != nil {
		return err
	}
	out := Timeline{Items: make([]Activity, len(list)), NextCursor: next}
	for i, x := range list {
		out.Items[i] = Activity{Type: x.Type, ID: x.ID, At: stamp(x.At), ActorID: int64(x.ActorID), Title: x.Title,
			Body: x.Body, DueDate: x.DueDate, Done: x.Done, RecordID: int64(x.RecordID), Direction: x.Direction,
			Outcome: x.Outcome, RecordingURL: x.RecordingURL, SummaryOutcome: x.SummaryOutcome, Notes: x.Notes,
			DealID: optID(x.DealID), DealName: x.DealName}
		if x.RecordingURL != "" {
			out.Items[i].RecordingURL = recordingPath(call.ID(x.ID)) // never the carrier's URL
		}
		if x.RecordingDeletedAt != nil {
			out.Items[i].RecordingDeleted = &RecordingTombstone{At: stamp(*x.RecordingDeletedAt),
				ByID: optID(x.RecordingDeletedBy), ByName: x.RecordingDeletedByName}
		}
		if x.EndedAt != nil {
			d := int64(x.EndedAt.Sub(x.At).Seconds())
			out.Items[i].DurationSeconds = &d
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

// Task is a task on the wire: a to-do, or (kind call) a call to make
// at due_at, whose due_date is due_at's date in the org's time zone.
type Task struct {
	ID         int64   `json:"id"`
	Kind       string  `json:"kind" enum:"todo,call"`
	Title      string  `json:"title"`
	DueDate    string  `json:"due_date"`
	DueAt      *string `json:"due_at"`
	AssigneeID int64   `json:"assignee_id"`
	Done       bool    `json:"done"`
	RecordID   *int64  `json:"record_id"`
	// Phone is the number to call, E.164, "" = none.
	Phone string `json:"phone"`
	// CallID is the call whose summary made the task, null = none.
	CallID    *int64 `json:"call_id"`
	CreatedBy int64  `json:"created_by"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

func taskBody(t crm.Task) Task {
	return Task{ID: int64(t.ID), Kind: t.Kind, Title: t.Title, DueDate: t.DueDate, DueAt: stampPtr(t.DueAt), AssigneeID: int64(t.AssigneeID),
		Done: t.Done, RecordID: optID(t.RecordID), Phone: t.Phone, CallID: optID(t.CallID), CreatedBy: int64(t.CreatedBy),
		CreatedAt: stamp(t.CreatedAt), UpdatedAt: stamp(t.UpdatedAt)}
}

// TaskRequest creates or changes a task; absent fields are unchanged. A
// call task (kind call) needs due_at, which sets its due_date; due_at ""
// clears it, and a to-do has none. phone is read in the org's default
// country; "" clears it.
type TaskRequest struct {
	Title      *string `json:"title,omitempty"`
	DueDate    *string `json:"due_date,omitempty"`
	AssigneeID *int64  `json:"assignee_id,omitempty"`
	Done       *bool   `json:"done,omitempty"`
	RecordID   *int64  `json:"record_id,omitempty"`
	Kind       *string `json:"kind,omitempty" enum:"todo,call"`
	DueAt      *string `json:"due_at,omitempty"`
	Phone      *string `json:"phone,omitempty"`
}

func (in TaskRequest) input() crm.TaskInput {
	return crm.TaskInput{Title: in.Title, DueDate: in.DueDate, AssigneeID: in.AssigneeID, Done: in.Done, RecordID: in.RecordID,
		Kind: in.Kind, DueAt: in.DueAt, Phone: in.Phone}
}

// TaskList is a page of tasks.
type TaskList struct {
	Items      []Task `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// ListTasks lists tasks by due date: ?assignee=me|ID ?record_id= ?done=
// ?due=today|overdue|upcoming ?limit= ?cursor=. Today is in the org's time
// zone.
func (a *API) ListTasks(w http.ResponseWriter, r *http.Request) error {
	me := userOf(r)
	f, err := taskFilter(r, me)
	if err != nil {
		return err
	}
	o, err := a.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	f.Today = crm.Today(a.now(), o.Settings.TimeZone)
	list, next, err := a.Store.Tasks(r.Context(), me.OrgID, f)
	if err != nil {
		return err
	}
	out := TaskList{Items: make([]Task, len(list)), NextCursor: next}
	for i, t := range list {
		out.Items[i] = taskBody(t)
	}
	return writeJSON(w, http.StatusOK, out)
}

func taskFilter(r *http.Request, me org.User) (crm.TaskFilter, error) {
	q := r.URL.Query()
	limit, err := queryInt(r, "limit", 50, 1, 200)
	if err != nil {
		return crm.TaskFilter{}, err
	}
	record, err := queryInt(r, "record_id", 0, 0, 1<<62)
	if err != nil {
		return crm.TaskFilter{}, err
	}
	f := crm.TaskFilter{Limit: limit, Cursor: q.Get("cursor"), RecordID: crm.RecordID(record), Due: crm.Due(q.Get("due"))}
	switch a := q.Get("assignee"); a {
	case "":
	case "me":
		f.AssigneeID = me.ID
	default:
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return f, badQuery("assignee", "must be me or a user id")
		}
		f.AssigneeID = org.UserID(id)
	}
	switch d := q.Get("done"); d {
	case "":
	case "true", "false":
		done := d == "true"
		f.Done = &done
	default:
		return f, badQuery("done", "must be true or false")
	}
	switch f.Due {
	case crm.DueAny, crm.DueToday, crm.DueOverdue, crm.DueUpcoming:
	default:
		return f, badQuery("due", "must be today, overdue or upcoming")
	}
	return f, nil
}

func badQuery(name, rule string) error {
	return &problem.Error{Kind: problem.BadRequest, Message: "query parameter " + name + " " + rule, Fields: map[string]string{name: rule}}
}

// CreateTask creates a task, assigned to the caller unless told otherwise.
func (a *API) CreateTask(w http.ResponseWriter, r *http.Request) error {
	var in TaskRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	me := userOf(r)
	o, err := a.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	t := crm.Task{CreatedBy: me.ID}
	if err := in.input().Apply(&t, true, o.Settings); err != nil {
		return err
	}
	t, err = a.Store.CreateTask(r.Context(), me.OrgID, t)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, taskBody(t))
}

// GetTask returns a task.
func (a *API) GetTask(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.Store.Task(r.Context(), userOf(r).OrgID, crm.TaskID(id))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, taskBody(t))
}

// UpdateTask changes a task (e.g. marks it done).
func (a *API) UpdateTask(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in TaskRequest
	if err := decode(w, r, &in); err != nil {
		return err
	}
	me := userOf(r)
	t, err := a.Store.Task(r.Context(), me.OrgID, crm.TaskID(id))
	if err != nil {
		return err
	}
	o, err := a.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	if err := in.input().Apply(&t, false, o.Settings); err != nil {
		return err
	}
	if t, err = a.Store.UpdateTask(r.Context(), me.OrgID, t); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, taskBody(t))
}

// DeleteTask deletes a task.
func (a *API) DeleteTask(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.Store.DeleteTask(r.Context(), userOf(r).OrgID, crm.TaskID(id)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
