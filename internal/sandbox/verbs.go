package sandbox

import (
	"net/url"
	"strings"
	"time"
)

func (ss *session) verb(n *node) outcome {
	switch n.name {
	case "Reject":
		return ss.reject(n)
	case "Redirect":
		return ss.fetchOut("redirect", n.text, n.attr("method", "POST"), nil)
	case "Hangup":
		ss.s.step(ss.c, Step{Kind: StepHangup, Party: "application"})
		return outcome{kind: outHangup}
	case "Leave":
		if ss.inQueue {
			return outcome{kind: outLeave}
		}
		ss.s.step(ss.c, Step{Kind: StepNote, Text: "<Leave> outside a queue is ignored"})
		return outcome{kind: outNext}
	}
	// Every other verb answers an inbound call (Twilio's <Reject> page:
	// "any other response will result in an answered call"), except a
	// <Dial answerOnBridge="true">, which answers when the callee does.
	if n.name != "Dial" || !attrBool(n, "answerOnBridge", false) {
		ss.s.answer(ss.c, "")
	}
	switch n.name {
	case "Say", "Play", "Pause":
		if _, o := ss.prompt(n, false); o != nil {
			return *o
		}
		return outcome{kind: outNext}
	case "Gather":
		return ss.gather(n)
	case "Record":
		return ss.record(n)
	case "Dial":
		return ss.dial(n)
	case "Enqueue":
		return ss.enqueue(n)
	}
	return outcome{kind: outNext}
}

// reject refuses an unanswered call: reason "busy" ends it busy, the
// default "rejected" ends it no-answer (Twilio <Reject> docs: "The call ends
// with a status of busy or no-answer, depending on the verb's reason").
func (ss *session) reject(n *node) outcome {
	ss.s.mu.Lock()
	answered := !ss.c.answered.IsZero()
	ss.s.mu.Unlock()
	if answered {
		// Only a first verb can refuse a call; later it just hangs up the
		// answered call (Twilio's <Reject> page: "the only way to prevent
		// Twilio from answering a call").
		ss.s.step(ss.c, Step{Kind: StepHangup, Party: "application", Text: "<Reject> after the call was answered"})
		return outcome{kind: outHangup}
	}
	reason := n.attr("reason", "rejected")
	status := "no-answer"
	if reason == "busy" {
		status = "busy"
	}
	ss.s.step(ss.c, Step{Kind: StepReject, Status: status, Detail: map[string]string{"reason": reason}})
	return outcome{kind: outReject, status: status}
}

// prompt plays a Say, Play or Pause. With listen set, the first key press
// stops it (barge-in) and is returned.
func (ss *session) prompt(n *node, listen bool) (string, *outcome) {
	loop := attrInt(n, "loop", 1)
	if loop <= 0 {
		loop = 1000 // loop="0" repeats until the call ends (wire facts §2 <Say>)
	}
	var d time.Duration
	switch n.name {
	case "Say":
		d = ss.sayLength(n.text, loop)
		ss.s.step(ss.c, Step{Kind: StepSay, Text: n.text, Detail: sayDetail(n, loop)})
	case "Play":
		d = ss.playLength(n, loop)
		st := Step{Kind: StepPlay, URL: resolveURL(ss.docURL, n.text), Detail: map[string]string{}}
		if dg := n.attr("digits", ""); dg != "" {
			st.URL, st.Digits = "", dg
		}
		if loop != 1 {
			st.Detail["loop"] = itoa(loop)
		}
		ss.s.step(ss.c, st)
	case "Pause":
		d = attrSeconds(n, "length", 1)
		ss.s.step(ss.c, Step{Kind: StepPause, Detail: map[string]string{"length": secs(d)}})
	}
	return ss.sleep(d, listen)
}

func sayDetail(n *node, loop int) map[string]string {
	d := map[string]string{}
	for _, a := range []string{"voice", "language"} {
		if v := n.attr(a, ""); v != "" {
			d[a] = v
		}
	}
	if loop != 1 {
		d["loop"] = itoa(loop)
	}
	return d
}

