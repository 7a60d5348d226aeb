package sandbox

import (
	"strings"
	"time"
)

// bridge connects the session's leg to an answered child leg until one of
// them hangs up, the parent is redirected or ended, timeLimit passes
// (default 14400 s) or, with hangupOnStar, the caller presses * (wire facts
// §2 <Dial>). It returns the bridged time, the recording when record was
// set, and the outcome when the parent left.
func (ss *session) bridge(n *node, child *call) (time.Duration, *recording, *outcome) {
	s := ss.s
	s.answer(ss.c, "") // answerOnBridge: the parent is answered only now
	s.step(ss.c, Step{Kind: StepBridged, Party: child.to, Detail: map[string]string{"with": child.sid}})
	var rec *recording
	if r := n.attr("record", "do-not-record"); r != "do-not-record" && r != "false" {
		rec = s.startRecording(ss.c, "", "DialVerb")
		s.step(ss.c, Step{Kind: StepRecord, Status: "recording", Detail: map[string]string{"recording_sid": rec.sid, "record": r}})
	}
	start := s.clock.Now()
	tok, stop := ss.p.timer(s.clock, attrSeconds(n, "timeLimit", 14400))
	gone := ss.waitBridge(n, child, tok)
	stop()
	dur := s.clock.Now().Sub(start)
	s.step(ss.c, Step{Kind: StepUnbridged, Party: child.to, Detail: map[string]string{"duration": secs(dur)}})
	s.finish(child, "completed")
	if rec != nil {
		s.finishRecording(ss.c, rec, resolved(n, ss.docURL, "recordingStatusCallback"))
	}
	return dur, rec, gone
}

func (ss *session) waitBridge(n *node, child *call, tok uint64) *outcome {
	hangupOnStar := attrBool(n, "hangupOnStar", false)
	for {
		ev := ss.p.next()
		switch {
		case ev.kind == evTimer:
			if ev.token == tok {
				ss.s.step(ss.c, Step{Kind: StepNote, Text: "timeLimit reached"})
				return nil
			}
		case ev.leg == ss.c.sid && ev.kind == evDigits:
			ss.s.step(ss.c, Step{Kind: StepDigits, Digits: ev.digits})
			if hangupOnStar && strings.Contains(ev.digits, "*") {
				return nil
			}
		case ev.leg == ss.c.sid:
			if o := ss.ownEvent(ev, ears{}); o != nil {
				if o.kind == outGone {
					ss.s.step(ss.c, Step{Kind: StepHangup, Party: ss.c.from})
				}
				return o
			}
		case ev.leg == child.sid && (ev.kind == evHangup || ev.kind == evEnd):
			ss.s.step(child, Step{Kind: StepHangup, Party: child.to})
			return nil
		case ev.leg == child.sid && ev.kind == evDigits:
			ss.s.step(child, Step{Kind: StepDigits, Party: child.to, Digits: ev.digits})
		}
	}
}
