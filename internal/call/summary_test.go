package call

import (
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

func TestValidateOutcomes(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 61)
	tests := []struct {
		name  string
		in    []string
		field string
	}{
		{"the defaults", DefaultOutcomes, ""},
		{"one label, trimmed", []string{"  Sold  "}, ""},
		{"sixty characters (runes)", []string{strings.Repeat("é", 60)}, ""},
		{"none", nil, "outcomes"},
		{"blank", []string{"A", " "}, "outcomes[1]"},
		{"too long", []string{long}, "outcomes[0]"},
		{"repeated ignoring case", []string{"Busy", "Sold", "BUSY"}, "outcomes[2]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ValidateOutcomes(tc.in)
			if tc.field == "" {
				if err != nil || (len(got) > 0 && got[0] != strings.TrimSpace(tc.in[0])) {
					t.Fatalf("ValidateOutcomes() = %q, %v", got, err)
				}
				return
			}
			if p, ok := err.(*problem.Error); !ok || p.Fields[tc.field] == "" {
				t.Fatalf("ValidateOutcomes() = %v, want a problem with %s", err, tc.field)
			}
		})
	}
}

// facts is an answered inbound call from a contact with one open deal,
// ended, answered by user 2, rung for user 3 who did not answer.
func facts() SummaryFacts {
	end := time.Date(2026, 11, 23, 10, 5, 0, 0, time.UTC)
	return SummaryFacts{
		Call: Call{ID: 7, Direction: "inbound", From: "+12065550111", To: "+14155550000", RecordID: 5, Outcome: Answered,
			AnsweredBy: 2, EndedAt: &end, Notes: "typed during the call"},
		Legs:     []Leg{{UserID: 2, Status: Completed}, {UserID: 3, Status: "no-answer"}},
		Record:   &RecordRef{ID: 5, Kind: "contact", Name: "Simon Martin"},
		Deals:    []Deal{{ID: 9, Name: "Renewal", Stage: "proposal"}},
		Outcomes: DefaultOutcomes,
		TimeZone: "UTC",
	}
}

