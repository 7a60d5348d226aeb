package api

import (
	"net/http"

	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/problem"
)

// PresenceBody is one agent's presence. Reachable is false when the agent
// is offline, or online but their app's heartbeat lapsed (routing skips
// them); LastSeen is the app's last heartbeat.
type PresenceBody struct {
	UserID      int64   `json:"user_id"`
	Status      string  `json:"status" enum:"online,offline"`
	OnlineSince *string `json:"online_since"`
	Busy        bool    `json:"busy"`
	Reachable   bool    `json:"reachable"`
	LastSeen    *string `json:"last_seen"`
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
	p := event.PresenceOf(a) // the same fields as the presence event's
	return PresenceBody{UserID: p.UserID, Status: p.Status, OnlineSince: p.OnlineSince, Busy: p.Busy, Reachable: p.Reachable,
		LastSeen: p.LastSeen}
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
// puts them at the back of sequential ring order and counts as a
// heartbeat. The change is published to the org's open tabs.
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
	if st == presence.Online {
		if _, err := a.Store.Heartbeat(r.Context(), me.OrgID, me.ID, a.grace()); err != nil {
			return err
		}
		a.offerQueued(r.Context(), me.OrgID, me.ID)
	}
	ag, err := a.Store.AgentPresence(r.Context(), me.OrgID, me.ID)
	if err != nil {
		return err
	}
	a.publishEvent(r.Context(), event.PresenceChanged(me.OrgID, ag))
	return writeJSON(w, http.StatusOK, presenceBody(ag))
}
