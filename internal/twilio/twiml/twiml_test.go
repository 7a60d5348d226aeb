package twiml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// scenarios are the documents the call flows write, one golden file each.
func scenarios() map[string]Response {
	return map[string]Response{
		"empty": {},
		"ivr_menu": {Verbs: []Verb{
			Say{Voice: "alice", Language: "en-GB", Text: "Welcome to Acme."},
			Gather{Input: "dtmf", Action: "/twilio/voice/menu?step=1", Method: "POST", NumDigits: Int(1),
				Timeout: Int(5), FinishOnKey: String(""), ActionOnEmptyResult: Bool(false),
				Prompts: []Prompt{
					Say{Text: "For sales press 1. For support press 2."},
					Play{URL: "https://cdn.example.com/menu.mp3", Loop: Int(1)},
					Pause{Length: Int(2)},
				}},
			Say{Text: "We did not get your choice."},
			Redirect{Method: "POST", URL: "/twilio/voice/menu?step=0"},
		}},
		"ring_agents": {Verbs: []Verb{
			Dial{Action: "/twilio/voice/dial-done?call=1", Method: "POST", Timeout: Int(20),
				CallerID: "+14155550100", Record: "record-from-answer-dual",
				RecordingStatusCallback: "/twilio/recording", RecordingStatusCallbackMethod: "POST",
				RecordingStatusCallbackEvent: Events{"in-progress", "completed"},
				AnswerOnBridge:               Bool(true), RingTone: "us", TimeLimit: Int(14400), HangupOnStar: Bool(false),
				Nouns: []Noun{
					Client{Identity: "agent-alice", StatusCallback: "/twilio/leg", StatusCallbackMethod: "POST",
						StatusCallbackEvent: Events{"initiated", "ringing", "answered", "completed"}},
					Client{Identity: "agent-bob", URL: "/twilio/whisper", Method: "POST",
						Parameters: []Parameter{{Name: "callId", Value: "42"}, {Name: "from", Value: "+14155550199"}}},
					Number{PhoneNumber: "+14155550123", URL: "/twilio/whisper?to=mobile", Method: "GET",
						StatusCallback: "/twilio/leg", StatusCallbackEvent: Events{"answered", "completed"}, SendDigits: "ww1234"},
				}},
			Say{Text: "Nobody is available."},
		}},
		"conference_silent_wait": {Verbs: []Verb{
			Dial{Nouns: []Noun{Conference{Name: "call-7f3a", StartConferenceOnEnter: Bool(false),
				EndConferenceOnExit: Bool(true), WaitURL: String(""), WaitMethod: "GET", Muted: Bool(false),
				Beep: "false", Record: "record-from-start", RecordingStatusCallback: "/twilio/recording",
				RecordingStatusCallbackEvent: Events{"completed"},
				StatusCallback:               "/twilio/conference", StatusCallbackMethod: "POST",
				StatusCallbackEvent: Events{"start", "end", "join", "leave", "mute", "hold"},
				MaxParticipants:     Int(10), ParticipantLabel: "customer"}}},
		}},
		"enqueue": {Verbs: []Verb{
			Enqueue{Name: "support", Action: "/twilio/queue/done", Method: "POST",
				WaitURL: String("/twilio/queue/wait"), WaitURLMethod: "GET", MaxQueueSize: Int(100)},
		}},
		"enqueue_silent": {Verbs: []Verb{Enqueue{Name: "support", WaitURL: String("")}}},
		"queue_wait_music": {Verbs: []Verb{
			Say{Text: "You are caller number 3.", Loop: Int(1)},
			Play{URL: "https://cdn.example.com/hold.mp3", Loop: Int(0)},
			Leave{},
		}},
		"dequeue": {Verbs: []Verb{Dial{Nouns: []Noun{Queue{Name: "support", URL: "/twilio/queue/announce", Method: "POST"}}}}},
		"voicemail": {Verbs: []Verb{
			Say{Text: "Please leave a message after the tone."},
			Record{Action: "/twilio/voicemail", Method: "POST", MaxLength: Int(120), PlayBeep: Bool(true),
				Timeout: Int(0), FinishOnKey: String(""), RecordingStatusCallback: "/twilio/recording",
				RecordingStatusCallbackMethod: "POST", RecordingStatusCallbackEvent: Events{"completed"},
				Trim: "trim-silence", Transcribe: Bool(false)},
			Hangup{},
		}},
		"play_digits": {Verbs: []Verb{Play{Digits: "ww1234#"}}},
		"reject_busy": {Verbs: []Verb{Reject{Reason: "busy"}}},
		"escaping": {Verbs: []Verb{
			Say{Text: `Tom & Jerry's "<best>" café`},
			Redirect{URL: "/twilio/voice?a=1&b=x y"},
		}},
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for name, r := range scenarios() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := r.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(got, []byte(`<?xml version="1.0" encoding="UTF-8"?><Response>`)) {
				t.Errorf("document starts %q", got[:min(len(got), 60)])
			}
			path := filepath.Join("testdata", name+".xml")
			if *update {
				if err := os.WriteFile(path, indent(t, got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if d := cmp.Diff(parse(t, want), parse(t, got)); d != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", path, d)
			}
		})
	}
}

