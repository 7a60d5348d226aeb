package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// TestCallRecordingAPI starts, pauses, resumes and stops a recording of a
// live call through POST /Calls/{CA}/Recordings (wire facts §5
// "Recordings"); paused time is not recorded.
func TestCallRecordingAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/rec-status", ``)
	e.buy(ourNumber, e.app.page("/voice", `<Pause length="600"/>`))
	sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(200 * time.Second)})
	e.sb.Advance(10 * time.Second)
	cp := &openapi.CreateCallRecordingParams{}
	cp.SetRecordingStatusCallback(e.app.url("/rec-status"))
	cp.SetRecordingChannels("dual")
	r, err := e.api.CreateCallRecording(sid, cp)
	if err != nil || *r.Status != "in-progress" || *r.Source != "StartCallRecordingAPI" || r.Channels != 2 {
		t.Fatalf("CreateCallRecording = %+v, %v", r, err)
	}
	steps := []struct {
		after  time.Duration
		status string
	}{{20 * time.Second, "paused"}, {30 * time.Second, "in-progress"}, {15 * time.Second, "stopped"}}
	for _, st := range steps {
		e.sb.Advance(st.after)
		up := &openapi.UpdateCallRecordingParams{}
		up.SetStatus(st.status)
		if _, err := e.api.UpdateCallRecording(sid, "Twilio.CURRENT", up); err != nil {
			t.Fatalf("set %s: %v", st.status, err)
		}
	}
	got, err := e.api.FetchCallRecording(sid, *r.Sid, nil)
	if err != nil || *got.Status != "completed" || *got.Duration != "35" {
		t.Errorf("recording = status %v duration %v (%v), want completed 35 (20 s + 15 s, pause excluded)", *got.Status, *got.Duration, err)
	}
	cb := e.app.requests("/rec-status")
	if len(cb) != 1 || cb[0].Form.Get("RecordingDuration") != "35" || cb[0].Form.Get("RecordingSource") != "StartCallRecordingAPI" {
		t.Errorf("recording callbacks = %+v", cb)
	}
	e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	list, _ := e.api.ListCallRecording(sid, nil)
	if d := cmp.Diff([]string{*r.Sid}, sids(list)); d != "" {
		t.Errorf("call recordings mismatch (-want +got):\n%s", d)
	}

	t.Run("recording a call that ended is refused", func(t *testing.T) {
		_, err := e.api.CreateCallRecording(sid, &openapi.CreateCallRecordingParams{})
		if got := restCode(t, err); got != 21220 {
			t.Errorf("code = %d, want 21220", got)
		}
	})
}

func TestCallRecordingEndsWithTheCall(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Pause length="600"/>`))
	sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(100 * time.Second)})
	e.sb.Advance(40 * time.Second)
	r, err := e.api.CreateCallRecording(sid, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	got, _ := e.api.FetchRecording(*r.Sid, nil)
	if *got.Status != "completed" || *got.Duration != "60" {
		t.Errorf("recording = %s %s, want completed 60", *got.Status, *got.Duration)
	}
}

func sids(rs []openapi.ApiV2010CallRecording) []string {
	var out []string
	for _, r := range rs {
		out = append(out, *r.Sid)
	}
	return out
}
