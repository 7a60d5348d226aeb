package twiml

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

// The oracle is how Marshal wrote documents before it wrote them by hand:
// encoding/xml over the struct tags, with the two marshalers below. The
// hand-written writer must match it byte for byte.

type document struct {
	XMLName xml.Name `xml:"Response"`
	Verbs   []Verb
}

func oracleMarshal(r Response) ([]byte, error) {
	for i, v := range r.Verbs {
		if v == nil {
			return nil, fmt.Errorf("twiml: verb %d is nil", i)
		}
	}
	var b bytes.Buffer
	b.WriteString(header)
	if err := xml.NewEncoder(&b).Encode(document{Verbs: r.Verbs}); err != nil {
		return nil, fmt.Errorf("twiml: %w", err)
	}
	if b.Len() > MaxSize {
		return nil, fmt.Errorf("twiml: document is %d bytes; Twilio accepts at most %d (error 11750)", b.Len(), MaxSize)
	}
	return b.Bytes(), nil
}

// MarshalXMLAttr writes the events separated by spaces.
func (e Events) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	if len(e) == 0 {
		return xml.Attr{}, nil
	}
	return xml.Attr{Name: name, Value: strings.Join(e, " ")}, nil
}

type clientXML struct {
	XMLName              xml.Name    `xml:"Client"`
	URL                  string      `xml:"url,attr,omitempty"`
	Method               string      `xml:"method,attr,omitempty"`
	StatusCallback       string      `xml:"statusCallback,attr,omitempty"`
	StatusCallbackMethod string      `xml:"statusCallbackMethod,attr,omitempty"`
	StatusCallbackEvent  Events      `xml:"statusCallbackEvent,attr,omitempty"`
	Text                 string      `xml:",chardata"`
	Identity             *string     `xml:"Identity,omitempty"`
	Parameters           []Parameter `xml:",omitempty"`
}

// MarshalXML writes the short or the long form.
func (c Client) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	x := clientXML{URL: c.URL, Method: c.Method, StatusCallback: c.StatusCallback,
		StatusCallbackMethod: c.StatusCallbackMethod, StatusCallbackEvent: c.StatusCallbackEvent}
	if len(c.Parameters) > 0 {
		x.Identity, x.Parameters = &c.Identity, c.Parameters
	} else {
		x.Text = c.Identity
	}
	return e.Encode(x)
}

// tricky holds text that encoding/xml escapes or replaces.
const tricky = "q\"a'&<>\tn\nr\r bad\xff\xfe end\xe6\x97 fffd\uFFFD ctl\x01\x1f\x7f Ångström 日本 \U0001F600"

// everyVerb is a document with every verb and noun, every attribute set:
// text and URLs come from a, names and methods from b, events from c.
func everyVerb(a, b, c string) Response {
	ev := Events{c, b, "completed"}
	return Response{Verbs: []Verb{
		Say{Voice: b, Language: b, Loop: Int(3), Text: a},
		Play{Loop: Int(2), Digits: b, URL: a},
		Pause{Length: Int(4)},
		Gather{Input: b, Action: a, Method: b, NumDigits: Int(1), Timeout: Int(7), FinishOnKey: String(b),
			ActionOnEmptyResult: Bool(true), SpeechTimeout: b, Language: b,
			Prompts: []Prompt{Say{Text: a}, Play{URL: a}, Pause{Length: Int(1)}}},
		Dial{Action: a, Method: b, Timeout: Int(20), CallerID: b, Record: b, RecordingStatusCallback: a,
			RecordingStatusCallbackMethod: b, RecordingStatusCallbackEvent: ev, AnswerOnBridge: Bool(true),
			RingTone: b, TimeLimit: Int(600), HangupOnStar: Bool(true), Nouns: []Noun{
				Number{URL: a, Method: b, StatusCallback: a, StatusCallbackMethod: b, StatusCallbackEvent: ev,
					SendDigits: b, PhoneNumber: a},
				Client{Identity: a, URL: a, Method: b, StatusCallback: a, StatusCallbackMethod: b, StatusCallbackEvent: ev},
				Client{Identity: a, URL: a, Method: b, StatusCallback: a, StatusCallbackMethod: b, StatusCallbackEvent: ev,
					Parameters: []Parameter{{Name: b, Value: a}, {Name: a, Value: c}}},
				Conference{StartConferenceOnEnter: Bool(true), EndConferenceOnExit: Bool(true), WaitURL: String(a),
					WaitMethod: b, Muted: Bool(true), Beep: b, Record: b, RecordingStatusCallback: a,
					RecordingStatusCallbackEvent: ev, StatusCallback: a, StatusCallbackMethod: b,
					StatusCallbackEvent: ev, MaxParticipants: Int(250), ParticipantLabel: b, Name: a},
				Queue{URL: a, Method: b, Name: a},
			}},
		Enqueue{Action: a, Method: b, WaitURL: String(a), WaitURLMethod: b, MaxQueueSize: Int(1000), Name: a},
		Leave{},
		Record{Action: a, Method: b, MaxLength: Int(3600), PlayBeep: Bool(true), Timeout: Int(5),
			FinishOnKey: String(b), RecordingStatusCallback: a, RecordingStatusCallbackMethod: b,
			RecordingStatusCallbackEvent: ev, Trim: b, Transcribe: Bool(true), TranscribeCallback: a},
		Redirect{Method: b, URL: a},
		Reject{Reason: b},
		Hangup{},
	}}
}

