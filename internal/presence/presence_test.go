package presence

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/org"
)

func TestRingOrder(t *testing.T) {
	t.Parallel()
	at := func(min int) *time.Time { v := time.Date(2026, 11, 21, 9, min, 0, 0, time.UTC); return &v }
	agents := []Agent{
		{UserID: 1, Status: Online, OnlineSince: at(5), RingOrderAt: at(5)},
		{UserID: 2, Status: Online, OnlineSince: at(1), RingOrderAt: at(1)},
		{UserID: 3, Status: Online, OnlineSince: at(3), RingOrderAt: at(3), Busy: true},
		{UserID: 4, Status: Offline},
		{UserID: 5, Status: Online, OnlineSince: at(0), RingOrderAt: at(30)}, // answered a call at 9:30
		{UserID: 6, Status: Online, OnlineSince: at(1), RingOrderAt: at(1)},
		{UserID: 7, Status: Online, OnlineSince: at(0), RingOrderAt: at(0), Lapsed: true}, // heartbeat stopped
	}
	tests := []struct {
		name       string
		candidates []org.UserID
		want       []org.UserID
	}{
		{"came-online order, busy and offline skipped, answerer at the back, ties by id", []org.UserID{1, 2, 3, 4, 5, 6}, []org.UserID{2, 6, 1, 5}},
		{"lapsed heartbeat skipped though first in order", []org.UserID{7, 1}, []org.UserID{1}},
		{"only a lapsed agent", []org.UserID{7}, []org.UserID{}},
		{"only candidates", []org.UserID{5, 1}, []org.UserID{1, 5}},
		{"unknown user", []org.UserID{99}, []org.UserID{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, RingOrder(agents, tt.candidates)); diff != "" {
				t.Fatalf("RingOrder mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHeartbeatLapsed(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { v := now.Add(d); return &v }
	tests := []struct {
		name   string
		status Status
		until  *time.Time
		want   bool
	}{
		{"online, deadline ahead", Online, at(time.Second), false},
		{"online, deadline reached", Online, at(0), true},
		{"online, deadline passed", Online, at(-time.Minute), true},
		{"online, never beat (set without heartbeat)", Online, nil, false},
		{"offline, deadline passed", Offline, at(-time.Minute), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := HeartbeatLapsed(tt.status, tt.until, now); got != tt.want {
				t.Fatalf("HeartbeatLapsed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAgentAvailable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                 string
		agent                Agent
		reachable, available bool
	}{
		{"online", Agent{Status: Online}, true, true},
		{"online and busy", Agent{Status: Online, Busy: true}, true, false},
		{"online, heartbeat lapsed", Agent{Status: Online, Lapsed: true}, false, false},
		{"offline", Agent{Status: Offline}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.agent.Reachable(); got != tt.reachable {
				t.Errorf("Reachable = %v, want %v", got, tt.reachable)
			}
			if got := tt.agent.Available(); got != tt.available {
				t.Errorf("Available = %v, want %v", got, tt.available)
			}
		})
	}
}
