package sandbox

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

type evKind int

const (
	evTimer     evKind = iota
	evDigits           // the far end pressed keys
	evSpeech           // the far end said something (the text travels in digits)
	evHangup           // the far end hung up
	evAnswer           // a ringing leg was answered
	evRefuse           // a ringing leg ended unanswered (status says how)
	evRedirect         // REST update with Url/Twiml, or a queue member update
	evEnd              // REST update with Status=completed/canceled
	evDequeue          // a queue member was picked by <Dial><Queue>
	evBridged          // the dequeued member is now connected to the dialler
	evPeerEnded        // the other side of a bridge left
	evConf             // the leg's conference changed
)

type event struct {
	kind   evKind
	leg    string
	token  uint64
	digits string
	status string
	url    string
	method string
	twiml  string
	peer   string
	member bool // evRedirect came from a queue member update
}

// deliverTo routes ev to whichever process owns the leg.
func (s *Sandbox) deliverTo(sid string, ev event) {
	s.mu.Lock()
	c := s.calls[sid]
	var p *proc
	if c != nil {
		p = c.owner
	}
	s.mu.Unlock()
	if p != nil {
		ev.leg = sid
		p.deliver(ev)
	}
}

// newCall registers a leg. Callers hold no lock.
func (s *Sandbox) newCall(acct, from, to, dir, parent string, tr *transcript) *call {
	now := s.clock.Now()
	c := &call{sid: newSID("CA"), account: acct, from: from, to: to, direction: dir, parent: parent,
		status: "queued", created: now, updated: now}
	if tr == nil {
		tr = newTranscript(c, now)
	}
	c.tr = tr
	s.mu.Lock()
	s.calls[c.sid] = c
	s.callOrder = append(s.callOrder, c.sid)
	s.mu.Unlock()
	return c
}

func (s *Sandbox) step(c *call, st Step) {
	if st.CallSid == "" {
		st.CallSid = c.sid
	}
	c.tr.add(s.clock.Now(), st)
}

// callParams are the standard voice request parameters (wire facts §1).
func (s *Sandbox) callParams(c *call) url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := url.Values{}
	v.Set("CallSid", c.sid)
	v.Set("AccountSid", c.account)
	v.Set("From", c.from)
	v.Set("To", c.to)
	v.Set("Caller", c.from)
	v.Set("Called", c.to)
	v.Set("CallStatus", c.status)
	v.Set("ApiVersion", apiVersion)
	v.Set("Direction", c.direction)
	if c.parent != "" {
		v.Set("ParentCallSid", c.parent)
	}
	if c.forwardedFrom != "" {
		v.Set("ForwardedFrom", c.forwardedFrom)
	}
	s.geography(v, "From", "Caller", c.from)
	s.geography(v, "To", "Called", c.to)
	return v
}

// geography adds {From,Caller}{City,State,Zip,Country}; unknown values are
// empty strings, as in captured payloads (wire facts §1).
func (s *Sandbox) geography(v url.Values, p1, p2, phone string) {
	st := s.stock.lookup(phone)
	country := countryOf(phone)
	for _, p := range []string{p1, p2} {
		v.Set(p+"City", strings.ToUpper(st.locality))
		v.Set(p+"State", st.region)
		v.Set(p+"Zip", st.postal)
		v.Set(p+"Country", country)
	}
}

// countryOf maps a few calling codes to ISO countries. +266 is Lesotho,
// which is how Twilio reports the ANONYMOUS sentinel +266696687 (wire facts
// §8 "Pitfall: country lookup").
func countryOf(phone string) string {
	for _, p := range []struct{ prefix, cc string }{
		{"+1", "US"}, {"+44", "GB"}, {"+266", "LS"}, {"+33", "FR"}, {"+49", "DE"},
		{"+351", "PT"}, {"+55", "BR"}, {"+34", "ES"},
	} {
		if strings.HasPrefix(phone, p.prefix) {
			return p.cc
		}
	}
	return ""
}

