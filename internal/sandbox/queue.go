package sandbox

import (
	"net/url"
	"strings"
	"time"
)

// queueByName finds or (create) makes the account's queue called name.
func (s *Sandbox) queueByName(acct, name string, create bool) *queue {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, q := range s.queues {
		if q.account == acct && q.name == name {
			return q
		}
	}
	if !create {
		return nil
	}
	now := s.clock.Now()
	q := &queue{sid: newSID("QU"), account: acct, name: name, maxSize: 1000, created: now, updated: now}
	s.queues[q.sid] = q
	return q
}

// queueFacts are the waitUrl parameters (wire facts §2 <Enqueue>):
// QueuePosition (1-based), QueueSid, QueueTime, AvgQueueTime,
// CurrentQueueSize and MaxQueueSize.
func (s *Sandbox) queueFacts(q *queue, callSid string, limit int) url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := url.Values{"QueueSid": {q.sid}, "CurrentQueueSize": {itoa(len(q.members))}, "MaxQueueSize": {itoa(limit)},
		"AvgQueueTime": {itoa(q.avgWait())}}
	for i, m := range q.members {
		if m.callSid == callSid {
			v.Set("QueuePosition", itoa(i+1))
			v.Set("QueueTime", secs(s.clock.Now().Sub(m.enqueued)))
		}
	}
	return v
}

func (q *queue) avgWait() int {
	if q.waitCount == 0 {
		return 0
	}
	return int((q.waitTotal / time.Duration(q.waitCount)).Seconds())
}

// removeMember takes callSid out of q and returns how long it waited.
func (s *Sandbox) removeMember(q *queue, callSid string) (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, m := range q.members {
		if m.callSid == callSid {
			q.members = append(q.members[:i], q.members[i+1:]...)
			w := s.clock.Now().Sub(m.enqueued)
			q.waitTotal += w
			q.waitCount++
			q.updated = s.clock.Now()
			return w, true
		}
	}
	return 0, false
}

// enqueue runs <Enqueue>: join the named queue (created on demand; full at
// maxQueueSize, default the queue's MaxSize of 1000), loop the waitUrl until
// dequeued, <Leave> or hang-up, then request action with QueueResult,
// QueueSid and QueueTime (wire facts §2 <Enqueue>).
func (ss *session) enqueue(n *node) outcome {
	s := ss.s
	q := s.queueByName(ss.c.account, n.text, true)
	s.mu.Lock()
	limit := attrInt(n, "maxQueueSize", q.maxSize)
	full := len(q.members) >= limit
	if !full {
		q.members = append(q.members, &member{callSid: ss.c.sid, enqueued: s.clock.Now()})
		q.updated = s.clock.Now()
	}
	s.mu.Unlock()
	if full {
		s.step(ss.c, Step{Kind: StepNote, Text: "queue full", Detail: map[string]string{"queue": q.name, "max": itoa(limit)}})
		return ss.queueResult(n, q, "queue-full", 0, nil)
	}
	s.step(ss.c, Step{Kind: StepEnqueued, Text: q.name, Detail: map[string]string{"queue_sid": q.sid}})
	out := ss.waitInQueue(n, q, limit)
	switch out.kind {
	case outInterrupted: // dequeued by <Dial><Queue>
		return ss.dequeued(n, q, out.ev)
	}
	waited, _ := s.removeMember(q, ss.c.sid)
	s.step(ss.c, Step{Kind: StepDequeued, Text: q.name, Detail: map[string]string{"wait": secs(waited)}})
	switch out.kind {
	case outLeave:
		return ss.queueResult(n, q, "leave", waited, nil)
	case outHangup:
		return ss.queueResult(n, q, "hangup", waited, &outcome{kind: outHangup})
	case outGone:
		return ss.queueResult(n, q, "hangup", waited, &out)
	}
	return out // a REST redirect or member update: the document is abandoned
}

