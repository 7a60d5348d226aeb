package sandbox

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ErrUnknownNumber is returned by PlaceCall when no account owns the
// called number.
var ErrUnknownNumber = errors.New("sandbox: no account owns the called number")

// PlaceCall starts a scripted inbound call and returns its CallSid. To a
// sandbox number, the number's voice URL is requested with
// CallStatus=ringing and Direction=inbound; with ApplicationSid set it is a
// Voice SDK call from From ("client:alice") to the TwiML App's voice URL,
// with ApplicationSid and every Params entry as form parameters (wire facts
// §1 "Voice SDK (browser) outgoing calls"). Requests are signed with the
// owning account's auth token.
func (s *Sandbox) PlaceCall(sc CallScript) (string, error) {
	if strings.TrimSpace(sc.From) == "" {
		return "", errors.New("sandbox: the caller's From is required")
	}
	t, err := s.callTarget(sc)
	if err != nil {
		return "", err
	}
	if sc.VoiceURL != "" {
		t.voiceURL, t.voiceMethod, t.fallbackURL = sc.VoiceURL, "POST", ""
	}
	c := s.newCall(t.account, sc.From, t.to, "inbound", "", nil)
	p := s.rt.newProc()
	s.mu.Lock()
	c.numberSid, c.owner, c.status, c.statusCB, c.start = t.numberSid, p, "ringing", t.statusCB, c.created
	s.mu.Unlock()
	s.step(c, Step{Kind: StepPlaced, Party: sc.From, Text: "inbound call to " + t.to})
	s.scriptCaller(c, sc)
	p.start(func(p *proc) { s.runInbound(p, c, t) })
	return c.sid, nil
}

// callTarget is where an inbound call goes: a number's or an
// application's voice configuration.
type callTarget struct {
	account, numberSid, to      string
	voiceURL, voiceMethod       string
	fallbackURL, fallbackMethod string
	statusCB                    statusCallback
	extra                       url.Values // sent with the first request only
}

func (s *Sandbox) callTarget(sc CallScript) (callTarget, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sc.ApplicationSid != "" {
		a, ok := s.apps[sc.ApplicationSid]
		if !ok {
			return callTarget{}, fmt.Errorf("%w: application %s", ErrUnknownNumber, sc.ApplicationSid)
		}
		extra := url.Values{"ApplicationSid": {a.sid}}
		for k, v := range sc.Params {
			extra.Set(k, v)
		}
		return callTarget{account: a.account, to: sc.Params["To"], voiceURL: a.voiceURL, voiceMethod: a.voiceMethod,
			fallbackURL: a.voiceFallbackURL, fallbackMethod: a.voiceFallbackMethod,
			statusCB: statusCallback{url: a.statusCallback, method: a.statusCallbackMethod}, extra: extra}, nil
	}
	for _, n := range s.numbers {
		if a, ok := s.apps[n.voiceAppSid]; ok && n.phone == sc.To {
			// VoiceApplicationSid overrides the number's voice URLs (wire
			// facts §5 IncomingPhoneNumbers).
			return callTarget{account: n.account, numberSid: n.sid, to: n.phone, voiceURL: a.voiceURL, voiceMethod: a.voiceMethod,
				fallbackURL: a.voiceFallbackURL, fallbackMethod: a.voiceFallbackMethod,
				statusCB: statusCallback{url: a.statusCallback, method: a.statusCallbackMethod}}, nil
		}
		if n.phone == sc.To {
			return callTarget{account: n.account, numberSid: n.sid, to: n.phone, voiceURL: n.voiceURL, voiceMethod: n.voiceMethod,
				fallbackURL: n.voiceFallbackURL, fallbackMethod: n.voiceFallbackMethod,
				statusCB: statusCallback{url: n.statusCallback, method: n.statusCBM}}, nil
		}
	}
	return callTarget{}, fmt.Errorf("%w: %s", ErrUnknownNumber, sc.To)
}

// scriptCaller schedules the caller's key presses and hang-up.
func (s *Sandbox) scriptCaller(c *call, sc CallScript) {
	sid := c.sid
	var stops []func() bool
	var pending []string
	for _, d := range sc.Digits {
		if d.At <= 0 {
			pending = append(pending, d.Digits)
			continue
		}
		keys := d.Digits
		stops = append(stops, s.clock.AfterFunc(time.Duration(d.At), func() {
			s.deliverTo(sid, event{kind: evDigits, digits: keys})
		}))
	}
	var said []string
	for _, u := range sc.Speech {
		if u.At <= 0 {
			said = append(said, u.Text)
			continue
		}
		text := u.Text
		stops = append(stops, s.clock.AfterFunc(time.Duration(u.At), func() {
			s.deliverTo(sid, event{kind: evSpeech, digits: text})
		}))
	}
	if sc.HangupAfter > 0 {
		stops = append(stops, s.clock.AfterFunc(time.Duration(sc.HangupAfter), func() {
			s.deliverTo(sid, event{kind: evHangup})
		}))
	}
	s.mu.Lock()
	c.pendingDigits, c.pendingSpeech = pending, said
	c.stopTimers = append(c.stopTimers, stops...)
	s.mu.Unlock()
}

