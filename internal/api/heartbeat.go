package api

import (
	"context"
	"net/http"
	"time"

	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

// HeartbeatBody answers a heartbeat: the caller's presence, and how often
// to beat and how long a silence is forgiven.
type HeartbeatBody struct {
	Presence        PresenceBody `json:"presence"`
	IntervalSeconds int          `json:"interval_seconds"`
	GraceSeconds    int          `json:"grace_seconds"`
}

// Heartbeat records that the caller's app is open (R-AG-1). Any tab beats
// for the one presence; an online agent whose app stops beating for the
// grace period is skipped by routing and shown unreachable until it beats
// again, which announces them and offers them a queued caller.
func (a *API) Heartbeat(w http.ResponseWriter, r *http.Request) error {
	me := userOf(r)
	revived, err := a.Store.Heartbeat(r.Context(), me.OrgID, me.ID, a.grace())
	if err != nil {
		return err
	}
	ag, err := a.Store.AgentPresence(r.Context(), me.OrgID, me.ID)
	if err != nil {
		return err
	}
	if revived {
		a.publishEvent(r.Context(), event.PresenceChanged(me.OrgID, ag))
		a.offerQueued(r.Context(), me.OrgID, me.ID)
	}
	hb := event.HeartbeatFor(a.grace())
	return writeJSON(w, http.StatusOK, HeartbeatBody{Presence: presenceBody(ag), IntervalSeconds: hb.IntervalSeconds,
		GraceSeconds: hb.GraceSeconds})
}

// offerQueued tells the call flow that the agent can take a call now.
func (a *API) offerQueued(ctx context.Context, orgID org.ID, user org.UserID) {
	if a.OnAvailable == nil {
		return
	}
	if err := a.OnAvailable(ctx, orgID, user); err != nil {
		a.Log.ErrorContext(ctx, "offering a queued caller", "user_id", user, "err", err)
	}
}

func (a *API) grace() time.Duration {
	if a.HeartbeatGrace > 0 {
		return a.HeartbeatGrace
	}
	return presence.DefaultGrace
}
