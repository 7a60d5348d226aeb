package callflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio/twiml"
)

// This file is the queue's announcement every N seconds (R-IN-13). The
// conference's wait URL is requested once per loop of the hold music, and
// a music track lasts minutes, so the wait URL cannot keep the cadence.
// Instead the first wait request plays the announcement and queues an
// announce job N seconds later; each announce job has the carrier play the
// announcement to the caller's conference participant (Participant update
// AnnounceUrl, wire facts §5 "Participants") and queues the next one, N
// seconds after its own due time, until the caller leaves the queue.

const pathAnnounce = "/webhooks/twilio/voice/announce"

// announcePayload is an announce job's.
type announcePayload struct {
	// At is when this announcement is due; the next is due Every later.
	At    time.Time `json:"at"`
	Every int       `json:"every_seconds"`
	// QueuedAt names the caller's stay in the queue the announcements
	// belong to: a caller who left it (and came back) is not announced to.
	QueuedAt time.Time `json:"queued_at"`
	// Conference is the SID of the caller's conference, once looked up.
	Conference string `json:"conference_sid,omitempty"`
}

// announceJob is the job that repeats the announcement a queued caller
// heard at now, every step.AnnounceEvery; ok is false when there is none.
func announceJob(st routing.State, step routing.Step, now time.Time) (call.Job, bool) {
	if step.AnnounceEvery <= 0 || st.QueuedAt == nil {
		return call.Job{}, false
	}
	pl := announcePayload{At: now.Add(step.AnnounceEvery), Every: int(step.AnnounceEvery / time.Second), QueuedAt: *st.QueuedAt}
	return call.Job{Kind: call.JobAnnounce, Payload: payload(pl), RunAt: pl.At}, true
}

// Announce answers the carrier's request for the announcement an announce
// job asked it to play to a queued caller. A caller no longer waiting
// hears nothing.
func (wh *Webhooks) Announce(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, cfg, err := wh.callOf(r, h)
	if err != nil {
		return err
	}
	var verbs []twiml.Verb
	if c.State.Stage == routing.StageQueued {
		verbs = says(cfg.Voice, routing.QueueAnnouncement(cfg.Queue))
	}
	return writeTwiML(w, twiml.Response{Verbs: verbs})
}

// stillQueued reports whether c is waiting in the stay of the queue that
// began at queuedAt.
func stillQueued(c call.Call, queuedAt time.Time) bool {
	return c.EndedAt == nil && c.State.Stage == routing.StageQueued && c.State.QueuedAt != nil &&
		c.State.QueuedAt.Equal(queuedAt)
}

// announce runs an announce job: if the caller still waits, the carrier
// plays them the announcement and the next job is queued. A failed carrier
// request is retried like any job; after the last attempt the next
// announcement is queued all the same, so one failure does not silence
// the rest of the wait.
func (w *Worker) announce(ctx context.Context, carrier CallCarrier, c call.Call, j call.Job) error {
	var pl announcePayload
	if err := json.Unmarshal([]byte(j.Payload), &pl); err != nil {
		return err
	}
	if !stillQueued(c, pl.QueuedAt) {
		return nil
	}
	err := w.announceTo(ctx, carrier, c, &pl)
	if err != nil && j.Attempts < maxAttempts {
		return err
	}
	return errors.Join(err, w.nextAnnouncement(ctx, c, pl))
}

// announceTo asks the carrier to play the announcement to the caller's
// participant, looking up their conference by name the first time.
func (w *Worker) announceTo(ctx context.Context, carrier CallCarrier, c call.Call, pl *announcePayload) error {
	if pl.Conference == "" {
		conf, err := carrier.LiveConference(ctx, ConferenceName(c.ID))
		if err != nil {
			return err
		}
		pl.Conference = conf.SID
	}
	return carrier.AnnounceToParticipant(ctx, pl.Conference, c.CallSID, fmt.Sprintf("%s%s?call=%d", w.BaseURL, pathAnnounce, c.ID))
}

// nextAnnouncement queues the announcement after pl's, Every seconds after
// pl's due time so the cadence does not drift with the worker's delays;
// announcements whose time has already passed (a retried job, a worker
// that was down) are skipped. It wakes the worker when the job falls due.
func (w *Worker) nextAnnouncement(ctx context.Context, c call.Call, pl announcePayload) error {
	every := time.Duration(pl.Every) * time.Second
	if every <= 0 {
		return nil
	}
	now := w.now()
	next := pl.At.Add(every)
	for !next.After(now) {
		next = next.Add(every)
	}
	pl.At = next
	queued := false
	_, err := w.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
		ch := store.Change{Call: cur}
		if queued = stillQueued(cur, pl.QueuedAt); queued {
			ch.Jobs = []call.Job{{Kind: call.JobAnnounce, Payload: payload(pl), RunAt: next}}
		}
		return ch, nil
	})
	if err == nil && queued {
		w.scheduled(next.Sub(now))
	}
	return err
}
