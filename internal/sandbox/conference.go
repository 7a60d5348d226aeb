package sandbox

import (
	"net/url"
	"strconv"
	"strings"
	"time"
)

// confByName returns the account's live conference called name, creating
// it (status init) when asked. A completed room's name starts a new
// conference with a new SID.
func (s *Sandbox) confByName(acct, name string, create bool) *conference {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.confs {
		if c.account == acct && c.name == name && c.status != "completed" {
			return c
		}
	}
	if !create {
		return nil
	}
	now := s.clock.Now()
	c := &conference{sid: newSID("CF"), account: acct, name: name, status: "init", created: now, updated: now}
	s.confs[c.sid] = c
	return c
}

// participantFromNoun reads <Conference> attributes (wire facts §2
// "<Conference> noun"): startConferenceOnEnter defaults to true,
// endConferenceOnExit and muted to false; waitUrl absent means Twilio's
// hold music and "" means silence.
func participantFromNoun(n *node, callSid string) *participant {
	p := &participant{callSid: callSid, muted: attrBool(n, "muted", false),
		startOnEnter: attrBool(n, "startConferenceOnEnter", true), endOnExit: attrBool(n, "endConferenceOnExit", false),
		waitMeth: strings.ToUpper(n.attr("waitMethod", "POST")), holdMethod: "GET", label: n.attr("participantLabel", ""),
		coaching: false}
	p.waitURL, p.waitSet = n.attrs["waitUrl"]
	return p
}

func confCallbackFrom(n *node) confCallback {
	cb := confCallback{url: n.attr("statusCallback", ""), method: strings.ToUpper(n.attr("statusCallbackMethod", "POST")), events: map[string]bool{}}
	for _, e := range strings.Fields(n.attr("statusCallbackEvent", "")) {
		cb.events[e] = true
	}
	return cb
}

// dialConference runs <Dial><Conference>. After the participant leaves,
// the Dial action gets DialCallStatus=answered (wire facts §2
// "DialCallStatus": answered is used when the dial was to a Conference).
func (ss *session) dialConference(n *node, nn dialNoun) outcome {
	s := ss.s
	s.answer(ss.c, "")
	conf := s.confByName(ss.c.account, nn.addr, true)
	part := participantFromNoun(nn.n, ss.c.sid)
	s.mu.Lock()
	if conf.statusCB.url == "" {
		conf.statusCB = confCallbackFrom(resolved(nn.n, ss.docURL, "statusCallback"))
	}
	conf.parts = append(conf.parts, part)
	s.mu.Unlock()
	if nn.n.attr("record", "") == "record-from-start" {
		defer s.finishRecording(ss.c, s.startRecording(ss.c, conf.sid, "Conference"), resolved(nn.n, ss.docURL, "recordingStatusCallback"))
	}
	start := s.clock.Now()
	gone := ss.inConference(conf, part)
	extra := url.Values{"DialCallStatus": {"answered"}, "DialCallSid": {ss.c.sid},
		"DialCallDuration": {secs(s.clock.Now().Sub(start))}, "DialBridged": {"true"}, "ConferenceSid": {conf.sid}}
	return ss.afterDial(n, extra, gone)
}

// inConference keeps the leg in conf until it leaves: hung up, redirected,
// kicked, or the conference ended. It returns the outcome when the leg
// itself went away, nil when the conference let it go.
func (ss *session) inConference(conf *conference, part *participant) *outcome {
	s := ss.s
	me := ss.c.sid
	cs := &session{s: s, p: ss.p, c: ss.c, docURL: ss.docURL, purpose: "conference"}
	cs.interrupt = func(ev event) bool { return ev.leg == me && ev.kind == evConf }
	s.join(conf, part, ss.c)
	hold, started, muted := false, true, part.muted
	for {
		st := s.partState(conf, part)
		if st.started && !started {
			s.step(ss.c, Step{Kind: StepNote, Text: "conference started", Detail: map[string]string{"conference": conf.name}})
		}
		started = st.started
		if st.ended || st.kicked {
			s.leave(conf, part, ss.c, st.kicked)
			return nil
		}
		if st.hold != hold {
			hold = st.hold
			s.holdChanged(conf, part, ss.c, hold)
		}
		if st.muted != muted {
			muted = st.muted
			s.muteChanged(conf, part, ss.c, muted)
		}
		var o *outcome
		switch {
		case st.announce != nil:
			if o = cs.announce(conf, part, s.takeAnnouncement(part)); o == nil {
				continue // back to the music (from the top) or the conference
			}
		case st.hold:
			o = cs.music(st.holdURL, st.holdMethod, st.holdURL != "", "hold-url")
		case !st.started:
			o = cs.music(st.waitURL, st.waitMeth, st.waitSet, "wait-url")
		default:
			_, o = cs.sleep(-1, false)
		}
		if o.kind == outInterrupted {
			continue
		}
		if o.kind == outGone {
			s.step(ss.c, Step{Kind: StepHangup, Party: farEnd(ss.c)})
		}
		s.leave(conf, part, ss.c, false)
		return o
	}
}

