package twiml

import "encoding/xml"

// Dial connects the caller to its nouns; several nouns ring at once and
// the first to answer wins (wire facts §2 "<Dial>").
type Dial struct {
	XMLName xml.Name `xml:"Dial"`
	// Action is requested when the dialled call ends (DialCallStatus,
	// DialCallSid, DialCallDuration); without it the next verb runs.
	// Method defaults to POST.
	Action string `xml:"action,attr,omitempty"`
	Method string `xml:"method,attr,omitempty"`
	// Timeout is seconds of ringing; default 30 (range 5-600).
	Timeout *int `xml:"timeout,attr,omitempty"`
	// CallerID defaults to the caller's number; it must be a Twilio
	// number or a verified caller ID.
	CallerID string `xml:"callerId,attr,omitempty"`
	// Record is do-not-record, record-from-answer, record-from-ringing,
	// record-from-answer-dual or record-from-ringing-dual.
	Record                        string `xml:"record,attr,omitempty"`
	RecordingStatusCallback       string `xml:"recordingStatusCallback,attr,omitempty"`
	RecordingStatusCallbackMethod string `xml:"recordingStatusCallbackMethod,attr,omitempty"`
	// RecordingStatusCallbackEvent: in-progress, completed, absent;
	// default completed.
	RecordingStatusCallbackEvent Events `xml:"recordingStatusCallbackEvent,attr,omitempty"`
	// AnswerOnBridge keeps the caller's leg ringing until a noun answers;
	// default false.
	AnswerOnBridge *bool `xml:"answerOnBridge,attr,omitempty"`
	// RingTone is automatic or a country code such as us, uk, de.
	RingTone string `xml:"ringTone,attr,omitempty"`
	// TimeLimit is seconds of bridged time; default 14400.
	TimeLimit *int `xml:"timeLimit,attr,omitempty"`
	// HangupOnStar lets the caller press * to drop the called party;
	// default false.
	HangupOnStar *bool  `xml:"hangupOnStar,attr,omitempty"`
	Nouns        []Noun `xml:",omitempty"`
}

// Noun is what a Dial connects to: Number, Client, Conference or Queue.
type Noun interface {
	noun()
	appendXML(b []byte) []byte
}

// Number dials a phone number (E.164).
type Number struct {
	XMLName xml.Name `xml:"Number"`
	// URL is whisper TwiML run on the called party's leg after they
	// answer and before the bridge; Method defaults to POST.
	URL                  string `xml:"url,attr,omitempty"`
	Method               string `xml:"method,attr,omitempty"`
	StatusCallback       string `xml:"statusCallback,attr,omitempty"`
	StatusCallbackMethod string `xml:"statusCallbackMethod,attr,omitempty"`
	// StatusCallbackEvent: initiated, ringing, answered, completed.
	StatusCallbackEvent Events `xml:"statusCallbackEvent,attr,omitempty"`
	// SendDigits are played once the call is answered (0-9, #, *, w).
	SendDigits  string `xml:"sendDigits,attr,omitempty"`
	PhoneNumber string `xml:",chardata"`
}

// Client dials a Voice SDK client. With Parameters it is written in the
// long form <Client><Identity>…</Identity><Parameter …/></Client>,
// otherwise as <Client>identity</Client> (wire facts §2 "<Client>").
type Client struct {
	Identity             string
	URL                  string
	Method               string
	StatusCallback       string
	StatusCallbackMethod string
	StatusCallbackEvent  Events
	Parameters           []Parameter
}

// Parameter is a custom parameter passed to a Client.
type Parameter struct {
	XMLName xml.Name `xml:"Parameter"`
	Name    string   `xml:"name,attr"`
	Value   string   `xml:"value,attr"`
}

// Conference puts the caller in the conference Name (wire facts §2
// "<Conference>").
type Conference struct {
	XMLName xml.Name `xml:"Conference"`
	// StartConferenceOnEnter defaults to true; when false the participant
	// hears WaitURL until someone with true joins.
	StartConferenceOnEnter *bool `xml:"startConferenceOnEnter,attr,omitempty"`
	// EndConferenceOnExit defaults to false.
	EndConferenceOnExit *bool `xml:"endConferenceOnExit,attr,omitempty"`
	// WaitURL defaults to Twilio's hold music; String("") is silence.
	// WaitMethod defaults to POST.
	WaitURL    *string `xml:"waitUrl,attr,omitempty"`
	WaitMethod string  `xml:"waitMethod,attr,omitempty"`
	// Muted defaults to false.
	Muted *bool `xml:"muted,attr,omitempty"`
	// Beep is true (the default), false, onEnter or onExit.
	Beep string `xml:"beep,attr,omitempty"`
	// Record is do-not-record or record-from-start.
	Record                       string `xml:"record,attr,omitempty"`
	RecordingStatusCallback      string `xml:"recordingStatusCallback,attr,omitempty"`
	RecordingStatusCallbackEvent Events `xml:"recordingStatusCallbackEvent,attr,omitempty"`
	StatusCallback               string `xml:"statusCallback,attr,omitempty"`
	StatusCallbackMethod         string `xml:"statusCallbackMethod,attr,omitempty"`
	// StatusCallbackEvent: start end join leave mute hold modify speaker
	// announcement.
	StatusCallbackEvent Events `xml:"statusCallbackEvent,attr,omitempty"`
	// MaxParticipants defaults to 250 (range 2-250).
	MaxParticipants *int `xml:"maxParticipants,attr,omitempty"`
	// ParticipantLabel names the participant for the Participants API.
	ParticipantLabel string `xml:"participantLabel,attr,omitempty"`
	Name             string `xml:",chardata"`
}