// element is a parsed XML element; attributes are a map, so their order
// never matters, while present-but-empty and absent differ.
type element struct {
	Name     string
	Attrs    map[string]string
	Text     string
	Children []element
}

func parse(t *testing.T, doc []byte) element {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("parse: %v\n%s", err, doc)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return parseElement(t, dec, se)
		}
	}
}

func parseElement(t *testing.T, dec *xml.Decoder, se xml.StartElement) element {
	e := element{Name: se.Name.Local, Attrs: map[string]string{}}
	for _, a := range se.Attr {
		e.Attrs[a.Name.Local] = a.Value
	}
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		switch tt := tok.(type) {
		case xml.StartElement:
			e.Children = append(e.Children, parseElement(t, dec, tt))
		case xml.CharData:
			text.Write(tt)
		case xml.EndElement:
			if s := text.String(); strings.TrimSpace(s) != "" { // indentation is not text
				e.Text = s
			}
			return e
		}
	}
}

// indent re-encodes doc with indentation, for readable golden files.
func indent(t *testing.T, doc []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	dec := xml.NewDecoder(bytes.NewReader(doc))
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := enc.EncodeToken(xml.CopyToken(tok)); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	return append(b.Bytes(), '\n')
}

// TestEmptyVersusUnset: an attribute set to "" is written, an unset one is
// not (wire facts §10: twilio-go cannot write waitUrl="").
func TestEmptyVersusUnset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		verb  Verb
		attr  string
		value string
		set   bool
	}{
		{"conference waitUrl empty", Dial{Nouns: []Noun{Conference{Name: "c", WaitURL: String("")}}}, "waitUrl", "", true},
		{"conference waitUrl unset", Dial{Nouns: []Noun{Conference{Name: "c"}}}, "waitUrl", "", false},
		{"gather finishOnKey empty", Gather{FinishOnKey: String("")}, "finishOnKey", "", true},
		{"gather finishOnKey unset", Gather{}, "finishOnKey", "", false},
		{"say loop 0 is written", Say{Text: "x", Loop: Int(0)}, "loop", "0", true},
		{"conference startConferenceOnEnter false is written", Dial{Nouns: []Noun{Conference{Name: "c", StartConferenceOnEnter: Bool(false)}}}, "startConferenceOnEnter", "false", true},
		{"record transcribe false is written", Record{Transcribe: Bool(false)}, "transcribe", "false", true},
		{"record timeout unset", Record{}, "timeout", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := Response{Verbs: []Verb{tt.verb}}.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			e := parse(t, doc).Children[0]
			for len(e.Children) > 0 && e.Attrs[tt.attr] == "" && e.Name == "Dial" {
				e = e.Children[0]
			}
			v, ok := e.Attrs[tt.attr]
			if ok != tt.set || v != tt.value {
				t.Errorf("%s = %q (present %v), want %q (present %v) in %s", tt.attr, v, ok, tt.value, tt.set, doc)
			}
		})
	}
}

// TestAttributeOrderIsFixed: the same document is written byte for byte
// the same every time, unlike twilio-go's map-ordered attributes.
func TestAttributeOrderIsFixed(t *testing.T) {
	t.Parallel()
	r := scenarios()["ring_agents"]
	first, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		again, err := r.Marshal()
		if err != nil || !bytes.Equal(first, again) {
			t.Fatalf("second Marshal differs: %v\n%s\n%s", err, first, again)
		}
	}
	if !bytes.Contains(first, []byte(`<Dial action="/twilio/voice/dial-done?call=1" method="POST" timeout="20"`)) {
		t.Errorf("Dial attributes not in field order: %s", first)
	}
}

func TestMarshalRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		r    Response
		want string
	}{
		{"nil verb", Response{Verbs: []Verb{Say{Text: "a"}, nil}}, "verb 1 is nil"},
		{"over 64 kB (error 11750)", Response{Verbs: []Verb{Say{Text: strings.Repeat("x", MaxSize)}}}, "11750"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := tt.r.Marshal()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Marshal error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestAdd(t *testing.T) {
	t.Parallel()
	var r Response
	r.Add(Say{Text: "a"}).Add(Pause{}, Hangup{})
	if d := cmp.Diff([]Verb{Say{Text: "a"}, Pause{}, Hangup{}}, r.Verbs); d != "" {
		t.Errorf("verbs mismatch (-want +got):\n%s", d)
	}
}
