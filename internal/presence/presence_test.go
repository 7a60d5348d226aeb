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
	}
	tests := []struct {
		name       string
		candidates []org.UserID
		want       []org.UserID
	}{
		{"came-online order, busy and offline skipped, answerer at the back, ties by id", []org.UserID{1, 2, 3, 4, 5, 6}, []org.UserID{2, 6, 1, 5}},
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
