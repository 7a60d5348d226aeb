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
