package api

import (
	"context"
	"net/http"

	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/org"
)

// Softphones gives users their browser softphone device (docs/softphone.md,
// decision 0018).
type Softphones interface {
	Device(ctx context.Context, orgID org.ID, user org.UserID) (callflow.Device, error)
	Act(ctx context.Context, orgID org.ID, user org.UserID, legSID, action, digits string) error
}

// SoftphoneBody is the caller's softphone device: "sandbox" (a sandbox
// party the app drives through POST /api/v1/softphone/actions), "twilio"
// (a Voice access token for @twilio/voice-sdk) or "none" (with the
// reason).
type SoftphoneBody struct {
	Device   string `json:"device" enum:"sandbox,twilio,none"`
	Identity string `json:"identity"`
	// Token is the Voice access token of a twilio device, else null.
	Token *string `json:"token"`
	// ExpiresAt is when the token expires: ask again at 80 % of its life.
	ExpiresAt *string `json:"expires_at"`
	Reason    string  `json:"reason,omitempty"`
}

// SoftphoneActionRequest has the sandbox device act on a leg ringing or
// connecting the caller.
type SoftphoneActionRequest struct {
	LegSID string `json:"leg_sid"`
	Action string `json:"action" enum:"answer,reject,hangup,digits"`
	// Digits are 1–32 keys of 0-9, * and #, for the digits action.
	Digits string `json:"digits,omitempty"`
}

// GetSoftphone registers the caller's device with the carrier of the
// provider they are on and returns it (R-AG-2).
func (a *API) GetSoftphone(w http.ResponseWriter, r *http.Request) error {
	me := userOf(r)
	d, err := a.Softphones.Device(r.Context(), me.OrgID, me.ID)
	if err != nil {
		return err
	}
	b := SoftphoneBody{Device: d.Kind, Identity: d.Identity, Reason: d.Reason}
	if d.Token != "" {
		exp := stamp(d.ExpiresAt)
		b.Token, b.ExpiresAt = &d.Token, &exp
	}
	return writeJSON(w, http.StatusOK, b)
}

// SoftphoneAction has the caller's sandbox device answer, reject, hang up
// or press digits on one of their legs: 404 for anyone else's leg, 409
// once it ended.
func (a *API) SoftphoneAction(w http.ResponseWriter, r *http.Request) error {
	var req SoftphoneActionRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	me := userOf(r)
	if err := a.Softphones.Act(r.Context(), me.OrgID, me.ID, req.LegSID, req.Action, req.Digits); err != nil {
		return err
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}
