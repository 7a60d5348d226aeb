package sandbox

import (
	"net/url"
	"strings"
	"time"
)

type outKind int

const (
	outNext        outKind = iota // go on with the next verb
	outEnd                        // the document ran out of verbs
	outFetch                      // request another document (action, Redirect, REST update)
	outHangup                     // <Hangup> (or an application error)
	outReject                     // <Reject>: status says busy or no-answer
	outGone                       // the far end hung up or the call was ended by REST
	outLeave                      // <Leave> inside a queue's waitUrl
	outInterrupted                // a foreign event stopped the document (see session.interrupt)
)

type outcome struct {
	kind   outKind
	req    hook   // outFetch
	twiml  string // outFetch with inline TwiML (REST update)
	rest   bool   // outFetch came from a REST update, not from the document
	status string // outReject, outGone
	ev     event  // outInterrupted
	failed bool   // outEnd of music whose document could not be fetched
}

// session runs TwiML on one leg inside that leg's process.
type session struct {
	s      *Sandbox
	p      *proc
	c      *call
	docURL string
	// fallback is the VoiceFallbackUrl/FallbackUrl; empty for sub-sessions
	// such as waitUrl and hold music, whose failures only stop the music.
	fallbackURL, fallbackMethod string
	// interrupt decides whether an event that is not for this leg's own
	// far end stops the document; nil means such events are ignored.
	interrupt func(ev event) bool
	// extra adds parameters to every request (queue facts for waitUrl).
	extra func(url.Values)
	// inQueue allows <Leave>.
	inQueue bool
	// kicked reports, for a REST participant still ringing, whether it was
	// removed or its conference ended.
	kicked func() bool
	// purpose names a sub-session (wait-url, hold-url, whisper, queue-url);
	// empty for the call's main document. A failing sub-session stops
	// quietly instead of playing the application-error message.
	purpose string
}

func (ss *session) params() url.Values {
	v := ss.s.callParams(ss.c)
	if ss.extra != nil {
		ss.extra(v)
	}
	return v
}

// run executes documents starting with first until one ends the call or
// hands control back (outEnd, outGone, outInterrupted, ...).
func (ss *session) run(first outcome) outcome {
	next := first
	for {
		doc, out := ss.load(next)
		if doc == nil {
			return out
		}
		out = ss.exec(doc)
		if out.kind != outFetch {
			return out
		}
		if out.rest {
			ss.s.step(ss.c, Step{Kind: StepRedirect, URL: out.req.url, Text: out.twiml, Detail: map[string]string{"by": "REST"}})
		}
		next = out
	}
}

// load fetches (or parses inline) the document; on failure it applies
// Twilio's fallback rules and returns a nil doc with the outcome to use.
func (ss *session) load(o outcome) (*node, outcome) {
	if o.twiml != "" {
		doc, err := parseTwiML([]byte(o.twiml))
		if err != nil {
			return ss.fail(12100, err.Error(), o.req)
		}
		return doc, outcome{}
	}
	res := ss.s.request(ss.c, o.req)
	if res.errCode != 0 {
		return ss.fail(res.errCode, res.err, o.req)
	}
	if isAudio(res.contentType) {
		// An audio response is played as if wrapped in <Play> (wire facts §2
		// <Conference> waitUrl "may be an mp3/wav file").
		ss.docURL = o.req.url
		return &node{name: "Response", children: []*node{{name: "Play", attrs: map[string]string{}, text: o.req.url}}}, outcome{}
	}
	if !isTwiMLType(res.contentType) {
		return ss.fail(12300, "invalid Content-Type "+res.contentType, o.req)
	}
	doc, err := parseTwiML(res.body)
	if err != nil {
		return ss.fail(12100, err.Error(), o.req)
	}
	ss.docURL = o.req.url
	return doc, outcome{}
}

func isAudio(ct string) bool { return strings.HasPrefix(strings.ToLower(ct), "audio/") }

// isTwiMLType accepts XML and the text types real servers label TwiML
// with; anything else is error 12300 (wire facts §2 "Fetch errors").
func isTwiMLType(ct string) bool {
	ct = strings.ToLower(ct)
	for _, ok := range []string{"text/xml", "application/xml", "text/html", "text/plain", ""} {
		if ok == "" && ct == "" || ok != "" && strings.HasPrefix(ct, ok) {
			return true
		}
	}
	return false
}

