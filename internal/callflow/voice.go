package callflow

import (
	"net/http"

	"github.com/switchboard/switchboard/internal/twilio/twiml"
)

// Messages the caller hears when a call cannot be routed.
const (
	notInService = "The number you have called is not in service. Goodbye."
	noRouting    = "Thank you for calling. This line is not taking calls yet. Please try again later. Goodbye."
)

// Voice answers an incoming call. A number that is not linked to any org
// is refused politely: a short message, then the call ends.
func (wh *Webhooks) Voice(w http.ResponseWriter, r *http.Request, h Hook) error {
	if h.Number == nil {
		wh.Log.WarnContext(r.Context(), "call to a number that is not linked", "to", r.PostForm.Get("To"),
			"provider_id", h.Provider.ID, "org_id", h.Provider.OrgID, "call_sid", r.PostForm.Get("CallSid"))
		return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{twiml.Say{Text: notInService}, twiml.Hangup{}}})
	}
	// Inbound routing (IVR, ring groups, queues) answers here once a
	// number has a published routing configuration.
	return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{twiml.Say{Text: noRouting}, twiml.Hangup{}}})
}

// Status accepts a call status callback.
func (wh *Webhooks) Status(w http.ResponseWriter, r *http.Request, h Hook) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// SMS accepts an incoming text; it sends no reply.
func (wh *Webhooks) SMS(w http.ResponseWriter, r *http.Request, h Hook) error {
	return writeTwiML(w, twiml.Response{})
}

func writeTwiML(w http.ResponseWriter, doc twiml.Response) error {
	body, err := doc.Marshal()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	_, err = w.Write(body)
	return err
}
