package server_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSearchMar is the foundation's acceptance check on the demo data.
func TestSearchMar(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn("admin@demo.switchboard.test")
	res := c.do(http.MethodGet, "/api/v1/search?q=Mar", nil)
	wantStatus(t, res, http.StatusOK)
	var body struct {
		Items []struct {
			Kind, Name, Address string
			Phone               *struct{ Label, E164 string }
		}
	}
	res.decode(t, &body)
	var got []string
	for _, h := range body.Items {
		p := ""
		if h.Phone != nil {
			p = h.Phone.Label + " " + h.Phone.E164
		}
		got = append(got, h.Kind+"|"+h.Name+"|"+p)
	}
	slices.Sort(got)
	want := []string{
		"account|Marcom|mobile +14155550140",
		"contact|Margaret Smith|mobile +14155550101",
		"contact|Mark Jones|mobile +15415550121",
		"contact|Priya Patel|mobile +15125550131",
		"contact|Simon Martin|mobile +12065550111",
		"contact|Simon Martin|work +12065550112",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("search Mar mismatch (-want +got):\n%s", diff)
	}
}

func TestBadInputIsRefusedAndChangesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn("admin@demo.switchboard.test")
	before := c.do(http.MethodGet, "/api/v1/contacts?limit=200", nil).body
	tests := []struct {
		name   string
		path   string
		body   any
		status int
		field  string
	}{
		{"unparseable phone", "/api/v1/contacts", map[string]any{"last_name": "X", "phones": []map[string]string{{"label": "mobile", "number": "call me"}}},
			http.StatusUnprocessableEntity, "phones[0].number"},
		{"second phone bad", "/api/v1/contacts", map[string]any{"last_name": "X", "phones": []map[string]string{{"number": "+14155550100"}, {"number": "12"}}},
			http.StatusUnprocessableEntity, "phones[1].number"},
		{"unknown phone label", "/api/v1/contacts", map[string]any{"last_name": "X", "phones": []map[string]string{{"label": "pager", "number": "+14155550100"}}},
			http.StatusUnprocessableEntity, "phones[0].label"},
		{"missing name", "/api/v1/contacts", map[string]any{"company": "Nameless"}, http.StatusUnprocessableEntity, "last_name"},
		{"missing account name", "/api/v1/accounts", map[string]any{}, http.StatusUnprocessableEntity, "name"},
		{"unknown lead status", "/api/v1/leads", map[string]any{"last_name": "X", "status": "hot"}, http.StatusUnprocessableEntity, "status"},
		{"unknown deal stage", "/api/v1/deals", map[string]any{"name": "X", "stage": "maybe"}, http.StatusUnprocessableEntity, "stage"},
		{"bad close date", "/api/v1/deals", map[string]any{"name": "X", "close_date": "31/12/2026"}, http.StatusUnprocessableEntity, "close_date"},
		{"bad email", "/api/v1/contacts", map[string]any{"last_name": "X", "email": "not-an-email"}, http.StatusUnprocessableEntity, "email"},
		{"wrong type", "/api/v1/contacts", `{"last_name": 42}`, http.StatusUnprocessableEntity, "last_name"},
		{"unknown field", "/api/v1/contacts", map[string]any{"last_name": "X", "nickname": "Y"}, http.StatusUnprocessableEntity, "nickname"},
		{"malformed JSON", "/api/v1/contacts", `{"last_name": "X"`, http.StatusBadRequest, ""},
		{"empty body", "/api/v1/contacts", "", http.StatusBadRequest, ""},
		{"trailing data", "/api/v1/contacts", `{"last_name":"X"} {}`, http.StatusBadRequest, ""},
		{"oversized body", "/api/v1/contacts", `{"last_name":"` + strings.Repeat("x", 2<<20) + `"}`, http.StatusRequestEntityTooLarge, ""},
		{"nonexistent owner", "/api/v1/contacts", map[string]any{"last_name": "X", "owner_id": 999999}, http.StatusUnprocessableEntity, "owner_id"},
		{"duplicate user email", "/api/v1/users", map[string]any{"email": "alice@demo.switchboard.test", "role": "agent", "password": "long-enough-1"},
			http.StatusConflict, "email"},
		{"unknown role", "/api/v1/users", map[string]any{"email": "new@demo.switchboard.test", "role": "boss", "password": "long-enough-1"},
			http.StatusUnprocessableEntity, "role"},
		{"short password", "/api/v1/users", map[string]any{"email": "new@demo.switchboard.test", "role": "agent", "password": "short"},
			http.StatusUnprocessableEntity, "password"},
		{"bad forwarding number", "/api/v1/users", map[string]any{"email": "new@demo.switchboard.test", "role": "agent", "password": "long-enough-1", "forwarding_number": "abc"},
			http.StatusUnprocessableEntity, "forwarding_number"},
		{"task without title", "/api/v1/tasks", map[string]any{"due_date": "2026-12-01"}, http.StatusUnprocessableEntity, "title"},
		{"note without body", "/api/v1/notes", map[string]any{"record_id": 1, "body": " "}, http.StatusUnprocessableEntity, "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.do(http.MethodPost, tt.path, tt.body)
			wantStatus(t, res, tt.status)
			_, msg, fields := res.errorBody(t)
			if tt.field != "" && fields[tt.field] == "" {
				t.Fatalf("fields = %v, want a problem for %s (message %q)", fields, tt.field, msg)
			}
		})
	}
	if after := c.do(http.MethodGet, "/api/v1/contacts?limit=200", nil).body; !bytes.Equal(before, after) {
		t.Fatal("refused requests changed the contacts")
	}
	t.Run("bad query parameters", func(t *testing.T) {
		for _, q := range []string{"/api/v1/contacts?limit=0", "/api/v1/contacts?limit=abc", "/api/v1/contacts?cursor=zz",
			"/api/v1/leads?status=hot", "/api/v1/tasks?due=someday", "/api/v1/tasks?done=maybe", "/api/v1/lookup?number=abc"} {
			res := c.do(http.MethodGet, q, nil)
			if res.status != http.StatusBadRequest && res.status != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d, want 400/422", q, res.status)
			}
			res.errorBody(t)
		}
	})
	t.Run("unknown route and id", func(t *testing.T) {
		wantStatus(t, c.do(http.MethodGet, "/api/v1/nothing", nil), http.StatusNotFound)
		wantStatus(t, c.do(http.MethodGet, "/api/v1/contacts/abc", nil), http.StatusNotFound)
		wantStatus(t, c.do(http.MethodGet, "/api/v1/contacts/99999999", nil), http.StatusNotFound)
	})
}

