package callflow

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio/twiml"
)

// legCall finds the call and the agent leg a webhook names with ?call=
// and ?leg=.
func (wh *Webhooks) legCall(r *http.Request, h Hook) (call.Call, routing.Config, call.Leg, error) {
	c, cfg, err := wh.callOf(r, h)
	if err != nil {
		return c, cfg, call.Leg{}, err
	}
	legs, err := wh.Store.Legs(r.Context(), c.OrgID, c.ID)
	if err != nil {
		return c, cfg, call.Leg{}, err
	}
	id, err := strconv.ParseInt(r.URL.Query().Get("leg"), 10, 64)
	for _, l := range legs {
		if err == nil && l.ID == id {
			return c, cfg, l, nil
		}
	}
	return c, cfg, call.Leg{}, problem.New(problem.NotFound, "no leg %q on this call", r.URL.Query().Get("leg"))
}

// Agent answers an agent's leg when they pick up: the first to answer
// joins the caller's conference and is marked busy; anyone later hangs up
// (R-IN-7).
func (wh *Webhooks) Agent(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, cfg, leg, err := wh.legCall(r, h)
	if err != nil {
		return err
	}
	if _, _, err := wh.setLeg(r.Context(), c, leg, "in-progress", wh.now()); err != nil {
		return err
	}
	step, err := wh.advance(r.Context(), c, cfg, routing.Event{Kind: routing.Answered, User: leg.UserID})
	if err != nil {
		return err
	}
	if step.Kind != routing.StepConnect {
		return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{twiml.Hangup{}}})
	}
	if err := wh.setBusy(r.Context(), c.OrgID, leg.UserID, true); err != nil {
		return err
	}
	wh.events().answered(r.Context(), c.OrgID, c.ID, leg)
	return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{wh.conference(c.ID, true, false)}})
}

// Leg receives an agent leg's status callbacks: an unanswered end passes
// the call on (next agent, next cycle, or the unavailable path); the end
// of an answered leg frees the agent. A repeated, older or late callback
// that would not move the leg forward changes nothing (R-POST-4).
func (wh *Webhooks) Leg(w http.ResponseWriter, r *http.Request, h Hook) error {
	return wh.once(w, r, h, wh.leg)
}

func (wh *Webhooks) leg(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, cfg, leg, err := wh.legCall(r, h)
	if err != nil {
		return err
	}
	status := r.PostForm.Get("CallStatus")
	prev, moved, err := wh.setLeg(r.Context(), c, leg, status, callbackTime(r, wh.now()))
	if err != nil {
		return err
	}
	if !moved {
		w.WriteHeader(http.StatusNoContent) // a repeated, older or late callback
		return nil
	}
	leg.Status = prev
	if leg.SID == "" {
		leg.SID = r.PostForm.Get("CallSid")
	}
	defer wh.endedFor(r.Context(), c, leg, status)
	switch status {
	case "no-answer", "busy", "failed", "canceled":
		if _, err := wh.advance(r.Context(), c, cfg, routing.Event{Kind: routing.LegEnded, User: leg.UserID}); err != nil {
			return err
		}
	case "completed":
		if leg.Status == "in-progress" {
			if err := wh.free(r.Context(), c.OrgID, leg.UserID); err != nil {
				return err
			}
		} else if _, err := wh.advance(r.Context(), c, cfg, routing.Event{Kind: routing.LegEnded, User: leg.UserID}); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// legRank orders a leg's statuses: a leg only moves forward, so a
// callback that arrives after a later one changes nothing.
func legRank(status string) int {
	switch status {
	case "queued":
		return 0
	case "initiated":
		return 1
	case "ringing":
		return 2
	case "in-progress":
		return 3
	}
	return 4 // ended
}

// setLeg records a leg's new status, ended at at, if it moves the leg as
// it now is forward; it returns the status it moved from. When the agent
// who took the call hangs up, the caller's leg is ended too: had the agent
// joined the conference before the caller (still hearing the welcome),
// the caller would otherwise start the conference again alone and wait for
// ever.
func (wh *Webhooks) setLeg(ctx context.Context, c call.Call, leg call.Leg, status string, at time.Time) (string, bool, error) {
	var prev string
	moved := false
	ch, err := wh.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
		l := current(legs, leg)
		prev, moved = l.Status, !l.Ended() && legRank(status) > legRank(l.Status)
		if !moved {
			return store.Change{}, errUnchanged
		}
		out := store.Change{Call: cur}
		l.Status = status
		if l.Ended() {
			l.EndedAt = &at
		}
		out.Legs = []call.Leg{l}
		if prev == "in-progress" && status == "completed" && cur.EndedAt == nil {
			out.Jobs = []call.Job{{Kind: call.JobHangup}}
		}
		return out, nil
	})
	if err != nil {
		return prev, false, unchanged(err)
	}
	wh.afterCommit(ctx, ch)
	return prev, moved, nil
}

// current is leg as legs, read with the call, have it.
func current(legs []call.Leg, leg call.Leg) call.Leg {
	for _, l := range legs {
		if l.ID == leg.ID {
			return l
		}
	}
	return leg
}

