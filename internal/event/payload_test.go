package event

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/presence"
)

func TestPayloads(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 21, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	str := func(s string) *string { return &s }
	id := func(n int64) *int64 { return &n }
	t.Run("presence", func(t *testing.T) {
		tests := []struct {
			name  string
			agent presence.Agent
			want  Presence
		}{
			{"online with a live app", presence.Agent{UserID: 3, Status: presence.Online, OnlineSince: &at, LastSeen: &at},
				Presence{UserID: 3, Status: "online", Reachable: true, OnlineSince: str("2026-11-21T08:30:00Z"), LastSeen: str("2026-11-21T08:30:00Z")}},
			{"online, heartbeat lapsed", presence.Agent{UserID: 3, Status: presence.Online, Lapsed: true, Busy: true},
				Presence{UserID: 3, Status: "online", Busy: true}},
			{"offline", presence.Agent{UserID: 4, Status: presence.Offline}, Presence{UserID: 4, Status: "offline"}},
		}
		for _, tt := range tests {
			if diff := cmp.Diff(tt.want, PresenceOf(tt.agent)); diff != "" {
				t.Errorf("%s: mismatch (-want +got):\n%s", tt.name, diff)
			}
		}
	})
	t.Run("call", func(t *testing.T) {
		base := call.Call{ID: 9, NumberID: 2, Direction: "inbound", From: "+15005550006", To: "+14155550100", StartedAt: at}
		tests := []struct {
			name string
			edit func(c *call.Call)
			want Call
		}{
			{"ringing me", func(c *call.Call) { c.Status = call.Ringing; c.RecordID = 5 },
				Call{Status: "ringing", Ringing: true, RecordID: id(5)}},
			{"in progress with me", func(c *call.Call) { c.Status, c.AnsweredBy, c.AnsweredAt = call.InProgress, 7, &at },
				Call{Status: "in-progress", AnsweredBy: id(7), AnsweredAt: str("2026-11-21T08:30:00Z")}},
			{"withheld caller", func(c *call.Call) { c.Status, c.Anonymous, c.From = call.Queued, true, "+266696687" },
				Call{Status: "queued", Ringing: true, Anonymous: true, From: "Anonymous"}},
		}
		for _, tt := range tests {
			c := base
			tt.edit(&c)
			want := tt.want
			want.ID, want.NumberID, want.Direction, want.To, want.StartedAt = 9, 2, "inbound", "+14155550100", "2026-11-21T08:30:00Z"
			if want.From == "" {
				want.From = "+15005550006"
			}
			if diff := cmp.Diff(want, CallOf(c, 7)); diff != "" {
				t.Errorf("%s: mismatch (-want +got):\n%s", tt.name, diff)
			}
		}
	})
}