// Queue bridges the caller with the caller at the front of the queue
// Name; URL is TwiML played to that dequeued caller first (Method
// defaults to POST).
type Queue struct {
	XMLName xml.Name `xml:"Queue"`
	URL     string   `xml:"url,attr,omitempty"`
	Method  string   `xml:"method,attr,omitempty"`
	Name    string   `xml:",chardata"`
}

func (Number) noun()     {}
func (Client) noun()     {}
func (Conference) noun() {}
func (Queue) noun()      {}

// The appendXML methods list each element's attributes in struct-field
// order, as encoding/xml wrote them.

func (d Dial) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Dial")
	w.attr("action", d.Action)
	w.attr("method", d.Method)
	w.intAttr("timeout", d.Timeout)
	w.attr("callerId", d.CallerID)
	w.attr("record", d.Record)
	w.attr("recordingStatusCallback", d.RecordingStatusCallback)
	w.attr("recordingStatusCallbackMethod", d.RecordingStatusCallbackMethod)
	w.events("recordingStatusCallbackEvent", d.RecordingStatusCallbackEvent)
	w.boolAttr("answerOnBridge", d.AnswerOnBridge)
	w.attr("ringTone", d.RingTone)
	w.intAttr("timeLimit", d.TimeLimit)
	w.boolAttr("hangupOnStar", d.HangupOnStar)
	w.open()
	for _, n := range d.Nouns {
		if n != nil { // encoding/xml skipped nil interface values
			w.buf = n.appendXML(w.buf)
		}
	}
	w.end("Dial")
	return w.buf
}

func (n Number) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Number")
	w.attr("url", n.URL)
	w.attr("method", n.Method)
	w.attr("statusCallback", n.StatusCallback)
	w.attr("statusCallbackMethod", n.StatusCallbackMethod)
	w.events("statusCallbackEvent", n.StatusCallbackEvent)
	w.attr("sendDigits", n.SendDigits)
	w.textElement("Number", n.PhoneNumber)
	return w.buf
}

// appendXML writes the short form, or the long form when there are
// Parameters (the identity then goes in <Identity>, even when empty).
func (c Client) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Client")
	w.attr("url", c.URL)
	w.attr("method", c.Method)
	w.attr("statusCallback", c.StatusCallback)
	w.attr("statusCallbackMethod", c.StatusCallbackMethod)
	w.events("statusCallbackEvent", c.StatusCallbackEvent)
	if len(c.Parameters) == 0 {
		w.textElement("Client", c.Identity)
		return w.buf
	}
	w.open()
	w.start("Identity")
	w.textElement("Identity", c.Identity)
	for _, p := range c.Parameters {
		w.start("Parameter")
		w.attrAlways("name", p.Name)
		w.attrAlways("value", p.Value)
		w.empty("Parameter")
	}
	w.end("Client")
	return w.buf
}

func (c Conference) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Conference")
	w.boolAttr("startConferenceOnEnter", c.StartConferenceOnEnter)
	w.boolAttr("endConferenceOnExit", c.EndConferenceOnExit)
	w.strPtrAttr("waitUrl", c.WaitURL)
	w.attr("waitMethod", c.WaitMethod)
	w.boolAttr("muted", c.Muted)
	w.attr("beep", c.Beep)
	w.attr("record", c.Record)
	w.attr("recordingStatusCallback", c.RecordingStatusCallback)
	w.events("recordingStatusCallbackEvent", c.RecordingStatusCallbackEvent)
	w.attr("statusCallback", c.StatusCallback)
	w.attr("statusCallbackMethod", c.StatusCallbackMethod)
	w.events("statusCallbackEvent", c.StatusCallbackEvent)
	w.intAttr("maxParticipants", c.MaxParticipants)
	w.attr("participantLabel", c.ParticipantLabel)
	w.textElement("Conference", c.Name)
	return w.buf
}

func (q Queue) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Queue")
	w.attr("url", q.URL)
	w.attr("method", q.Method)
	w.textElement("Queue", q.Name)
	return w.buf
}
