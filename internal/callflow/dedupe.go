package callflow

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// callbackMemory is how long a callback's idempotency token and its call's
// highest SequenceNumber are remembered. Twilio retries a callback only
// within its 15-second budget (wire facts §3 "Idempotency and retries");
// a day also covers callbacks delayed by an outage.
const callbackMemory = 24 * time.Hour

// idempotencyHeader carries one token per logical callback, the same on
// every retry (wire facts §1 "Headers Twilio sends", [CAP-HDR]).
const idempotencyHeader = "I-Twilio-Idempotency-Token"

// once handles a status or recording callback at most once (R-POST-4,
// decision 0023). A delivery whose idempotency token was handled before,
// or whose SequenceNumber is older than one already handled for its call
// SID, is answered 204 and changes nothing. When next fails its token is
// released, so the carrier's retry is handled.
func (wh *Webhooks) once(w http.ResponseWriter, r *http.Request, h Hook, next HookFunc) error {
	ctx, orgID := r.Context(), h.Provider.OrgID
	token := r.Header.Get(idempotencyHeader)
	if token != "" {
		fresh, err := wh.Store.ClaimCallback(ctx, orgID, token, callbackMemory)
		if err != nil {
			return err
		}
		if !fresh {
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
	}
	err := wh.inSequence(w, r, h, next)
	if err != nil && token != "" {
		if rerr := wh.Store.ReleaseCallback(ctx, orgID, token); rerr != nil {
			wh.Log.WarnContext(ctx, "releasing a failed callback's token", "err", rerr)
		}
	}
	return err
}

// inSequence runs next unless the callback is a call progress event older
// than one already seen for its CallSid. Conference callbacks number
// their events per conference, so only call progress events count.
func (wh *Webhooks) inSequence(w http.ResponseWriter, r *http.Request, h Hook, next HookFunc) error {
	seq, err := strconv.ParseInt(r.PostForm.Get("SequenceNumber"), 10, 64)
	sid := r.PostForm.Get("CallSid")
	if err != nil || sid == "" || r.PostForm.Get("ConferenceSid") != "" {
		return next(w, r, h)
	}
	newer, err := wh.Store.AdvanceSequence(r.Context(), h.Provider.OrgID, sid, seq, callbackMemory)
	if err != nil {
		return err
	}
	if !newer {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	return next(w, r, h)
}

// callbackTime is when the carrier says the event happened (Timestamp,
// RFC 2822 with second precision), so a late callback records the time
// of the event, not of its delivery; now when the callback is on time
// (within the same second) or carries no usable Timestamp.
func callbackTime(r *http.Request, now time.Time) time.Time {
	at, err := time.Parse(time.RFC1123Z, r.PostForm.Get("Timestamp"))
	if err != nil || !at.Before(now.Truncate(time.Second)) {
		return now
	}
	return at
}

// errUnchanged ends an UpdateCall whose callback changes nothing, so
// nothing is written.
var errUnchanged = errors.New("callflow: the callback changes nothing")

// unchanged is err, or nil for errUnchanged.
func unchanged(err error) error {
	if errors.Is(err, errUnchanged) {
		return nil
	}
	return err
}
