package sandbox

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

type callJSON struct {
	Sid             string            `json:"sid"`
	DateCreated     *string           `json:"date_created"`
	DateUpdated     *string           `json:"date_updated"`
	ParentCallSid   *string           `json:"parent_call_sid"`
	AccountSid      string            `json:"account_sid"`
	To              string            `json:"to"`
	ToFormatted     string            `json:"to_formatted"`
	From            string            `json:"from"`
	FromFormatted   string            `json:"from_formatted"`
	PhoneNumberSid  *string           `json:"phone_number_sid"`
	Status          string            `json:"status"`
	StartTime       *string           `json:"start_time"`
	EndTime         *string           `json:"end_time"`
	Duration        *string           `json:"duration"`
	Price           *string           `json:"price"`
	PriceUnit       string            `json:"price_unit"`
	Direction       string            `json:"direction"`
	AnsweredBy      *string           `json:"answered_by"`
	APIVersion      string            `json:"api_version"`
	ForwardedFrom   *string           `json:"forwarded_from"`
	GroupSid        *string           `json:"group_sid"`
	CallerName      *string           `json:"caller_name"`
	QueueTime       string            `json:"queue_time"`
	TrunkSid        *string           `json:"trunk_sid"`
	URI             string            `json:"uri"`
	SubresourceURIs map[string]string `json:"subresource_uris"`
}

// callJSON renders c as Twilio's Call resource; duration is a string (wire
// facts §5 "Types"). Callers hold s.mu.
func (rc *rest) callJSON(c *call) callJSON {
	base := rc.base() + "/Calls/" + c.sid
	j := callJSON{Sid: c.sid, DateCreated: fmtDate(c.created), DateUpdated: fmtDate(c.updated),
		ParentCallSid: ns(c.parent), AccountSid: c.account, To: c.to, ToFormatted: formatted(c.to),
		From: c.from, FromFormatted: formatted(c.from), PhoneNumberSid: ns(c.numberSid), Status: c.status,
		StartTime: fmtDate(c.start), Price: ns(c.price), PriceUnit: "USD", Direction: c.direction,
		APIVersion: apiVersion, ForwardedFrom: ns(c.forwardedFrom), CallerName: ns(c.callerName),
		QueueTime: "0", URI: base + ".json",
		SubresourceURIs: rc.subURIs(base, "Notifications", "Recordings", "Payments", "Events", "Siprec", "Streams",
			"Transcriptions", "UserDefinedMessageSubscriptions", "UserDefinedMessages")}
	// end_time is "empty if the call did not complete successfully" and
	// duration "empty for busy, failed, unanswered, or ongoing calls" (OAI
	// descriptions); duration counts from the answer, as billing does.
	if c.ended && c.status == "completed" {
		d := "0"
		if !c.answered.IsZero() {
			d = strconv.Itoa(int(c.end.Sub(c.answered).Seconds()))
		}
		j.Duration, j.EndTime = &d, fmtDate(c.end)
	}
	return j
}

// formatted renders a NANP number as "(415) 555-0100".
func formatted(p string) string {
	if strings.HasPrefix(p, "+1") && len(p) == 12 {
		return "(" + p[2:5] + ") " + p[5:8] + "-" + p[8:]
	}
	return p
}

func (rc *rest) ownCall(sid string) (*call, error) {
	c, ok := rc.s.calls[sid]
	if !ok || c.account != rc.acct.sid {
		return nil, rc.notFound()
	}
	return c, nil
}

func (rc *rest) fetchCall() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	c, err := rc.ownCall(rc.args[0])
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, rc.callJSON(c))
	return nil
}

// listCalls filters on To, From, ParentCallSid, Status and the
// StartTime/EndTime family, newest first.
func (rc *rest) listCalls() error {
	f := map[string]string{"To": rc.get("To"), "From": rc.get("From"), "ParentCallSid": rc.get("ParentCallSid"), "Status": rc.get("Status")}
	times, err := rc.timeFilters()
	if err != nil {
		return err
	}
	rc.s.mu.Lock()
	var items []any
	for i := len(rc.s.callOrder) - 1; i >= 0; i-- {
		c := rc.s.calls[rc.s.callOrder[i]]
		if c.account != rc.acct.sid || !matchCall(c, f) || !keepAll(times, c) {
			continue
		}
		items = append(items, rc.callJSON(c))
	}
	rc.s.mu.Unlock()
	return rc.page("calls", items)
}

