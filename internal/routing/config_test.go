package routing

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// known treats users 1 to 10 as the org's active users.
func known(id org.UserID) bool { return id >= 1 && id <= 10 }

// ringGroup returns a group ringing users simultaneously.
func ringGroup(users ...org.UserID) *Group {
	g := DefaultGroup()
	g.Users = users
	return g
}

// ringOption returns an option ringing users.
func ringOption(key int, label string, users ...org.UserID) Option {
	return Option{Key: key, Label: label, Action: ActionRing, Group: ringGroup(users...)}
}

// directConfig is a publishable direct-mode configuration.
func directConfig() Config {
	c := Default()
	c.Group.Users = []org.UserID{1, 2}
	return c
}

// ivrConfig is a publishable two-level IVR configuration.
func ivrConfig() Config {
	c := Default()
	c.Mode = ModeIVR
	c.Group = nil
	c.Menu = &Menu{Options: []Option{
		ringOption(1, "Sales", 1, 2),
		{Key: 2, Label: "Support", Action: ActionSubmenu, Submenu: &Menu{Options: []Option{
			ringOption(1, "Billing", 3),
			ringOption(2, "Technical", 4, 5),
		}}},
	}}
	return c
}

// options returns n ring options with keys 1, 2, … n.
func options(n int) []Option {
	opts := make([]Option, n)
	for i := range opts {
		opts[i] = ringOption(i+1, "Option", 1)
	}
	return opts
}

// nested returns a chain of levels menus, each opening the next through
// its option 1; the deepest rings user 1.
func nested(levels int) *Menu {
	m := &Menu{Options: []Option{ringOption(1, "Leaf", 1)}}
	for range levels - 1 {
		m = &Menu{Options: []Option{{Key: 1, Label: "Deeper", Action: ActionSubmenu, Submenu: m}}}
	}
	return m
}

// fields returns the field problems of err, nil when err is nil; it fails
// the test when err is not a problem.Invalid.
func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var p *problem.Error
	if !errors.As(err, &p) || p.Kind != problem.Invalid {
		t.Fatalf("error %v is not a problem.Invalid", err)
	}
	return p.Fields
}

func TestDefault(t *testing.T) {
	t.Parallel()
	c := Default()
	if err := ValidateDraft(&c); err != nil {
		t.Errorf("ValidateDraft(Default()) = %v, want nil", err)
	}
	want := map[string]string{"group.users": "must list at least one user"}
	if diff := cmp.Diff(want, fields(t, Validate(&c, known))); diff != "" {
		t.Errorf("Validate(Default()) fields mismatch (-want +got):\n%s", diff)
	}
	if Default().Group == Default().Group {
		t.Error("Default() shares its group between calls")
	}
}

func TestJSONGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
	}{
		{"default", Default()},
		{"ivr", ivrConfig()},
		{"hours", hoursConfig()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := json.MarshalIndent(tt.cfg, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", tt.name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("JSON mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// hoursConfig is a publishable configuration with a weekly schedule and
// holidays.
func hoursConfig() Config {
	c := directConfig()
	c.Hours = Hours{
		Weekly: Week{
			Monday:   []TimeRange{{From: "09:00", To: "12:00"}, {From: "14:00", To: "18:00"}},
			Saturday: []TimeRange{{From: "10:00", To: "24:00"}},
		},
		Holidays: []Holiday{{Date: "2026-12-25", Name: "Christmas"}, {Date: "2026-08-01", EndDate: "2026-08-15", Name: "Summer"}},
	}
	c.Queue.Enabled = true
	c.Voicemail.Enabled = true
	return c
}

func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
	}{
		{"default", Default()},
		{"direct", directConfig()},
		{"ivr", ivrConfig()},
		{"hours", hoursConfig()},
		{"five levels", func() Config { c := ivrConfig(); c.Menu = nested(MaxLevels); return c }()},
		{"audio", func() Config {
			c := directConfig()
			c.Voice.Format = FormatAudioURL
			c.Voice.Busy.AudioURL = "https://example.com/busy.mp3"
			return c
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			first, err := json.Marshal(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			var back Config
			if err := json.Unmarshal(first, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.cfg, back); diff != "" {
				t.Errorf("decoded config mismatch (-want +got):\n%s", diff)
			}
			second, err := json.Marshal(back)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, second) {
				t.Errorf("JSON not stable:\nfirst  %s\nsecond %s", first, second)
			}
		})
	}
}

func TestAnnouncementText(t *testing.T) {
	t.Parallel()
	for _, a := range []Announcement{AnnounceAllAgentsBusy, AnnounceCallImportant, AnnouncePleaseHold} {
		if a.Text() == "" {
			t.Errorf("%s.Text() is empty", a)
		}
	}
	for _, a := range []Announcement{AnnounceNone, AnnounceCustom, "", "bogus"} {
		if got := a.Text(); got != "" {
			t.Errorf("%q.Text() = %q, want empty", a, got)
		}
	}
}
