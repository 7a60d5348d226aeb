package config

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	key := strings.Repeat("ab", 32)
	tests := []struct {
		name    string
		mutate  func(*Config)
		wantErr string
	}{
		{"defaults are valid", func(*Config) {}, ""},
		{"bad addr", func(c *Config) { c.Addr = "8080" }, "SWITCHBOARD_ADDR"},
		{"empty db", func(c *Config) { c.DatabaseURL = " " }, "SWITCHBOARD_DATABASE_URL"},
		{"relative public url", func(c *Config) { c.PublicURL = "crm.example.com" }, "SWITCHBOARD_PUBLIC_URL"},
		{"good public url", func(c *Config) { c.PublicURL = "https://crm.example.com" }, ""},
		{"short secret", func(c *Config) { c.SecretKey = "abcd" }, "SWITCHBOARD_SECRET_KEY"},
		{"postgres needs secret", func(c *Config) { c.DatabaseURL = "postgres://x/y" }, "SWITCHBOARD_SECRET_KEY"},
		{"postgres with secret", func(c *Config) { c.DatabaseURL = "postgres://x/y"; c.SecretKey = key }, ""},
		{"log format", func(c *Config) { c.LogFormat = "xml" }, "SWITCHBOARD_LOG_FORMAT"},
		{"sandbox switch", func(c *Config) { c.Sandbox = "yes" }, "SWITCHBOARD_SANDBOX"},
		{"presence grace", func(c *Config) { c.PresenceGrace = "90s" }, ""},
		{"presence grace not a duration", func(c *Config) { c.PresenceGrace = "45" }, "SWITCHBOARD_PRESENCE_GRACE"},
		{"presence grace too short", func(c *Config) { c.PresenceGrace = "1s" }, "SWITCHBOARD_PRESENCE_GRACE"},
		{"presence grace too long", func(c *Config) { c.PresenceGrace = "1h" }, "SWITCHBOARD_PRESENCE_GRACE"},
		{"price wait", func(c *Config) { c.PriceWait = "2s" }, ""},
		{"price wait of an hour", func(c *Config) { c.PriceWait = "1h" }, ""},
		{"price wait not a duration", func(c *Config) { c.PriceWait = "60" }, "SWITCHBOARD_PRICE_WAIT"},
		{"price wait zero", func(c *Config) { c.PriceWait = "0s" }, "SWITCHBOARD_PRICE_WAIT"},
		{"price wait negative", func(c *Config) { c.PriceWait = "-1m" }, "SWITCHBOARD_PRICE_WAIT"},
		{"price wait too long", func(c *Config) { c.PriceWait = "61m" }, "SWITCHBOARD_PRICE_WAIT"},
		{"price wait empty", func(c *Config) { c.PriceWait = "" }, "SWITCHBOARD_PRICE_WAIT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := Default()
			tt.mutate(&c)
			err := c.Validate()
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Validate() = %v, want error naming %s", err, tt.wantErr)
			}
		})
	}
}
