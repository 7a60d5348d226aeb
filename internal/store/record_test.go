package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/problem"
)

func TestRecordLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	simon := f.person(t, crm.Contact, "Simon", "Martin", "+1 415 555 0101", "(415) 555-0102")
	got, err := f.s.Record(ctx, f.org.ID, crm.Contact, simon.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantPhones := []string{"+14155550101", "+14155550102"}
	var gotPhones []string
	for _, p := range got.Phones {
		gotPhones = append(gotPhones, p.E164)
	}
	if diff := cmp.Diff(wantPhones, gotPhones); diff != "" {
		t.Fatalf("phones mismatch (-want +got):\n%s", diff)
	}
	if got.Phones[1].Raw != "(415) 555-0102" || got.Phones[1].Label != "work" {
		t.Fatalf("second phone = %+v, want raw text and label kept", got.Phones[1])
	}

	t.Run("wrong kind is not found", func(t *testing.T) {
		_, err := f.s.Record(ctx, f.org.ID, crm.Lead, simon.ID)
		wantKind(t, err, problem.NotFound)
	})
	t.Run("another org cannot read, update or delete", func(t *testing.T) {
		other := f.withOrg(t, "other")
		_, err := f.s.Record(ctx, other.org.ID, crm.Contact, simon.ID)
		wantKind(t, err, problem.NotFound)
		_, err = f.s.UpdateRecord(ctx, other.org.ID, got)
		wantKind(t, err, problem.NotFound)
		wantKind(t, f.s.DeleteRecord(ctx, other.org.ID, crm.Contact, simon.ID), problem.NotFound)
		if _, err := f.s.Record(ctx, f.org.ID, crm.Contact, simon.ID); err != nil {
			t.Fatalf("record gone after foreign delete: %v", err)
		}
	})
	t.Run("update replaces phones", func(t *testing.T) {
		r := got
		r.Phones = r.Phones[:1]
		r.Title = "CTO"
		up, err := f.s.UpdateRecord(ctx, f.org.ID, r)
		if err != nil || len(up.Phones) != 1 || up.Title != "CTO" {
			t.Fatalf("UpdateRecord = %+v, %v", up, err)
		}
		hits, _ := f.s.RecordsByPhone(ctx, f.org.ID, "+14155550102")
		if len(hits) != 0 {
			t.Fatalf("removed number still found: %+v", hits)
		}
	})
	t.Run("delete", func(t *testing.T) {
		if err := f.s.DeleteRecord(ctx, f.org.ID, crm.Contact, simon.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.Record(ctx, f.org.ID, crm.Contact, simon.ID)
		wantKind(t, err, problem.NotFound)
	})
}

func TestRecordReferencesMustBeOwnOrg(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.withOrg(t, "other")
	ctx := context.Background()
	foreignAccount, err := other.s.CreateRecord(ctx, other.org.ID, crm.Record{Kind: crm.Account, Name: "Foreign"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		r     crm.Record
		field string
	}{
		{"foreign account", crm.Record{Kind: crm.Contact, LastName: "X", AccountID: foreignAccount.ID}, "account_id"},
		{"foreign owner", crm.Record{Kind: crm.Contact, LastName: "X", OwnerID: other.admin.ID}, "owner_id"},
		{"contact id naming an account", crm.Record{Kind: crm.Deal, Name: "D", ContactID: foreignAccount.ID}, "contact_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.s.CreateRecord(ctx, f.org.ID, tt.r)
			wantKind(t, err, problem.Invalid)
			if p := err.(*problem.Error); p.Fields[tt.field] == "" {
				t.Fatalf("fields = %v, want %s", p.Fields, tt.field)
			}
		})
	}
	list, _, err := f.s.Records(ctx, f.org.ID, crm.RecordFilter{Kind: crm.Contact, Limit: 10})
	if err != nil || len(list) != 0 {
		t.Fatalf("refused creates left %d records (%v)", len(list), err)
	}
}

func TestRecordsPaging(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	names := []string{"Zoe", "adam", "Bea", "Carl", "bob", "Dina", "Al"}
	for _, n := range names {
		f.person(t, crm.Lead, n, "Test")
	}
	var seen []string
	cursor := ""
	for page := 0; ; page++ {
		list, next, err := f.s.Records(ctx, f.org.ID, crm.RecordFilter{Kind: crm.Lead, Limit: 3, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			seen = append(seen, r.FirstName)
		}
		if next == "" {
			break
		}
		cursor = next
		if page > 5 {
			t.Fatal("paging does not end")
		}
	}
	want := []string{"adam", "Al", "Bea", "bob", "Carl", "Dina", "Zoe"}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Fatalf("paged order mismatch (-want +got):\n%s", diff)
	}
	t.Run("prefix filter", func(t *testing.T) {
		list, _, err := f.s.Records(ctx, f.org.ID, crm.RecordFilter{Kind: crm.Lead, Prefix: "B", Limit: 10})
		if err != nil || len(list) != 2 {
			t.Fatalf("prefix B = %d records, %v; want 2", len(list), err)
		}
	})
	t.Run("bad cursor", func(t *testing.T) {
		_, _, err := f.s.Records(ctx, f.org.ID, crm.RecordFilter{Kind: crm.Lead, Limit: 3, Cursor: "!!"})
		wantKind(t, err, problem.Invalid)
	})
}

func TestSearch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	f.person(t, crm.Contact, "Margaret", "Smith", "+14155550100")
	f.person(t, crm.Contact, "Mark", "Jones")
	f.person(t, crm.Contact, "Simon", "Martin", "+14155550101", "+14155550102")
	f.person(t, crm.Contact, "Bob", "Stone")
	road := crm.Record{Kind: crm.Contact, FirstName: "Ann", LastName: "Lee", Address: crm.Address{Street: "12 Martin Road", City: "Leeds"}}
	if _, err := f.s.CreateRecord(ctx, f.org.ID, road); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CreateRecord(ctx, f.org.ID, crm.Record{Kind: crm.Account, Name: "Marcom"}); err != nil {
		t.Fatal(err)
	}
	other := f.withOrg(t, "other")
	other.person(t, crm.Contact, "Marvin", "Foreign", "+14155550101")

	tests := []struct {
		name, q string
		want    []string // name|phone, sorted
	}{
		{"substring over names, companies, addresses; one hit per number", "Mar", []string{
			"Ann Lee|", "Marcom|", "Margaret Smith|+14155550100", "Mark Jones|", "Simon Martin|+14155550101", "Simon Martin|+14155550102"}},
		{"case-insensitive", "mARTIN", []string{"Ann Lee|", "Simon Martin|+14155550101", "Simon Martin|+14155550102"}},
		{"phone digits with formatting", "(415) 555-0102", []string{"Simon Martin|+14155550101", "Simon Martin|+14155550102"}},
		{"short query is a name prefix", "ma", []string{"Marcom|", "Margaret Smith|+14155550100", "Mark Jones|"}},
		{"no match", "zzz", nil},
		{"quotes are literal", `"mar`, nil},
		{"like wildcards are literal", "%%%", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := f.s.Search(ctx, f.org.ID, tt.q, 20)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				p := ""
				if h.Phone != nil {
					p = h.Phone.E164
				}
				got = append(got, h.Name+"|"+p)
			}
			slices.Sort(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Search(%q) mismatch (-want +got):\n%s", tt.q, diff)
			}
		})
	}
	t.Run("limit bounds hits", func(t *testing.T) {
		hits, err := f.s.Search(ctx, f.org.ID, "Mar", 2)
		if err != nil || len(hits) != 2 {
			t.Fatalf("Search limit 2 = %d hits, %v", len(hits), err)
		}
	})
	t.Run("search text follows updates", func(t *testing.T) {
		hits, _ := f.s.Search(ctx, f.org.ID, "Stone", 5)
		r, _ := f.s.Record(ctx, f.org.ID, crm.Contact, hits[0].RecordID)
		r.LastName = "Granite"
		if _, err := f.s.UpdateRecord(ctx, f.org.ID, r); err != nil {
			t.Fatal(err)
		}
		if hits, _ := f.s.Search(ctx, f.org.ID, "Stone", 5); len(hits) != 0 {
			t.Fatalf("old name still found: %+v", hits)
		}
		if hits, _ := f.s.Search(ctx, f.org.ID, "granit", 5); len(hits) != 1 {
			t.Fatalf("new name not found: %+v", hits)
		}
	})
	t.Run("lookup by E.164 returns every match in the org only", func(t *testing.T) {
		f.person(t, crm.Lead, "Second", "Owner", "+14155550101")
		hits, err := f.s.RecordsByPhone(ctx, f.org.ID, "+14155550101")
		if err != nil || len(hits) != 2 {
			t.Fatalf("RecordsByPhone = %+v, %v; want Simon and the lead", hits, err)
		}
	})
}

func TestOptimizeSearchKeepsResults(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	f.person(t, crm.Contact, "Margaret", "Smith", "+14155550100")
	before, _ := f.s.Search(ctx, f.org.ID, "marg", 10)
	if err := f.s.OptimizeSearch(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := f.s.Search(ctx, f.org.ID, "marg", 10)
	if err != nil || len(after) != 1 || len(before) != 1 {
		t.Fatalf("search before %d, after %d (%v)", len(before), len(after), err)
	}
}
