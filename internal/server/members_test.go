package server_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/org"
)

// TestMembersForAgents: an agent may list their colleagues' names (for
// assignees and the call log) but not the admin's user list; another
// org's users are never listed, and no email or role is shown.
func TestMembersForAgents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	other, err := e.st.CreateOrg(context.Background(), org.Org{Slug: "other", Name: "Other", Settings: org.DefaultSettings()})
	if err != nil {
		t.Fatal(err)
	}
	e.newUser(other.ID, "stranger@other.test", org.Agent)
	alice := e.signIn(demo.Users[1].Email)
	wantStatus(t, alice.do(http.MethodGet, "/api/v1/users", nil), http.StatusForbidden)
	res := alice.do(http.MethodGet, "/api/v1/members", nil)
	wantStatus(t, res, http.StatusOK)
	var got struct {
		Items []map[string]any `json:"items"`
	}
	res.decode(t, &got)
	var names []string
	for _, m := range got.Items {
		if _, ok := m["email"]; ok || m["role"] != nil {
			t.Fatalf("a member shows more than a name: %v", m)
		}
		names = append(names, m["name"].(string))
	}
	for _, u := range demo.Users {
		if !slices.Contains(names, u.Name) {
			t.Errorf("members %v lack %s", names, u.Name)
		}
	}
	if len(got.Items) != len(demo.Users) {
		t.Errorf("members %v: want the %d demo users only", names, len(demo.Users))
	}
}