// zeroPointers sets every pointer attribute to its zero value, which is
// written (loop="0", playBeep="false", waitUrl="").
func zeroPointers() Response {
	return Response{Verbs: []Verb{
		Say{Loop: Int(0)},
		Play{Loop: Int(0)},
		Pause{Length: Int(0)},
		Gather{NumDigits: Int(0), Timeout: Int(0), FinishOnKey: String(""), ActionOnEmptyResult: Bool(false)},
		Dial{Timeout: Int(0), AnswerOnBridge: Bool(false), TimeLimit: Int(0), HangupOnStar: Bool(false),
			Nouns: []Noun{Conference{StartConferenceOnEnter: Bool(false), EndConferenceOnExit: Bool(false),
				WaitURL: String(""), Muted: Bool(false), MaxParticipants: Int(0)}}},
		Enqueue{WaitURL: String(""), MaxQueueSize: Int(0)},
		Record{MaxLength: Int(0), PlayBeep: Bool(false), Timeout: Int(0), FinishOnKey: String(""), Transcribe: Bool(false)},
	}}
}

// unset is every verb and noun with nothing set.
func unset() Response {
	return Response{Verbs: []Verb{Say{}, Play{}, Pause{}, Gather{}, Enqueue{}, Leave{}, Record{}, Redirect{},
		Reject{}, Hangup{}, Dial{}, Dial{Nouns: []Noun{Number{}, Client{}, Conference{}, Queue{}}}}}
}

