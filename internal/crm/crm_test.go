package crm

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

func ptr[T any](v T) *T { return &v }

func TestRecordInputApply(t *testing.T) {
	t.Parallel()
	s := org.DefaultSettings()
	tests := []struct {
		name       string
		kind       Kind
		in         RecordInput
		wantFields []string
		check      func(t *testing.T, r Record)
	}{
		{"person needs a name", Contact, RecordInput{Company: ptr("Acme")}, []string{"last_name"}, nil},
		{"first name alone is enough", Lead, RecordInput{FirstName: ptr(" Ada ")}, nil, func(t *testing.T, r Record) {
			if r.FirstName != "Ada" || r.Status != "new" {
				t.Fatalf("record = %+v, want trimmed name and default status", r)
			}
		}},
		{"account needs a name", Account, RecordInput{}, []string{"name"}, nil},
		{"deal defaults", Deal, RecordInput{Name: ptr("Big")}, nil, func(t *testing.T, r Record) {
			if r.Stage != "qualification" {
				t.Fatalf("stage = %q", r.Stage)
			}
		}},
		{"every bad field is named", Deal, RecordInput{Name: ptr("X"), Stage: ptr("maybe"), Amount: ptr(int64(-1)), CloseDate: ptr("soon")},
			[]string{"amount", "close_date", "stage"}, nil},
		{"deals have no phones", Deal, RecordInput{Name: ptr("X"), Phones: &[]PhoneInput{{Number: "+14155550100"}}}, []string{"phones"}, nil},
		{"only deals link to contacts", Contact, RecordInput{LastName: ptr("X"), ContactID: ptr(int64(3))}, []string{"contact_id"}, nil},
		{"leads do not link to accounts", Lead, RecordInput{LastName: ptr("X"), AccountID: ptr(int64(3))}, []string{"account_id"}, nil},
		{"email normalised", Contact, RecordInput{LastName: ptr("X"), Email: ptr(" Ada@Example.COM ")}, nil, func(t *testing.T, r Record) {
			if r.Email != "ada@example.com" {
				t.Fatalf("email = %q", r.Email)
			}
		}},
		{"phones parsed with the org's country, label defaults to other", Contact,
			RecordInput{LastName: ptr("X"), Phones: &[]PhoneInput{{Number: "(415) 555-0100"}, {Label: "WORK", Number: "+33 1 42 68 53 00"}}}, nil,
			func(t *testing.T, r Record) {
				want := []Phone{{Label: "other", E164: "+14155550100", Region: "US", Raw: "(415) 555-0100"},
					{Label: "work", E164: "+33142685300", Region: "FR", Raw: "+33 1 42 68 53 00"}}
				if diff := cmp.Diff(want, r.Phones); diff != "" {
					t.Fatalf("phones mismatch (-want +got):\n%s", diff)
				}
			}},
		{"too long", Contact, RecordInput{LastName: ptr(strings.Repeat("x", 201))}, []string{"last_name"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := Record{Kind: tt.kind}
			err := tt.in.Apply(&r, s)
			var got []string
			if p, ok := err.(*problem.Error); ok {
				for f := range p.Fields {
					got = append(got, f)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantFields, got, sortStrings); diff != "" {
				t.Fatalf("field problems mismatch (-want +got):\n%s", diff)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

var sortStrings = cmp.Transformer("sort", func(in []string) []string {
	return slices.Sorted(slices.Values(in))
})

func TestParseContactsCSV(t *testing.T) {
	t.Parallel()
	s := org.DefaultSettings()
	tests := []struct {
		name        string
		csv         string
		wantErr     string
		wantGood    int
		wantRefused map[int]string // line → field
		wantIgnored []string
	}{
		{"header aliases, BOM, ignored columns", "\ufeffFirst Name,LAST_NAME,Mobile,Shoe Size\nAda,Lovelace,+14155550100,38\n", "", 1, map[int]string{}, []string{"Shoe Size"}},
		{"bad rows never stop good ones", "last_name,work\nA,+14155550100\nB,nope\n,\nC,\n", "", 2, map[int]string{3: "work", 4: "last_name"}, nil},
		{"row with a broken quote", "last_name,city\nA,\"Paris\nB,Rome\n", "", 0, map[int]string{2: "row"}, nil},
		{"no name column", "company\nAcme\n", "first_name or last_name", 0, nil, nil},
		{"empty file", "", "header row", 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rows, ignored, err := ParseContactsCSV(strings.NewReader(tt.csv), s)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			good, refused := 0, map[int]string{}
			for _, r := range rows {
				if r.Err == nil {
					good++
					continue
				}
				for f := range r.Err.Fields {
					refused[r.Line] = f
				}
			}
			if good != tt.wantGood || !cmp.Equal(tt.wantRefused, refused) || !cmp.Equal(tt.wantIgnored, ignored) {
				t.Fatalf("good %d refused %v ignored %v; want %d %v %v", good, refused, ignored, tt.wantGood, tt.wantRefused, tt.wantIgnored)
			}
		})
	}
}
