package server_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// pleaseHold is the stock announcement queueRouting plays.
const pleaseHold = "Please hold. The next available agent will take your call."

// announcingQueue is queueRouting (5 callers, 10 minutes) with the
// announcement every `every` seconds.
func announcingQueue(every int) func(map[string]int64) map[string]any {
	return func(u map[string]int64) map[string]any {
		r := queueRouting(5, 10)(u)
		r["queue"].(map[string]any)["announcement_every_seconds"] = every
		return r
	}
}

// announcements returns the offsets at which the caller heard the queue's
// announcement, and whether hold music played between each and the next
// (and after the last).
func announcements(tr sandbox.Transcript, caller string) ([]time.Duration, bool) {
	var at []time.Duration
	music := true
	for _, st := range tr.Steps {
		switch {
		case st.CallSid != caller:
		case st.Kind == sandbox.StepSay && st.Text == pleaseHold:
			if len(at) > 0 && !music {
				return at, false
			}
			at, music = append(at, time.Duration(st.Offset)), false
		case st.Kind == sandbox.StepPlay && st.URL == callflow.DefaultHoldMusic:
			music = true
		}
	}
	return at, music
}

// every lists from, from+n, from+2n … before end.
func every(from, n, end time.Duration) []time.Duration {
	var out []time.Duration
	for t := from; t < end; t += n {
		out = append(out, t)
	}
	return out
}

// pendingAnnouncements counts the call's announce jobs not yet run.
func pendingAnnouncements(t *testing.T, e *env, id call.ID) int {
	t.Helper()
	var n int
	if err := e.st.DB().QueryRow(`SELECT COUNT(*) FROM jobs WHERE call_id = $1 AND kind = $2 AND done_at IS NULL`,
		int64(id), call.JobAnnounce).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestQueueAnnouncementFrequency: a caller waiting in the queue with
// nobody free hears the announcement when they start waiting, then every N
// seconds exactly (announce jobs playing it through the conference
// participant's AnnounceUrl), with the hold music in between, until they
// hang up (R-IN-13).
func TestQueueAnnouncementFrequency(t *testing.T) {
	t.Parallel()
	const hangup = 70 * time.Second
	for _, n := range []int{10, 25} {
		t.Run(fmt.Sprintf("every %d s", n), func(t *testing.T) {
			t.Parallel()
			s := newScenario(t, announcingQueue(n), []string{"alice"}, nil)
			if err := s.e.st.SetBusy(context.Background(), 1, orgUser(s.users["alice"]), true); err != nil {
				t.Fatal(err)
			}
			tr, c, _ := s.call(t, sandbox.CallScript{HangupAfter: sandbox.Duration(hangup)})
			got, music := announcements(tr, tr.CallSid)
			if len(got) == 0 {
				t.Fatalf("no announcement heard:\n%s", tr.Text())
			}
			want := every(got[0], time.Duration(n)*time.Second, hangup)
			if d := cmp.Diff(want, got); d != "" || !music {
				t.Errorf("announcements at (-want +got):\n%s\nhold music between each: %v\n%s", d, music, tr.Text())
			}
			if c.Outcome != call.Abandoned || c.Status != call.Completed {
				t.Errorf("call record: outcome %q, status %q; want abandoned, completed", c.Outcome, c.Status)
			}
			if p := pendingAnnouncements(t, s.e, c.ID); p > 1 {
				t.Errorf("%d announce jobs still pending after the call; the chain keeps one at most", p)
			}
		})
	}
}

// TestQueueAnnouncementStopsWhenOffered: once the waiting caller is
// offered to an agent who became free, no announcement plays any more
// (the wait loop and the pending announce job see the call is no longer
// queued), and the chain of announce jobs ends.
func TestQueueAnnouncementStopsWhenOffered(t *testing.T) {
	t.Parallel()
	const offerAt = 35 * time.Second
	s := newScenario(t, announcingQueue(10), []string{"alice"}, map[string]string{"alice": "answer@2s,hangup@30s"})
	ctx := context.Background()
	if err := s.e.st.SetBusy(ctx, 1, orgUser(s.users["alice"]), true); err != nil {
		t.Fatal(err)
	}
	sid, err := s.e.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: s.number.E164})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.e.sb.Advance(offerAt); err != nil {
		t.Fatal(err)
	}
	if err := s.e.st.SetBusy(ctx, 1, orgUser(s.users["alice"]), false); err != nil {
		t.Fatal(err)
	}
	if err := s.e.srv.Webhooks().OfferQueued(ctx, 1, orgUser(s.users["alice"])); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	tr, err := s.e.sb.RunUntilEnded(runCtx, sid, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	s.e.sb.Settle()
	c, err := s.e.st.CallForWebhook(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if c.Outcome != call.Answered || int64(c.AnsweredBy) != s.users["alice"] {
		t.Fatalf("call = %+v\n%s", c, tr.Text())
	}
	got, _ := announcements(tr, sid)
	if len(got) == 0 {
		t.Fatalf("no announcement heard:\n%s", tr.Text())
	}
	if d := cmp.Diff(every(got[0], 10*time.Second, offerAt), got); d != "" {
		t.Errorf("announcements at (-want +got), none after the offer at %v:\n%s\n%s", offerAt, d, tr.Text())
	}
	if p := pendingAnnouncements(t, s.e, c.ID); p != 0 {
		t.Errorf("%d announce jobs pending after the call was answered, want none", p)
	}
}
