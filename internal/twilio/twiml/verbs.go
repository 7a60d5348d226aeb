package twiml

import "encoding/xml"

// Say speaks Text (wire facts §2 "<Say>").
type Say struct {
	XMLName xml.Name `xml:"Say"`
	// Voice is man (the default), woman, alice, or Polly.<Name> /
	// Google.<name>.
	Voice string `xml:"voice,attr,omitempty"`
	// Language defaults to en-US.
	Language string `xml:"language,attr,omitempty"`
	// Loop repeats the text; default 1, 0 repeats until the call ends.
	Loop *int   `xml:"loop,attr,omitempty"`
	Text string `xml:",chardata"`
}

// Play plays the audio at URL, or DTMF Digits ("w" waits 0.5 s) with an
// empty URL (wire facts §2 "<Play>").
type Play struct {
	XMLName xml.Name `xml:"Play"`
	// Loop repeats; default 1, 0 repeats until the call ends.
	Loop   *int   `xml:"loop,attr,omitempty"`
	Digits string `xml:"digits,attr,omitempty"`
	URL    string `xml:",chardata"`
}

// Pause is silence for Length seconds (default 1).
type Pause struct {
	XMLName xml.Name `xml:"Pause"`
	Length  *int     `xml:"length,attr,omitempty"`
}

// Prompt is a verb allowed inside <Gather>: Say, Play or Pause.
type Prompt interface {
	prompt()
	appendXML(b []byte) []byte
}

// Gather collects digits (or speech) while its prompts play (wire facts §2
// "<Gather>"). With no input and ActionOnEmptyResult unset or false,
// Twilio does not request Action and runs the next verb.
type Gather struct {
	XMLName xml.Name `xml:"Gather"`
	// Input is dtmf (the default), speech, or "dtmf speech".
	Input string `xml:"input,attr,omitempty"`
	// Action defaults to the current document's URL; Method to POST.
	Action string `xml:"action,attr,omitempty"`
	Method string `xml:"method,attr,omitempty"`
	// NumDigits stops after that many digits; unlimited by default.
	NumDigits *int `xml:"numDigits,attr,omitempty"`
	// Timeout is seconds of silence that end the gather; default 5.
	Timeout *int `xml:"timeout,attr,omitempty"`
	// FinishOnKey defaults to "#"; String("") disables it.
	FinishOnKey         *string `xml:"finishOnKey,attr,omitempty"`
	ActionOnEmptyResult *bool   `xml:"actionOnEmptyResult,attr,omitempty"`
	// SpeechTimeout is "auto" or seconds, for speech input.
	SpeechTimeout string `xml:"speechTimeout,attr,omitempty"`
	// Language (speech recognition) defaults to en-US.
	Language string   `xml:"language,attr,omitempty"`
	Prompts  []Prompt `xml:",omitempty"`
}

// Enqueue puts the caller in the queue Name (at most 64 characters,
// created on demand; wire facts §2 "<Enqueue>").
type Enqueue struct {
	XMLName xml.Name `xml:"Enqueue"`
	// Action is requested when the caller leaves the queue (Leave, queue
	// full, or after a bridged call ends); Method defaults to POST.
	Action string `xml:"action,attr,omitempty"`
	Method string `xml:"method,attr,omitempty"`
	// WaitURL is the TwiML played (in a loop) while waiting; Twilio's hold
	// music when nil. WaitURLMethod defaults to POST.
	WaitURL       *string `xml:"waitUrl,attr,omitempty"`
	WaitURLMethod string  `xml:"waitUrlMethod,attr,omitempty"`
	// MaxQueueSize defaults to 1000.
	MaxQueueSize *int   `xml:"maxQueueSize,attr,omitempty"`
	Name         string `xml:",chardata"`
}

// Leave takes the caller out of their queue; used in waitUrl documents.
type Leave struct {
	XMLName xml.Name `xml:"Leave"`
}

// Record records the caller (wire facts §2 "<Record>").
type Record struct {
	XMLName xml.Name `xml:"Record"`
	// Action defaults to the current document's URL; Method to POST.
	Action string `xml:"action,attr,omitempty"`
	Method string `xml:"method,attr,omitempty"`
	// MaxLength is in seconds; default 3600.
	MaxLength *int `xml:"maxLength,attr,omitempty"`
	// PlayBeep defaults to true.
	PlayBeep *bool `xml:"playBeep,attr,omitempty"`
	// Timeout is seconds of silence that end the recording; default 5, 0
	// never.
	Timeout *int `xml:"timeout,attr,omitempty"`
	// FinishOnKey defaults to any key ("1234567890*#"); String("")
	// disables it.
	FinishOnKey                   *string `xml:"finishOnKey,attr,omitempty"`
	RecordingStatusCallback       string  `xml:"recordingStatusCallback,attr,omitempty"`
	RecordingStatusCallbackMethod string  `xml:"recordingStatusCallbackMethod,attr,omitempty"`
	// RecordingStatusCallbackEvent defaults to completed.
	RecordingStatusCallbackEvent Events `xml:"recordingStatusCallbackEvent,attr,omitempty"`
	// Trim is trim-silence (the default) or do-not-trim.
	Trim string `xml:"trim,attr,omitempty"`
	// Transcribe defaults to false.
	Transcribe         *bool  `xml:"transcribe,attr,omitempty"`
	TranscribeCallback string `xml:"transcribeCallback,attr,omitempty"`
}

