package routing

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestQueueAnnouncement: a queued caller hears the announcement when they
// start waiting (the first wait loop), which then repeats every N seconds;
// later loops play only the music; a queue with no announcement plays none
// (R-IN-13).
func TestQueueAnnouncement(t *testing.T) {
	t.Parallel()
	queue := func(a Announcement, custom string, every int) Config {
		c := direct(RingSimultaneous, 5) // user 5 is on a call
		c.Queue = Queue{Enabled: true, MaxCallers: 2, MaxWaitMinutes: 5, Announcement: a, AnnouncementText: custom,
			AnnouncementEverySeconds: every}
		return c
	}
	tick := Event{Kind: QueueTick}
	tests := []struct {
		name   string
		config Config
		want   []Step // after started, one per wait loop
	}{
		{"stock announcement every 10 s", queue(AnnouncePleaseHold, "", 10), []Step{
			{Kind: StepWait, Say: []Message{text(stockPleaseHoldText)}, AnnounceEvery: 10 * time.Second},
			{Kind: StepWait}, {Kind: StepWait}}},
		{"custom announcement every 25 s", queue(AnnounceCustom, "Thanks for holding.", 25), []Step{
			{Kind: StepWait, Say: []Message{text("Thanks for holding.")}, AnnounceEvery: 25 * time.Second}, {Kind: StepWait}}},
		{"no announcement", queue(AnnounceNone, "", 30), []Step{{Kind: StepWait}, {Kind: StepWait}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, st := Next(tt.config, State{}, started, env())
			var got []Step
			for range tt.want {
				var step Step
				step, st = Next(tt.config, st, tick, env())
				got = append(got, step)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("wait loops mismatch (-want +got):\n%s", d)
			}
			if st.WaitLoops != len(tt.want) || st.Stage != StageQueued {
				t.Errorf("state = %+v, want still queued after %d loops", st, len(tt.want))
			}
		})
	}
	t.Run("a new stay in the queue starts counting again", func(t *testing.T) {
		t.Parallel()
		c := queue(AnnouncePleaseHold, "", 10)
		_, st := Next(c, State{Stage: StageMenu, WaitLoops: 7}, started, env())
		if st.WaitLoops != 0 || st.Stage != StageQueued {
			t.Fatalf("entering the queue: %+v", st)
		}
	})
}

func TestQueueAnnounceEvery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		q    Queue
		want time.Duration
	}{
		{"stock", Queue{Announcement: AnnounceAllAgentsBusy, AnnouncementEverySeconds: 30}, 30 * time.Second},
		{"custom", Queue{Announcement: AnnounceCustom, AnnouncementText: "Hold on.", AnnouncementEverySeconds: 1}, time.Second},
		{"custom without text", Queue{Announcement: AnnounceCustom, AnnouncementEverySeconds: 10}, 0},
		{"none", Queue{Announcement: AnnounceNone, AnnouncementEverySeconds: 10}, 0},
		{"no frequency", Queue{Announcement: AnnouncePleaseHold}, 0},
	}
	for _, tt := range tests {
		if got := tt.q.AnnounceEvery(); got != tt.want {
			t.Errorf("%s: AnnounceEvery = %v, want %v", tt.name, got, tt.want)
		}
	}
}
