package routing

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchboard/switchboard/internal/org"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b func() Config
		edit func(*Config) // applied to b
		want []Change
	}{
		{"identical", ivrConfig, ivrConfig, func(*Config) {}, nil},
		{"queue limit", directConfig, directConfig, func(c *Config) { c.Queue.MaxCallers = 25 },
			[]Change{{Path: "queue.max_callers", Old: "10", New: "25"}}},
		{"offline", directConfig, directConfig, func(c *Config) { c.Online = false },
			[]Change{{Path: "online", Old: "true", New: "false"}}},
		{"option added", ivrConfig, ivrConfig, func(c *Config) { c.Menu.Options = append(c.Menu.Options, ringOption(3, "Billing", 6)) },
			[]Change{{Path: "menu.options[key=3]", New: "Billing: ring"}}},
		{"option removed", ivrConfig, ivrConfig, func(c *Config) { c.Menu.Options = c.Menu.Options[1:] },
			[]Change{{Path: "menu.options[key=1]", Old: "Sales: ring"}}},
		{"option key changed", ivrConfig, ivrConfig, func(c *Config) { c.Menu.Options[0].Key = 3 },
			[]Change{{Path: "menu.options", Old: "key order", New: "order 3, 2"},
				{Path: "menu.options[key=1]", Old: "Sales: ring"}, {Path: "menu.options[key=3]", New: "Sales: ring"}}},
		{"options reordered", ivrConfig, ivrConfig, func(c *Config) {
			c.Menu.Options[0], c.Menu.Options[1] = c.Menu.Options[1], c.Menu.Options[0]
		}, []Change{{Path: "menu.options", Old: "key order", New: "order 2, 1"}}},
		{"label and action", ivrConfig, ivrConfig, func(c *Config) {
			c.Menu.Options[1].Label = "Help"
			c.Menu.Options[0].Action, c.Menu.Options[0].Submenu = ActionSubmenu, nested(1)
		}, []Change{{Path: "menu.options[key=1].action", Old: "ring", New: "submenu"},
			{Path: "menu.options[key=1].submenu", New: "1 option"}, {Path: "menu.options[key=2].label", Old: "Support", New: "Help"}}},
		{"nested group", ivrConfig, ivrConfig, func(c *Config) {
			g := c.Menu.Options[1].Submenu.Options[1].Group
			g.Users, g.Ring, g.IntervalSeconds, g.Repeat = []org.UserID{5, 4, 7}, RingSequential, 15, true
		}, []Change{
			{Path: "menu.options[key=2].submenu.options[key=2].group.users", Old: "4, 5", New: "5, 4, 7"},
			{Path: "menu.options[key=2].submenu.options[key=2].group.ring", Old: "simultaneous", New: "sequential"},
			{Path: "menu.options[key=2].submenu.options[key=2].group.interval_seconds", Old: "20", New: "15"},
			{Path: "menu.options[key=2].submenu.options[key=2].group.repeat", Old: "false", New: "true"},
		}},
		{"mode switched", directConfig, ivrConfig, func(*Config) {}, []Change{
			{Path: "mode", Old: "direct", New: "ivr"},
			{Path: "menu", New: "2 options"},
			{Path: "group", Old: "2 users, simultaneous"},
		}},
		{"hours, queue and voicemail", directConfig, hoursConfig, func(*Config) {}, []Change{
			{Path: "queue.enabled", Old: "false", New: "true"},
			{Path: "hours.use_org", Old: "the org's business hours", New: "custom hours for this number"},
			{Path: "hours.always_open", Old: "true", New: "false"},
			{Path: "hours.weekly.monday", New: "09:00–12:00, 14:00–18:00"},
			{Path: "hours.weekly.saturday", New: "10:00–24:00"},
			{Path: "hours.holidays[2026-08-01]", New: "2026-08-01 to 2026-08-15: Summer"},
			{Path: "hours.holidays[2026-12-25]", New: "2026-12-25: Christmas"},
			{Path: "voicemail.enabled", Old: "false", New: "true"},
		}},
		{"holiday renamed", hoursConfig, hoursConfig, func(c *Config) { c.Hours.Holidays[0].Name = "Noël" },
			[]Change{{Path: "hours.holidays[2026-12-25]", Old: "2026-12-25: Christmas", New: "2026-12-25: Noël"}}},
		{"switched to the org's hours", hoursConfig, hoursConfig, func(c *Config) { c.Hours.UseOrg = true },
			[]Change{{Path: "hours.use_org", Old: "custom hours for this number", New: "the org's business hours"}}},
		{"voice", directConfig, directConfig, func(c *Config) {
			c.Voice.Format, c.Voice.Voice = FormatAudioURL, "alice"
			c.Voice.Busy.AudioURL = "https://example.com/busy.mp3"
		}, []Change{
			{Path: "voice.format", Old: "text", New: "audio_url"},
			{Path: "voice.voice", Old: "Polly.Joanna", New: "alice"},
			{Path: "voice.busy.audio_url", New: "https://example.com/busy.mp3"},
		}},
		{"recording", directConfig, directConfig, func(c *Config) { c.Recording = Recording{Enabled: true} }, []Change{
			{Path: "recording.enabled", Old: "false", New: "true"},
			{Path: "recording.announcement", Old: "true", New: "false"},
		}},
		{"repeated keys in a draft", ivrConfig, ivrConfig, func(c *Config) {
			c.Menu.Options = append(c.Menu.Options, ringOption(1, "Sales again", 1))
		}, []Change{
			{Path: "menu.options", Old: "key order", New: "order 1, 2, 1"},
			{Path: "menu.options[key=1#2]", New: "Sales again: ring"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, b := tt.a(), tt.b()
			tt.edit(&b)
			if diff := cmp.Diff(tt.want, Diff(a, b)); diff != "" {
				t.Errorf("Diff mismatch (-want +got):\n%s", diff)
			}
			back := Diff(b, a)
			if len(back) != len(tt.want) {
				t.Errorf("Diff(b, a) has %d changes, want %d: %v", len(back), len(tt.want), back)
			}
		})
	}
}

func TestDiffDeterministic(t *testing.T) {
	t.Parallel()
	a, b := directConfig(), hoursConfig()
	b.Mode, b.Menu = ModeIVR, ivrConfig().Menu
	b.Menu.Options = append(b.Menu.Options, options(9)[2:]...)
	first := Diff(a, b)
	for range 20 {
		if diff := cmp.Diff(first, Diff(a, b)); diff != "" {
			t.Fatalf("Diff is not deterministic (-first +again):\n%s", diff)
		}
	}
}
