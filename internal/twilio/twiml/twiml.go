// Package twiml writes TwiML voice documents.
//
// The struct tags name each element and attribute as it goes on the wire;
// Marshal writes the document by hand, without reflection, byte for byte
// as encoding/xml would from those tags (oracle_test.go checks it), so a
// webhook does not pay for a fresh encoder per response.
//
// Unlike twilio-go's twiml package, attributes come out in a fixed order
// (the order of the struct fields) and an attribute can be written with an
// empty value: waitUrl="" plays silence in a conference, finishOnKey=""
// disables the finish key (wire facts §2 and §10 "Empty-string attributes
// are dropped"). Every attribute is omitted when unset: strings when
// empty, and the pointer fields (numbers, booleans, and the strings whose
// empty value means something) when nil. Attribute names and defaults
// follow wire facts §2; the defaults named in the doc comments are
// Twilio's, applied by Twilio when the attribute is omitted.
package twiml

import "fmt"

// MaxSize is the largest TwiML document Twilio accepts: 64 kB; a larger
// one is error 11750 (wire facts §1 "Expected response").
const MaxSize = 64 << 10

// header is the XML declaration twilio-go writes too (wire facts §10).
const header = `<?xml version="1.0" encoding="UTF-8"?>`

// Int returns a pointer to n, for optional numeric attributes.
func Int(n int) *int { return &n }

// Bool returns a pointer to b, for optional boolean attributes.
func Bool(b bool) *bool { return &b }

// String returns a pointer to s, for attributes whose empty value matters.
func String(s string) *string { return &s }

// Events is a space-separated attribute such as statusCallbackEvent
// ("initiated ringing answered completed"; wire facts §3: TwiML takes
// space-separated values); empty is omitted.
type Events []string

// Verb is an element allowed directly under <Response>: Say, Play, Pause,
// Gather, Dial, Enqueue, Leave, Record, Redirect, Reject or Hangup.
type Verb interface {
	verb()
	appendXML(b []byte) []byte
}

// Response is a TwiML document: its verbs run in order, and the call hangs
// up after the last one (wire facts §2 "General rules").
type Response struct {
	Verbs []Verb
}

// Add appends verbs and returns r, for building a document step by step.
func (r *Response) Add(v ...Verb) *Response {
	r.Verbs = append(r.Verbs, v...)
	return r
}

// sizeHint is the buffer Marshal starts with: enough for the documents
// a webhook typically answers (a greeting and a Dial, a few hundred
// bytes), so they cost one allocation; a longer one grows as it is
// written.
const sizeHint = 512

// Marshal writes the document: the XML declaration, then <Response>, with
// no indentation. It fails on a nil verb or a document over MaxSize. A nil
// prompt or noun is skipped, as encoding/xml did.
func (r Response) Marshal() ([]byte, error) {
	for i, v := range r.Verbs {
		if v == nil {
			return nil, fmt.Errorf("twiml: verb %d is nil", i)
		}
	}
	w := writer{buf: make([]byte, 0, sizeHint)}
	w.buf = append(w.buf, header...)
	w.start("Response")
	w.open()
	for _, v := range r.Verbs {
		w.buf = v.appendXML(w.buf)
	}
	w.end("Response")
	if len(w.buf) > MaxSize {
		return nil, fmt.Errorf("twiml: document is %d bytes; Twilio accepts at most %d (error 11750)", len(w.buf), MaxSize)
	}
	return w.buf, nil
}
