package sandbox

import (
	"net/url"
	"strings"
	"time"
)

// dialNoun is one thing <Dial> connects to.
type dialNoun struct {
	kind string // Number, Client, Sip, Conference, Queue
	addr string // E.164, client:identity, sip:…, or the room/queue name
	n    *node
}

// dialNouns reads <Dial>'s nouns; bare text is shorthand for <Number>
// (wire facts §2 "Nouns").
func dialNouns(n *node) []dialNoun {
	var out []dialNoun
	for _, c := range n.children {
		switch c.name {
		case "Number", "Sip", "Conference", "Queue":
			out = append(out, dialNoun{kind: c.name, addr: c.text, n: c})
		case "Client":
			id := c.text
			for _, k := range c.children {
				if k.name == "Identity" {
					id = k.text
				}
			}
			out = append(out, dialNoun{kind: "Client", addr: "client:" + strings.TrimSpace(id), n: c})
		}
	}
	if len(n.children) == 0 && n.text != "" {
		out = append(out, dialNoun{kind: "Number", addr: n.text, n: &node{name: "Number", attrs: map[string]string{}}})
	}
	return out
}

// dial runs <Dial> (wire facts §2 <Dial>).
func (ss *session) dial(n *node) outcome {
	nouns := dialNouns(n)
	if len(nouns) == 0 {
		ss.s.step(ss.c, Step{Kind: StepError, Text: "<Dial> has nothing to dial", Detail: map[string]string{"code": "13201"}})
		return outcome{kind: outNext}
	}
	switch nouns[0].kind {
	case "Conference":
		return ss.dialConference(n, nouns[0])
	case "Queue":
		return ss.dialQueue(n, nouns[0])
	}
	if len(nouns) > 10 {
		nouns = nouns[:10] // at most 10 simultaneous nouns (wire facts §9)
	}
	return ss.dialParties(n, nouns)
}

// dialState is a <Dial> to numbers and clients in progress.
type dialState struct {
	ss       *session
	n        *node
	legs     []*call
	pending  []event
	winner   *call
	timedOut bool
	gone     *outcome // the parent hung up, was ended or redirected
	rec      *recording
}

func (d *dialState) next() event {
	if len(d.pending) > 0 {
		ev := d.pending[0]
		d.pending = d.pending[1:]
		return ev
	}
	return d.ss.p.next()
}

func (ss *session) dialParties(n *node, nouns []dialNoun) outcome {
	if !attrBool(n, "answerOnBridge", false) {
		ss.s.answer(ss.c, "")
	}
	d := &dialState{ss: ss, n: n}
	if attrBool(n, "sequential", false) {
		for _, nn := range nouns {
			if d.ring(nn); d.winner != nil || d.gone != nil {
				break
			}
		}
	} else {
		d.ring(nouns...)
	}
	if d.winner == nil {
		return d.result(d.failStatus(), 0)
	}
	dur, rec, o := ss.bridge(n, d.winner)
	d.rec, d.gone = rec, o
	return d.result("completed", dur)
}

// ring rings nouns at once for the Dial's timeout (default 30 s) until one
// answers, all fail, or the caller leaves. With sequential="true" it is
// called once per noun, in order, each ringing for the whole timeout (⚠
// twilio-go's doc comment only says "one after the other").
func (d *dialState) ring(nouns ...dialNoun) {
	d.timedOut = false
	for _, nn := range nouns {
		d.legs = append(d.legs, d.ss.startLeg(d.n, nn))
	}
	tok, stop := d.ss.p.timer(d.ss.s.clock, attrSeconds(d.n, "timeout", 30))
	for d.winner == nil && d.gone == nil && !d.timedOut && d.ringing() > 0 {
		d.handle(d.next(), tok)
	}
	stop()
	d.endRinging()
}

// startLeg creates and rings one child leg (Direction outbound-dial).
func (ss *session) startLeg(dialN *node, nn dialNoun) *call {
	from := dialN.attr("callerId", ss.c.from)
	child := ss.s.newCall(ss.c.account, from, nn.addr, "outbound-dial", ss.c.sid, ss.c.tr)
	child.owner = ss.p
	child.statusCB = nounCallback(resolved(nn.n, ss.docURL, "statusCallback"))
	ss.s.statusEvent(child, "initiated")
	if !validAddress(nn.addr) {
		ss.s.step(child, Step{Kind: StepError, Text: "invalid or unsupported number " + nn.addr, Detail: map[string]string{"code": "13224"}})
		ss.s.step(child, Step{Kind: StepFailed, Party: nn.addr})
		ss.s.finish(child, "failed")
		return child
	}
	ss.s.ring(child)
	return child
}

func validAddress(a string) bool {
	return e164.MatchString(a) || strings.HasPrefix(a, "client:") && len(a) > 7 || strings.HasPrefix(a, "sip:")
}

// nounCallback reads statusCallback, statusCallbackEvent (space-separated)
// and statusCallbackMethod from a noun.
func nounCallback(n *node) statusCallback {
	cb := statusCallback{url: n.attr("statusCallback", ""), method: strings.ToUpper(n.attr("statusCallbackMethod", "POST")), events: map[string]bool{}}
	for _, e := range strings.Fields(n.attr("statusCallbackEvent", "")) {
		cb.events[e] = true
	}
	return cb
}

func (d *dialState) ringing() int {
	c := 0
	for _, l := range d.legs {
		d.ss.s.mu.Lock()
		if !l.ended {
			c++
		}
		d.ss.s.mu.Unlock()
	}
	return c
}

func (d *dialState) leg(sid string) *call {
	for _, l := range d.legs {
		if l.sid == sid {
			return l
		}
	}
	return nil
}