func (s *Sandbox) token(acct string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.accounts[acct]; a != nil {
		return a.token
	}
	return ""
}

// request sends a webhook for c and records it in the transcript.
func (s *Sandbox) request(c *call, h hook) hookResult {
	// Call processes outlive any request; Close ends them instead.
	return s.requestOn(context.Background(), c.account, c.tr, c.sid, h)
}

// requestOn sends a webhook signed with acct's token and records it in tr.
func (s *Sandbox) requestOn(ctx context.Context, acct string, tr *transcript, sid string, h hook) hookResult {
	req, res := s.send(ctx, s.token(acct), h)
	ex := &WebhookExchange{Purpose: h.purpose, Method: h.method, URL: h.url, Params: flat(h.params),
		Status: res.status, Body: string(res.body), ErrorCode: res.errCode, Error: res.err}
	if req != nil {
		ex.Signature = req.Header.Get("X-Twilio-Signature")
	}
	tr.add(s.clock.Now(), Step{CallSid: sid, Kind: StepWebhook, Webhook: ex})
	return res
}

// setStatus moves c to a new status; the first terminal status wins.
func (s *Sandbox) setStatus(c *call, status string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.ended {
		return false
	}
	now := s.clock.Now()
	c.status, c.updated = status, now
	switch status {
	case "in-progress":
		if c.answered.IsZero() {
			c.answered = now
		}
	case "completed", "busy", "failed", "no-answer", "canceled":
		c.ended, c.end = true, now
		for _, stop := range c.stopTimers {
			stop()
		}
	}
	return true
}

// answer marks c answered and sends the "answered" status callback.
func (s *Sandbox) answer(c *call, by string) {
	s.mu.Lock()
	already := c.status == "in-progress" || c.ended
	s.mu.Unlock()
	if already {
		return
	}
	s.setStatus(c, "in-progress")
	s.step(c, Step{Kind: StepAnswered, Party: by})
	s.limitTrialCall(c)
	s.statusEvent(c, "answered")
}

// trialCallLimit is how long a trial account's call may last (warning
// 13805, wire facts §9 "Trial accounts").
const trialCallLimit = 10 * time.Minute

// limitTrialCall ends an answered trial-account call after ten minutes.
func (s *Sandbox) limitTrialCall(c *call) {
	s.mu.Lock()
	a := s.accounts[c.account]
	trial := a != nil && a.typ == "Trial"
	s.mu.Unlock()
	if !trial {
		return
	}
	sid := c.sid
	stop := s.clock.AfterFunc(trialCallLimit, func() {
		s.mu.Lock()
		live := !c.ended
		if live {
			s.endByREST(c, "completed")
		}
		s.mu.Unlock()
		if live {
			s.step(c, Step{Kind: StepError, Text: "trial call exceeded the 10-minute limit", Detail: map[string]string{"code": "13805"}})
			s.deliverTo(sid, event{kind: evEnd, status: "completed"})
		}
	})
	s.mu.Lock()
	c.stopTimers = append(c.stopTimers, stop)
	s.mu.Unlock()
}

// finish ends c with status (unless it already ended, e.g. by a REST
// update), records it and sends the "completed" status callback.
func (s *Sandbox) finish(c *call, status string) {
	s.setStatus(c, status)
	s.mu.Lock()
	final := c.status
	if c.finished {
		s.mu.Unlock()
		return
	}
	c.finished = true
	c.price = s.callPrice(c)
	s.mu.Unlock()
	s.endCallRecordings(c)
	s.step(c, Step{Kind: StepEnded, Status: final, Detail: map[string]string{"duration": s.durationOf(c)}})
	if c.parent == "" {
		c.tr.setStatus(final)
	}
	s.statusEvent(c, "completed")
}

// durationOf is the call's duration in seconds: zero unless answered.
func (s *Sandbox) durationOf(c *call) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.answered.IsZero() || c.end.IsZero() {
		return "0"
	}
	return strconv.Itoa(int(c.end.Sub(c.answered).Seconds()))
}

