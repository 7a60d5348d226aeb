package sandbox

import (
	"sort"
	"strings"
	"time"
)

type conferenceJSON struct {
	AccountSid              string            `json:"account_sid"`
	DateCreated             *string           `json:"date_created"`
	DateUpdated             *string           `json:"date_updated"`
	APIVersion              string            `json:"api_version"`
	FriendlyName            string            `json:"friendly_name"`
	Region                  string            `json:"region"`
	Sid                     string            `json:"sid"`
	Status                  string            `json:"status"`
	URI                     string            `json:"uri"`
	SubresourceURIs         map[string]string `json:"subresource_uris"`
	ReasonConferenceEnded   *string           `json:"reason_conference_ended"`
	CallSidEndingConference *string           `json:"call_sid_ending_conference"`
}

func (rc *rest) conferenceJSON(c *conference) conferenceJSON {
	base := rc.base() + "/Conferences/" + c.sid
	return conferenceJSON{AccountSid: c.account, DateCreated: fmtDate(c.created), DateUpdated: fmtDate(c.updated),
		APIVersion: apiVersion, FriendlyName: c.name, Region: "us1", Sid: c.sid, Status: c.status, URI: base + ".json",
		SubresourceURIs:       rc.subURIs(base, "Participants", "Recordings"),
		ReasonConferenceEnded: ns(c.reason), CallSidEndingConference: ns(c.endingCall)}
}

// listConferences filters on FriendlyName and Status, newest first.
func (rc *rest) listConferences() error {
	name, status := rc.get("FriendlyName"), rc.get("Status")
	rc.s.mu.Lock()
	var cs []*conference
	for _, c := range rc.s.confs {
		if c.account == rc.acct.sid && (name == "" || c.name == name) && (status == "" || c.status == status) {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].created.Equal(cs[j].created) {
			return cs[i].sid < cs[j].sid
		}
		return cs[i].created.After(cs[j].created)
	})
	items := make([]any, len(cs))
	for i, c := range cs {
		items[i] = rc.conferenceJSON(c)
	}
	rc.s.mu.Unlock()
	return rc.page("conferences", items)
}

func (rc *rest) ownConference(sid string) (*conference, error) {
	c, ok := rc.s.confs[sid]
	if !ok || c.account != rc.acct.sid {
		return nil, rc.notFound()
	}
	return c, nil
}

func (rc *rest) fetchConference() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	c, err := rc.ownConference(rc.args[0])
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, rc.conferenceJSON(c))
	return nil
}

// updateConference ends the conference with Status=completed, or
// announces AnnounceUrl to every participant (announce.go).
func (rc *rest) updateConference() error {
	rc.s.mu.Lock()
	c, err := rc.ownConference(rc.args[0])
	rc.s.mu.Unlock()
	if err != nil {
		return err
	}
	a, err := rc.announceParams()
	if err != nil {
		return err
	}
	if a != nil && rc.get("Status") == "" {
		rc.s.announceConference(c, a)
	}
	switch rc.get("Status") {
	case "":
	case "completed":
		rc.s.endConference(c)
	default:
		return newAPIError(400, 21218, "Status must be completed")
	}
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	writeJSON(rc.w, 200, rc.conferenceJSON(c))
	return nil
}

type participantJSON struct {
	AccountSid             string  `json:"account_sid"`
	CallSid                string  `json:"call_sid"`
	Label                  *string `json:"label"`
	CallSidToCoach         *string `json:"call_sid_to_coach"`
	Coaching               bool    `json:"coaching"`
	ConferenceSid          string  `json:"conference_sid"`
	DateCreated            *string `json:"date_created"`
	DateUpdated            *string `json:"date_updated"`
	EndConferenceOnExit    bool    `json:"end_conference_on_exit"`
	Muted                  bool    `json:"muted"`
	Hold                   bool    `json:"hold"`
	StartConferenceOnEnter bool    `json:"start_conference_on_enter"`
	Status                 string  `json:"status"`
	QueueTime              *string `json:"queue_time"`
	URI                    string  `json:"uri"`
}

func (rc *rest) participantJSON(c *conference, p *participant) participantJSON {
	return participantJSON{AccountSid: c.account, CallSid: p.callSid, Label: ns(p.label), ConferenceSid: c.sid,
		DateCreated: fmtDate(p.created), DateUpdated: fmtDate(p.updated), EndConferenceOnExit: p.endOnExit,
		Muted: p.muted, Hold: p.hold, StartConferenceOnEnter: p.startOnEnter, Status: p.status,
		URI: rc.base() + "/Conferences/" + c.sid + "/Participants/" + p.callSid + ".json"}
}

func (rc *rest) listParticipants() error {
	rc.s.mu.Lock()
	c, err := rc.ownConference(rc.args[0])
	if err != nil {
		rc.s.mu.Unlock()
		return err
	}
	var items []any
	for _, p := range c.parts {
		if (rc.get("Muted") == "" || rc.get("Muted") == boolStr(p.muted)) && (rc.get("Hold") == "" || rc.get("Hold") == boolStr(p.hold)) {
			items = append(items, rc.participantJSON(c, p))
		}
	}
	rc.s.mu.Unlock()
	return rc.page("participants", items)
}

// findParticipant accepts the call SID or the participant label (wire
// facts §5 "Two path parameters have no pattern"). s.mu is held.
func (rc *rest) findParticipant() (*conference, *participant, error) {
	c, err := rc.ownConference(rc.args[0])
	if err != nil {
		return nil, nil, err
	}
	for _, p := range c.parts {
		if p.callSid == rc.args[1] || p.label != "" && p.label == rc.args[1] {
			return c, p, nil
		}
	}
	return nil, nil, rc.notFound()
}