func (d *dialState) handle(ev event, tok uint64) {
	ss := d.ss
	if ev.kind == evTimer {
		d.timedOut = ev.token == tok
		return
	}
	if ev.leg == ss.c.sid {
		if ev.kind == evDigits {
			ss.ownEvent(ev, ears{})
			return
		}
		d.gone = ss.ownEvent(ev, ears{})
		if d.gone != nil && d.gone.kind == outGone {
			ss.s.step(ss.c, Step{Kind: StepHangup, Party: farEnd(ss.c), Text: "while ringing"})
		}
		return
	}
	l := d.leg(ev.leg)
	if l == nil {
		return
	}
	switch ev.kind {
	case evAnswer:
		d.answered(l)
	case evRefuse:
		ss.s.step(l, Step{Kind: StepBusy, Party: l.to, Status: ev.status})
		ss.s.finish(l, ev.status)
	case evEnd:
		ss.s.finish(l, ev.status)
	}
}

// answered handles a child that picked up: it becomes the winner unless
// its whisper (<Number url>) hangs up first (wire facts §2 "Simultaneous
// ring").
func (d *dialState) answered(l *call) {
	ss := d.ss
	ss.s.answer(l, l.to)
	ss.s.farEndAnswered(l)
	for _, nn := range dialNouns(d.n) {
		if nn.addr == l.to && nn.n.attr("url", "") != "" {
			if !d.whisper(l, nn.n) {
				return
			}
		}
	}
	d.winner = l
}

// whisper runs the noun's url TwiML on the answered child leg; it reports
// whether the callee is still there to be connected.
func (d *dialState) whisper(l *call, nn *node) bool {
	ss := d.ss
	parent := ss.c.sid
	var parentEv *event
	ws := &session{s: ss.s, p: ss.p, c: l, docURL: nn.attr("url", ""), purpose: "whisper"}
	ws.interrupt = func(ev event) bool {
		if ev.leg == parent && ev.kind != evDigits {
			parentEv = &ev
			return true
		}
		d.pending = append(d.pending, ev)
		return false
	}
	v := ss.s.callParams(l)
	out := ws.run(outcome{kind: outFetch, req: hook{purpose: "whisper", url: resolveURL(ss.docURL, nn.attr("url", "")), method: strings.ToUpper(nn.attr("method", "POST")), params: v}})
	switch {
	case out.kind == outInterrupted && parentEv != nil:
		d.pending = append([]event{*parentEv}, d.pending...)
		ss.s.finish(l, "completed")
		return false
	case out.kind == outEnd || out.kind == outNext:
		return true
	}
	ss.s.step(l, Step{Kind: StepHangup, Party: l.to, Text: "whisper ended the call; not connected"})
	ss.s.finish(l, "completed")
	return false
}

// endRinging stops every leg still ringing: canceled when someone else
// answered or the caller left, no-answer on timeout.
func (d *dialState) endRinging() {
	status := "canceled"
	if d.winner == nil && d.timedOut {
		status = "no-answer"
	}
	for _, l := range d.legs {
		if l == d.winner {
			continue
		}
		d.ss.s.mu.Lock()
		ended, finished := l.ended, l.finished
		d.ss.s.mu.Unlock()
		if !ended {
			kind := StepCanceled
			if status == "no-answer" {
				kind = StepNoAnswer
			}
			d.ss.s.step(l, Step{Kind: kind, Party: l.to})
		}
		if !finished {
			d.ss.s.finish(l, status)
		}
	}
}

// failStatus is DialCallStatus when nobody was connected.
func (d *dialState) failStatus() string {
	switch {
	case d.gone != nil:
		return "canceled"
	case d.timedOut:
		return "no-answer"
	}
	seen := map[string]bool{}
	for _, l := range d.legs {
		d.ss.s.mu.Lock()
		seen[l.status] = true
		d.ss.s.mu.Unlock()
	}
	for _, st := range []string{"busy", "no-answer", "canceled", "completed"} {
		if seen[st] {
			if st == "completed" {
				return "no-answer" // answered but screened out by the whisper
			}
			return st
		}
	}
	return "failed"
}

// result requests the Dial action with DialCallStatus, DialCallSid,
// DialCallDuration and DialBridged (wire facts §2 "Parameters posted to the
// Dial action URL").
func (d *dialState) result(status string, dur time.Duration) outcome {
	ss := d.ss
	sid := d.legs[0].sid
	if d.winner != nil {
		sid = d.winner.sid
	}
	extra := url.Values{"DialCallStatus": {status}, "DialCallSid": {sid},
		"DialCallDuration": {secs(dur)}, "DialBridged": {boolStr(d.winner != nil)}}
	if d.rec != nil {
		for k, v := range ss.s.recordingParams(d.rec) {
			extra[k] = v
		}
	}
	return ss.afterDial(d.n, extra, d.gone)
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// afterDial requests the action (if any). When the caller is gone the
// action is still requested but its TwiML is ignored (wire facts §2).
func (ss *session) afterDial(n *node, extra url.Values, gone *outcome) outcome {
	action := n.attr("action", "")
	if gone != nil && gone.kind == outFetch {
		return *gone // a REST redirect abandons the document and its action
	}
	if action == "" {
		if gone != nil {
			return *gone
		}
		return outcome{kind: outNext}
	}
	out := ss.fetchOut("dial-action", action, n.attr("method", "POST"), extra)
	if gone != nil {
		out.req.params.Set("CallStatus", "completed")
		ss.s.request(ss.c, out.req)
		return *gone
	}
	return out
}
