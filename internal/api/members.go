package api

import "net/http"

// Colleague is a user as every member of the org sees them: enough to
// name them on timelines and the call log, and to pick them as a task's
// assignee. Emails, roles and forwarding numbers stay with admins.
type Colleague struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

// ColleagueList is the org's users, deactivated ones included (their names
// still label old calls and tasks).
type ColleagueList struct {
	Items []Colleague `json:"items"`
}

// ListMembers lists the org's users for any member.
func (a *API) ListMembers(w http.ResponseWriter, r *http.Request) error {
	users, err := a.Store.Users(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	out := ColleagueList{Items: make([]Colleague, len(users))}
	for i, u := range users {
		name := u.Name
		if name == "" {
			name = u.Email
		}
		out.Items[i] = Colleague{ID: int64(u.ID), Name: name, Active: u.Active}
	}
	return writeJSON(w, http.StatusOK, out)
}
