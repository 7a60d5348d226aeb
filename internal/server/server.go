// Package server is the composition root: it opens the store, builds the
// services, mounts the whole HTTP surface (routes.go) and runs it until the
// context ends, shutting down gracefully.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/config"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/media"
	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/secret"
	"github.com/switchboard/switchboard/internal/store"
)

// Server is one switchboard process's HTTP service.
type Server struct {
	cfg            config.Config
	log            *slog.Logger
	store          *store.Store
	box            *secret.Box
	api            *api.API
	metrics        *metrics
	metricsHandler http.Handler
	apiRoutes      []api.Route
	handler        http.Handler
	// sandbox is the in-process carrier, or nil when disabled.
	sandbox *sandbox.Sandbox
	// webhooks serve the carrier; worker runs the carrier actions they queue.
	webhooks *callflow.Webhooks
	worker   *callflow.Worker
	// hub carries real-time events to the agents' open tabs.
	hub *event.Hub
}

// New builds a server over an open, migrated store; sb, when not nil, is
// mounted at /sandbox/ as an in-process carrier.
func New(cfg config.Config, log *slog.Logger, st *store.Store, box *secret.Box, hasher *auth.Hasher, sb *sandbox.Sandbox) *Server {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s := &Server{
		cfg: cfg, log: log, store: st, box: box, sandbox: sb,
		api: &api.API{Store: st, Hasher: hasher, Log: log, Box: box,
			SecureCookies: strings.HasPrefix(cfg.PublicURL, "https://"),
			PublicURL:     strings.TrimRight(cfg.PublicURL, "/"), SelfURL: cfg.SelfURL,
			Carriers: carriers{sandbox: sb, sandboxURL: cfg.SelfURL + "/sandbox", twilioURL: cfg.TwilioAPIURL}},
		metrics:        newMetrics(reg),
		metricsHandler: promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}),
	}
	cs := carriers{sandbox: sb, sandboxURL: cfg.SelfURL + "/sandbox", twilioURL: cfg.TwilioAPIURL}
	s.worker = &callflow.Worker{Store: st, BaseURL: cfg.SelfURL, Log: log, Dial: cs.dialCalls(box), PriceWait: cfg.PriceFirstWait()}
	s.webhooks = &callflow.Webhooks{Store: st, Box: box, BaseURL: cfg.SelfURL, Log: log, Worker: s.worker}
	s.webhooks.Media = media.NewSigner(box.Key(media.KeyPurpose)) // uploaded audio's URLs (decision 0014)
	s.api.OnAvailable = s.webhooks.OfferQueued
	s.api.Console = newConsole(st, log, s.webhooks.Media, cfg.SelfURL)
	devs := devices(st, box, log, cs)
	devs.BaseURL = cfg.SelfURL // the TwiML App's webhooks (decision 0022)
	s.api.Softphones = devs
	s.worker.QueueTimeout = s.webhooks.QueueTimeout
	if sb != nil {
		// The server runs on the in-process carrier's clock, so jobs due
		// later fall due as its (possibly virtual) time passes.
		st.SetClock(sb.Clock().Now)
		s.worker.Hold, s.worker.After, s.worker.Clock = sb.Hold, sb.Clock().AfterFunc, sb.Clock().Now
		s.webhooks.Clock = sb.Clock().Now
		s.api.Now = sb.Clock().Now
	}
	s.hub = event.NewHub(event.Options{Relay: relayOf(st), Log: log})
	s.api.Hub, s.api.HeartbeatGrace = s.hub, grace(cfg)
	s.worker.Events = &callflow.Events{Store: st, Hub: s.hub, Log: log} // the call flow's events (docs/events.md)
	s.api.CallCards = s.worker.Events
	s.api.Controls = controls(s.webhooks, s.worker.Events, box, cs)
	s.api.Dialer = &callflow.Dialer{Webhooks: s.webhooks, Devices: devs}
	s.api.Recordings = recordings{store: st, box: box, carriers: cs}
	s.handler = s.routes()
	return s
}

// relayOf returns the store's cross-instance event relay (PostgreSQL), or
// nil to keep events in-process.
func relayOf(st *store.Store) event.Relay {
	if r := st.Relay(); r != nil {
		return r
	}
	return nil
}

func grace(cfg config.Config) time.Duration {
	if g := cfg.Grace(); g > 0 {
		return g
	}
	return presence.DefaultGrace
}

// RunWorker runs the call-flow worker until ctx ends (Serve starts it;
// tests that serve the handler themselves call it).
func (s *Server) RunWorker(ctx context.Context) { s.worker.Run(ctx, 500*time.Millisecond) }

// RunEvents feeds the event hub from other instances (PostgreSQL) and
// announces lapsed heartbeats until ctx ends (Serve starts it; tests that
// serve the handler themselves call it).
func (s *Server) RunEvents(ctx context.Context) {
	go s.hub.Run(ctx)
	event.WatchPresence(ctx, s.store, s.hub, min(5*time.Second, grace(s.cfg)/3), s.log)
}

// Hub returns the event hub (for tests that publish directly).
func (s *Server) Hub() *event.Hub { return s.hub }

// Handler returns the server's HTTP handler (for httptest).
func (s *Server) Handler() http.Handler { return s.handler }

// Routes returns the REST API's routes (for the OpenAPI check).
func (s *Server) Routes() []api.Route { return s.apiRoutes }

// Serve serves on ln until ctx ends, then shuts down gracefully, giving
// in-flight requests up to 10 seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn), BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	workerCtx, stopWorker := context.WithCancel(ctx)
	defer stopWorker()
	go s.RunWorker(workerCtx)
	go s.RunEvents(workerCtx)
	hs.RegisterOnShutdown(s.hub.Close) // end event streams, which never go idle
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	if s.sandbox != nil {
		s.sandbox.Close() // hang up simulated calls so no handler waits on them
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loopbackOnly refuses requests from other hosts: the sandbox's control API
// places calls and mints accounts, and is meant for this machine's tools
// (switchboard sim, tests) only.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			http.Error(w, "the sandbox control API answers only on this machine (loopback)", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain")
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("store unreachable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}

// Webhooks returns the call flow (for tests that drive it directly).
func (s *Server) Webhooks() *callflow.Webhooks { return s.webhooks }
