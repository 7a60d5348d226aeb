package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard/switchboard/internal/config"
	"github.com/switchboard/switchboard/internal/demo"
)

func TestRoutingDraftPublishRestore(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, func(c *config.Config) { c.PublicURL = c.SelfURL })
	admin := e.signIn(demo.Users[0].Email)
	alice, bob := e.demoUserID(demo.Users[1].Email), e.demoUserID(demo.Users[2].Email)
	_, n, _ := linkedNumber(t, e)
	base := "/api/v1/numbers/" + itoa(n.ID) + "/routing"

	var r struct {
		Draft struct {
			Mode  string
			Group *struct{ Users []int64 }
		}
		PublishProblems map[string]string `json:"publish_problems"`
		Live            *struct{ Version int }
	}
	res := admin.do(http.MethodGet, base, nil)
	wantStatus(t, res, http.StatusOK)
	res.decode(t, &r)
	if r.Draft.Mode != "direct" || r.Live != nil || len(r.PublishProblems) == 0 {
		t.Fatalf("new number's routing = %+v, want the default draft, not publishable, nothing live", r)
	}
	wantStatus(t, admin.do(http.MethodPost, base+"/publish", nil), http.StatusUnprocessableEntity)

	draft := func(users ...int64) map[string]any {
		return map[string]any{"online": true, "mode": "direct",
			"group": map[string]any{"users": users, "ring": "sequential", "interval_seconds": 15},
			"voice": map[string]any{"format": "text", "voice": "alice", "language": "en-US",
				"welcome": map[string]any{"text": "Welcome to Demo Company."}, "menu": map[string]any{"text": "Press ${Key press} for ${Menu}."},
				"busy": map[string]any{"text": "All our agents are busy."}, "unavailable": map[string]any{"text": "We are closed."}},
			"hours": map[string]any{"always_open": true}}
	}
	t.Run("a draft breaking a limit is refused naming the path", func(t *testing.T) {
		bad := draft(alice)
		bad["queue"] = map[string]any{"enabled": true, "max_callers": 26, "max_wait_minutes": 5}
		res := admin.do(http.MethodPut, base, bad)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if _, _, f := res.errorBody(t); f["queue.max_callers"] == "" {
			t.Fatalf("fields = %v", f)
		}
	})
	wantStatus(t, admin.do(http.MethodPut, base, draft(alice)), http.StatusOK)
	res = admin.do(http.MethodPost, base+"/publish", nil)
	wantStatus(t, res, http.StatusCreated)
	wantStatus(t, admin.do(http.MethodPut, base, draft(alice, bob)), http.StatusOK)
	wantStatus(t, admin.do(http.MethodPost, base+"/publish", nil), http.StatusCreated)

	var list struct {
		Items []struct {
			Version      int
			RestoredFrom *int `json:"restored_from"`
		}
	}
	admin.do(http.MethodGet, base+"/versions", nil).decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].Version != 2 {
		t.Fatalf("versions = %+v", list.Items)
	}
	var v2 struct {
		Changes []struct{ Path, Old, New string }
	}
	admin.do(http.MethodGet, base+"/versions/2", nil).decode(t, &v2)
	if len(v2.Changes) != 1 || !strings.HasPrefix(v2.Changes[0].Path, "group.users") {
		t.Fatalf("changes in v2 = %+v", v2.Changes)
	}
	res = admin.do(http.MethodPost, base+"/versions/1/restore", nil)
	wantStatus(t, res, http.StatusCreated)
	var v3 struct {
		Version      int
		RestoredFrom *int `json:"restored_from"`
	}
	res.decode(t, &v3)
	if v3.Version != 3 || v3.RestoredFrom == nil || *v3.RestoredFrom != 1 {
		t.Fatalf("restored version = %+v", v3)
	}
	admin.do(http.MethodGet, base, nil).decode(t, &r)
	if r.Live == nil || r.Live.Version != 3 || len(r.Draft.Group.Users) != 1 {
		t.Fatalf("after restore: live %+v, draft users %v", r.Live, r.Draft.Group)
	}
	t.Run("restoring a version whose user left is refused", func(t *testing.T) {
		wantStatus(t, admin.do(http.MethodPatch, "/api/v1/users/"+itoa(bob), map[string]any{"active": false}), http.StatusOK)
		res := admin.do(http.MethodPost, base+"/versions/2/restore", nil)
		wantStatus(t, res, http.StatusUnprocessableEntity)
	})
	t.Run("agents and other orgs", func(t *testing.T) {
		agent := e.signIn(demo.Users[1].Email)
		wantStatus(t, agent.do(http.MethodGet, base, nil), http.StatusForbidden)
		wantStatus(t, admin.do(http.MethodGet, "/api/v1/numbers/999999/routing", nil), http.StatusNotFound)
		wantStatus(t, admin.do(http.MethodGet, base+"/versions/99", nil), http.StatusNotFound)
	})
}
