package callflow

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio/twiml"
)

// cannotPlace is said to a browser call the server did not place.
const cannotPlace = "This call cannot be placed. Please try again from Switchboard."

// OutboundVoice answers the TwiML App's voice URL: the agent's browser
// leg, placed by their device with the call_id the server gave it, joins
// the call's conference and the customer is dialled (R-OUT-4, R-OUT-5).
// A leg that is not the agent's placing of that call is told so and hung
// up.
func (wh *Webhooks) OutboundVoice(w http.ResponseWriter, r *http.Request, h Hook) error {
	user, ok := identityUser(r.PostForm.Get("From"))
	id, err := strconv.ParseInt(r.PostForm.Get("call_id"), 10, 64)
	if !ok || err != nil {
		return writeTwiML(w, closing(cannotPlace))
	}
	c, err := wh.Store.Call(r.Context(), h.Provider.OrgID, call.ID(id))
	if problem.Is(err, problem.NotFound) {
		return writeTwiML(w, closing(cannotPlace))
	}
	if err != nil {
		return err
	}
	leg, ok, err := wh.agentLeg(r.Context(), c, user)
	if err != nil || !ok || leg.ForwardTo != "" || leg.SID != "" && leg.SID != r.PostForm.Get("CallSid") {
		if err != nil {
			return err
		}
		return writeTwiML(w, closing(cannotPlace))
	}
	leg.SID = r.PostForm.Get("CallSid")
	return wh.agentJoins(w, r, c, leg)
}

// identityUser is the user of a Client identity address
// ("client:user_7").
func identityUser(from string) (org.UserID, bool) {
	s, ok := strings.CutPrefix(from, "client:"+AgentIdentity(0)[:len("user_")])
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return org.UserID(n), err == nil && n > 0
}

// agentLeg is user's live leg of the outbound call c.
func (wh *Webhooks) agentLeg(ctx context.Context, c call.Call, user org.UserID) (call.Leg, bool, error) {
	if c.Direction != Outbound || c.EndedAt != nil {
		return call.Leg{}, false, nil
	}
	legs, err := wh.Store.Legs(ctx, c.OrgID, c.ID)
	for _, l := range legs {
		if l.UserID == user && !l.Ended() {
			return l, true, err
		}
	}
	return call.Leg{}, false, err
}

// OutboundAgent answers the agent's forwarding number when they pick up
// a "call me first" call: they join the conference and the customer is
// dialled.
func (wh *Webhooks) OutboundAgent(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, leg, err := wh.outLeg(r, h)
	if err != nil {
		return err
	}
	if c.EndedAt != nil || leg.Ended() {
		return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{twiml.Hangup{}}})
	}
	return wh.agentJoins(w, r, c, leg)
}

// agentJoins records the agent's leg in progress, queues the customer's
// dial and answers the conference TwiML, recorded when the number's and
// the operator's recording switches are on (R-OUT-7).
func (wh *Webhooks) agentJoins(w http.ResponseWriter, r *http.Request, c call.Call, leg call.Leg) error {
	ctx := r.Context()
	ch, err := wh.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
		l := leg
		l.Status = call.InProgress
		return store.Change{Call: cur, Legs: []call.Leg{l}, Jobs: []call.Job{{Kind: JobDial, Payload: payload(dialPayload{})}}}, nil
	})
	if err != nil {
		return err
	}
	wh.afterCommit(ctx, ch)
	if err := wh.setBusy(ctx, c.OrgID, leg.UserID, true); err != nil {
		return err
	}
	wh.events().CallTo(ctx, ch.Call, leg.UserID, leg.SID, false)
	record, err := wh.recorded(ctx, c, leg.UserID)
	if err != nil {
		return err
	}
	conf := twiml.Conference{Name: ConferenceName(c.ID), StartConferenceOnEnter: twiml.Bool(true),
		EndConferenceOnExit: twiml.Bool(true), Beep: "false"}
	if record {
		conf.Record = "record-from-start"
		conf.RecordingStatusCallback = wh.url(pathOutRecording, c.ID)
	}
	return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{twiml.Dial{Nouns: []twiml.Noun{conf}}}})
}

// recorded reports whether the call is recorded: its number's and the
// agent's operator recording switches are both on (R-OUT-7, R-NUM-5).
func (wh *Webhooks) recorded(ctx context.Context, c call.Call, user org.UserID) (bool, error) {
	n, err := wh.Store.Number(ctx, c.OrgID, provider.NumberID(c.NumberID))
	if err != nil {
		return false, err
	}
	op, ok := operator(n, user)
	return n.RecordingEnabled && ok && op.Recording, nil
}