// music plays hold or wait music until interrupted. Not set means Twilio's
// default music; set but empty means silence.
func (cs *session) music(u, method string, set bool, purpose string) *outcome {
	switch {
	case !set:
		cs.s.step(cs.c, Step{Kind: StepMusic, Text: "Twilio default hold music"})
	case u == "":
		cs.s.step(cs.c, Step{Kind: StepNote, Text: "silence while waiting"})
	default:
		cs.purpose = purpose
		o := cs.loopMusic(outcome{kind: outFetch, req: hook{purpose: purpose, url: resolveURL(cs.docURL, u), method: method}})
		return &o
	}
	_, o := cs.sleep(-1, false)
	return o
}

type partSnapshot struct {
	ended, kicked, hold, started bool
	participant
}

func (s *Sandbox) partState(conf *conference, part *participant) partSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return partSnapshot{ended: conf.status == "completed", kicked: part.kicked, hold: part.hold,
		started: conf.started, participant: *part}
}

// join connects the participant and starts the conference when it is the
// first to enter with startConferenceOnEnter.
func (s *Sandbox) join(conf *conference, part *participant, c *call) {
	s.mu.Lock()
	now := s.clock.Now()
	part.status, part.updated = "connected", now
	if part.created.IsZero() {
		part.created = now
	}
	starts := part.startOnEnter && !conf.started
	if starts {
		conf.started, conf.status, conf.updated = true, "in-progress", now
	}
	s.mu.Unlock()
	s.step(c, Step{Kind: StepConfJoin, Text: conf.name, Detail: map[string]string{"conference_sid": conf.sid,
		"startConferenceOnEnter": strconv.FormatBool(part.startOnEnter), "endConferenceOnExit": strconv.FormatBool(part.endOnExit)}})
	s.confEvent(conf, c, part, "participant-join", "join")
	if starts {
		s.confEvent(conf, c, part, "conference-start", "start")
		s.notifyConf(conf, c.sid)
	}
}

func (s *Sandbox) holdChanged(conf *conference, part *participant, c *call, hold bool) {
	if hold {
		s.step(c, Step{Kind: StepHold, Text: conf.name})
		s.confEvent(conf, c, part, "participant-hold", "hold")
		return
	}
	s.step(c, Step{Kind: StepUnhold, Text: conf.name})
	s.confEvent(conf, c, part, "participant-unhold", "hold")
}

func (s *Sandbox) muteChanged(conf *conference, part *participant, c *call, muted bool) {
	ev := map[bool]string{true: "participant-mute", false: "participant-unmute"}[muted]
	s.step(c, Step{Kind: StepNote, Text: ev, Detail: map[string]string{"conference": conf.name}})
	s.confEvent(conf, c, part, ev, "mute")
}