func (rc *rest) fetchParticipant() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	c, p, err := rc.findParticipant()
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, rc.participantJSON(c, p))
	return nil
}

// updateParticipant changes Muted, Hold, HoldUrl, HoldMethod (default GET,
// wire facts §5 "Participants") and EndConferenceOnExit, or queues an
// AnnounceUrl (announce.go); the participant's process reacts (hold music
// starts or stops, the announcement plays).
func (rc *rest) updateParticipant() error {
	rc.s.mu.Lock()
	c, p, err := rc.findParticipant()
	if err != nil {
		rc.s.mu.Unlock()
		return err
	}
	upd := *p
	err = rc.applyParticipant(&upd)
	if err == nil {
		var a *announcement
		if a, err = rc.announceParams(); a != nil {
			upd.announce = a
		}
	}
	if err == nil {
		upd.updated = rc.s.clock.Now()
		*p = upd
	}
	j := rc.participantJSON(c, p)
	rc.s.mu.Unlock()
	if err != nil {
		return err
	}
	rc.s.deliverTo(p.callSid, event{kind: evConf})
	writeJSON(rc.w, 200, j)
	return nil
}

func (rc *rest) applyParticipant(p *participant) error {
	for key, dst := range map[string]*bool{"Muted": &p.muted, "Hold": &p.hold, "EndConferenceOnExit": &p.endOnExit} {
		b, set, err := rc.boolParam(key)
		if err != nil {
			return err
		}
		if set {
			*dst = b
		}
	}
	if rc.has("HoldUrl") {
		p.holdURL = rc.get("HoldUrl")
	}
	m, err := rc.method("HoldMethod", "GET")
	if err != nil {
		return err
	}
	if rc.has("HoldMethod") || rc.has("HoldUrl") {
		p.holdMethod = m
	}
	if rc.has("WaitUrl") {
		p.waitURL, p.waitSet = rc.get("WaitUrl"), true
	}
	if p.waitMeth, err = rc.method("WaitMethod", p.waitMeth); err != nil {
		return err
	}
	return nil
}

// deleteParticipant kicks the participant (204).
func (rc *rest) deleteParticipant() error {
	rc.s.mu.Lock()
	_, p, err := rc.findParticipant()
	if err == nil {
		p.kicked = true
	}
	rc.s.mu.Unlock()
	if err != nil {
		return err
	}
	rc.s.deliverTo(p.callSid, event{kind: evConf})
	rc.w.WriteHeader(204)
	return nil
}

// createParticipant dials To and adds the answered leg to the conference
// named by SID or friendly name (created when the name is new). Timeout
// defaults to 60 s; StartConferenceOnEnter to true.
func (rc *rest) createParticipant() error {
	to, from := strings.TrimSpace(rc.get("To")), strings.TrimSpace(rc.get("From"))
	if err := rc.checkCallParties(to, from); err != nil {
		return err
	}
	t, err := rc.intParam("Timeout", 60, 5, 600)
	if err != nil {
		return err
	}
	cb, err := rc.callbackParams()
	if err != nil {
		return err
	}
	part := &participant{label: rc.get("Label"), startOnEnter: true, holdMethod: "GET", waitMeth: "POST", status: "queued"}
	if err := rc.applyParticipant(part); err != nil {
		return err
	}
	if b, set, err := rc.boolParam("StartConferenceOnEnter"); err != nil {
		return err
	} else if set {
		part.startOnEnter = b
	}
	conf, err := rc.conferenceForCreate()
	if err != nil {
		return err
	}
	c := rc.s.newCall(rc.acct.sid, from, to, "outbound-api", "", nil)
	p := rc.s.rt.newProc()
	rc.s.mu.Lock()
	c.owner, c.statusCB = p, cb
	part.callSid, part.created, part.updated = c.sid, rc.s.clock.Now(), rc.s.clock.Now()
	conf.parts = append(conf.parts, part)
	if conf.statusCB.url == "" {
		conf.statusCB = rc.conferenceCallback()
	}
	j := rc.participantJSON(conf, part)
	rc.s.mu.Unlock()
	rc.s.step(c, Step{Kind: StepPlaced, Party: to, Text: "participant call into conference " + conf.name})
	p.start(func(p *proc) { rc.s.runParticipant(p, c, conf, part, time.Duration(t)*time.Second) })
	writeJSON(rc.w, 201, j)
	return nil
}

// conferenceCallback reads ConferenceStatusCallback, -Method and -Event
// (repeated or space-separated); the first participant to set it wins.
func (rc *rest) conferenceCallback() confCallback {
	cb := confCallback{url: rc.get("ConferenceStatusCallback"), method: strings.ToUpper(rc.get("ConferenceStatusCallbackMethod")), events: map[string]bool{}}
	if cb.method == "" {
		cb.method = "POST"
	}
	for _, e := range rc.values("ConferenceStatusCallbackEvent") {
		cb.events[e] = true
	}
	return cb
}

func (rc *rest) conferenceForCreate() (*conference, error) {
	id := rc.args[0]
	if strings.HasPrefix(id, "CF") && len(id) == 34 {
		rc.s.mu.Lock()
		defer rc.s.mu.Unlock()
		c, err := rc.ownConference(id)
		if err != nil {
			return nil, err
		}
		if c.status == "completed" {
			return nil, newAPIError(400, 20404, "Conference %s has ended", id)
		}
		return c, nil
	}
	return rc.s.confByName(rc.acct.sid, id, true), nil
}
