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
		if _, o := ss.prompt(n, ears{}); o != nil {
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

// prompt plays a Say, Play or Pause. Input that e listens for stops it
// (barge-in) and is returned.
func (ss *session) prompt(n *node, e ears) (event, *outcome) {
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
	return ss.listen(d, e)
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
// end it early. With input containing "speech" a scripted utterance ends
// it too (SpeechResult, Confidence). With no input it falls through to the
// next verb unless actionOnEmptyResult is true.
func (ss *session) gather(n *node) outcome {
	input := strings.Fields(n.attr("input", "dtmf"))
	e := ears{dtmf: contains(input, "dtmf"), speech: contains(input, "speech")}
	ss.s.step(ss.c, Step{Kind: StepGather, Detail: gatherDetail(n)})
	first, o := ss.gatherPrompts(n, e)
	if o != nil {
		return *o
	}
	ss.pressPending(e)
	g, o := ss.collect(first, n, e)
	if o != nil {
		return *o
	}
	if g.digits == "" && g.speech == "" && !attrBool(n, "actionOnEmptyResult", false) {
		ss.s.step(ss.c, Step{Kind: StepNote, Text: "gather got no input; continuing with the next verb"})
		return outcome{kind: outNext}
	}
	extra := url.Values{"msg": {"Gather End"}}
	if g.speech != "" {
		// The sandbox's recogniser is exact: it reports a fixed confidence.
		extra.Set("SpeechResult", g.speech)
		extra.Set("Confidence", "0.9")
	} else {
		extra.Set("Digits", g.digits)
		extra.Set("FinishedOnKey", g.finished)
	}
	return ss.fetchOut("gather-action", n.attr("action", ""), n.attr("method", "POST"), extra)
}

// gatherPrompts plays the nested Say/Play/Pause; with bargeIn (default
// true) the first input stops them and is returned.
func (ss *session) gatherPrompts(n *node, e ears) (event, *outcome) {
	if !attrBool(n, "bargeIn", true) {
		e = ears{}
	}
	for _, p := range n.children {
		if p.name != "Say" && p.name != "Play" && p.name != "Pause" {
			continue
		}
		ev, o := ss.prompt(p, e)
		if o != nil || ev.kind == evDigits || ev.kind == evSpeech {
			return ev, o
		}
	}
	return event{}, nil
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

// gathered is what a <Gather> collected.
type gathered struct {
	digits, finished, speech string
}

// collect consumes input until finishOnKey, numDigits, an utterance or the
// timeout.
func (ss *session) collect(ev event, n *node, e ears) (gathered, *outcome) {
	timeout := attrSeconds(n, "timeout", 5)
	finish := n.attr("finishOnKey", "#")
	numDigits := attrInt(n, "numDigits", 0)
	var g gathered
	for {
		if ev.kind == evSpeech {
			ss.s.step(ss.c, Step{Kind: StepSpeech, Text: ev.digits})
			return gathered{speech: ev.digits}, nil
		}
		for _, k := range ev.digits {
			key := string(k)
			if key == "w" {
				continue
			}
			if finish != "" && strings.Contains(finish, key) {
				ss.s.step(ss.c, Step{Kind: StepDigits, Digits: g.digits + key})
				g.finished = key
				return g, nil
			}
			g.digits += key
			if numDigits > 0 && len(g.digits) >= numDigits {
				ss.s.step(ss.c, Step{Kind: StepDigits, Digits: g.digits})
				return g, nil
			}
		}
		var o *outcome
		if ev, o = ss.listen(timeout, e); o != nil {
			return gathered{}, o
		}
		if ev.kind == 0 && ev.digits == "" {
			if g.digits != "" {
				ss.s.step(ss.c, Step{Kind: StepDigits, Digits: g.digits, Detail: map[string]string{"ended": "timeout"}})
			}
			return g, nil
		}
	}
}

// pressPending schedules the caller's next untimed entry one second after
// the prompt ended: keys when the Gather takes DTMF, else an utterance.
func (ss *session) pressPending(e ears) {
	ss.s.mu.Lock()
	ev, ok := ss.c.nextPending(e)
	ss.s.mu.Unlock()
	if !ok {
		return
	}
	sid := ss.c.sid
	stop := ss.s.clock.AfterFunc(time.Second, func() { ss.s.deliverTo(sid, ev) })
	ss.s.mu.Lock()
	ss.c.stopTimers = append(ss.c.stopTimers, stop)
	ss.s.mu.Unlock()
}

// nextPending pops the next untimed script entry e can hear. s.mu is held.
func (c *call) nextPending(e ears) (event, bool) {
	switch {
	case e.dtmf && len(c.pendingDigits) > 0:
		keys := c.pendingDigits[0]
		c.pendingDigits = c.pendingDigits[1:]
		return event{kind: evDigits, digits: keys}, true
	case e.speech && len(c.pendingSpeech) > 0:
		text := c.pendingSpeech[0]
		c.pendingSpeech = c.pendingSpeech[1:]
		return event{kind: evSpeech, digits: text}, true
	}
	return event{}, false
}
