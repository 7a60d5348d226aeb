package sandbox

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// Step is one thing that happened on a call, in the order it happened.
type Step struct {
	// Offset is the time since the call was placed.
	Offset  Duration `json:"offset"`
	At      string   `json:"at"` // RFC 3339 with fractional seconds
	CallSid string   `json:"call_sid"`
	// Kind is one of the Step* constants.
	Kind    string            `json:"kind"`
	Text    string            `json:"text,omitempty"`
	URL     string            `json:"url,omitempty"`
	Digits  string            `json:"digits,omitempty"`
	Party   string            `json:"party,omitempty"`
	Status  string            `json:"status,omitempty"`
	Detail  map[string]string `json:"detail,omitempty"`
	Webhook *WebhookExchange  `json:"webhook,omitempty"`
}

// Step kinds.
const (
	StepPlaced    = "placed"    // the call started ringing the carrier
	StepWebhook   = "webhook"   // a request the sandbox made and its response
	StepAnswered  = "answered"  // the call (or a dialled leg) was answered
	StepSay       = "say"       // the caller heard text
	StepPlay      = "play"      // the caller heard an audio URL or tones
	StepPause     = "pause"     // silence
	StepGather    = "gather"    // listening for digits
	StepDigits    = "digits"    // the caller (or agent) pressed keys
	StepSpeech    = "speech"    // the caller said something
	StepRing      = "ring"      // a party started ringing
	StepNoAnswer  = "no-answer" // a ringing party timed out
	StepBusy      = "busy"      // a party was busy or rejected
	StepCanceled  = "canceled"  // ringing stopped because another answered or the caller left
	StepFailed    = "failed"    // a leg could not be placed
	StepBridged   = "bridged"   // two parties were connected
	StepUnbridged = "unbridged" // a connection ended
	StepEnqueued  = "enqueued"  // the caller joined a queue
	StepDequeued  = "dequeued"  // the caller left a queue
	StepConfJoin  = "conference-join"
	StepConfLeave = "conference-leave"
	StepHold      = "hold"
	StepUnhold    = "unhold"
	StepMusic     = "music"    // built-in hold music (no URL)
	StepRecord    = "record"   // a recording started or finished
	StepRedirect  = "redirect" // control moved to another document
	StepReject    = "reject"   // the call was rejected unanswered
	StepHangup    = "hangup"   // someone hung up
	StepError     = "error"    // a Twilio error (11200, 12100, ...)
	StepEnded     = "ended"    // the leg ended with its final status
	StepMessage   = "message"  // an SMS was sent or received
	StepNote      = "note"     // anything else worth knowing
)

// WebhookExchange is a webhook request the sandbox sent and what it got.
type WebhookExchange struct {
	Purpose   string            `json:"purpose"`
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	Params    map[string]string `json:"params"`
	Status    int               `json:"status,omitempty"`
	Body      string            `json:"body,omitempty"`
	ErrorCode int               `json:"error_code,omitempty"`
	Error     string            `json:"error,omitempty"`
	Signature string            `json:"signature,omitempty"`
}

// Transcript is the record of one call and every leg it started.
type Transcript struct {
	CallSid string `json:"call_sid"`
	From    string `json:"from"`
	To      string `json:"to"`
	Status  string `json:"status"`
	Steps   []Step `json:"steps"`
}

// transcript is the live, append-only form of a Transcript.
type transcript struct {
	mu    sync.Mutex
	start time.Time
	t     Transcript
}

func newTranscript(c *call, start time.Time) *transcript {
	return &transcript{start: start, t: Transcript{CallSid: c.sid, From: c.from, To: c.to}}
}

func (tr *transcript) add(now time.Time, st Step) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	st.Offset = Duration(now.Sub(tr.start))
	st.At = now.UTC().Format(time.RFC3339Nano)
	tr.t.Steps = append(tr.t.Steps, st)
}

func (tr *transcript) setStatus(s string) {
	tr.mu.Lock()
	tr.t.Status = s
	tr.mu.Unlock()
}

func (tr *transcript) snapshot() Transcript {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	t := tr.t
	t.Steps = append([]Step(nil), tr.t.Steps...)
	return t
}

// Text renders the transcript one step per line, e.g.
//
//	+0:00:02 CA…1234 say "Welcome to Acme" [voice=alice]
func (t Transcript) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "call %s from %s to %s: %s\n", t.CallSid, t.From, t.To, t.Status)
	for _, st := range t.Steps {
		b.WriteString(st.line())
		b.WriteByte('\n')
	}
	return b.String()
}

func (st Step) line() string {
	d := time.Duration(st.Offset).Round(100 * time.Millisecond)
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, d.Seconds()-float64(int(d.Minutes())*60)
	parts := []string{fmt.Sprintf("+%d:%02d:%04.1f", h, m, sec), shortSID(st.CallSid), st.Kind}
	if st.Party != "" {
		parts = append(parts, st.Party)
	}
	if st.Text != "" {
		parts = append(parts, fmt.Sprintf("%q", st.Text))
	}
	if st.URL != "" {
		parts = append(parts, st.URL)
	}
	if st.Digits != "" {
		parts = append(parts, "digits="+st.Digits)
	}
	if st.Status != "" {
		parts = append(parts, "status="+st.Status)
	}
	if len(st.Detail) > 0 {
		var kv []string
		for _, k := range sortedKeys(st.Detail) {
			kv = append(kv, k+"="+st.Detail[k])
		}
		parts = append(parts, "["+strings.Join(kv, " ")+"]")
	}
	if w := st.Webhook; w != nil {
		parts = append(parts, w.webhookLine())
	}
	return strings.Join(parts, " ")
}

func (w *WebhookExchange) webhookLine() string {
	s := fmt.Sprintf("%s %s %s", w.Purpose, w.Method, w.URL)
	keys := make([]string, 0, len(w.Params))
	for k := range w.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var kv []string
	for _, k := range keys {
		if interesting[k] {
			kv = append(kv, k+"="+w.Params[k])
		}
	}
	if len(kv) > 0 {
		s += " {" + strings.Join(kv, " ") + "}"
	}
	if w.ErrorCode != 0 {
		return s + fmt.Sprintf(" -> error %d (%s)", w.ErrorCode, w.Error)
	}
	body := strings.Join(strings.Fields(w.Body), " ")
	if len(body) > 200 {
		body = body[:200] + "…"
	}
	return s + fmt.Sprintf(" -> %d %s", w.Status, body)
}

// interesting are the webhook parameters shown in the text transcript; the
// JSON form has all of them.
var interesting = map[string]bool{
	"CallStatus": true, "Digits": true, "DialCallStatus": true, "QueueResult": true,
	"StatusCallbackEvent": true, "RecordingDuration": true, "ErrorCode": true,
	"QueuePosition": true, "QueueTime": true, "Body": true, "MessageStatus": true,
	"SequenceNumber": true,
}

func shortSID(sid string) string {
	if len(sid) > 8 {
		return sid[:2] + "…" + sid[len(sid)-4:]
	}
	return sid
}