// leave removes the participant; the conference ends when it had
// endConferenceOnExit or was the last one (Twilio's
// ReasonConferenceEnded values, wire facts §2).
func (s *Sandbox) leave(conf *conference, part *participant, c *call, kicked bool) {
	s.mu.Lock()
	now := s.clock.Now()
	part.status = "complete"
	for i, p := range conf.parts {
		if p == part {
			conf.parts = append(conf.parts[:i], conf.parts[i+1:]...)
			break
		}
	}
	how := "left"
	if kicked {
		how = "kicked"
	}
	ends := ""
	if conf.status != "completed" {
		switch {
		case part.endOnExit:
			ends = "participant-with-end-conference-on-exit-" + how
		case connectedCount(conf) == 0:
			ends = "last-participant-" + how
		}
	}
	if ends != "" {
		conf.status, conf.reason, conf.endingCall, conf.updated = "completed", ends, c.sid, now
	}
	s.mu.Unlock()
	s.step(c, Step{Kind: StepConfLeave, Text: conf.name, Detail: map[string]string{"how": how}})
	s.confEvent(conf, c, part, "participant-leave", "leave")
	if ends != "" {
		s.step(c, Step{Kind: StepNote, Text: "conference ended", Detail: map[string]string{"reason": ends}})
		s.confEvent(conf, c, part, "conference-end", "end")
		s.notifyConf(conf, c.sid)
	}
}

func connectedCount(conf *conference) int {
	n := 0
	for _, p := range conf.parts {
		if p.status == "connected" {
			n++
		}
	}
	return n
}

// notifyConf tells every other participant that the conference changed.
func (s *Sandbox) notifyConf(conf *conference, except string) {
	s.mu.Lock()
	var sids []string
	for _, p := range conf.parts {
		if p.callSid != except {
			sids = append(sids, p.callSid)
		}
	}
	s.mu.Unlock()
	for _, sid := range sids {
		s.deliverTo(sid, event{kind: evConf})
	}
}

// endConference ends conf by REST (Status=completed).
func (s *Sandbox) endConference(conf *conference) {
	s.mu.Lock()
	if conf.status != "completed" {
		conf.status, conf.reason, conf.updated = "completed", "conference-ended-via-api", s.clock.Now()
	}
	s.mu.Unlock()
	s.notifyConf(conf, "")
}

// confEvent sends a conference status callback when subscribed (wire
// facts §2 "Conference status-callback body").
func (s *Sandbox) confEvent(conf *conference, c *call, part *participant, event, short string) {
	s.mu.Lock()
	cb := conf.statusCB
	want := cb.url != "" && cb.events[short]
	seq := conf.seq
	if want {
		conf.seq++
	}
	v := url.Values{"ConferenceSid": {conf.sid}, "FriendlyName": {conf.name}, "AccountSid": {conf.account},
		"CallSid": {c.sid}, "SequenceNumber": {itoa(seq)}, "Timestamp": {s.clock.Now().UTC().Format(rfc2822)},
		"StatusCallbackEvent": {event}, "Muted": {strconv.FormatBool(part.muted)}, "Hold": {strconv.FormatBool(part.hold)},
		"Coaching": {"false"}, "EndConferenceOnExit": {strconv.FormatBool(part.endOnExit)},
		"StartConferenceOnEnter": {strconv.FormatBool(part.startOnEnter)}}
	if event == "conference-end" {
		v.Set("ReasonConferenceEnded", conf.reason)
		v.Set("CallSidEndingConference", conf.endingCall)
	}
	s.mu.Unlock()
	if want {
		s.request(c, hook{purpose: "conference-status-callback", url: cb.url, method: cb.method, params: v})
	}
}

// runParticipant is the process of a participant added through the REST
// API: an outbound-api leg that rings To (Timeout, default 60 s) and joins
// the conference when answered; it hangs up when it leaves.
func (s *Sandbox) runParticipant(p *proc, c *call, conf *conference, part *participant, timeout time.Duration) {
	s.statusEvent(c, "initiated")
	s.ring(c)
	s.setPart(part, "ringing")
	ss := &session{s: s, p: p, c: c}
	ss.kicked = func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return part.kicked || conf.status == "completed"
	}
	// A REST redirect while ringing is ignored: a participant leg runs no
	// TwiML of its own.
	status, _ := ss.awaitAnswer(timeout)
	if status != "" {
		s.mu.Lock()
		for i, pp := range conf.parts {
			if pp == part {
				conf.parts = append(conf.parts[:i], conf.parts[i+1:]...)
				break
			}
		}
		part.status = "failed"
		s.mu.Unlock()
		s.finish(c, status)
		return
	}
	ss.inConference(conf, part)
	s.finish(c, "completed")
}

func (s *Sandbox) setPart(part *participant, status string) {
	s.mu.Lock()
	part.status = status
	s.mu.Unlock()
}