func TestMarshalMatchesEncodingXML(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		r    Response
	}{
		{"empty", Response{}},
		{"every attribute set", everyVerb("/twilio/x?a=1", "POST", "answered")},
		{"every attribute set to tricky text", everyVerb(tricky, tricky, tricky)},
		{"every attribute unset", unset()},
		{"pointer attributes set to zero values", zeroPointers()},
		{"negative numbers", Response{Verbs: []Verb{Say{Loop: Int(-1)}, Pause{Length: Int(-2147483649)}}}},
		{"client short form", Response{Verbs: []Verb{Dial{Nouns: []Noun{Client{Identity: "agent-alice"}}}}}},
		{"client long form with empty identity and parameters", Response{Verbs: []Verb{Dial{Nouns: []Noun{
			Client{Parameters: []Parameter{{}, {Name: "n"}, {Value: "v"}}}}}}}},
		{"gather with each prompt kind alone", Response{Verbs: []Verb{
			Gather{Prompts: []Prompt{Say{Text: "s"}}}, Gather{Prompts: []Prompt{Play{URL: "p"}}},
			Gather{Prompts: []Prompt{Pause{}}}, Gather{Prompts: []Prompt{}}}}},
		{"nil prompt and nil noun are skipped", Response{Verbs: []Verb{
			Gather{Prompts: []Prompt{nil, Say{Text: "s"}, nil}}, Dial{Nouns: []Noun{nil, Queue{Name: "q"}, nil}}}}},
		{"events with empty values", Response{Verbs: []Verb{
			Record{RecordingStatusCallbackEvent: Events{""}}, Record{RecordingStatusCallbackEvent: Events{"", ""}},
			Record{RecordingStatusCallbackEvent: Events{}}, Record{RecordingStatusCallbackEvent: Events{"a", "", "b"}}}}},
		{"events split inside a UTF-8 sequence", Response{Verbs: []Verb{
			Record{RecordingStatusCallbackEvent: Events{"\xe6\x97", "\xa5", "日", "\xf0"}}}}},
		{"each tricky character alone", trickyOneByOne()},
		{"every byte", Response{Verbs: []Verb{Say{Text: everyByte(), Voice: everyByte()}}}},
		{"golden scenarios", goldenScenarios()},
		{"pointer verbs", Response{Verbs: []Verb{&Say{Text: "a"}, &Dial{Nouns: []Noun{&Queue{Name: "q"}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requireOracle(t, tt.r)
		})
	}
}

func requireOracle(t *testing.T, r Response) {
	t.Helper()
	want, wantErr := oracleMarshal(r)
	got, err := r.Marshal()
	if (err != nil) != (wantErr != nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("Marshal error = %v, encoding/xml's = %v", err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Marshal differs from encoding/xml:\n got %q\nwant %q", got, want)
	}
}

// trickyOneByOne puts each rune of tricky (and each invalid byte) alone
// in a text and an attribute.
func trickyOneByOne() Response {
	var r Response
	for _, s := range strings.SplitAfter(tricky, "") {
		r.Add(Say{Voice: s, Text: s})
	}
	return r
}

func everyByte() string {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}

// goldenScenarios is all the golden-file documents in one.
func goldenScenarios() Response {
	var r Response
	for _, s := range scenarios() {
		r.Add(s.Verbs...)
	}
	return r
}

func TestMarshalRefusesLikeEncodingXML(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		r    Response
	}{
		{"nil verb", Response{Verbs: []Verb{Say{Text: "a"}, nil}}},
		{"exactly MaxSize", Response{Verbs: []Verb{Say{Text: strings.Repeat("x", MaxSize-len(header)-len("<Response><Say></Say></Response>"))}}}},
		{"one byte over MaxSize", Response{Verbs: []Verb{Say{Text: strings.Repeat("x", MaxSize+1-len(header)-len("<Response><Say></Say></Response>"))}}}},
		{"over MaxSize by escaping", Response{Verbs: []Verb{Say{Text: strings.Repeat("&", MaxSize/4)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requireOracle(t, tt.r)
		})
	}
}

// FuzzMarshalMatchesEncodingXML feeds arbitrary strings into every text
// and attribute of a document with every verb.
func FuzzMarshalMatchesEncodingXML(f *testing.F) {
	f.Add("/twilio/x?a=1&b=2", "POST", "answered")
	f.Add(tricky, "", "")
	f.Add("", tricky, "\xe6\x97")
	f.Add("\uFFFD\xef\xbf", "\x00\x01\r\n", "\xa5 ")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		requireOracle(t, everyVerb(a, b, c))
		requireOracle(t, Response{Verbs: []Verb{Say{Text: a, Voice: b}, Dial{Nouns: []Noun{
			Client{Identity: c, Parameters: []Parameter{{Name: a, Value: b}}}}}}})
	})
}

// ringDocument is what an inbound call typically gets: a greeting, then
// the caller waits in the call's conference.
func ringDocument() Response {
	return Response{Verbs: []Verb{
		Say{Voice: "alice", Language: "en-US", Text: "Thanks for calling Acme. Connecting you now."},
		Dial{Nouns: []Noun{Conference{Name: "call-1234567", StartConferenceOnEnter: Bool(false),
			EndConferenceOnExit: Bool(true), Beep: "false",
			WaitURL: String("https://switchboard.example.com/webhooks/twilio/voice/wait?call=1234567")}}},
	}}
}

func BenchmarkMarshal(b *testing.B) {
	benchmarkMarshal(b, Response.Marshal)
}

// BenchmarkMarshalEncodingXML is the oracle, for before/after ratios in
// one run.
func BenchmarkMarshalEncodingXML(b *testing.B) {
	benchmarkMarshal(b, oracleMarshal)
}

func benchmarkMarshal(b *testing.B, marshal func(Response) ([]byte, error)) {
	r := ringDocument()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := marshal(r); err != nil {
			b.Fatal(err)
		}
	}
}