func TestDecideSummary(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 10, 6, 0, 0, time.UTC)
	agent := org.User{ID: 2, Role: org.Agent}
	deal := int64(9)
	tests := []struct {
		name  string
		edit  func(*SummaryFacts)
		by    org.User
		in    SummaryInput
		kind  problem.Kind // "" = saved
		check func(*testing.T, SummarySave)
	}{
		{name: "outcome matched ignoring case, notes kept", by: agent, in: SummaryInput{Outcome: "left VOICEMAIL"},
			check: func(t *testing.T, s SummarySave) {
				if s.Summary.Outcome != "Left voicemail" || s.Notes != "typed during the call" || s.Task != nil || s.DropTask != 0 {
					t.Fatalf("save = %+v", s)
				}
			}},
		{name: "a follow-up call on the deal, titled after the record", by: agent,
			in: SummaryInput{Outcome: "Connected", DealID: &deal, FollowUp: &FollowUpInput{Kind: FollowUpCall, DueAt: "2026-11-24T09:00:00Z"}},
			check: func(t *testing.T, s SummarySave) {
				tk := s.Task
				if tk == nil || tk.Kind != crm.TaskCall || tk.Title != "Call Simon Martin" || tk.RecordID != 9 || tk.AssigneeID != 2 ||
					tk.Phone != "+12065550111" || tk.CallID != 7 || tk.DueDate != "2026-11-24" || s.Summary.DealID != 9 {
					t.Fatalf("follow-up = %+v", tk)
				}
			}},
		{name: "an unknown anonymous caller's task", by: agent, edit: func(f *SummaryFacts) { f.Record, f.Call.RecordID, f.Call.Anonymous = nil, 0, true },
			in: SummaryInput{Outcome: "Connected", FollowUp: &FollowUpInput{Kind: FollowUpTask, DueDate: "2026-11-23"}},
			check: func(t *testing.T, s SummarySave) {
				if tk := s.Task; tk.Title != "Follow up with Anonymous" || tk.Phone != "" || tk.RecordID != 0 || tk.Kind != crm.TaskTodo {
					t.Fatalf("follow-up = %+v", tk)
				}
			}},
		{name: "no follow-up drops the open one", by: agent, edit: func(f *SummaryFacts) { f.FollowUp = &crm.Task{ID: 4} },
			in: SummaryInput{Outcome: "Busy"}, check: func(t *testing.T, s SummarySave) {
				if s.DropTask != 4 {
					t.Fatalf("drop = %d", s.DropTask)
				}
			}},
		{name: "no follow-up keeps a done one", by: agent, edit: func(f *SummaryFacts) { f.FollowUp = &crm.Task{ID: 4, Done: true} },
			in: SummaryInput{Outcome: "Busy"}, check: func(t *testing.T, s SummarySave) {
				if s.DropTask != 0 || s.Summary.TaskID != 0 {
					t.Fatalf("save = %+v", s)
				}
			}},
		{name: "the same follow-up again is updated in place, its past date accepted", by: agent,
			edit: func(f *SummaryFacts) {
				f.FollowUp = &crm.Task{ID: 4, Kind: crm.TaskTodo, DueDate: "2026-11-01", CreatedBy: 3}
			},
			in: SummaryInput{Outcome: "Busy", FollowUp: &FollowUpInput{Kind: FollowUpTask, DueDate: "2026-11-01"}},
			check: func(t *testing.T, s SummarySave) {
				if s.Task.ID != 4 || s.Task.CreatedBy != 3 {
					t.Fatalf("follow-up = %+v", s.Task)
				}
			}},
		{name: "a removed outcome saved before is kept", by: agent, edit: func(f *SummaryFacts) { f.Summary.Outcome = "Sold" },
			in: SummaryInput{Outcome: "sold"}, check: func(t *testing.T, s SummarySave) {
				if s.Summary.Outcome != "Sold" {
					t.Fatalf("outcome = %q", s.Summary.Outcome)
				}
			}},
		{name: "the agent who placed an outbound call", by: org.User{ID: 3}, in: SummaryInput{Outcome: "No answer"},
			edit: func(f *SummaryFacts) { f.Call.Direction, f.Call.AnsweredBy = Outbound, 0 }},
		{name: "an admin", by: org.User{ID: 8, Role: org.Admin, Active: true}, in: SummaryInput{Outcome: "No answer"}},
		{name: "an agent rung who did not answer", by: org.User{ID: 3}, in: SummaryInput{Outcome: "Busy"}, kind: problem.Forbidden},
		{name: "an agent not on the call", by: org.User{ID: 4}, in: SummaryInput{Outcome: "Busy"}, kind: problem.Forbidden},
		{name: "a call not ended", by: agent, edit: func(f *SummaryFacts) { f.Call.EndedAt = nil }, in: SummaryInput{Outcome: "Busy"},
			kind: problem.Conflict},
		{name: "a deal not the record's", by: agent, in: SummaryInput{Outcome: "Busy", DealID: func() *int64 { v := int64(10); return &v }()},
			kind: problem.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := facts()
			if tc.edit != nil {
				tc.edit(&f)
			}
			s, err := tc.in.Decide(f, tc.by, now)
			if problem.KindOf(err) != tc.kind {
				t.Fatalf("Decide() = %v, want kind %q", err, tc.kind)
			}
			if err == nil && (s.Summary.SavedBy != tc.by.ID || s.Summary.SavedAt == nil || !s.Summary.SavedAt.Equal(now)) {
				t.Fatalf("saved by %d at %v", s.Summary.SavedBy, s.Summary.SavedAt)
			}
			if tc.check != nil && err == nil {
				tc.check(t, s)
			}
		})
	}
}

func TestNeedsOutcome(t *testing.T) {
	t.Parallel()
	end := time.Now()
	tests := []struct {
		name       string
		c          Call
		summarised bool
		want       bool
	}{
		{"answered and ended", Call{Outcome: Answered, EndedAt: &end}, false, true},
		{"summarised", Call{Outcome: Answered, EndedAt: &end}, true, false},
		{"missed", Call{Outcome: Missed, EndedAt: &end}, false, false},
		{"still going", Call{Outcome: "", Status: InProgress}, false, false},
	}
	for _, tc := range tests {
		if got := NeedsOutcome(tc.c, tc.summarised); got != tc.want {
			t.Errorf("%s: NeedsOutcome = %v, want %v", tc.name, got, tc.want)
		}
	}
}