func matchCall(c *call, f map[string]string) bool {
	for k, want := range f {
		if want == "" {
			continue
		}
		got := map[string]string{"To": c.to, "From": c.from, "ParentCallSid": c.parent, "Status": c.status}[k]
		if got != want {
			return false
		}
	}
	return true
}

// createCall validates a Calls create request (wire facts §5 "Calls") and
// starts the call's process. Errors: 21211 invalid To, 21210 From not owned
// or verified, 21608 trial account calling an unverified number, 32018
// inline Twiml over 4000 characters.
func (rc *rest) createCall() error {
	to, from := strings.TrimSpace(rc.get("To")), strings.TrimSpace(rc.get("From"))
	if err := rc.checkCallParties(to, from); err != nil {
		return err
	}
	sp, err := rc.outboundSpec()
	if err != nil {
		return err
	}
	cb, err := rc.callbackParams()
	if err != nil {
		return err
	}
	c := rc.s.newCall(rc.acct.sid, from, to, "outbound-api", "", nil)
	p := rc.s.rt.newProc()
	rc.s.mu.Lock()
	c.owner, c.statusCB = p, cb
	c.fallbackURL, c.fallbackMethod = sp.fallbackURL, sp.fallbackMethod
	j := rc.callJSON(c)
	rc.s.mu.Unlock()
	rc.s.step(c, Step{Kind: StepPlaced, Party: to, Text: "outbound-api call from " + from})
	p.start(func(p *proc) { rc.s.runOutbound(p, c, sp) })
	writeJSON(rc.w, 201, j)
	return nil
}

func (rc *rest) checkCallParties(to, from string) error {
	if to == "" {
		return newAPIError(400, 21201, "No 'To' number is specified")
	}
	if from == "" {
		return newAPIError(400, 21213, "No 'From' number is specified")
	}
	if !validAddress(to) {
		return newAPIError(400, 21211, "The 'To' number %s is not a valid phone number.", to)
	}
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	owned := false
	for _, n := range rc.s.numbers {
		if n.account == rc.acct.sid && n.phone == from {
			owned = true
		}
	}
	if !owned && !rc.acct.verified[from] && !strings.HasPrefix(from, "client:") {
		return newAPIError(400, 21210, "The source phone number provided, %s, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.", from)
	}
	if rc.acct.typ == "Trial" && e164.MatchString(to) && !rc.acct.verified[to] {
		return newAPIError(400, 21608, "The number %s is unverified. Trial accounts may only make calls to verified numbers.", to)
	}
	return nil
}

func (rc *rest) outboundSpec() (outboundSpec, error) {
	sp := outboundSpec{url: rc.get("Url"), twiml: rc.get("Twiml"), fallbackURL: rc.get("FallbackUrl"),
		sendDigits: rc.get("SendDigits"), recordingCB: rc.get("RecordingStatusCallback")}
	var err error
	if sp.method, err = rc.method("Method", "POST"); err != nil {
		return sp, err
	}
	if sp.fallbackMethod, err = rc.method("FallbackMethod", "POST"); err != nil {
		return sp, err
	}
	if sp.recordingCBMethod, err = rc.method("RecordingStatusCallbackMethod", "POST"); err != nil {
		return sp, err
	}
	if app := rc.get("ApplicationSid"); app != "" && sp.url == "" && sp.twiml == "" {
		rc.s.mu.Lock()
		a, ok := rc.s.apps[app]
		if ok && a.account == rc.acct.sid {
			sp.url, sp.method, sp.fallbackURL, sp.fallbackMethod = a.voiceURL, a.voiceMethod, a.voiceFallbackURL, a.voiceFallbackMethod
		}
		rc.s.mu.Unlock()
		if !ok {
			return sp, newAPIError(400, 21218, "ApplicationSid %s was not found in this account", app)
		}
	}
	if sp.url == "" && sp.twiml == "" {
		return sp, newAPIError(400, 21205, "A 'Url', 'Twiml' or 'ApplicationSid' parameter is required to create a call")
	}
	// Url wins when both are given: Twiml is ignored (wire facts §2).
	if sp.url == "" && utf8.RuneCountInString(sp.twiml) > 4000 {
		return sp, newAPIError(400, 32018, "The Twiml parameter must be 4000 characters or fewer")
	}
	if strings.Trim(sp.sendDigits, "0123456789ABCDwW#*") != "" || len(sp.sendDigits) > 32 {
		return sp, newAPIError(400, 21218, "SendDigits may contain up to 32 of 0-9, A-D, #, *, w and W")
	}
	t, err := rc.intParam("Timeout", 60, 1, 600)
	if err != nil {
		return sp, err
	}
	sp.timeout = time.Duration(t) * time.Second
	sp.record, _, err = rc.boolParam("Record")
	return sp, err
}

