package crm

import (
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

func strp(s string) *string { return &s }

func TestTaskInputKindsAndTimes(t *testing.T) {
	t.Parallel()
	paris := org.DefaultSettings()
	paris.TimeZone, paris.DefaultCountry = "Europe/Paris", "FR"
	at := time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC) // 00:30 on the 23rd in Paris
	call := Task{Kind: TaskCall, Title: "Ring", DueAt: &at, DueDate: "2026-11-23", CreatedBy: 1}
	tests := []struct {
		name      string
		start     Task
		in        TaskInput
		create    bool
		field     string // "" = valid
		kind      string
		dueDate   string
		dueAt     string // RFC 3339, "" = none
		wantPhone string
	}{
		{name: "a to-do by default", in: TaskInput{Title: strp("x")}, create: true, kind: TaskTodo},
		{name: "a call's date is its time's in the org's zone", in: TaskInput{Title: strp("x"), Kind: strp("call"),
			DueAt: strp("2026-11-22T23:30:00Z")}, create: true, kind: TaskCall, dueDate: "2026-11-23", dueAt: "2026-11-22T23:30:00Z"},
		{name: "offsets and fractions are read to the second in UTC", in: TaskInput{Title: strp("x"), Kind: strp("call"),
			DueAt: strp("2026-11-23T09:00:00.75+02:00")}, create: true, kind: TaskCall, dueDate: "2026-11-23", dueAt: "2026-11-23T07:00:00Z"},
		{name: "the phone read in the default country", in: TaskInput{Title: strp("x"), Phone: strp("01 42 68 53 00")}, create: true,
			kind: TaskTodo, wantPhone: "+33142685300"},
		{name: "unknown kind", in: TaskInput{Title: strp("x"), Kind: strp("meeting")}, create: true, field: "kind"},
		{name: "call without a time", in: TaskInput{Title: strp("x"), Kind: strp("call")}, create: true, field: "due_at"},
		{name: "time not RFC 3339", in: TaskInput{Title: strp("x"), Kind: strp("call"), DueAt: strp("9am")}, create: true, field: "due_at"},
		{name: "a to-do has no time", in: TaskInput{Title: strp("x"), DueAt: strp("2026-11-22T09:00:00Z")}, create: true, field: "due_at"},
		{name: "bad phone", in: TaskInput{Title: strp("x"), Phone: strp("12")}, create: true, field: "phone"},
		{name: "title too long", in: TaskInput{Title: strp(strings.Repeat("t", 501))}, create: true, field: "title"},
		{name: "rescheduled call moves its date", start: call, in: TaskInput{DueAt: strp("2026-11-25T10:00:00Z")},
			kind: TaskCall, dueDate: "2026-11-25", dueAt: "2026-11-25T10:00:00Z"},
		{name: "a call's date cannot differ", start: call, in: TaskInput{DueDate: strp("2026-11-24")}, field: "due_date"},
		{name: "a call's time cannot be cleared", start: call, in: TaskInput{DueAt: strp("")}, field: "due_at"},
		{name: "a call made a to-do keeps its date", start: call, in: TaskInput{Kind: strp("todo")}, kind: TaskTodo, dueDate: "2026-11-23"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tk := tc.start
			err := tc.in.Apply(&tk, tc.create, paris)
			if tc.field != "" {
				var p *problem.Error
				if !problem.Is(err, problem.Invalid) || !asProblem(err, &p) || p.Fields[tc.field] == "" {
					t.Fatalf("Apply() = %v, want a problem with %s", err, tc.field)
				}
				return
			}
			if err != nil {
				t.Fatalf("Apply() = %v", err)
			}
			gotAt := ""
			if tk.DueAt != nil {
				gotAt = tk.DueAt.Format(time.RFC3339)
			}
			if tk.Kind != tc.kind || tk.DueDate != tc.dueDate || gotAt != tc.dueAt || tk.Phone != tc.wantPhone {
				t.Fatalf("task = kind %q date %q at %q phone %q, want %q %q %q %q", tk.Kind, tk.DueDate, gotAt, tk.Phone,
					tc.kind, tc.dueDate, tc.dueAt, tc.wantPhone)
			}
		})
	}
}

func asProblem(err error, p **problem.Error) bool {
	e, ok := err.(*problem.Error)
	*p = e
	return ok
}

func TestDateIn(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC)
	for tz, want := range map[string]string{"UTC": "2026-11-22", "Europe/Paris": "2026-11-23", "America/Los_Angeles": "2026-11-22",
		"Nowhere/Else": "2026-11-22"} {
		if got := DateIn(at, tz); got != want {
			t.Errorf("DateIn(%s) = %s, want %s", tz, got, want)
		}
	}
}
