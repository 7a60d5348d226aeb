package api

import (
	"context"
	"net/http"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// CallControls are the agent's controls of a call at the carrier
// (docs/softphone.md "Call controls"). Each returns the call as the agent
// sees it in their events.
type CallControls interface {
	Hold(ctx context.Context, orgID org.ID, id call.ID, user org.UserID, hold bool) (event.Call, error)
	Mute(ctx context.Context, orgID org.ID, id call.ID, user org.UserID, muted bool) (event.Call, error)
	SetNotes(ctx context.Context, orgID org.ID, id call.ID, user org.UserID, notes string) (event.Call, error)
	Forward(ctx context.Context, orgID org.ID, id call.ID, user org.UserID) (event.Call, error)
	Hangup(ctx context.Context, orgID org.ID, id call.ID, user org.UserID) error
}

// HoldRequest holds (true) or resumes (false) the caller.
type HoldRequest struct {
	Hold *bool `json:"hold"`
}

// MuteRequest mutes (true) or unmutes (false) the agent.
type MuteRequest struct {
	Muted *bool `json:"muted"`
}

// NotesRequest replaces the call's notes (at most 10,000 characters).
type NotesRequest struct {
	Notes *string `json:"notes"`
}

// HoldCall puts the caller of the agent's call on hold, hearing the
// number's hold music, or resumes them (R-AG-4).
func (a *API) HoldCall(w http.ResponseWriter, r *http.Request) error {
	var req HoldRequest
	return a.control(w, r, &req, func() error { return required("hold", req.Hold != nil) },
		func(ctx context.Context, me org.User, id call.ID) (event.Call, error) {
			return a.Controls.Hold(ctx, me.OrgID, id, me.ID, *req.Hold)
		})
}

// MuteCall mutes or unmutes the agent in their call (R-AG-4).
func (a *API) MuteCall(w http.ResponseWriter, r *http.Request) error {
	var req MuteRequest
	return a.control(w, r, &req, func() error { return required("muted", req.Muted != nil) },
		func(ctx context.Context, me org.User, id call.ID) (event.Call, error) {
			return a.Controls.Mute(ctx, me.OrgID, id, me.ID, *req.Muted)
		})
}

// SetCallNotes saves the notes the agent types during their call (R-AG-4).
func (a *API) SetCallNotes(w http.ResponseWriter, r *http.Request) error {
	var req NotesRequest
	return a.control(w, r, &req, func() error { return required("notes", req.Notes != nil) },
		func(ctx context.Context, me org.User, id call.ID) (event.Call, error) {
			return a.Controls.SetNotes(ctx, me.OrgID, id, me.ID, *req.Notes)
		})
}

// ForwardCall sends a call ringing the agent to their forwarding number
// (R-IN-14).
func (a *API) ForwardCall(w http.ResponseWriter, r *http.Request) error {
	return a.control(w, r, nil, nil, func(ctx context.Context, me org.User, id call.ID) (event.Call, error) {
		return a.Controls.Forward(ctx, me.OrgID, id, me.ID)
	})
}

// control decodes req (when not nil), checks it, runs do on the call in
// the path and answers the call as the agent sees it.
func (a *API) control(w http.ResponseWriter, r *http.Request, req any, check func() error,
	do func(ctx context.Context, me org.User, id call.ID) (event.Call, error)) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if req != nil {
		if err := decode(w, r, req); err != nil {
			return err
		}
		if err := check(); err != nil {
			return err
		}
	}
	c, err := do(r.Context(), userOf(r), call.ID(id))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func required(field string, ok bool) error {
	if !ok {
		return problem.Field(field, "is required")
	}
	return nil
}

// HangupCall ends the agent's part in a call from the app — their browser
// leg, or their own phone's for "call me first" and forwarded calls — at
// the carrier; the call's end arrives by events (R-OUT-5).
func (a *API) HangupCall(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	me := userOf(r)
	if err := a.Controls.Hangup(r.Context(), me.OrgID, call.ID(id), me.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}