// callbackParams reads StatusCallback, StatusCallbackMethod and
// StatusCallbackEvent, repeated or space-separated (wire facts §3).
func (rc *rest) callbackParams() (statusCallback, error) {
	m, err := rc.method("StatusCallbackMethod", "POST")
	if err != nil {
		return statusCallback{}, err
	}
	cb := statusCallback{url: rc.get("StatusCallback"), method: m, events: map[string]bool{}}
	for _, e := range rc.values("StatusCallbackEvent") {
		switch e {
		case "initiated", "ringing", "answered", "completed":
			cb.events[e] = true
		default:
			return cb, newAPIError(400, 21626, "StatusCallbackEvent %q is not one of initiated, ringing, answered, completed", e)
		}
	}
	return cb, nil
}

// updateCall redirects a live call (Url/Method or Twiml) or ends it
// (Status=completed, or canceled for a queued or ringing call). A call that
// is no longer live cannot be redirected: error 21220.
func (rc *rest) updateCall() error {
	rc.s.mu.Lock()
	c, err := rc.ownCall(rc.args[0])
	if err != nil {
		rc.s.mu.Unlock()
		return err
	}
	ev, err := rc.callUpdateEvent(c)
	if err == nil && ev.kind == evEnd {
		rc.s.endByREST(c, ev.status)
	}
	j := rc.callJSON(c)
	rc.s.mu.Unlock()
	if err != nil {
		return err
	}
	if ev.kind != evTimer {
		rc.s.deliverTo(c.sid, ev)
	}
	writeJSON(rc.w, 200, j)
	return nil
}

// callUpdateEvent decides what an update does; s.mu is held. evTimer means
// nothing to deliver.
func (rc *rest) callUpdateEvent(c *call) (event, error) {
	status, u, tw := rc.get("Status"), rc.get("Url"), rc.get("Twiml")
	if u != "" && tw != "" {
		return event{}, newAPIError(400, 21205, "Url and Twiml are mutually exclusive")
	}
	switch status {
	case "":
	case "canceled":
		if c.status != "queued" && c.status != "ringing" {
			return event{kind: evTimer}, nil // only cancels calls not yet answered
		}
		return event{kind: evEnd, status: "canceled"}, nil
	case "completed":
		if c.ended {
			return event{kind: evTimer}, nil
		}
		st := "completed"
		if c.status == "queued" || c.status == "ringing" {
			st = "canceled"
		}
		return event{kind: evEnd, status: st}, nil
	default:
		return event{}, newAPIError(400, 21218, "Status must be canceled or completed")
	}
	if u == "" && tw == "" {
		return event{kind: evTimer}, nil
	}
	if c.ended {
		return event{}, newAPIError(400, 21220, "Call is not in-progress. Cannot redirect.")
	}
	m, err := rc.method("Method", "POST")
	if err != nil {
		return event{}, err
	}
	if tw != "" && utf8.RuneCountInString(tw) > 4000 {
		return event{}, newAPIError(400, 32018, "The Twiml parameter must be 4000 characters or fewer")
	}
	return event{kind: evRedirect, url: u, method: m, twiml: tw}, nil
}

// endByREST marks c ended at once so the REST response shows the final
// status; the call's process then sends callbacks and releases the other
// side. s.mu is held.
func (s *Sandbox) endByREST(c *call, status string) {
	if c.ended {
		return
	}
	now := s.clock.Now()
	c.status, c.updated, c.ended, c.end = status, now, true, now
	for _, stop := range c.stopTimers {
		stop()
	}
}

func (rc *rest) listCallRecordings() error {
	rc.s.mu.Lock()
	_, err := rc.ownCall(rc.args[0])
	rc.s.mu.Unlock()
	if err != nil {
		return err
	}
	return rc.listRecordingsWhere(func(r *recording) bool { return r.callSid == rc.args[0] }, "both")
}

func sortedRecordings(m map[string]*recording) []*recording {
	out := make([]*recording, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].created.Equal(out[j].created) {
			return out[i].sid < out[j].sid
		}
		return out[i].created.After(out[j].created)
	})
	return out
}

func keepAll(fs []timeFilter, c *call) bool {
	for _, f := range fs {
		if !f.keep(c) {
			return false
		}
	}
	return true
}
