package api

import (
	"net/http"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/problem"
)

// OutcomesBody is the org's list of summary outcomes (R-POST-1), in the
// order the summary offers them.
type OutcomesBody struct {
	Outcomes []string `json:"outcomes"`
}

// GetOutcomes returns the org's summary outcomes: the defaults until an
// admin sets the list.
func (a *API) GetOutcomes(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.Outcomes(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, OutcomesBody{Outcomes: list})
}

// SetOutcomes replaces the org's summary outcomes (admins): 1–30 labels of
// 1–60 characters, none repeated ignoring case. Calls summarised already
// keep their outcome.
func (a *API) SetOutcomes(w http.ResponseWriter, r *http.Request) error {
	var in OutcomesBody
	if err := decode(w, r, &in); err != nil {
		return err
	}
	list, err := call.ValidateOutcomes(in.Outcomes)
	if err != nil {
		return err
	}
	if err := a.Store.SetOutcomes(r.Context(), userOf(r).OrgID, list); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, OutcomesBody{Outcomes: list})
}

// SummaryRecord is the record a call is logged on.
type SummaryRecord struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind" enum:"lead,contact,account,deal"`
	Name string `json:"name"`
}

// SummaryDeal is an open deal the call may be about.
type SummaryDeal struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Stage string `json:"stage"`
}

// FollowUpBody is a summary's follow-up: a task due on a date, or a call
// at a time (a task of kind call, reminded of at due_at).
type FollowUpBody struct {
	Kind       string  `json:"kind" enum:"task,call"`
	TaskID     int64   `json:"task_id"`
	Title      string  `json:"title"`
	DueDate    string  `json:"due_date"`
	DueAt      *string `json:"due_at"`
	AssigneeID int64   `json:"assignee_id"`
	Done       bool    `json:"done"`
}

// SummaryBody is a call's after-call summary (R-POST-1). notes are the
// call's notes (typed during the call until the summary is saved);
// deals are the record's open deals; needs_outcome says the call was
// answered, has ended and waits for its summary; can_edit says the
// signed-in user may save it.
type SummaryBody struct {
	CallID         int64          `json:"call_id"`
	Record         *SummaryRecord `json:"record"`
	SummaryOutcome string         `json:"summary_outcome"`
	Notes          string         `json:"notes"`
	DealID         *int64         `json:"deal_id"`
	Deals          []SummaryDeal  `json:"deals"`
	FollowUp       *FollowUpBody  `json:"follow_up"`
	SavedAt        *string        `json:"saved_at"`
	SavedBy        *AgentRef      `json:"saved_by"`
	NeedsOutcome   bool           `json:"needs_outcome"`
	Ended          bool           `json:"ended"`
	CanEdit        bool           `json:"can_edit"`
}

// SummaryRequest saves a call's summary, replacing the one saved before.
// notes, when present, replace the call's notes; deal_id null or absent
// = no deal topic; follow_up null or absent = none (an earlier follow-up
// not done yet is deleted).
type SummaryRequest struct {
	SummaryOutcome string           `json:"summary_outcome"`
	Notes          *string          `json:"notes,omitempty"`
	DealID         *int64           `json:"deal_id,omitempty"`
	FollowUp       *FollowUpRequest `json:"follow_up,omitempty"`
}

// FollowUpRequest is a follow-up task (due_date required) or call
// (due_at required); title defaults to one naming the record or number,
// assignee_id to the agent saving.
type FollowUpRequest struct {
	Kind       string `json:"kind" enum:"task,call"`
	Title      string `json:"title,omitempty"`
	DueDate    string `json:"due_date,omitempty"`
	DueAt      string `json:"due_at,omitempty"`
	AssigneeID *int64 `json:"assignee_id,omitempty"`
}

func (in SummaryRequest) input() call.SummaryInput {
	s := call.SummaryInput{Outcome: in.SummaryOutcome, Notes: in.Notes, DealID: in.DealID}
	if f := in.FollowUp; f != nil {
		s.FollowUp = &call.FollowUpInput{Kind: f.Kind, Title: f.Title, DueDate: f.DueDate, DueAt: f.DueAt, AssigneeID: f.AssigneeID}
	}
	return s
}

// GetSummary returns a call's summary, saved or not (any member of the
// org; another org's call is not found).
func (a *API) GetSummary(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	me := userOf(r)
	f, err := a.Store.CallSummary(r.Context(), me.OrgID, call.ID(id))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, summaryBody(f, f.MaySummarise(me)))
}

// SaveSummary saves a call's summary (R-POST-1) in one transaction: an
// agent on the call or an admin (else 403), once it has ended (else
// 409); any bad field is a 422 naming it and changes nothing. Saving
// the same body again changes nothing more: the follow-up is updated in
// place.
func (a *API) SaveSummary(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req SummaryRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	me, in, now := userOf(r), req.input(), a.now()
	err = a.Store.SaveSummary(r.Context(), me.OrgID, call.ID(id), func(f call.SummaryFacts) (call.SummarySave, error) {
		return in.Decide(f, me, now)
	})
	if err != nil {
		return err
	}
	f, err := a.Store.CallSummary(r.Context(), me.OrgID, call.ID(id))
	if err != nil {
		return problem.Wrap(problem.Internal, err, "reading the saved summary")
	}
	return writeJSON(w, http.StatusOK, summaryBody(f, true))
}

func summaryBody(f call.SummaryFacts, canEdit bool) SummaryBody {
	b := SummaryBody{CallID: int64(f.Call.ID), SummaryOutcome: f.Summary.Outcome, Notes: f.Call.Notes, DealID: optID(f.Summary.DealID),
		Deals: make([]SummaryDeal, len(f.Deals)), NeedsOutcome: f.NeedsOutcome(), Ended: f.Call.EndedAt != nil, CanEdit: canEdit}
	if f.Record != nil {
		b.Record = &SummaryRecord{ID: f.Record.ID, Kind: f.Record.Kind, Name: f.Record.Name}
	}
	for i, d := range f.Deals {
		b.Deals[i] = SummaryDeal{ID: d.ID, Name: d.Name, Stage: d.Stage}
	}
	if t := f.FollowUp; t != nil {
		b.FollowUp = &FollowUpBody{Kind: call.FollowUpKind(*t), TaskID: int64(t.ID), Title: t.Title, DueDate: t.DueDate,
			DueAt: stampPtr(t.DueAt), AssigneeID: int64(t.AssigneeID), Done: t.Done}
	}
	if f.Summary.SavedAt != nil {
		b.SavedAt = stampPtr(f.Summary.SavedAt)
		b.SavedBy = &AgentRef{ID: int64(f.Summary.SavedBy), Name: f.SavedByName}
	}
	return b
}

// stampPtr is an optional time on the wire.
func stampPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := stamp(*t)
	return &s
}