// playLength: DTMF tones take 0.5 s a key (w is a 0.5 s pause); audio lasts
// Options.PlayDuration because the sandbox does not download it.
func (ss *session) playLength(n *node, loop int) time.Duration {
	if dg := n.attr("digits", ""); dg != "" {
		return time.Duration(len(dg)) * 500 * time.Millisecond
	}
	return ss.s.opts.PlayDuration * time.Duration(loop)
}

// gather collects DTMF (wire facts §2 <Gather>): prompts first (barge-in
// on), then timeout seconds of inactivity; finishOnKey "#" and numDigits
// end it early. With no input it falls through to the next verb unless
// actionOnEmptyResult is true.
func (ss *session) gather(n *node) outcome {
	timeout := attrSeconds(n, "timeout", 5)
	finish := n.attr("finishOnKey", "#")
	numDigits := attrInt(n, "numDigits", 0)
	bargeIn := attrBool(n, "bargeIn", true)
	ss.s.step(ss.c, Step{Kind: StepGather, Detail: gatherDetail(n)})
	var keys string
	for _, p := range n.children {
		if p.name != "Say" && p.name != "Play" && p.name != "Pause" {
			continue
		}
		got, o := ss.prompt(p, bargeIn)
		if o != nil {
			return *o
		}
		if got != "" {
			keys = got
			break
		}
	}
	ss.pressPending()
	digits, finished, o := ss.collect(keys, timeout, finish, numDigits)
	if o != nil {
		return *o
	}
	if digits == "" && !attrBool(n, "actionOnEmptyResult", false) {
		ss.s.step(ss.c, Step{Kind: StepNote, Text: "gather got no input; continuing with the next verb"})
		return outcome{kind: outNext}
	}
	extra := url.Values{"Digits": {digits}, "FinishedOnKey": {finished}, "msg": {"Gather End"}}
	return ss.fetchOut("gather-action", n.attr("action", ""), n.attr("method", "POST"), extra)
}

func gatherDetail(n *node) map[string]string {
	d := map[string]string{}
	for _, a := range []string{"input", "numDigits", "timeout", "finishOnKey", "action", "actionOnEmptyResult"} {
		if n.hasAttr(a) {
			d[a] = n.attr(a, "")
		}
	}
	return d
}

// collect consumes keys until finishOnKey, numDigits or the timeout.
func (ss *session) collect(keys string, timeout time.Duration, finish string, numDigits int) (string, string, *outcome) {
	var digits string
	for {
		for _, k := range keys {
			key := string(k)
			if key == "w" {
				continue
			}
			if finish != "" && strings.Contains(finish, key) {
				ss.s.step(ss.c, Step{Kind: StepDigits, Digits: digits + key})
				return digits, key, nil
			}
			digits += key
			if numDigits > 0 && len(digits) >= numDigits {
				ss.s.step(ss.c, Step{Kind: StepDigits, Digits: digits})
				return digits, "", nil
			}
		}
		got, o := ss.sleep(timeout, true)
		if o != nil {
			return "", "", o
		}
		if got == "" {
			if digits != "" {
				ss.s.step(ss.c, Step{Kind: StepDigits, Digits: digits, Detail: map[string]string{"ended": "timeout"}})
			}
			return digits, "", nil
		}
		keys = got
	}
}

// pressPending schedules the caller's next untimed key entry one second
// after the prompt ended.
func (ss *session) pressPending() {
	ss.s.mu.Lock()
	if len(ss.c.pendingDigits) == 0 {
		ss.s.mu.Unlock()
		return
	}
	keys := ss.c.pendingDigits[0]
	ss.c.pendingDigits = ss.c.pendingDigits[1:]
	ss.s.mu.Unlock()
	sid := ss.c.sid
	stop := ss.s.clock.AfterFunc(time.Second, func() { ss.s.deliverTo(sid, event{kind: evDigits, digits: keys}) })
	ss.s.mu.Lock()
	ss.c.stopTimers = append(ss.c.stopTimers, stop)
	ss.s.mu.Unlock()
}