// OutboundCustomer answers the customer's leg when they pick up: the
// call is answered by the agent, and the customer hears the recording
// announcement (when recorded) and joins the conference.
func (wh *Webhooks) OutboundCustomer(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, err := wh.outCall(r, h)
	if err != nil {
		return err
	}
	leg, ok, err := wh.inProgressLeg(r.Context(), c)
	if err != nil {
		return err
	}
	if !ok || c.EndedAt != nil {
		return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{twiml.Hangup{}}})
	}
	ch, err := wh.Store.UpdateCall(r.Context(), c.OrgID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
		now := wh.now()
		if cur.AnsweredAt == nil {
			cur.AnsweredAt = &now
		}
		cur.Status, cur.AnsweredBy = call.InProgress, leg.UserID
		return store.Change{Call: cur}, nil
	})
	if err != nil {
		return err
	}
	wh.events().CallTo(r.Context(), ch.Call, leg.UserID, leg.SID, false)
	return writeTwiML(w, wh.customerTwiML(r.Context(), c, leg.UserID))
}

// customerTwiML is the announcement of a recorded call, then the
// conference.
func (wh *Webhooks) customerTwiML(ctx context.Context, c call.Call, user org.UserID) twiml.Response {
	var verbs []twiml.Verb
	if rec, err := wh.recorded(ctx, c, user); err == nil && rec {
		if o, err := wh.Store.Org(ctx, c.OrgID); err == nil && o.Settings.RecordingAnnouncement != "" {
			verbs = append(verbs, twiml.Say{Text: o.Settings.RecordingAnnouncement})
		}
	}
	conf := twiml.Conference{Name: ConferenceName(c.ID), StartConferenceOnEnter: twiml.Bool(true),
		EndConferenceOnExit: twiml.Bool(true), Beep: "false"}
	return twiml.Response{Verbs: append(verbs, twiml.Dial{Nouns: []twiml.Noun{conf}})}
}

// inProgressLeg is the agent's leg in the call's conference.
func (wh *Webhooks) inProgressLeg(ctx context.Context, c call.Call) (call.Leg, bool, error) {
	legs, err := wh.Store.Legs(ctx, c.OrgID, c.ID)
	for _, l := range legs {
		if l.Status == call.InProgress {
			return l, true, err
		}
	}
	return call.Leg{}, false, err
}

