package api

import (
	"net/http"

	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/problem"
)

// PresenceBody is one agent's presence.
type PresenceBody struct {
	UserID      int64   `json:"user_id"`
	Status      string  `json:"status" enum:"online,offline"`
	OnlineSince *string `json:"online_since"`
	Busy        bool    `json:"busy"`
}

// PresenceList is every active user's presence.
type PresenceList struct {
	Items []PresenceBody `json:"items"`
}

// StatusRequest sets the caller's own status.
type StatusRequest struct {
	Status string `json:"status" enum:"online,offline"`
}

func presenceBody(a presence.Agent) PresenceBody {
	b := PresenceBody{UserID: int64(a.UserID), Status: string(a.Status), Busy: a.Busy}
	if a.OnlineSince != nil {
		s := stamp(*a.OnlineSince)
		b.OnlineSince = &s
	}
	return b
}

// ListPresence returns who is online, offline and busy.
func (a *API) ListPresence(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.Presence(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	out := PresenceList{Items: make([]PresenceBody, len(list))}
	for i, ag := range list {
		out.Items[i] = presenceBody(ag)
	}
	return writeJSON(w, http.StatusOK, out)
}

// SetMyStatus sets the caller online or offline (R-AG-1); coming online
// puts them at the back of sequential ring order.
func (a *API) SetMyStatus(w http.ResponseWriter, r *http.Request) error {
	var req StatusRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	st := presence.Status(req.Status)
	if st != presence.Online && st != presence.Offline {
		return problem.Field("status", "must be online or offline")
	}
	me := userOf(r)
	if err := a.Store.SetStatus(r.Context(), me.OrgID, me.ID, st); err != nil {
		return err
	}
	if st == presence.Online && a.OnAvailable != nil {
		if err := a.OnAvailable(r.Context(), me.OrgID, me.ID); err != nil {
			a.Log.ErrorContext(r.Context(), "offering a queued caller", "user_id", me.ID, "err", err)
		}
	}
	list, err := a.Store.Presence(r.Context(), me.OrgID)
	if err != nil {
		return err
	}
	for _, ag := range list {
		if ag.UserID == me.ID {
			return writeJSON(w, http.StatusOK, presenceBody(ag))
		}
	}
	return problem.New(problem.NotFound, "presence not found")
}
