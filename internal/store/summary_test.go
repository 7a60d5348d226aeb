package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
)

func TestOutcomesDefaultThenSet(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	got, err := f.s.Outcomes(ctx, f.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(call.DefaultOutcomes, got); diff != "" {
		t.Fatalf("default outcomes mismatch (-want +got):\n%s", diff)
	}
	got[0] = "changed" // a copy: the defaults stay
	want := []string{"Demo booked", "Call back"}
	if err := f.s.SetOutcomes(ctx, f.org.ID, want); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fx   fixture
		want []string
	}{
		{"the org's list", f, want},
		{"another org keeps the defaults", f.withOrg(t, "other"), call.DefaultOutcomes},
	} {
		got, err := f.s.Outcomes(ctx, tc.fx.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tc.name, diff)
		}
	}
}

// A reminder is claimed once per time: a second run of its job, a task
// done, rescheduled or deleted, claims nothing.
func TestClaimReminderOncePerTime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	r := f.person(t, crm.Contact, "Rita", "Minder")
	at := time.Date(2030, 1, 2, 9, 0, 0, 0, time.UTC)
	later := at.Add(time.Hour)
	tk, err := f.s.CreateTask(ctx, f.org.ID, crm.Task{Kind: crm.TaskCall, Title: "Call Rita", DueAt: &at, DueDate: "2030-01-02",
		AssigneeID: f.admin.ID, CreatedBy: f.admin.ID, RecordID: r.ID, Phone: "+14155550100"})
	if err != nil {
		t.Fatal(err)
	}
	claim := func(at time.Time) bool {
		t.Helper()
		got, ok, err := f.s.ClaimReminder(ctx, f.org.ID, tk.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		if ok && (got.RecordName != "Rita Minder" || got.Task.Phone != "+14155550100" || got.Task.AssigneeID != f.admin.ID) {
			t.Fatalf("claimed reminder = %+v", got)
		}
		return ok
	}
	other := f.withOrg(t, "other")
	if _, ok, err := f.s.ClaimReminder(ctx, other.org.ID, tk.ID, at); ok || err != nil {
		t.Fatalf("another org claimed the reminder: %v %v", ok, err)
	}
	steps := []struct {
		name   string
		change func(*crm.Task)
		at     time.Time
		want   bool
	}{
		{"due", nil, at, true},
		{"the job again", nil, at, false},
		{"rescheduled: the old time", func(t *crm.Task) { t.DueAt = &later }, at, false},
		{"rescheduled: the new time", nil, later, true},
		{"done", func(t *crm.Task) { t.Done, t.DueAt = true, &at }, at, false},
		{"reopened", func(t *crm.Task) { t.Done = false }, at, true},
		{"made a to-do", func(t *crm.Task) { t.Kind, t.DueAt = crm.TaskTodo, nil }, at, false},
	}
	for _, st := range steps {
		if st.change != nil {
			st.change(&tk)
			if tk, err = f.s.UpdateTask(ctx, f.org.ID, tk); err != nil {
				t.Fatal(err)
			}
		}
		if got := claim(st.at); got != st.want {
			t.Fatalf("%s: claimed %v, want %v", st.name, got, st.want)
		}
	}
	if err := f.s.DeleteTask(ctx, f.org.ID, tk.ID); err != nil {
		t.Fatal(err)
	}
	if claim(at) {
		t.Fatal("a deleted task reminded")
	}
	var jobs int
	if err := f.s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = $1 AND org_id = $2`, call.JobReminder, f.org.ID).Scan(&jobs); err != nil {
		t.Fatal(err)
	}
	if jobs != 3 { // created, rescheduled, reopened
		t.Fatalf("%d reminder jobs queued, want 3", jobs)
	}
}