// OutboundStatus receives the customer leg's status callbacks: when it
// ends the call is closed — answered, busy, or missed — and the agent's
// leg is ended if it still lasts.
func (wh *Webhooks) OutboundStatus(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, err := wh.outCall(r, h)
	if err != nil {
		return err
	}
	status := r.PostForm.Get("CallStatus")
	if finalStatus(status) && c.EndedAt == nil {
		if err := wh.endOutbound(r.Context(), c, status); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// OutboundLeg receives the agent leg's status callbacks (the TwiML App's
// status callback for a browser leg, the ring job's for a forwarding
// number): the agent hanging up, or not answering their phone, ends the
// call.
func (wh *Webhooks) OutboundLeg(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, leg, err := wh.outLeg(r, h)
	if problem.Is(err, problem.NotFound) {
		w.WriteHeader(http.StatusNoContent) // a browser call the server did not place
		return nil
	}
	if err != nil {
		return err
	}
	status := r.PostForm.Get("CallStatus")
	if !finalStatus(status) || leg.Ended() {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	leg, err = wh.endLeg(r.Context(), c, leg, status)
	if err != nil {
		return err
	}
	wh.events().legEnded(r.Context(), c.OrgID, c.ID, leg)
	if c.EndedAt == nil {
		if err := wh.endOutbound(r.Context(), c, "canceled"); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// endLeg records the agent leg's end.
func (wh *Webhooks) endLeg(ctx context.Context, c call.Call, leg call.Leg, status string) (call.Leg, error) {
	now := wh.now()
	leg.Status, leg.EndedAt = status, &now
	_, err := wh.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
		return store.Change{Call: cur, Legs: []call.Leg{leg}}, nil
	})
	return leg, err
}

// endOutbound closes the call with the customer leg's final status and
// frees the agent.
func (wh *Webhooks) endOutbound(ctx context.Context, c call.Call, status string) error {
	ch, err := wh.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
		return endOutbound(cur, legs, status, wh.now(), wh.Worker.priceWait()), nil
	})
	if err != nil {
		return err
	}
	wh.afterCommit(ctx, ch)
	wh.events().callEnded(ctx, c.OrgID, c.ID)
	legs, err := wh.Store.Legs(ctx, c.OrgID, c.ID)
	for _, l := range legs {
		if err == nil {
			err = wh.free(ctx, c.OrgID, l.UserID)
		}
	}
	return err
}

// endOutbound ends an outbound call: answered when the customer picked
// up, busy when they were, else missed; the agent's live leg is hung up,
// and the customer's too when the agent ended first.
func endOutbound(c call.Call, legs []call.Leg, status string, now time.Time, priceWait time.Duration) store.Change {
	ch := store.Change{Call: c}
	if c.EndedAt != nil {
		return ch
	}
	ch.Call.Status, ch.Call.EndedAt, ch.Call.State.Stage = call.Completed, &now, routing.StageEnded
	switch {
	case c.AnsweredAt != nil:
		ch.Call.Outcome = call.Answered
	case status == "busy":
		ch.Call.Outcome = call.Busy
	default:
		ch.Call.Outcome = call.Missed
	}
	// Its cost, once the carrier has priced it (R-POST-2); the job skips a
	// call never dialled.
	ch.Jobs = append(ch.Jobs, priceJob(now, priceWait, 0))
	var live []int64
	for _, l := range legs {
		if !l.Ended() && l.SID != "" {
			live = append(live, l.ID)
		}
	}
	if len(live) > 0 {
		ch.Jobs = append(ch.Jobs, call.Job{Kind: call.JobCancel, Payload: payload(legsPayload{Legs: live})})
	}
	if !strings.HasPrefix(c.CallSID, pendingPrefix) && status == "canceled" {
		ch.Jobs = append(ch.Jobs, call.Job{Kind: call.JobHangup})
	}
	return ch
}

func finalStatus(s string) bool {
	switch s {
	case "completed", "busy", "failed", "no-answer", "canceled":
		return true
	}
	return false
}

// outCall is the outbound call a webhook names with ?call=, of the
// provider that signed it.
func (wh *Webhooks) outCall(r *http.Request, h Hook) (call.Call, error) {
	id, err := strconv.ParseInt(r.URL.Query().Get("call"), 10, 64)
	if err != nil {
		return call.Call{}, problem.New(problem.NotFound, "no call in the webhook URL")
	}
	c, err := wh.Store.Call(r.Context(), h.Provider.OrgID, call.ID(id))
	if err == nil && c.Direction != Outbound {
		err = problem.New(problem.NotFound, "call %d is not an outbound call", id)
	}
	return c, err
}

// outLeg is the agent leg a webhook names: with ?call= and ?leg= (a
// forwarding number's leg), else the browser leg with the CallSid of the
// agent in From.
func (wh *Webhooks) outLeg(r *http.Request, h Hook) (call.Call, call.Leg, error) {
	if r.URL.Query().Has("leg") {
		c, err := wh.outCall(r, h)
		if err != nil {
			return c, call.Leg{}, err
		}
		legs, err := wh.Store.Legs(r.Context(), c.OrgID, c.ID)
		for _, l := range legs {
			if err == nil && strconv.FormatInt(l.ID, 10) == r.URL.Query().Get("leg") {
				return c, l, nil
			}
		}
		if err == nil {
			err = problem.New(problem.NotFound, "no leg %q on call %d", r.URL.Query().Get("leg"), c.ID)
		}
		return c, call.Leg{}, err
	}
	user, ok := identityUser(r.PostForm.Get("From"))
	if !ok {
		return call.Call{}, call.Leg{}, problem.New(problem.NotFound, "not an agent's browser leg")
	}
	return wh.Store.UserLeg(r.Context(), h.Provider.OrgID, user, r.PostForm.Get("CallSid"))
}

// OutboundRecording attaches the recorded conference to the call
// (R-OUT-7, R-IN-17).
func (wh *Webhooks) OutboundRecording(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, err := wh.outCall(r, h)
	if err != nil {
		return err
	}
	if r.PostForm.Get("RecordingStatus") == "completed" {
		url := r.PostForm.Get("RecordingUrl")
		_, err = wh.Store.UpdateCall(r.Context(), c.OrgID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
			if cur.RecordingURL == "" {
				cur.RecordingURL = url
			}
			return store.Change{Call: cur}, nil
		})
		if err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