// fail handles a failed document: with a fallback URL configured Twilio
// requests it with ErrorCode and ErrorUrl added; without one (or when the
// fallback fails too) the caller hears an application-error message and
// the call ends (wire facts §2 "Fetch errors and fallback").
func (ss *session) fail(code int, msg string, req hook) (*node, outcome) {
	ss.s.step(ss.c, Step{Kind: StepError, Text: msg, URL: req.url, Detail: map[string]string{"code": itoa(code)}})
	if ss.fallbackURL != "" && req.purpose != "fallback" {
		v := ss.params()
		v.Set("ErrorCode", itoa(code))
		v.Set("ErrorUrl", req.url)
		fb := hook{purpose: "fallback", url: ss.fallbackURL, method: ss.fallbackMethod, params: v}
		return ss.load(outcome{kind: outFetch, req: fb})
	}
	if ss.purpose != "" {
		return nil, outcome{kind: outEnd, failed: true} // music and announcements just stop
	}
	ss.s.answer(ss.c, "")
	ss.s.step(ss.c, Step{Kind: StepSay, Text: applicationErrorText, Detail: map[string]string{"code": itoa(code)}})
	ss.sleep(ss.sayLength(applicationErrorText, 1), false)
	return nil, outcome{kind: outHangup}
}

// applicationErrorText is what Twilio's default application-error message
// says (⚠ wording from memory of Twilio's recording; see docs/sandbox.md).
const applicationErrorText = "We are sorry, an application error has occurred. Goodbye."

// exec runs the verbs of doc in order.
func (ss *session) exec(doc *node) outcome {
	for _, v := range doc.children {
		out := ss.verb(v)
		if out.kind != outNext {
			return out
		}
	}
	return outcome{kind: outEnd}
}

// ears says what the session is listening for.
type ears struct {
	dtmf, speech bool
}

// sleep waits d (forever when d < 0) and returns early with keys when
// wantDigits is set, or with an outcome when the session must stop.
func (ss *session) sleep(d time.Duration, wantDigits bool) (string, *outcome) {
	ev, o := ss.listen(d, ears{dtmf: wantDigits})
	return ev.digits, o
}

// listen waits d (forever when d < 0) for what e asks for: it returns the
// evDigits or evSpeech event that arrived, a zero event when d passed, or
// an outcome when the session must stop.
func (ss *session) listen(d time.Duration, e ears) (event, *outcome) {
	var tok uint64
	stop := func() bool { return false }
	if d >= 0 {
		tok, stop = ss.p.timer(ss.s.clock, d)
	}
	defer stop()
	for {
		ev := ss.p.next()
		if ev.kind == evTimer {
			if d >= 0 && ev.token == tok {
				return event{}, nil
			}
			continue
		}
		if ev.leg != ss.c.sid {
			if ss.interrupt != nil && ss.interrupt(ev) {
				return event{}, &outcome{kind: outInterrupted, ev: ev}
			}
			continue
		}
		if o := ss.ownEvent(ev, e); o != nil {
			if o.kind == outNext {
				return ev, nil
			}
			return event{}, o
		}
	}
}

// ownEvent interprets an event about this session's own leg. It returns
// nil to keep waiting, outNext for wanted input, or the stopping outcome.
func (ss *session) ownEvent(ev event, e ears) *outcome {
	switch ev.kind {
	case evDigits:
		if e.dtmf {
			return &outcome{kind: outNext}
		}
		ss.s.step(ss.c, Step{Kind: StepDigits, Digits: ev.digits, Detail: map[string]string{"heard": "no (nothing was listening)"}})
		return nil
	case evSpeech:
		if e.speech {
			return &outcome{kind: outNext}
		}
		ss.s.step(ss.c, Step{Kind: StepSpeech, Text: ev.digits, Detail: map[string]string{"heard": "no (nothing was listening)"}})
		return nil
	case evHangup:
		return &outcome{kind: outGone, status: "completed"}
	case evEnd:
		return &outcome{kind: outGone, status: ev.status}
	case evRedirect:
		o := outcome{kind: outFetch, rest: true, twiml: ev.twiml}
		if ev.twiml == "" {
			o.req = hook{purpose: "redirect", url: ev.url, method: ev.method, params: ss.s.callParams(ss.c)}
		}
		return &o
	}
	if ss.interrupt != nil && ss.interrupt(ev) {
		return &outcome{kind: outInterrupted, ev: ev}
	}
	return nil
}

func (ss *session) sayLength(text string, loop int) time.Duration {
	words := float64(len(strings.Fields(text)))
	d := time.Duration(words / ss.s.opts.SayWordsPerSecond * float64(time.Second))
	if d < time.Second {
		d = time.Second
	}
	return d * time.Duration(loop)
}

// fetchOut builds an outFetch to ref (resolved against the document) with
// the leg's parameters plus extra.
func (ss *session) fetchOut(purpose, ref, method string, extra url.Values) outcome {
	if ref == "" {
		ref = ss.docURL
	}
	if method == "" {
		method = "POST"
	}
	v := ss.params()
	for k, vs := range extra {
		v[k] = vs
	}
	return outcome{kind: outFetch, req: hook{purpose: purpose, url: resolveURL(ss.docURL, ref), method: strings.ToUpper(method), params: v}}
}