// Status receives the caller's call status callbacks (the number's status
// URL): when the call ends it is closed with its outcome — a caller who
// hung up before anyone answered abandoned it — and ringing legs stop. A
// repeated or older callback changes nothing, and a late one closes the
// call at the time the carrier reports (R-POST-4).
func (wh *Webhooks) Status(w http.ResponseWriter, r *http.Request, h Hook) error {
	return wh.once(w, r, h, wh.status)
}

func (wh *Webhooks) status(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, err := wh.Store.CallForWebhook(r.Context(), r.PostForm.Get("CallSid"))
	if problem.Is(err, problem.NotFound) || (err == nil && c.OrgID != h.Provider.OrgID) {
		w.WriteHeader(http.StatusNoContent) // not a call we routed
		return nil
	}
	if err != nil {
		return err
	}
	switch r.PostForm.Get("CallStatus") {
	case "completed", "busy", "failed", "no-answer", "canceled":
	default:
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	ch, err := wh.Store.UpdateCall(r.Context(), c.OrgID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
		if cur.EndedAt != nil {
			return store.Change{}, errUnchanged // closed already
		}
		return closeCall(cur, legs, callbackTime(r, wh.now()), wh.Worker.priceWait()), nil
	})
	if errors.Is(err, errUnchanged) {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	if err != nil {
		return err
	}
	wh.afterCommit(r.Context(), ch)
	wh.events().callEnded(r.Context(), c.OrgID, c.ID)
	if ch.Call.AnsweredBy != 0 {
		if err := wh.free(r.Context(), c.OrgID, ch.Call.AnsweredBy); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// closeCall ends the call record at now; its price is asked priceWait
// later.
func closeCall(c call.Call, legs []call.Leg, now time.Time, priceWait time.Duration) store.Change {
	ch := store.Change{Call: c}
	if c.EndedAt != nil {
		return ch
	}
	ch.Call.Status, ch.Call.EndedAt = call.Completed, &now
	switch {
	case c.Outcome != "":
	case c.State.Stage == routing.StageMenu || routing.CallerStage(c.State.Stage):
		ch.Call.Outcome = call.Abandoned
	default:
		ch.Call.Outcome = call.Missed
	}
	ch.Call.State.Stage = routing.StageEnded
	ch.Call.State.LeaveQueue(now) // a caller who hung up while waiting
	// Its cost, once the carrier has priced it (R-POST-2).
	ch.Jobs = append(ch.Jobs, priceJob(now, priceWait, 0))
	if ids := ringingLegs(legs, usersOf(legs)); len(ids) > 0 {
		ch.Jobs = append(ch.Jobs, call.Job{Kind: call.JobCancel, Payload: payload(legsPayload{Legs: ids})})
	}
	return ch
}

// Voicemail receives the recorded message (R-IN-15) and ends the call.
func (wh *Webhooks) Voicemail(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, _, err := wh.callOf(r, h)
	if err != nil {
		return err
	}
	url := r.PostForm.Get("RecordingUrl")
	_, err = wh.Store.UpdateCall(r.Context(), c.OrgID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
		cur.RecordingURL, cur.Outcome = url, call.Voicemail
		return store.Change{Call: cur}, nil
	})
	if err != nil {
		return err
	}
	return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{twiml.Hangup{}}})
}

// free marks an agent no longer busy and offers them a queued caller.
func (wh *Webhooks) free(ctx context.Context, orgID org.ID, user org.UserID) error {
	if err := wh.setBusy(ctx, orgID, user, false); err != nil {
		return err
	}
	return wh.OfferQueued(ctx, orgID, user)
}

// setBusy records whether the agent is on a call and tells the org
// (R-AG-1).
func (wh *Webhooks) setBusy(ctx context.Context, orgID org.ID, user org.UserID, busy bool) error {
	if err := wh.Store.SetBusy(ctx, orgID, user, busy); err != nil {
		return err
	}
	wh.events().presence(ctx, orgID, user)
	return nil
}

// endedFor tells the leg's agent, once its end is recorded, that the call
// no longer concerns them.
func (wh *Webhooks) endedFor(ctx context.Context, c call.Call, leg call.Leg, status string) {
	leg.Status = status
	if leg.Ended() {
		wh.events().legEnded(ctx, c.OrgID, c.ID, leg)
	}
}

// events is the call flow's publisher, shared with the worker; nil
// publishes nothing.
func (wh *Webhooks) events() *Events {
	if wh.Worker == nil {
		return nil
	}
	return wh.Worker.Events
}

// Recording receives a recorded call's recording (R-IN-17) and attaches it
// to the call, and so to the caller's record's timeline. A repeated
// callback changes nothing (R-POST-4).
func (wh *Webhooks) Recording(w http.ResponseWriter, r *http.Request, h Hook) error {
	return wh.once(w, r, h, wh.recording)
}

func (wh *Webhooks) recording(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, _, err := wh.callOf(r, h)
	if err != nil {
		return err
	}
	if r.PostForm.Get("RecordingStatus") != "completed" {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
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
	w.WriteHeader(http.StatusNoContent)
	return nil
}
