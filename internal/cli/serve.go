package cli

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/config"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/secret"
	"github.com/switchboard/switchboard/internal/server"
	"github.com/switchboard/switchboard/internal/store"
)

// loadConfig builds the configuration from env, then flags (flags win), and
// validates it.
func loadConfig(name string, args []string, env Env, extra func(*flag.FlagSet, *config.Config)) (config.Config, error) {
	cfg := config.Default()
	for _, v := range []struct {
		dst *string
		key string
	}{{&cfg.Addr, "SWITCHBOARD_ADDR"}, {&cfg.DatabaseURL, "SWITCHBOARD_DATABASE_URL"}, {&cfg.PublicURL, "SWITCHBOARD_PUBLIC_URL"},
		{&cfg.SecretKey, "SWITCHBOARD_SECRET_KEY"}, {&cfg.DemoPassword, "SWITCHBOARD_DEMO_PASSWORD"}, {&cfg.LogFormat, "SWITCHBOARD_LOG_FORMAT"},
		{&cfg.Sandbox, "SWITCHBOARD_SANDBOX"}, {&cfg.TwilioAPIURL, "SWITCHBOARD_TWILIO_API_URL"},
		{&cfg.PresenceGrace, "SWITCHBOARD_PRESENCE_GRACE"}, {&cfg.PriceWait, "SWITCHBOARD_PRICE_WAIT"}} {
		if s := env.Getenv(v.key); s != "" {
			*v.dst = s
		}
	}
	fs := flag.NewFlagSet("switchboard "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&cfg.DatabaseURL, "db", cfg.DatabaseURL, "SQLite file or postgres:// URL (SWITCHBOARD_DATABASE_URL)")
	if extra != nil {
		extra(fs, &cfg)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return cfg, cfg.Validate()
}

func newLogger(cfg config.Config, env Env) *slog.Logger {
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(env.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(env.Stderr, nil))
}

// openStore opens and migrates the configured database.
func openStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func runServe(ctx context.Context, args []string, env Env) error {
	cfg, err := loadConfig("serve", args, env, func(fs *flag.FlagSet, c *config.Config) {
		fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (SWITCHBOARD_ADDR)")
		fs.BoolVar(&c.Demo, "demo", false, "create the demo org, users and records on an empty database")
		fs.StringVar(&c.PriceWait, "price-wait", c.PriceWait, "how long after a call ends its price is first fetched, e.g. 1m (SWITCHBOARD_PRICE_WAIT)")
	})
	if err != nil {
		return err
	}
	log := newLogger(cfg, env)
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	box, err := secretBox(cfg, log)
	if err != nil {
		return err
	}
	hasher := auth.NewHasher(runtime.GOMAXPROCS(0))
	demoPassword, demoCreated := "", false
	if cfg.Demo {
		if demoPassword, demoCreated, err = seedDemo(ctx, cfg, st, hasher, env); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("SWITCHBOARD_ADDR (--addr) %s: %w", cfg.Addr, err)
	}
	base := "http://" + ln.Addr().String()
	log.Info("listening", "url", base, "database", string(st.Dialect()), "sandbox", cfg.Sandbox)
	cfg.SelfURL = selfURL(cfg, ln)
	var sb *sandbox.Sandbox
	if cfg.Sandbox == "on" {
		sb = sandbox.New(sandbox.Options{BaseURL: cfg.SelfURL + "/sandbox", DemoAccount: cfg.Demo})
	}
	srv := server.New(cfg, log, st, box, hasher, sb)
	if err := srv.RestoreSandbox(ctx); err != nil {
		return fmt.Errorf("restoring sandbox providers: %w", err)
	}
	if demoCreated && sb != nil {
		go func() {
			if err := demo.Telephony(ctx, cfg.SelfURL, demoPassword); err != nil {
				log.Error("demo telephony set-up failed", "err", err)
				return
			}
			log.Info("demo telephony ready: a sandbox provider with two numbers")
		}()
	}
	return srv.Serve(ctx, ln)
}

// selfURL is the base URL carriers reach this server at: the public URL,
// else the listener's own address (enough for the in-process sandbox).
func selfURL(cfg config.Config, ln net.Listener) string {
	if cfg.PublicURL != "" {
		return strings.TrimRight(cfg.PublicURL, "/")
	}
	addr := ln.Addr().(*net.TCPAddr)
	if addr.IP.IsUnspecified() {
		return fmt.Sprintf("http://127.0.0.1:%d", addr.Port)
	}
	return "http://" + addr.String()
}

// secretBox uses SWITCHBOARD_SECRET_KEY, or on SQLite a key file beside
// the database, created on first run.
func secretBox(cfg config.Config, log *slog.Logger) (*secret.Box, error) {
	if cfg.SecretKey != "" {
		key, err := secret.ParseKey(cfg.SecretKey)
		if err != nil {
			return nil, fmt.Errorf("SWITCHBOARD_SECRET_KEY: %w", err)
		}
		return secret.NewBox(key)
	}
	path := filepath.Clean(cfg.DatabaseURL) + ".key"
	key, created, err := secret.LoadOrCreateKeyFile(path)
	if err != nil {
		return nil, err
	}
	if created {
		log.Warn("SWITCHBOARD_SECRET_KEY is not set: generated a secret key and saved it beside the database; back it up with the database",
			"key_file", path)
	} else {
		log.Info("using the secret key file beside the database", "key_file", path)
	}
	return secret.NewBox(key)
}

// seedDemo creates the demo org unless it exists, returning the password
// and whether it was created now.
func seedDemo(ctx context.Context, cfg config.Config, st *store.Store, h *auth.Hasher, env Env) (string, bool, error) {
	password := cfg.DemoPassword
	if password == "" {
		b := make([]byte, 12)
		rand.Read(b)
		password = base64.RawURLEncoding.EncodeToString(b)
	}
	created, err := demo.Seed(ctx, st, h, password, time.Now())
	if err != nil {
		return "", false, fmt.Errorf("demo data: %w", err)
	}
	if !created {
		fmt.Fprintln(env.Stdout, "Demo org already present; nothing changed (its passwords are the ones printed when it was created).")
		return "", false, nil
	}
	fmt.Fprintf(env.Stdout, "Demo org created.\n  admin:  %s\n  agents: %s, %s\n  password (all three): %s\n",
		demo.Users[0].Email, demo.Users[1].Email, demo.Users[2].Email, password)
	return password, true, nil
}