// Redirect moves control to the TwiML at URL; Method defaults to POST.
type Redirect struct {
	XMLName xml.Name `xml:"Redirect"`
	Method  string   `xml:"method,attr,omitempty"`
	URL     string   `xml:",chardata"`
}

// Reject refuses an inbound call unanswered; Reason is rejected (the
// default) or busy. It should be the first verb (wire facts §2).
type Reject struct {
	XMLName xml.Name `xml:"Reject"`
	Reason  string   `xml:"reason,attr,omitempty"`
}

// Hangup ends the call.
type Hangup struct {
	XMLName xml.Name `xml:"Hangup"`
}

func (Say) verb()      {}
func (Play) verb()     {}
func (Pause) verb()    {}
func (Gather) verb()   {}
func (Dial) verb()     {}
func (Enqueue) verb()  {}
func (Leave) verb()    {}
func (Record) verb()   {}
func (Redirect) verb() {}
func (Reject) verb()   {}
func (Hangup) verb()   {}

func (Say) prompt()   {}
func (Play) prompt()  {}
func (Pause) prompt() {}

// The appendXML methods list each verb's attributes in struct-field order,
// as encoding/xml wrote them.

func (v Say) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Say")
	w.attr("voice", v.Voice)
	w.attr("language", v.Language)
	w.intAttr("loop", v.Loop)
	w.textElement("Say", v.Text)
	return w.buf
}

func (v Play) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Play")
	w.intAttr("loop", v.Loop)
	w.attr("digits", v.Digits)
	w.textElement("Play", v.URL)
	return w.buf
}

func (v Pause) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Pause")
	w.intAttr("length", v.Length)
	w.empty("Pause")
	return w.buf
}

func (v Gather) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Gather")
	w.attr("input", v.Input)
	w.attr("action", v.Action)
	w.attr("method", v.Method)
	w.intAttr("numDigits", v.NumDigits)
	w.intAttr("timeout", v.Timeout)
	w.strPtrAttr("finishOnKey", v.FinishOnKey)
	w.boolAttr("actionOnEmptyResult", v.ActionOnEmptyResult)
	w.attr("speechTimeout", v.SpeechTimeout)
	w.attr("language", v.Language)
	w.open()
	for _, p := range v.Prompts {
		if p != nil { // encoding/xml skipped nil interface values
			w.buf = p.appendXML(w.buf)
		}
	}
	w.end("Gather")
	return w.buf
}

func (v Enqueue) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Enqueue")
	w.attr("action", v.Action)
	w.attr("method", v.Method)
	w.strPtrAttr("waitUrl", v.WaitURL)
	w.attr("waitUrlMethod", v.WaitURLMethod)
	w.intAttr("maxQueueSize", v.MaxQueueSize)
	w.textElement("Enqueue", v.Name)
	return w.buf
}

func (Leave) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Leave")
	w.empty("Leave")
	return w.buf
}

func (v Record) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Record")
	w.attr("action", v.Action)
	w.attr("method", v.Method)
	w.intAttr("maxLength", v.MaxLength)
	w.boolAttr("playBeep", v.PlayBeep)
	w.intAttr("timeout", v.Timeout)
	w.strPtrAttr("finishOnKey", v.FinishOnKey)
	w.attr("recordingStatusCallback", v.RecordingStatusCallback)
	w.attr("recordingStatusCallbackMethod", v.RecordingStatusCallbackMethod)
	w.events("recordingStatusCallbackEvent", v.RecordingStatusCallbackEvent)
	w.attr("trim", v.Trim)
	w.boolAttr("transcribe", v.Transcribe)
	w.attr("transcribeCallback", v.TranscribeCallback)
	w.empty("Record")
	return w.buf
}

func (v Redirect) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Redirect")
	w.attr("method", v.Method)
	w.textElement("Redirect", v.URL)
	return w.buf
}

func (v Reject) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Reject")
	w.attr("reason", v.Reason)
	w.empty("Reject")
	return w.buf
}

func (Hangup) appendXML(b []byte) []byte {
	w := writer{buf: b}
	w.start("Hangup")
	w.empty("Hangup")
	return w.buf
}