// waitInQueue plays waitUrl in a loop (Twilio's hold music when no waitUrl
// is given) until something other than the music happens.
func (ss *session) waitInQueue(n *node, q *queue, limit int) outcome {
	me := ss.c.sid
	ws := &session{s: ss.s, p: ss.p, c: ss.c, docURL: ss.docURL, purpose: "wait-url", inQueue: true}
	ws.interrupt = func(ev event) bool { return ev.leg == me && ev.kind == evDequeue }
	ws.extra = func(v url.Values) {
		for k, vs := range ss.s.queueFacts(q, me, limit) {
			v[k] = vs
		}
	}
	waitURL := n.attr("waitUrl", "")
	if waitURL == "" {
		ss.s.step(ss.c, Step{Kind: StepMusic, Text: "Twilio default hold music"})
		_, o := ws.sleep(-1, false)
		return *o
	}
	next := outcome{kind: outFetch, req: hook{purpose: "wait-url", url: resolveURL(ss.docURL, waitURL), method: strings.ToUpper(n.attr("waitUrlMethod", "POST"))}}
	return ws.loopMusic(next)
}

// loopMusic runs a waitUrl-style document again and again: when it ends the
// same URL is requested anew (wire facts §2 <Enqueue> "waitUrl"). A
// document that takes no time would spin, so the sandbox then waits in
// silence until something happens.
func (ws *session) loopMusic(first outcome) outcome {
	for {
		started := ws.s.clock.Now()
		first.req.params = ws.params()
		out := ws.run(first)
		if out.kind != outEnd {
			return out
		}
		// A document that could not be fetched stops the music: the leg
		// waits in silence rather than asking again at once, for ever.
		if out.failed || !ws.s.clock.Now().After(started) {
			_, o := ws.sleep(-1, false)
			return *o
		}
	}
}

// dequeued connects a member picked by <Dial><Queue>: the noun's url TwiML
// is played to the member first, then both legs stay bridged until one
// leaves; the Enqueue action then gets QueueResult=bridged.
func (ss *session) dequeued(n *node, q *queue, ev event) outcome {
	s := ss.s
	agent := s.partyOf(ev.peer)
	s.step(ss.c, Step{Kind: StepDequeued, Text: q.name, Party: agent, Detail: map[string]string{"by": ev.peer}})
	if ev.url != "" {
		as := &session{s: s, p: ss.p, c: ss.c, docURL: ev.url, purpose: "queue-url"}
		out := as.run(outcome{kind: outFetch, req: hook{purpose: "queue-url", url: ev.url, method: ev.method, params: s.callParams(ss.c)}})
		if out.kind == outGone || out.kind == outHangup {
			s.deliverTo(ev.peer, event{kind: evPeerEnded, peer: ss.c.sid})
			return ss.queueResult(n, q, "hangup", 0, &outcome{kind: outGone, status: "completed"})
		}
	}
	s.deliverTo(ev.peer, event{kind: evBridged, peer: ss.c.sid})
	s.step(ss.c, Step{Kind: StepBridged, Party: agent, Detail: map[string]string{"with": ev.peer}})
	start := s.clock.Now()
	gone := ss.waitPeer(ev.peer)
	s.step(ss.c, Step{Kind: StepUnbridged, Party: agent, Detail: map[string]string{"duration": secs(s.clock.Now().Sub(start))}})
	if gone != nil && gone.kind == outFetch {
		return *gone
	}
	// ev.status carries the QueueTime the dialler measured at dequeue.
	return ss.queueResultStr(n, q, "bridged", ev.status, gone)
}

// waitPeer waits until this leg or its bridged peer leaves; it tells the
// peer when this side leaves first.
func (ss *session) waitPeer(peer string) *outcome {
	for {
		ev := ss.p.next()
		switch {
		case ev.kind == evPeerEnded && ev.peer == peer:
			return nil
		case ev.leg == ss.c.sid && ev.kind != evTimer:
			if o := ss.ownEvent(ev, ears{}); o != nil && o.kind != outNext {
				ss.s.deliverTo(peer, event{kind: evPeerEnded, peer: ss.c.sid})
				if o.kind == outGone {
					ss.s.step(ss.c, Step{Kind: StepHangup, Party: farEnd(ss.c)})
				}
				return o
			}
		}
	}
}

func (ss *session) queueResult(n *node, q *queue, result string, waited time.Duration, gone *outcome) outcome {
	return ss.queueResultStr(n, q, result, secs(waited), gone)
}