// statusEvent sends a call progress status callback when c subscribed to
// event. Parameters follow wire facts §3 "Extra parameters".
func (s *Sandbox) statusEvent(c *call, ev string) {
	s.mu.Lock()
	cb := c.statusCB
	want := cb.url != "" && (cb.events[ev] || ev == "completed" && len(cb.events) == 0)
	seq := c.seq
	if want {
		c.seq++
	}
	s.mu.Unlock()
	if !want {
		return
	}
	v := s.callParams(c)
	v.Set("CallbackSource", "call-progress-events")
	v.Set("StatusCallbackEvent", ev)
	v.Set("SequenceNumber", strconv.Itoa(seq))
	v.Set("Timestamp", s.clock.Now().UTC().Format(rfc2822))
	if ev == "initiated" {
		v.Set("CallStatus", "initiated")
	}
	if ev == "completed" {
		d := s.durationOf(c)
		secs, _ := strconv.Atoi(d)
		v.Set("CallDuration", d)
		v.Set("Duration", strconv.Itoa(int(math.Ceil(float64(secs)/60))))
	}
	s.request(c, hook{purpose: "status-callback", url: cb.url, method: cb.method, params: v})
}

// ring starts ringing leg c at its far end according to the party's
// behaviour; outcomes arrive at the leg's owner as events.
func (s *Sandbox) ring(c *call) {
	s.mu.Lock()
	b := s.behaviourFor(c.to)
	s.mu.Unlock()
	s.setStatus(c, "ringing")
	s.mu.Lock()
	c.start = s.clock.Now() // start_time: "Empty if the call has not yet been dialed" (OAI)
	s.mu.Unlock()
	s.step(c, Step{Kind: StepRing, Party: c.to, Detail: map[string]string{"behaviour": b.String()}})
	s.statusEvent(c, "ringing")
	sid := c.sid
	after := time.Duration(b.After)
	var stop func() bool
	switch b.Action {
	case ActAnswer:
		stop = s.clock.AfterFunc(after, func() { s.deliverTo(sid, event{kind: evAnswer}) })
	case ActReject:
		stop = s.clock.AfterFunc(after, func() { s.deliverTo(sid, event{kind: evRefuse, status: "busy"}) })
	case ActBusy:
		stop = s.clock.AfterFunc(0, func() { s.deliverTo(sid, event{kind: evRefuse, status: "busy"}) })
	case ActFail:
		stop = s.clock.AfterFunc(0, func() { s.deliverTo(sid, event{kind: evRefuse, status: "failed"}) })
	}
	if stop != nil {
		s.mu.Lock()
		c.stopTimers = append(c.stopTimers, stop)
		s.mu.Unlock()
	}
}

// answered runs the far end's post-answer script (hang up after N).
func (s *Sandbox) farEndAnswered(c *call) {
	s.mu.Lock()
	b := s.behaviourFor(c.to)
	s.mu.Unlock()
	if b.HangupAfter <= 0 {
		return
	}
	sid := c.sid
	stop := s.clock.AfterFunc(time.Duration(b.HangupAfter), func() { s.deliverTo(sid, event{kind: evHangup}) })
	s.mu.Lock()
	c.stopTimers = append(c.stopTimers, stop)
	s.mu.Unlock()
}

func (s *Sandbox) lookupCall(sid string) (*call, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.calls[sid]
	if !ok {
		return nil, fmt.Errorf("sandbox: no call %s", sid)
	}
	return c, nil
}

// callPrice is the charge for an answered leg, per started minute; "" (JSON
// null) when it was never answered. s.mu is held.
func (s *Sandbox) callPrice(c *call) string {
	if c.answered.IsZero() || c.end.IsZero() {
		return ""
	}
	rate := s.opts.Prices.OutboundPerMinute
	if c.direction == "inbound" {
		rate = s.opts.Prices.InboundPerMinute
	}
	minutes := math.Ceil(c.end.Sub(c.answered).Minutes())
	return fmt.Sprintf("%.5f", -minutes*rate)
}