func (s *Sandbox) runInbound(p *proc, c *call, t callTarget) {
	ss := &session{s: s, p: p, c: c, docURL: t.voiceURL, fallbackURL: t.fallbackURL, fallbackMethod: t.fallbackMethod}
	v := s.callParams(c)
	for k, vs := range t.extra {
		v[k] = vs
	}
	out := ss.run(outcome{kind: outFetch, req: hook{purpose: "voice", url: t.voiceURL, method: t.voiceMethod, params: v}})
	s.endCall(c, out)
}

// endCall gives the leg its final status from the way its TwiML ended.
func (s *Sandbox) endCall(c *call, out outcome) {
	s.mu.Lock()
	answered := !c.answered.IsZero()
	s.mu.Unlock()
	switch out.kind {
	case outReject:
		s.finish(c, out.status)
		return
	case outGone:
		status := out.status
		if status == "" || status == "completed" && !answered {
			status = map[bool]string{true: "completed", false: "canceled"}[answered]
		}
		s.finish(c, status)
		return
	case outEnd:
		s.step(c, Step{Kind: StepHangup, Party: "application", Text: "end of TwiML document"})
	}
	s.finish(c, "completed")
}

// awaitAnswer waits for the far end of an outbound leg to answer, refuse
// or let it ring out. It returns the final status when unanswered, and the
// last REST redirect received while ringing (the document to run once
// answered).
func (ss *session) awaitAnswer(timeout time.Duration) (string, *outcome) {
	var redirect *outcome
	tok, stop := ss.p.timer(ss.s.clock, timeout)
	defer stop()
	for {
		ev := ss.p.next()
		switch {
		case ev.kind == evTimer && ev.token == tok:
			ss.s.step(ss.c, Step{Kind: StepNoAnswer, Party: ss.c.to})
			return "no-answer", nil
		case ev.leg != ss.c.sid:
			continue
		case ev.kind == evAnswer:
			ss.s.answer(ss.c, ss.c.to)
			ss.s.farEndAnswered(ss.c)
			return "", redirect
		case ev.kind == evRedirect:
			redirect = ss.ownEvent(ev, ears{})
		case ev.kind == evRefuse:
			ss.s.step(ss.c, Step{Kind: StepBusy, Party: ss.c.to, Status: ev.status})
			return ev.status, nil
		case ev.kind == evEnd:
			return ev.status, nil
		case ev.kind == evHangup:
			return "canceled", nil // Close, or the far end gave up
		case ev.kind == evConf && ss.kicked != nil && ss.kicked():
			return "canceled", nil // kicked (or the conference ended) while ringing
		}
	}
}

// outboundSpec is a Calls create request after validation.
type outboundSpec struct {
	url, method, twiml, fallbackURL, fallbackMethod, sendDigits string
	timeout                                                     time.Duration
	record                                                      bool
	recordingCB, recordingCBMethod                              string
}

// runOutbound is the process of a call created through the REST API
// (Direction outbound-api).
func (s *Sandbox) runOutbound(p *proc, c *call, sp outboundSpec) {
	s.statusEvent(c, "initiated")
	s.ring(c)
	ss := &session{s: s, p: p, c: c, docURL: sp.url, fallbackURL: sp.fallbackURL, fallbackMethod: sp.fallbackMethod}
	status, redirect := ss.awaitAnswer(sp.timeout)
	if status != "" {
		s.finish(c, status)
		return
	}
	if sp.sendDigits != "" {
		s.step(c, Step{Kind: StepPlay, Digits: sp.sendDigits, Text: "SendDigits"})
	}
	if sp.record {
		rec := s.startRecording(c, "", "OutboundAPI")
		s.step(c, Step{Kind: StepRecord, Status: "recording", Detail: map[string]string{"recording_sid": rec.sid, "record": "true"}})
		n := &node{attrs: map[string]string{"recordingStatusCallback": sp.recordingCB, "recordingStatusCallbackMethod": sp.recordingCBMethod}}
		defer s.finishRecording(c, rec, n)
	}
	first := outcome{kind: outFetch, req: hook{purpose: "voice", url: sp.url, method: sp.method, params: s.callParams(c)}}
	if sp.url == "" {
		first = outcome{kind: outFetch, twiml: sp.twiml}
	}
	if redirect != nil {
		first = *redirect // updated with Url/Twiml while still ringing
	}
	s.endCall(c, ss.run(first))
}
