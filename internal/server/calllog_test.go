package server_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/sandbox"
)

type logItem struct {
	ID        int64
	From      string
	Outcome   string
	Price     string
	PriceUnit string `json:"price_unit"`
	Agents    []struct {
		ID   int64
		Name string
	}
}

type logPage struct {
	Items      []logItem
	NextCursor string `json:"next_cursor"`
}

// The cost comes from the carrier's Calls fetch after the call ends
// (https://www.twilio.com/docs/voice/api/call-resource#call-properties:
// price is a negative decimal string, price_unit a currency code).
func TestCallLogFiltersAndCost(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"])(u) },
		[]string{"alice"}, map[string]string{"alice": "answer@2s,hangup@70s"})
	_, answered, _ := s.call(t, sandbox.CallScript{From: "+12065550111"})
	wantStatus(t, s.e.signIn(demo.Users[1].Email).do(http.MethodPut, "/api/v1/presence/me", map[string]string{"status": "offline"}), http.StatusOK)
	s.call(t, sandbox.CallScript{From: "+15005550006"})
	admin := s.e.signIn(demo.Users[0].Email)
	alice := itoa(s.users["alice"])
	cases := []struct {
		name, query string
		want        []int64 // nil: only the count matters
		count       int
	}{
		{"all", "", nil, 2},
		{"by agent", "?agent=" + alice, []int64{int64(answered.ID)}, 1},
		{"by outcome", "?outcome=answered", []int64{int64(answered.ID)}, 1},
		{"by number", "?number=%2B12065550111", []int64{int64(answered.ID)}, 1},
		{"by direction", "?direction=outbound", nil, 0},
		{"by date range", "?from=2000-01-01&to=2001-01-01", nil, 0},
		{"one per page", "?limit=1", nil, 1},
	}
	for _, tc := range cases {
		var page logPage
		admin.do(http.MethodGet, "/api/v1/calls"+tc.query, nil).decode(t, &page)
		if len(page.Items) != tc.count {
			t.Errorf("%s: %d calls, want %d", tc.name, len(page.Items), tc.count)
			continue
		}
		for i, id := range tc.want {
			if page.Items[i].ID != id {
				t.Errorf("%s: item %d = %d, want %d", tc.name, i, page.Items[i].ID, id)
			}
		}
	}
	bad := []struct{ name, query, field string }{
		{"direction", "?direction=sideways", "direction"},
		{"status", "?status=done", "status"},
		{"from", "?from=yesterday", "from"},
		{"range backwards", "?from=2026-02-01&to=2026-01-01", "to"},
		{"number", "?number=12", "number"},
		{"agent", "?agent=x", "agent"},
	}
	for _, tc := range bad {
		res := admin.do(http.MethodGet, "/api/v1/calls"+tc.query, nil)
		if _, _, fields := res.errorBody(t); (res.status != http.StatusBadRequest && res.status != http.StatusUnprocessableEntity) || fields[tc.field] == "" {
			t.Errorf("%s: %d %s, want 400/422 naming %s", tc.name, res.status, res.body, tc.field)
		}
	}
	// The price job runs a minute after the call ends.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := s.e.sb.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
		s.e.srv.Webhooks().Worker.Kick()
		var got logItem
		admin.do(http.MethodGet, "/api/v1/calls/"+itoa(int64(answered.ID)), nil).decode(t, &got)
		if got.Price != "" {
			if got.Price[0] != '-' || got.PriceUnit != "USD" || len(got.Agents) != 1 || got.Agents[0].ID != s.users["alice"] {
				t.Fatalf("priced call = %+v", got)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the call was never priced: %+v", got)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
