package callflow

import (
	"net/http"
	"slices"
	"sync"

	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/twilio/twiml"
)

// R-PLAT-6: when the store fails during a voice webhook the caller still
// gets TwiML, never an HTTP error. Each instance remembers, per number, what
// it needs for that without the store — the provider's sealed token to
// verify the request, the users' forwarding numbers and the unavailable
// message — refreshed on every call it routes.

// apology is said when nothing better is known.
const apology = "We are sorry, we cannot take your call right now. Please try again later. Goodbye."

// safeAnswer is what a number's callers get while the store is down.
type safeAnswer struct {
	provider provider.Provider // AuthToken sealed
	forward  []string
	message  routing.Message
	voice    routing.Voice
}

// safeAnswers is the per-instance memory of safe answers by E.164.
type safeAnswers struct{ m sync.Map }

// remember keeps a as e164's safe answer. Every call routed refreshes it,
// and storing allocates, so an answer the same as the one kept is not
// stored again.
func (s *safeAnswers) remember(e164 string, a safeAnswer) {
	if old, ok := s.lookup(e164); ok && old.same(a) {
		return
	}
	s.m.Store(e164, a)
}

// same reports whether b answers callers as a does: the same forwarding
// numbers, message and voice, and the same token to verify them with.
func (a safeAnswer) same(b safeAnswer) bool {
	pa, pb := a.provider, b.provider
	return pa.ID == pb.ID && pa.AccountSID == pb.AccountSID && pa.AuthToken == pb.AuthToken &&
		a.message == b.message && a.voice == b.voice && slices.Equal(a.forward, b.forward)
}

func (s *safeAnswers) lookup(e164 string) (safeAnswer, bool) {
	v, ok := s.m.Load(e164)
	if !ok {
		return safeAnswer{}, false
	}
	return v.(safeAnswer), true
}

// rememberSafe records the safe answer of a number from its live routing.
func (wh *Webhooks) rememberSafe(n *provider.Number, p provider.Provider, cfg routing.Config, env routing.Env) {
	a := safeAnswer{provider: p, message: cfg.Voice.Unavailable, voice: cfg.Voice}
	for _, u := range routing.NumberUsers(cfg) {
		if f := env.Forwarding[u]; f != "" {
			a.forward = append(a.forward, f)
		}
	}
	wh.safe.remember(n.E164, a)
}

// answerSafely answers a voice webhook the store could not serve: the
// request is verified with the remembered token, then the number's users'
// forwarding numbers are dialled, or the unavailable message is said.
// Without a memory of the number only an apology is said: it changes
// nothing and reveals nothing.
func (wh *Webhooks) answerSafely(w http.ResponseWriter, r *http.Request, cause error) {
	wh.Log.ErrorContext(r.Context(), "store failed during a voice webhook; answering safely", "err", cause,
		"to", r.PostForm.Get("To"), "call_sid", r.PostForm.Get("CallSid"))
	a, ok := wh.safe.lookup(r.PostForm.Get("To"))
	if ok && wh.verify(r, a.provider) != nil {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	doc := closing(apology)
	switch {
	case ok && len(a.forward) > 0:
		d := twiml.Dial{}
		for _, f := range a.forward {
			d.Nouns = append(d.Nouns, twiml.Number{PhoneNumber: f})
		}
		doc = twiml.Response{Verbs: []twiml.Verb{d, twiml.Hangup{}}}
	case ok && (a.message.Text != "" || a.message.AudioURL != ""):
		doc = twiml.Response{Verbs: append(says(a.voice, []routing.Message{a.message}), twiml.Hangup{})}
	}
	if err := writeTwiML(w, doc); err != nil {
		wh.Log.ErrorContext(r.Context(), "writing the safe answer", "err", err)
	}
}

// isVoice reports whether a path answers a caller's leg with TwiML.
func isVoice(path string) bool {
	return path == "/webhooks/twilio/voice" || path == "/webhooks/twilio/voice/fallback"
}