func TestRecordCRUDAndTimeline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn("alice@demo.switchboard.test")
	res := c.do(http.MethodPost, "/api/v1/contacts", map[string]any{"first_name": "Nadia", "last_name": "Fox",
		"phones": []map[string]string{{"label": "mobile", "number": "(415) 555-0177"}}})
	wantStatus(t, res, http.StatusCreated)
	var rec struct {
		ID     int64
		Phones []struct{ E164, Raw, Label string }
	}
	res.decode(t, &rec)
	if len(rec.Phones) != 1 || rec.Phones[0].E164 != "+14155550177" || rec.Phones[0].Raw != "(415) 555-0177" {
		t.Fatalf("phones = %+v, want E.164 with the typed text kept", rec.Phones)
	}
	id := itoa(rec.ID)
	wantStatus(t, c.do(http.MethodPatch, "/api/v1/contacts/"+id, map[string]any{"title": "CFO"}), http.StatusOK)
	wantStatus(t, c.do(http.MethodPost, "/api/v1/notes", map[string]any{"record_id": rec.ID, "body": "first"}), http.StatusCreated)
	wantStatus(t, c.do(http.MethodPost, "/api/v1/tasks", map[string]any{"title": "call", "record_id": rec.ID, "due_date": "2026-11-21"}), http.StatusCreated)
	wantStatus(t, c.do(http.MethodPost, "/api/v1/notes", map[string]any{"record_id": rec.ID, "body": "latest"}), http.StatusCreated)
	var tl struct {
		Items []struct{ Type, Body, Title string }
	}
	c.do(http.MethodGet, "/api/v1/records/"+id+"/timeline", nil).decode(t, &tl)
	if len(tl.Items) != 3 || tl.Items[0].Body != "latest" {
		t.Fatalf("timeline = %+v, want 3 entries, newest first", tl.Items)
	}
	var lookup struct {
		Items []struct {
			RecordID int64 `json:"record_id"`
		}
	}
	c.do(http.MethodGet, "/api/v1/lookup?number=4155550177", nil).decode(t, &lookup)
	if len(lookup.Items) != 1 || lookup.Items[0].RecordID != rec.ID {
		t.Fatalf("lookup = %+v", lookup.Items)
	}
	wantStatus(t, c.do(http.MethodDelete, "/api/v1/contacts/"+id, nil), http.StatusNoContent)
	wantStatus(t, c.do(http.MethodGet, "/api/v1/contacts/"+id, nil), http.StatusNotFound)
}

func TestMyTasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn("alice@demo.switchboard.test")
	var list struct {
		Items []struct {
			Title   string
			DueDate string `json:"due_date"`
		}
	}
	c.do(http.MethodGet, "/api/v1/tasks?assignee=me&due=today&done=false", nil).decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].Title != "Call Simon about the demo date" {
		t.Fatalf("alice's tasks due today = %+v", list.Items)
	}
}

const importCSV = `First Name,Last Name,Company,Mobile,Work,Favourite Colour
Ana,Reyes,Reyes & Co,+1 415 555 0161,,blue
Ben,Ortiz,,not a number,,red
Cleo,Nash,Nash Ltd,(415) 555-0163,415 555 0164,green
,,Nameless Inc,,,grey
Dev,Rao,,,,teal
`

