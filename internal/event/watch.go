package event

import (
	"context"
	"log/slog"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

// LapseClaimer hands out, once each, the online agents whose heartbeat
// lapsed (store.ClaimLapsedPresence).
type LapseClaimer interface {
	ClaimLapsedPresence(ctx context.Context) (map[org.ID][]presence.Agent, error)
}

// WatchPresence announces lapsed heartbeats: every interval until ctx
// ends, it claims the agents whose heartbeat stopped and publishes their
// presence (reachable: false). Routing needs no announcement — it reads
// the deadline itself — so this only shows the lapse. Every instance may
// run it; each lapse is claimed once.
func WatchPresence(ctx context.Context, src LapseClaimer, hub *Hub, interval time.Duration, log *slog.Logger) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		lapsed, err := src.ClaimLapsedPresence(ctx)
		if err != nil {
			if ctx.Err() == nil {
				log.Error("claiming lapsed presence", "err", err)
			}
			continue
		}
		for orgID, agents := range lapsed {
			for _, a := range agents {
				if err := hub.Publish(ctx, PresenceChanged(orgID, a)); err != nil && ctx.Err() == nil {
					log.Error("announcing a lapsed heartbeat", "org_id", orgID, "user_id", a.UserID, "err", err)
				}
			}
		}
	}
}