// queueResultStr requests the Enqueue action; without one, execution goes
// on with the next verb (or ends, when the caller is gone).
func (ss *session) queueResultStr(n *node, q *queue, result, waited string, gone *outcome) outcome {
	action := n.attr("action", "")
	if action == "" {
		if gone != nil {
			return *gone
		}
		return outcome{kind: outNext}
	}
	extra := url.Values{"QueueResult": {result}, "QueueSid": {q.sid}, "QueueTime": {waited}}
	out := ss.fetchOut("enqueue-action", action, n.attr("method", "POST"), extra)
	if gone != nil && gone.kind == outGone {
		out.req.params.Set("CallStatus", "completed")
		ss.s.request(ss.c, out.req)
		return *gone
	}
	if gone != nil {
		ss.s.request(ss.c, out.req)
		return *gone
	}
	return out
}

// dialQueue runs <Dial><Queue>: it takes the member at the front of the
// queue, plays it the noun's url, and bridges the two legs (wire facts §2
// "<Queue>"). An empty queue ends the Dial at once with no-answer (⚠ not
// documented by Twilio; see docs/sandbox.md).
func (ss *session) dialQueue(n *node, nn dialNoun) outcome {
	s := ss.s
	s.answer(ss.c, "")
	q := s.queueByName(ss.c.account, nn.addr, false)
	var m *member
	if q != nil {
		s.mu.Lock()
		if len(q.members) > 0 {
			m = q.members[0]
		}
		s.mu.Unlock()
	}
	if m == nil {
		s.step(ss.c, Step{Kind: StepNote, Text: "queue " + nn.addr + " is empty"})
		return ss.afterDial(n, url.Values{"DialCallStatus": {"no-answer"}, "DialCallSid": {""}, "DialCallDuration": {"0"}, "DialBridged": {"false"}}, nil)
	}
	waited, _ := s.removeMember(q, m.callSid)
	s.step(ss.c, Step{Kind: StepDequeued, Text: q.name, Party: s.partyOf(m.callSid), Detail: map[string]string{"member": m.callSid, "waited": secs(waited)}})
	u := nn.n.attr("url", "")
	if u != "" {
		u = resolveURL(ss.docURL, u)
	}
	s.deliverTo(m.callSid, event{kind: evDequeue, peer: ss.c.sid, url: u, method: strings.ToUpper(nn.n.attr("method", "POST")), status: secs(waited)})
	return ss.awaitMember(n, m.callSid)
}

// awaitMember is the dialler's side of a queue bridge.
func (ss *session) awaitMember(n *node, member string) outcome {
	s := ss.s
	bridged := false
	var start time.Time
	var gone *outcome
	for gone == nil {
		ev := ss.p.next()
		if ev.kind == evBridged && ev.peer == member {
			bridged, start = true, s.clock.Now()
			s.step(ss.c, Step{Kind: StepBridged, Party: s.partyOf(member), Detail: map[string]string{"with": member}})
			continue
		}
		if ev.kind == evPeerEnded && ev.peer == member {
			break
		}
		if ev.leg == ss.c.sid && ev.kind != evTimer {
			if o := ss.ownEvent(ev, ears{}); o != nil && o.kind != outNext {
				s.deliverTo(member, event{kind: evPeerEnded, peer: ss.c.sid})
				gone = o
			}
		}
	}
	dur := time.Duration(0)
	status := "no-answer"
	if bridged {
		dur, status = s.clock.Now().Sub(start), "completed"
		s.step(ss.c, Step{Kind: StepUnbridged, Party: s.partyOf(member), Detail: map[string]string{"duration": secs(dur)}})
	}
	extra := url.Values{"DialCallStatus": {status}, "DialCallSid": {member}, "DialCallDuration": {secs(dur)}, "DialBridged": {boolStr(bridged)}}
	return ss.afterDial(n, extra, gone)
}

// farEnd is the party at the other end of leg c: the caller of an inbound
// call, the callee otherwise.
func farEnd(c *call) string {
	if c.direction == "inbound" {
		return c.from
	}
	return c.to
}

// partyOf names the person on leg sid (see farEnd).
func (s *Sandbox) partyOf(sid string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.calls[sid]; ok {
		return farEnd(c)
	}
	return sid
}