func TestImportAndExportContacts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn("alice@demo.switchboard.test")
	res := e.do(http.MethodPost, "/api/v1/contacts/import", c.token, importCSV, map[string]string{"Content-Type": "text/csv"})
	wantStatus(t, res, http.StatusOK)
	var report struct {
		TotalRows int `json:"total_rows"`
		Imported  int
		Refused   []struct {
			Line   int
			Fields map[string]string
		}
		IgnoredColumns []string `json:"ignored_columns"`
	}
	res.decode(t, &report)
	if report.TotalRows != 5 || report.Imported != 3 || len(report.Refused) != 2 {
		t.Fatalf("report = %+v", report)
	}
	if r := report.Refused[0]; r.Line != 3 || r.Fields["mobile"] == "" {
		t.Fatalf("first refusal = %+v, want line 3 naming the mobile column", r)
	}
	if r := report.Refused[1]; r.Line != 5 || r.Fields["last_name"] == "" {
		t.Fatalf("second refusal = %+v, want line 5 naming the name", r)
	}
	if !slices.Equal(report.IgnoredColumns, []string{"Favourite Colour"}) {
		t.Fatalf("ignored = %v", report.IgnoredColumns)
	}
	var hits struct{ Items []struct{ Name string } }
	c.do(http.MethodGet, "/api/v1/search?q=Cleo", nil).decode(t, &hits)
	if len(hits.Items) != 2 {
		t.Fatalf("Cleo Nash with two numbers = %d hits, want 2", len(hits.Items))
	}

	t.Run("streamed progress", func(t *testing.T) {
		res := e.do(http.MethodPost, "/api/v1/contacts/import", c.token, importCSV, map[string]string{"Accept": "application/x-ndjson"})
		wantStatus(t, res, http.StatusOK)
		var lines []map[string]any
		sc := bufio.NewScanner(bytes.NewReader(res.body))
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			lines = append(lines, m)
		}
		if len(lines) < 3 || lines[0]["done"] != 0.0 || lines[len(lines)-1]["report"] == nil {
			t.Fatalf("progress lines = %v", lines)
		}
	})
	t.Run("broken file", func(t *testing.T) {
		res := e.do(http.MethodPost, "/api/v1/contacts/import", c.token, "company\nAcme\n", nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
	})
	t.Run("export", func(t *testing.T) {
		res := c.do(http.MethodGet, "/api/v1/contacts/export", nil)
		wantStatus(t, res, http.StatusOK)
		rows, err := csv.NewReader(bytes.NewReader(res.body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != "first_name" || len(rows) < 30 {
			t.Fatalf("export has %d rows, header %v", len(rows), rows[0])
		}
		found := false
		for _, r := range rows {
			found = found || (r[0] == "Cleo" && r[10] == "+14155550163" && r[11] == "+14155550164")
		}
		if !found {
			t.Fatal("imported contact missing from export")
		}
	})
}

func TestOperations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	wantStatus(t, e.do(http.MethodGet, "/healthz", "", nil, nil), http.StatusOK)
	wantStatus(t, e.do(http.MethodGet, "/readyz", "", nil, nil), http.StatusOK)
	wantStatus(t, e.do(http.MethodGet, "/readyz", "", nil, nil), http.StatusOK)
	for _, method := range []string{"FETCH", "BREW"} { // made up: counted as OTHER, no series of their own
		e.do(method, "/readyz", "", nil, nil)
	}
	res := e.do(http.MethodGet, "/metrics", "", nil, nil)
	wantStatus(t, res, http.StatusOK)
	for _, want := range []string{`switchboard_http_requests_total{method="GET",route="GET /readyz",status="200"} 2`,
		`switchboard_http_request_duration_seconds_count{route="GET /readyz"} 2`} {
		if !containsToken(res.body, want) {
			t.Fatalf("metrics lack %s:\n%s", want, linesWith(res.body, "switchboard_http_"))
		}
	}
	// The catch-all's answer to them depends on whether the web app is built.
	other := regexp.MustCompile(`switchboard_http_requests_total\{method="OTHER",route="/",status="\d+"\} 2\n`)
	if !other.Match(res.body) || bytes.Contains(res.body, []byte("BREW")) {
		t.Fatalf("made-up methods are not counted together as OTHER:\n%s", linesWith(res.body, "switchboard_http_requests"))
	}
	if res.header.Get("X-Request-Id") == "" {
		t.Fatal("no request id header")
	}
}

// linesWith returns the lines of body that contain s.
func linesWith(body []byte, s string) string {
	var out []string
	for _, l := range strings.Split(string(body), "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestBulkImportKeepsSearchWorking(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn("admin@demo.switchboard.test")
	var b strings.Builder
	b.WriteString("first_name,last_name,mobile\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "Bulk%04d,Importee,+1 212 555 %04d\n", i, i)
	}
	res := e.do(http.MethodPost, "/api/v1/contacts/import", c.token, b.String(), nil)
	wantStatus(t, res, http.StatusOK)
	var report struct{ Imported int }
	res.decode(t, &report)
	var hits struct{ Items []struct{ Name string } }
	c.do(http.MethodGet, "/api/v1/search?q=bulk0999", nil).decode(t, &hits)
	if report.Imported != 1000 || len(hits.Items) != 1 || hits.Items[0].Name != "Bulk0999 Importee" {
		t.Fatalf("imported %d, search = %+v", report.Imported, hits.Items)
	}
}
