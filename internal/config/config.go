// Package config holds the server's configuration: one plain struct built
// once from flags and environment, then validated.
package config

import (
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"
)

// Config is the whole configuration of a switchboard process. The zero value
// is not valid; use Default and then Validate.
type Config struct {
	// Addr is the listen address of the HTTP server (SWITCHBOARD_ADDR).
	Addr string
	// DatabaseURL is an SQLite file path (optionally "sqlite:" or "file:"
	// prefixed) or a postgres:// URL (SWITCHBOARD_DATABASE_URL).
	DatabaseURL string
	// PublicURL is the externally reachable base URL, used for carrier
	// webhooks (SWITCHBOARD_PUBLIC_URL). Empty means not configured.
	PublicURL string
	// SecretKey is the hex-encoded 32-byte key that encrypts secrets at rest
	// (SWITCHBOARD_SECRET_KEY). Empty on SQLite means: use or create a key
	// file beside the database.
	SecretKey string
	// Demo seeds the demo org on an empty database.
	Demo bool
	// DemoPassword is the demo users' password (SWITCHBOARD_DEMO_PASSWORD);
	// empty means random.
	DemoPassword string
	// LogFormat is "text" or "json" (SWITCHBOARD_LOG_FORMAT).
	LogFormat string
	// Sandbox runs the built-in carrier sandbox at /sandbox/
	// (SWITCHBOARD_SANDBOX, "on" or "off").
	Sandbox string
	// TwilioAPIURL replaces https://api.twilio.com for twilio providers that
	// set no API URL of their own (SWITCHBOARD_TWILIO_API_URL).
	TwilioAPIURL string
	// PresenceGrace is how long an online agent stays reachable after their
	// app's last heartbeat, as a Go duration such as "45s"
	// (SWITCHBOARD_PRESENCE_GRACE); the app beats every third of it.
	PresenceGrace string
	// PriceWait is how long after a call ends its price is first asked of
	// the carrier, as a Go duration such as "1m" (SWITCHBOARD_PRICE_WAIT,
	// --price-wait): Twilio prices a call some time after it ends. Tests
	// shorten it to see the cost within seconds.
	PriceWait string
	// SelfURL is not read from the environment: it is set at start to the
	// base URL carriers reach this server at (PublicURL, or the listen
	// address).
	SelfURL string
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{Addr: ":8080", DatabaseURL: "switchboard.db", LogFormat: "text", Sandbox: "on", PresenceGrace: "45s", PriceWait: "1m"}
}

// Grace returns PresenceGrace as a duration (valid after Validate).
func (c Config) Grace() time.Duration {
	d, _ := time.ParseDuration(c.PresenceGrace)
	return d
}

// PriceFirstWait returns PriceWait as a duration (valid after Validate).
func (c Config) PriceFirstWait() time.Duration {
	d, _ := time.ParseDuration(c.PriceWait)
	return d
}

// Postgres reports whether the database URL selects PostgreSQL.
func (c Config) Postgres() bool {
	return strings.HasPrefix(c.DatabaseURL, "postgres://") || strings.HasPrefix(c.DatabaseURL, "postgresql://")
}

// Validate reports the first invalid setting, naming it.
func (c Config) Validate() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("SWITCHBOARD_ADDR (--addr) %q: must be host:port, e.g. :8080", c.Addr)
	}
	if strings.TrimSpace(c.DatabaseURL) == "" {
		return fmt.Errorf("SWITCHBOARD_DATABASE_URL (--db): must not be empty")
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("SWITCHBOARD_PUBLIC_URL %q: must be an absolute http(s) URL such as https://crm.example.com", c.PublicURL)
		}
	}
	if c.TwilioAPIURL != "" {
		if u, err := url.Parse(c.TwilioAPIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("SWITCHBOARD_TWILIO_API_URL %q: must be an absolute http(s) URL", c.TwilioAPIURL)
		}
	}
	if c.SecretKey != "" {
		if k, err := hex.DecodeString(c.SecretKey); err != nil || len(k) != 32 {
			return fmt.Errorf("SWITCHBOARD_SECRET_KEY: must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`")
		}
	} else if c.Postgres() {
		return fmt.Errorf("SWITCHBOARD_SECRET_KEY: required with PostgreSQL (64 hex characters); only SQLite keeps a generated key file")
	}
	if c.Sandbox != "on" && c.Sandbox != "off" {
		return fmt.Errorf("SWITCHBOARD_SANDBOX %q: must be on or off", c.Sandbox)
	}
	if d, err := time.ParseDuration(c.PresenceGrace); err != nil || d < 3*time.Second || d > 10*time.Minute {
		return fmt.Errorf("SWITCHBOARD_PRESENCE_GRACE %q: must be a duration from 3s to 10m, e.g. 45s", c.PresenceGrace)
	}
	if d, err := time.ParseDuration(c.PriceWait); err != nil || d <= 0 || d > time.Hour {
		return fmt.Errorf("SWITCHBOARD_PRICE_WAIT (--price-wait) %q: must be a duration above 0 and at most 1h, e.g. 1m or 2s", c.PriceWait)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("SWITCHBOARD_LOG_FORMAT %q: must be text or json", c.LogFormat)
	}
	return nil
}
