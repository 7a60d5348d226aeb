package server_test

import (
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// recordedCall runs an inbound call Alice answers, recorded by the
// number's routing, and returns it.
func recordedCall(t *testing.T) (*scenario, call.Call) {
	t.Helper()
	s := newScenario(t, func(u map[string]int64) map[string]any {
		r := directGroup("simultaneous", u["alice"])(u)
		r["recording"] = map[string]any{"enabled": true, "announcement": false}
		return r
	}, []string{"alice"}, map[string]string{"alice": "answer@2s,hangup@20s"})
	tr, c, _ := s.call(t, sandbox.CallScript{From: "+12065550111"})
	if call.RecordingSID(c.RecordingURL) == "" {
		t.Fatalf("call = %+v\n%s", c, tr.Text())
	}
	return s, c
}

// carrierGet reads a recording straight from the sandbox carrier
// (https://www.twilio.com/docs/voice/api/recording#fetch-a-recording-media-file).
func carrierGet(t *testing.T, url string) (int, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

type tombstoneBody struct {
	RecordingURL     string `json:"recording_url"`
	RecordingDeleted *struct {
		At     string `json:"at"`
		ByID   *int64 `json:"by_id"`
		ByName string `json:"by_name"`
	} `json:"recording_deleted"`
}

func TestRecordingStreamsThroughTheServerAndDeletesAtTheCarrier(t *testing.T) {
	t.Parallel()
	s, c := recordedCall(t)
	path := "/api/v1/calls/" + itoa(int64(c.ID)) + "/recording"
	alice, bob := s.e.signIn(demo.Users[1].Email), s.e.signIn(demo.Users[2].Email)
	var body tombstoneBody
	bob.do(http.MethodGet, "/api/v1/calls/"+itoa(int64(c.ID)), nil).decode(t, &body)
	if body.RecordingURL != path || body.RecordingDeleted != nil {
		t.Fatalf("call body = %+v, want the proxy path %s (never the carrier's URL)", body, path)
	}
	status, want := carrierGet(t, c.RecordingURL+".mp3")
	if status != http.StatusOK || len(want) == 0 {
		t.Fatalf("sandbox media: %d, %d bytes", status, len(want))
	}
	got := bob.do(http.MethodGet, path, nil) // any member may listen
	if got.status != http.StatusOK || string(got.body) != string(want) || got.header.Get("Content-Type") != "audio/mpeg" {
		t.Fatalf("proxied recording: %d %q, %d bytes, want the sandbox's %d bytes", got.status, got.header.Get("Content-Type"), len(got.body), len(want))
	}
	o, err := s.e.st.CreateOrg(context.Background(), org.Org{Slug: "other", Name: "Other", Settings: org.DefaultSettings()})
	if err != nil {
		t.Fatal(err)
	}
	stranger := s.e.newUser(o.ID, "admin@other.example", org.Admin)
	for _, m := range []string{http.MethodGet, http.MethodDelete} {
		wantStatus(t, stranger.do(m, path, nil), http.StatusNotFound)
	}
	wantStatus(t, bob.do(http.MethodDelete, path, nil), http.StatusForbidden) // bob did not answer it
	del := alice.do(http.MethodDelete, path, nil)
	wantStatus(t, del, http.StatusOK)
	del.decode(t, &body)
	if d := body.RecordingDeleted; d == nil || d.ByID == nil || *d.ByID != s.users["alice"] || d.At == "" || body.RecordingURL != "" {
		t.Fatalf("after delete: %+v", body)
	}
	if status, _ := carrierGet(t, c.RecordingURL+".mp3"); status != http.StatusNotFound {
		t.Fatalf("the sandbox still has the recording: %d", status)
	}
	admin := s.e.signIn(demo.Users[0].Email)
	for name, m := range map[string]string{"listen": http.MethodGet, "delete twice": http.MethodDelete} {
		res := admin.do(m, path, nil)
		if code, msg, _ := res.errorBody(t); res.status != http.StatusGone || code != "gone" || !strings.Contains(msg, "deleted by") {
			t.Errorf("%s after delete: %d %s", name, res.status, res.body)
		}
	}
	var tl struct {
		Items []struct {
			ID               int64
			RecordingURL     string `json:"recording_url"`
			RecordingDeleted *struct {
				At     string
				ByID   *int64 `json:"by_id"`
				ByName string `json:"by_name"`
			} `json:"recording_deleted"`
		}
	}
	admin.do(http.MethodGet, "/api/v1/records/"+itoa(c.RecordID)+"/timeline", nil).decode(t, &tl)
	if len(tl.Items) == 0 || tl.Items[0].ID != int64(c.ID) || tl.Items[0].RecordingURL != "" {
		t.Fatalf("the timeline still links the deleted recording: %+v", tl.Items)
	}
	if d := tl.Items[0].RecordingDeleted; d == nil || d.At != body.RecordingDeleted.At || d.ByID == nil || *d.ByID != s.users["alice"] || d.ByName == "" {
		t.Fatalf("the timeline's call has no tombstone saying who deleted it and when: %+v", d)
	}
	var again tombstoneBody
	admin.do(http.MethodGet, "/api/v1/calls/"+itoa(int64(c.ID)), nil).decode(t, &again)
	if again.RecordingDeleted == nil || again.RecordingDeleted.At != body.RecordingDeleted.At || again.RecordingDeleted.ByName == "" {
		t.Fatalf("the tombstone changed or has no name: %+v, was %+v", again.RecordingDeleted, body.RecordingDeleted)
	}
}

func TestRecordingRetentionDeletesAtTheCarrier(t *testing.T) {
	t.Parallel()
	s, c := recordedCall(t)
	wantStatus(t, s.e.signIn(demo.Users[0].Email).do(http.MethodPatch, "/api/v1/org", map[string]any{"recording_retention_days": 1}), http.StatusOK)
	deadline := time.Now().Add(15 * time.Second)
	for {
		if err := s.e.sb.Advance(12 * time.Hour); err != nil {
			t.Fatal(err)
		}
		s.e.srv.Webhooks().Worker.Kick()
		e, err := s.e.st.CallLogEntry(context.Background(), c.OrgID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if e.RecordingDeletedAt != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the retention job never deleted the recording")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if status, _ := carrierGet(t, c.RecordingURL+".mp3"); status != http.StatusNotFound {
		t.Fatalf("the sandbox still has the recording: %d", status)
	}
	admin := s.e.signIn(demo.Users[0].Email) // the clock has moved past the first sign-in's lifetime
	var body tombstoneBody
	admin.do(http.MethodGet, "/api/v1/calls/"+itoa(int64(c.ID)), nil).decode(t, &body)
	if d := body.RecordingDeleted; d == nil || d.ByID != nil || d.ByName != "" || body.RecordingURL != "" {
		t.Fatalf("retention tombstone = %+v, want one by nobody", body)
	}
	res := admin.do(http.MethodGet, "/api/v1/calls/"+itoa(int64(c.ID))+"/recording", nil)
	if _, msg, _ := res.errorBody(t); res.status != http.StatusGone || !strings.Contains(msg, "retention") {
		t.Fatalf("listen after retention: %d %s", res.status, res.body)
	}
}

func TestCallLogExportCSV(t *testing.T) {
	t.Parallel()
	s, c := recordedCall(t)
	ctx := context.Background()
	if _, err := s.e.st.DB().ExecContext(ctx, `UPDATE records SET name = $1 WHERE id = $2`, "=HYPERLINK(\"http://x\")", c.RecordID); err != nil {
		t.Fatal(err)
	}
	admin := s.e.signIn(demo.Users[0].Email)
	cases := []struct {
		name, query string
		rows        int
	}{
		{"all", "", 1},
		{"by number", "?number=%2B12065550111", 1},
		{"by direction", "?direction=outbound", 0},
	}
	for _, tc := range cases {
		res := admin.do(http.MethodGet, "/api/v1/calls/export"+tc.query, nil)
		if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("%s: %d %s", tc.name, res.status, res.body)
		}
		rows, err := csv.NewReader(strings.NewReader(string(res.body))).ReadAll()
		if err != nil || len(rows) != tc.rows+1 || rows[0][0] != "id" {
			t.Fatalf("%s: %v %q", tc.name, err, rows)
		}
		if tc.rows == 0 {
			continue
		}
		row := map[string]string{}
		for i, h := range rows[0] {
			row[h] = rows[1][i]
		}
		want := map[string]string{"id": itoa(int64(c.ID)), "from": "+12065550111", "direction": "inbound", "outcome": "answered",
			"record": "'=HYPERLINK(\"http://x\")", "agents": demo.Users[1].Name, "recording": "/api/v1/calls/" + itoa(int64(c.ID)) + "/recording"}
		for k, v := range want {
			if row[k] != v {
				t.Errorf("%s: %s = %q, want %q", tc.name, k, row[k], v)
			}
		}
	}
	res := admin.do(http.MethodGet, "/api/v1/calls/export?from=yesterday", nil)
	if _, _, fields := res.errorBody(t); res.status < 400 || res.status >= 500 || fields["from"] == "" {
		t.Fatalf("bad filter: %d %s", res.status, res.body)
	}
}
