package callflow

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/store"
)

// ringPayload is a ring job's: how long each leg rings, and whether to
// identify the caller first (identifyFirst).
type ringPayload struct {
	Seconds  int  `json:"seconds"`
	Identify bool `json:"identify,omitempty"`
}

func (p ringPayload) job() call.Job { return call.Job{Kind: call.JobRing, Payload: payload(p)} }

// legsPayload names the legs a cancel job ends.
type legsPayload struct {
	Legs []int64 `json:"legs"`
}

// redirectPayload is where a redirect job sends the caller's leg.
type redirectPayload struct {
	URL string `json:"url"`
}

func payload(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// apply turns a routing step into the change to record: the call's state
// and status, the legs to ring, and the carrier actions to queue.
func (wh *Webhooks) apply(c call.Call, legs []call.Leg, st routing.State, step routing.Step, env routing.Env) store.Change {
	wasWaiting := routing.CallerStage(c.State.Stage)
	c.State = st
	ch := store.Change{Call: c}
	switch st.Stage {
	case routing.StageQueued:
		ch.Call.Status = call.Queued
	case routing.StageConnected:
		now := env.Now
		ch.Call.Status, ch.Call.AnsweredBy, ch.Call.AnsweredAt = call.InProgress, st.Answered, &now
	}
	if len(step.Ring) > 0 {
		for _, u := range step.Ring {
			ch.NewLegs = append(ch.NewLegs, call.Leg{UserID: u, Cycle: st.Cycle, Status: "queued"})
		}
		ch.Jobs = append(ch.Jobs, ringPayload{Seconds: step.RingSeconds}.job())
	}
	if !step.WaitUntil.IsZero() {
		ch.Jobs = append(ch.Jobs, call.Job{Kind: call.JobQueueTimeout, Payload: "{}", RunAt: step.WaitUntil})
	}
	if j, ok := announceJob(st, step, env.Now); ok {
		ch.Jobs = append(ch.Jobs, j)
	}
	if cancel := ringingLegs(legs, step.Cancel); len(cancel) > 0 {
		ch.Jobs = append(ch.Jobs, call.Job{Kind: call.JobCancel, Payload: payload(legsPayload{Legs: cancel})})
	}
	if wasWaiting && !routing.CallerStage(st.Stage) && st.Stage != routing.StageConnected {
		// The caller waits in the conference: stop ringing and send them on.
		if rest := ringingLegs(legs, usersOf(legs)); len(rest) > 0 {
			ch.Jobs = append(ch.Jobs, call.Job{Kind: call.JobCancel, Payload: payload(legsPayload{Legs: rest})})
		}
		ch.Jobs = append(ch.Jobs, call.Job{Kind: call.JobRedirect, Payload: payload(redirectPayload{URL: wh.url(pathResume, c.ID)})})
	}
	if (st.Outcome != "" && ch.Call.Outcome == "") || st.Outcome == "answered" {
		ch.Call.Outcome = outcome(st.Outcome)
	}
	return ch
}

// ringingLegs returns the ids of the legs of users that have not ended.
func ringingLegs(legs []call.Leg, users []org.UserID) []int64 {
	var ids []int64
	for _, l := range legs {
		if !l.Ended() && slices.Contains(users, l.UserID) {
			ids = append(ids, l.ID)
		}
	}
	return ids
}

func usersOf(legs []call.Leg) []org.UserID {
	var out []org.UserID
	for _, l := range legs {
		out = append(out, l.UserID)
	}
	return out
}

// outcome maps routing's outcome to the call log's (R-POST-2).
func outcome(o string) string {
	switch o {
	case "answered":
		return call.Answered
	case "busy":
		return call.Busy
	case "voicemail":
		return call.Voicemail
	case "forwarded":
		return call.Forwarded
	}
	return call.Missed
}

func (wh *Webhooks) now() time.Time {
	if wh.Clock != nil {
		return wh.Clock()
	}
	return time.Now()
}

func zone(name string) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.UTC
}

// afterCommit tells the worker about the jobs a change queued: those due
// now, and those due later (on a virtual clock the worker is woken then).
func (wh *Webhooks) afterCommit(_ context.Context, ch store.Change) {
	if wh.Worker == nil {
		return
	}
	now, due := wh.now(), 0
	for _, j := range ch.Jobs {
		if j.RunAt.After(now) {
			wh.Worker.scheduled(j.RunAt.Sub(now))
		} else {
			due++
		}
	}
	if due > 0 {
		wh.Worker.queued(due)
	}
}

// QueueTimeout runs the queue's clock for a caller whose maximum wait is
// due: if still waiting, they take the unavailable path (R-IN-13).
func (wh *Webhooks) QueueTimeout(ctx context.Context, c call.Call) error {
	if c.State.Stage != routing.StageQueued {
		return nil
	}
	cfg, err := wh.config(ctx, c)
	if err != nil {
		return err
	}
	_, err = wh.advance(ctx, c, cfg, routing.Event{Kind: routing.QueueTick})
	return err
}
