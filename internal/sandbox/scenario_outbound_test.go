package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

func (e *env) createCall(to string, mod func(*openapi.CreateCallParams)) *openapi.ApiV2010Call {
	e.t.Helper()
	p := &openapi.CreateCallParams{}
	p.SetTo(to)
	p.SetFrom(ourNumber)
	if mod != nil {
		mod(p)
	}
	c, err := e.api.CreateCall(p)
	if err != nil {
		e.t.Fatalf("CreateCall: %v", err)
	}
	return c
}

// TestOutboundCallStatusCallbacks: StatusCallbackEvent is sent as repeated
// keys by twilio-go (wire facts §3 "Sending several events"); each event
// arrives with its CallStatus and a growing SequenceNumber.
func TestOutboundCallStatusCallbacks(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		behave   string
		events   []string
		want     [][]string // StatusCallbackEvent, CallStatus, SequenceNumber, CallDuration
		final    string
		duration string
	}{
		{"answered then hung up by the callee", "answer@4s,hangup@20s", []string{"initiated", "ringing", "answered", "completed"},
			[][]string{{"initiated", "initiated", "0", ""}, {"ringing", "ringing", "1", ""}, {"answered", "in-progress", "2", ""}, {"completed", "completed", "3", "20"}},
			"completed", "20"},
		// duration and end_time are null for busy and unanswered calls (OAI descriptions).
		{"busy, only completed by default", "busy", nil, [][]string{{"completed", "busy", "0", "0"}}, "busy", "<nil>"},
		{"no answer after Timeout", "ignore", []string{"completed"}, [][]string{{"completed", "no-answer", "0", "0"}}, "no-answer", "<nil>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "Full")
			e.buy(ourNumber, "")
			b, _ := ParseBehaviour(tc.behave)
			e.sb.SetParty("+12125550123", b)
			e.app.page("/status", ``)
			c := e.createCall("+12125550123", func(p *openapi.CreateCallParams) {
				p.SetTwiml("<Response><Pause length=\"600\"/></Response>")
				p.SetStatusCallback(e.app.url("/status"))
				p.SetTimeout(15)
				if tc.events != nil {
					p.SetStatusCallbackEvent(tc.events)
				}
			})
			if *c.Status != "queued" || *c.Direction != "outbound-api" {
				t.Errorf("created call status %s direction %s, want queued outbound-api", *c.Status, *c.Direction)
			}
			e.sb.RunUntilEnded(context.Background(), *c.Sid, time.Hour)
			var got [][]string
			for _, r := range e.app.requests("/status") {
				got = append(got, []string{r.Form.Get("StatusCallbackEvent"), r.Form.Get("CallStatus"), r.Form.Get("SequenceNumber"), r.Form.Get("CallDuration")})
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("status callbacks mismatch (-want +got):\n%s", d)
			}
			f, err := e.api.FetchCall(*c.Sid, nil)
			if err != nil || *f.Status != tc.final || fmtPtr(f.Duration) != tc.duration || f.StartTime == nil || (f.EndTime != nil) != (tc.final == "completed") {
				t.Errorf("fetched call status %v duration %v end %v (%v), want %s %s", *f.Status, fmtPtr(f.Duration), fmtPtr(f.EndTime), err, tc.final, tc.duration)
			}
			// One started minute at the default outbound rate; unanswered calls cost nothing (null).
			wantPrice := map[bool]string{true: "-0.01400", false: "<nil>"}[tc.final == "completed"]
			if got := fmtPtr(f.Price); got != wantPrice {
				t.Errorf("price = %s, want %s", got, wantPrice)
			}
		})
	}
}

