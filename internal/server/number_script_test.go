package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/demo"
)

func TestNumberScript(t *testing.T) {
	t.Parallel()
	e := newCallEnv(t)
	_, n, _ := linkedNumber(t, e)
	admin := e.signIn(demo.Users[0].Email)
	path := "/api/v1/numbers/" + itoa(n.ID)
	tests := []struct {
		name, script string
		status       int
		want         string // the script after the request
	}{
		{"set", "Greet the caller.\nAsk for the order number.", http.StatusOK, "Greet the caller.\nAsk for the order number."},
		{"5,000 characters", strings.Repeat("é", 5000), http.StatusOK, strings.Repeat("é", 5000)},
		{"too long changes nothing", strings.Repeat("a", 5001), http.StatusUnprocessableEntity, strings.Repeat("é", 5000)},
		{"empty removes it", "", http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := admin.do(http.MethodPatch, path, map[string]any{"script": tt.script})
			wantStatus(t, res, tt.status)
			if tt.status != http.StatusOK {
				if _, _, fields := res.errorBody(t); fields["script"] == "" {
					t.Fatalf("error names no script field: %s", res.body)
				}
			}
			var got struct {
				Script          string `json:"script"`
				OutgoingEnabled bool   `json:"outgoing_enabled"`
			}
			admin.do(http.MethodGet, path, nil).decode(t, &got)
			if got.Script != tt.want || !got.OutgoingEnabled {
				t.Fatalf("script = %.40q… (%d chars), outgoing %v; want %.40q…", got.Script, len([]rune(got.Script)), got.OutgoingEnabled, tt.want)
			}
		})
	}
	t.Run("agents may not", func(t *testing.T) {
		agent := e.signIn(demo.Users[1].Email)
		wantStatus(t, agent.do(http.MethodPatch, path, map[string]any{"script": "mine"}), http.StatusForbidden)
	})
}
