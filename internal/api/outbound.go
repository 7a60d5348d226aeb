package api

import (
	"context"
	"net/http"

	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
)

// Dialer places agents' outbound calls (docs/outbound.md, decision 0022).
type Dialer interface {
	Place(ctx context.Context, orgID org.ID, user org.UserID, d callflow.Dial) (callflow.Placed, error)
}

// PlaceCallRequest asks to call a number (R-OUT-1…5).
type PlaceCallRequest struct {
	// To is the number in any format, parsed with Country or the org's
	// default country.
	To string `json:"to"`
	// Country is the ISO 3166 alpha-2 region of a local number.
	Country string `json:"country,omitempty"`
	// RecordID is the record called from; without it the number's record,
	// or a contact created for it when the org says so.
	RecordID int64 `json:"record_id,omitempty"`
	// Via is browser (default) or phone ("call me first": your forwarding
	// number rings first).
	Via string `json:"via,omitempty" enum:"browser,phone"`
}

// ConnectBody is what a twilio device passes to Device.connect.
type ConnectBody struct {
	Params map[string]string `json:"params"`
}

// PlacedCallBody is a call placed: the call as you see it, your device,
// and for a twilio device the params to connect with (else null).
type PlacedCallBody struct {
	Call    event.Call   `json:"call"`
	Device  string       `json:"device" enum:"sandbox,twilio"`
	Connect *ConnectBody `json:"connect"`
}

// PlaceCall places an outbound call from the caller's mapped number:
// 422 naming a bad field, 409 saying why they cannot call now; nothing is
// dialled then.
func (a *API) PlaceCall(w http.ResponseWriter, r *http.Request) error {
	var req PlaceCallRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.Via == "" {
		req.Via = callflow.ViaBrowser
	}
	me := userOf(r)
	p, err := a.Dialer.Place(r.Context(), me.OrgID, me.ID,
		callflow.Dial{To: req.To, Country: req.Country, RecordID: req.RecordID, Via: req.Via})
	if err != nil {
		return err
	}
	b := PlacedCallBody{Call: event.CallOf(event.CallView{Call: p.Call, User: me.ID}), Device: p.Device}
	if p.Params != nil {
		b.Connect = &ConnectBody{Params: p.Params}
	}
	return writeJSON(w, http.StatusCreated, b)
}
