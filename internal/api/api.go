package api

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/secret"
	"github.com/switchboard/switchboard/internal/store"
)

// API holds what the handlers need. Build it once in the composition root.
type API struct {
	Store  *store.Store
	Hasher *auth.Hasher
	Log    *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// SecureCookies marks cookies Secure (the server is reached over TLS).
	SecureCookies bool
	// SessionTTL is how long a sign-in lasts; 0 means DefaultSessionTTL.
	SessionTTL time.Duration
	// Box seals carrier secrets at rest.
	Box *secret.Box
	// Carriers opens carrier accounts.
	Carriers Carriers
	// PublicURL is SWITCHBOARD_PUBLIC_URL ("" when not configured); SelfURL
	// is the base carriers reach this server at (PublicURL, or the listen
	// address for the in-process sandbox).
	PublicURL, SelfURL string
	// OnAvailable is told when an agent comes online, so a queued caller
	// can be offered to them; nil does nothing.
	OnAvailable func(ctx context.Context, orgID org.ID, user org.UserID) error
	// Hub carries real-time events (GET /api/v1/events); nil serves no
	// stream and publishes nothing.
	Hub *event.Hub
	// HeartbeatGrace is how long an online agent stays reachable after the
	// app's last heartbeat; 0 means presence.DefaultGrace.
	HeartbeatGrace time.Duration
	// Console runs the IVR test console; nil when the sandbox is off.
	Console RoutingConsole
	// CallCards reads calls' contact cards for the event stream's sync.
	CallCards CallCards
	// Softphones gives users their softphone device.
	Softphones Softphones
	// Controls act on calls for the agent in them.
	Controls CallControls
	// Dialer places agents' outbound calls.
	Dialer Dialer
	// Recordings opens the carrier account holding a call's recording.
	Recordings RecordingCarriers

	dummyOnce sync.Once
	dummy     string
}

// dummyHash returns a hash of a random password, checked for unknown
// e-mails so that sign-in takes as long whether or not the e-mail exists.
func (a *API) dummyHash(ctx context.Context) string {
	a.dummyOnce.Do(func() {
		token, _ := auth.NewToken("")
		a.dummy, _ = a.Hasher.Hash(ctx, token)
	})
	return a.dummy
}

// DefaultSessionTTL is the lifetime of a browser session or sign-in token.
const DefaultSessionTTL = 24 * time.Hour

func (a *API) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *API) sessionTTL() time.Duration {
	if a.SessionTTL > 0 {
		return a.SessionTTL
	}
	return DefaultSessionTTL
}
