package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/problem"
)

func TestTimelineNewestFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	r := f.person(t, crm.Contact, "Tim", "Line")
	for _, body := range []string{"first", "second"} {
		if _, err := f.s.CreateNote(ctx, f.org.ID, crm.Note{RecordID: r.ID, AuthorID: f.admin.ID, Body: body}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // distinct timestamps; order is by time, then id
	}
	if _, err := f.s.CreateTask(ctx, f.org.ID, crm.Task{Title: "call back", AssigneeID: f.admin.ID, CreatedBy: f.admin.ID, RecordID: r.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CreateNote(ctx, f.org.ID, crm.Note{RecordID: r.ID, AuthorID: f.admin.ID, Body: "third"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	cursor := ""
	for {
		page, next, err := f.s.Timeline(ctx, f.org.ID, r.ID, 2, cursor)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page {
			got = append(got, a.Type+":"+a.Body+a.Title)
		}
		if next == "" {
			break
		}
		cursor = next
	}
	want := []string{"note:third", "task:call back", "note:second", "note:first"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("timeline mismatch (-want +got):\n%s", diff)
	}
	t.Run("another org's record", func(t *testing.T) {
		other := f.withOrg(t, "other")
		_, _, err := f.s.Timeline(ctx, other.org.ID, r.ID, 10, "")
		wantKind(t, err, problem.NotFound)
		_, err = f.s.CreateNote(ctx, other.org.ID, crm.Note{RecordID: r.ID, AuthorID: other.admin.ID, Body: "x"})
		wantKind(t, err, problem.Invalid)
	})
}

func TestTaskFilters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	today := "2026-11-21"
	mk := func(title, due string, done bool) crm.Task {
		tk, err := f.s.CreateTask(ctx, f.org.ID, crm.Task{Title: title, DueDate: due, Done: done, AssigneeID: f.admin.ID, CreatedBy: f.admin.ID})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	}
	mk("late", "2026-11-01", false)
	mk("today", today, false)
	mk("later", "2026-12-01", false)
	mk("undated", "", false)
	mk("done late", "2026-11-02", true)
	notDone := false
	tests := []struct {
		name   string
		filter crm.TaskFilter
		want   []string
	}{
		{"all, by due date, undated last", crm.TaskFilter{}, []string{"late", "done late", "today", "later", "undated"}},
		{"open overdue", crm.TaskFilter{Due: crm.DueOverdue, Done: &notDone}, []string{"late"}},
		{"due today", crm.TaskFilter{Due: crm.DueToday}, []string{"today"}},
		{"upcoming", crm.TaskFilter{Due: crm.DueUpcoming}, []string{"later"}},
		{"mine", crm.TaskFilter{AssigneeID: f.admin.ID, Done: &notDone}, []string{"late", "today", "later", "undated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.filter.Today = today
			var got []string
			for cursor := ""; ; {
				tt.filter.Limit, tt.filter.Cursor = 2, cursor
				page, next, err := f.s.Tasks(ctx, f.org.ID, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				for _, tk := range page {
					got = append(got, tk.Title)
				}
				if cursor = next; next == "" {
					break
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tasks mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("assignee from another org is refused", func(t *testing.T) {
		other := f.withOrg(t, "other")
		_, err := f.s.CreateTask(ctx, f.org.ID, crm.Task{Title: "x", AssigneeID: other.admin.ID, CreatedBy: f.admin.ID})
		wantKind(t, err, problem.Invalid)
	})
}
