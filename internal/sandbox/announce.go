package sandbox

import (
	"net/url"
	"strings"
)

// This file is AnnounceUrl: an announcement played to one conference
// participant (Participant update) or to every participant (Conference
// update). Twilio's OpenAPI description, both updates: "The URL may return
// an MP3 file, a WAV file, or a TwiML document that contains <Play>,
// <Say>, <Pause>, or <Redirect> verbs"; AnnounceMethod "Can be: GET or
// POST and defaults to POST". Twilio's changelog (2021-04-26, "Conference
// Announce Events"): the announcement status callback event "will be sent
// to the provided status callback URL when the announcement to a
// conference or a participant ends normally" (announcement-end, wire facts
// §2 "Conference status-callback body").

// announcement is an AnnounceUrl waiting to be played to a participant.
type announcement struct {
	url, method string
	// left counts the participants a conference-wide announcement has
	// still to finish for; it is shared by them and guarded by s.mu, so
	// announcement-end is sent once, when the last one finishes. nil for
	// a participant's own announcement.
	left *int
}

// announceParams reads AnnounceUrl and AnnounceMethod; nil when no
// AnnounceUrl is given. The URL must be absolute: there is no document to
// resolve a relative one against.
func (rc *rest) announceParams() (*announcement, error) {
	m, err := rc.method("AnnounceMethod", "POST")
	if err != nil || !rc.has("AnnounceUrl") {
		return nil, err
	}
	raw := strings.TrimSpace(rc.get("AnnounceUrl"))
	if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, newAPIError(400, 21218, "AnnounceUrl must be an absolute http or https URL, not %q", raw)
	}
	return &announcement{url: raw, method: m}, nil
}

// announceConference queues a to every connected participant of conf and
// wakes them. s.mu is not held.
func (s *Sandbox) announceConference(conf *conference, a *announcement) {
	s.mu.Lock()
	var sids []string
	left := 0
	a.left = &left
	for _, p := range conf.parts {
		if p.status == "connected" {
			p.announce = a
			sids = append(sids, p.callSid)
			left++
		}
	}
	s.mu.Unlock()
	for _, sid := range sids {
		s.deliverTo(sid, event{kind: evConf})
	}
}

// takeAnnouncement returns the participant's pending announcement, if any,
// and clears it.
func (s *Sandbox) takeAnnouncement(part *participant) *announcement {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := part.announce
	part.announce = nil
	return a
}

// announce plays a to the participant: what it was doing (wait or hold
// music, or listening to the conference) stops, the URL is requested
// (purpose "announce-url", signed like every webhook) and its Say, Play
// and Pause verbs are played, following Redirects. It returns nil when the
// participant goes back to the conference — the caller of announce then
// starts the wait or hold music again from the top — or the outcome that
// ends the participant's stay (hung up, redirected by REST).
func (cs *session) announce(conf *conference, part *participant, a *announcement) *outcome {
	if a == nil {
		return nil
	}
	s, me := cs.s, cs.c.sid
	s.step(cs.c, Step{Kind: StepNote, Text: "announcement", URL: a.url, Detail: map[string]string{"conference": conf.name}})
	as := &session{s: s, p: cs.p, c: cs.c, docURL: a.url, purpose: "announce-url"}
	// Only leaving stops an announcement; other changes (hold, mute, the
	// conference starting) apply once it has finished.
	as.interrupt = func(ev event) bool { return ev.leg == me && ev.kind == evConf && s.gone(conf, part) }
	next := outcome{kind: outFetch, req: hook{purpose: "announce-url", url: a.url, method: a.method, params: s.callParams(cs.c)}}
	played := false
	defer func() { s.announced(conf, part, cs.c, a, played) }()
	for {
		doc, o := as.load(next)
		if doc == nil {
			return nil // the request failed: the error is in the transcript
		}
		o = as.announceDoc(doc)
		switch {
		case o.kind == outFetch && !o.rest:
			next = o // <Redirect>
			continue
		case o.kind == outFetch, o.kind == outGone, o.kind == outHangup:
			return &o
		case o.kind == outInterrupted:
			return nil
		}
		played = true
		return nil
	}
}

// announceDoc plays the verbs an announcement may contain; any other verb
// is skipped with a note.
func (as *session) announceDoc(doc *node) outcome {
	for _, n := range doc.children {
		switch n.name {
		case "Say", "Play", "Pause":
			if _, o := as.prompt(n, ears{}); o != nil {
				return *o
			}
		case "Redirect":
			return as.fetchOut("announce-url", n.text, n.attr("method", "POST"), nil)
		default:
			as.s.step(as.c, Step{Kind: StepNote, Text: "<" + n.name + "> is not played in an announcement"})
		}
	}
	return outcome{kind: outEnd}
}

// gone reports whether the participant was kicked or its conference ended.
func (s *Sandbox) gone(conf *conference, part *participant) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return part.kicked || conf.status == "completed"
}

// announced sends announcement-end when the announcement played to the
// end: for a participant's own, at once; for a conference-wide one, when
// the last participant it was queued for is done with it.
func (s *Sandbox) announced(conf *conference, part *participant, c *call, a *announcement, played bool) {
	s.mu.Lock()
	last := true
	if a.left != nil {
		*a.left--
		last = *a.left <= 0
	}
	s.mu.Unlock()
	if last && played {
		s.confEvent(conf, c, part, "announcement-end", "announcement")
	}
}