func TestUpdateCall(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Say>Please hold</Say><Pause length="300"/>`))
	e.app.page("/moved", `<Say>You were moved</Say>`)
	t.Run("redirect with Url", func(t *testing.T) {
		sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
		e.sb.Advance(10 * time.Second)
		up := &openapi.UpdateCallParams{}
		up.SetUrl(e.app.url("/moved"))
		if _, err := e.api.UpdateCall(sid, up); err != nil {
			t.Fatal(err)
		}
		tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
		if !hasInOrder(brief(tr, false), "say Please hold", "pause", "redirect", "say You were moved", "ended completed") {
			t.Errorf("transcript:\n%s", tr.Text())
		}
		up2 := &openapi.UpdateCallParams{}
		up2.SetUrl(e.app.url("/moved"))
		_, err := e.api.UpdateCall(sid, up2)
		if got := restCode(t, err); got != 21220 {
			t.Errorf("redirecting an ended call: code %d, want 21220", got)
		}
	})
	t.Run("inline Twiml", func(t *testing.T) {
		sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
		e.sb.Advance(10 * time.Second)
		up := &openapi.UpdateCallParams{}
		up.SetTwiml("<Response><Say>Inline words</Say></Response>")
		e.api.UpdateCall(sid, up)
		tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
		if !hasInOrder(brief(tr, false), "pause", "redirect", "say Inline words", "ended completed") {
			t.Errorf("transcript:\n%s", tr.Text())
		}
	})
	t.Run("Status=completed hangs up", func(t *testing.T) {
		sid, _ := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
		e.sb.Advance(10 * time.Second)
		up := &openapi.UpdateCallParams{}
		up.SetStatus("completed")
		c, err := e.api.UpdateCall(sid, up)
		if err != nil || *c.Status != "completed" || *c.Duration != "10" {
			t.Fatalf("UpdateCall = %+v, %v", c, err)
		}
		tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
		if !hasInOrder(brief(tr, false), "pause", "ended completed") {
			t.Errorf("transcript:\n%s", tr.Text())
		}
	})
	t.Run("Status=canceled on a ringing outbound call", func(t *testing.T) {
		e.sb.SetParty("+12125550199", Behaviour{Action: ActIgnore})
		c := e.createCall("+12125550199", func(p *openapi.CreateCallParams) { p.SetUrl(e.app.url("/moved")) })
		e.sb.Advance(5 * time.Second)
		up := &openapi.UpdateCallParams{}
		up.SetStatus("canceled")
		got, err := e.api.UpdateCall(*c.Sid, up)
		if err != nil || *got.Status != "canceled" {
			t.Fatalf("cancel = %+v, %v", got, err)
		}
	})
}

func TestListCallsPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Hangup/>`))
	for i := 0; i < 5; i++ {
		e.call(CallScript{From: caller, To: ourNumber})
	}
	lp := &openapi.ListCallParams{}
	lp.SetPageSize(2)
	calls, err := e.api.ListCall(lp) // twilio-go follows next_page_uri
	if err != nil || len(calls) != 5 {
		t.Fatalf("ListCall returned %d calls, %v; want 5 across 3 pages", len(calls), err)
	}
	var page map[string]any
	e.getJSON("/Calls.json?PageSize=2&Page=1", &page)
	base := "/2010-04-01/Accounts/" + e.acct.SID + "/Calls.json"
	want := map[string]any{"page": float64(1), "page_size": float64(2), "start": float64(2), "end": float64(3),
		"uri": base + "?PageSize=2&Page=1", "first_page_uri": base + "?PageSize=2&Page=0",
		"previous_page_uri": base + "?PageSize=2&Page=0", "next_page_uri": base + "?PageSize=2&Page=2&PageToken=PA4"}
	delete(page, "calls")
	if d := cmp.Diff(want, page); d != "" {
		t.Errorf("page envelope mismatch (-want +got):\n%s", d)
	}
}

func fmtPtr(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// TestOutboundRecordAndSendDigits: Record=true records the answered call
// (source OutboundAPI) and RecordingStatusCallback gets the result;
// SendDigits is played once the callee answers.
func TestOutboundRecordAndSendDigits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, "")
	e.app.page("/rec-status", ``)
	e.sb.SetParty("+12125550123", Behaviour{Action: ActAnswer, After: Duration(2 * time.Second), HangupAfter: Duration(45 * time.Second)})
	c := e.createCall("+12125550123", func(p *openapi.CreateCallParams) {
		p.SetTwiml("<Response><Pause length=\"600\"/></Response>")
		p.SetRecord(true)
		p.SetSendDigits("1w2")
		p.SetRecordingStatusCallback(e.app.url("/rec-status"))
	})
	tr, _ := e.sb.RunUntilEnded(context.Background(), *c.Sid, time.Hour)
	if !hasInOrder(brief(tr, false), "answered +12125550123", "play SendDigits 1w2", "record recording", "pause", "ended completed", "record completed") {
		t.Errorf("transcript:\n%s", tr.Text())
	}
	cb := e.app.requests("/rec-status")
	if len(cb) != 1 || cb[0].Form.Get("RecordingSource") != "OutboundAPI" || cb[0].Form.Get("RecordingDuration") != "45" {
		t.Errorf("recording callbacks = %+v", cb)
	}
}

func TestListCallsTimeFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.buy(ourNumber, e.app.page("/voice", `<Pause length="30"/>`))
	first := e.call(CallScript{From: caller, To: ourNumber}) // 09:00:00–09:00:30 on 2026-03-02
	e.sb.Advance(24 * time.Hour)
	second := e.call(CallScript{From: caller, To: ourNumber}) // the next day
	day1 := testStart
	cases := []struct {
		name string
		set  func(*openapi.ListCallParams)
		want []string
	}{
		{"StartTime is that UTC date", func(p *openapi.ListCallParams) { p.SetStartTime(day1) }, []string{first.CallSid}},
		{"StartTime> is on or after", func(p *openapi.ListCallParams) { p.SetStartTimeAfter(day1.Add(time.Hour)) }, []string{second.CallSid}},
		{"StartTime< is before", func(p *openapi.ListCallParams) { p.SetStartTimeBefore(day1.Add(time.Hour)) }, []string{first.CallSid}},
		{"EndTime> and EndTime< bound the end", func(p *openapi.ListCallParams) {
			p.SetEndTimeAfter(day1.Add(10 * time.Second))
			p.SetEndTimeBefore(day1.Add(time.Minute))
		}, []string{first.CallSid}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &openapi.ListCallParams{}
			tc.set(p)
			calls, err := e.api.ListCall(p)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range calls {
				got = append(got, *c.Sid)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("calls mismatch (-want +got):\n%s", d)
			}
		})
	}
}
