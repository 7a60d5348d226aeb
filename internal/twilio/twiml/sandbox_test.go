package twiml

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/twilio"
)

// app serves documents written with this package as the product would:
// each path maps to a function of the (verified) request's form.
type app struct {
	t     *testing.T
	srv   *httptest.Server
	token string
	mu    sync.Mutex
	pages map[string]func(url.Values) Response
	seen  map[string][]url.Values
}

func newApp(t *testing.T, token string) *app {
	a := &app{t: t, token: token, pages: map[string]func(url.Values) Response{}, seen: map[string][]url.Values{}}
	a.srv = httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *app) page(path string, r Response) {
	a.mu.Lock()
	a.pages[path] = func(url.Values) Response { return r }
	a.mu.Unlock()
}

func (a *app) serve(w http.ResponseWriter, r *http.Request) {
	if err := twilio.VerifyRequest(a.token, a.srv.URL, r); err != nil {
		a.t.Errorf("%s %s: %v", r.Method, r.URL, err)
		w.WriteHeader(http.StatusForbidden)
		return
	}
	_ = r.ParseForm()
	a.mu.Lock()
	a.seen[r.URL.Path] = append(a.seen[r.URL.Path], r.Form)
	f := a.pages[r.URL.Path]
	a.mu.Unlock()
	if f == nil {
		f = func(url.Values) Response { return Response{} }
	}
	doc, err := f(r.Form).Marshal()
	if err != nil {
		a.t.Errorf("%s: %v", r.URL.Path, err)
	}
	w.Header().Set("Content-Type", "text/xml")
	_, _ = w.Write(doc)
}

func (a *app) requests(path string) []url.Values {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.seen[path]
}

// line is a transcript step reduced to kind, party, text, digits and
// status.
func line(st sandbox.Step) string {
	parts := []string{st.Kind}
	for _, f := range []string{st.Party, st.Text, st.Digits, st.Status} {
		if f != "" {
			parts = append(parts, f)
		}
	}
	return strings.Join(parts, " ")
}

// inOrder reports whether steps contain lines starting with each of want,
// in order.
func inOrder(steps []sandbox.Step, want []string) bool {
	i := 0
	for _, st := range steps {
		if i < len(want) && strings.HasPrefix(line(st), want[i]) {
			i++
		}
	}
	return i == len(want)
}

// TestSandboxRunsDocuments: the sandbox's TwiML interpreter (a stand-in for
// Twilio's) runs what this package writes, including the empty
// attributes, with the behaviour wire facts §2 describes.
func TestSandboxRunsDocuments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		pages   map[string]Response
		parties map[string]string
		script  sandbox.CallScript
		want    []string
		check   func(t *testing.T, a *app, tr sandbox.Transcript)
	}{
		{
			name: "gather with nested prompts and finishOnKey empty",
			pages: map[string]Response{
				"/voice": {Verbs: []Verb{
					Say{Voice: "alice", Text: "Welcome to Acme"},
					Gather{Action: "/menu", NumDigits: Int(1), FinishOnKey: String(""), Timeout: Int(3),
						Prompts: []Prompt{Say{Text: "Press 2 for support"}, Pause{Length: Int(1)}, Play{URL: "/beep.mp3"}}},
					Say{Text: "No choice"},
				}},
				"/menu": {Verbs: []Verb{Say{Text: "Connecting you to support"}, Hangup{}}},
			},
			script: sandbox.CallScript{Digits: []sandbox.DigitPress{{Digits: "2"}}},
			want:   []string{"say Welcome to Acme", "gather", "say Press 2 for support", "digits 2", "say Connecting you to support", "hangup"},
			check: func(t *testing.T, a *app, _ sandbox.Transcript) {
				if got := a.requests("/menu"); len(got) != 1 || got[0].Get("Digits") != "2" {
					t.Errorf("menu action requests = %v, want one with Digits=2", got)
				}
			},
		},
		{
			name: "gather with no input falls through to the next verb",
			pages: map[string]Response{"/voice": {Verbs: []Verb{
				Gather{Action: "/menu", NumDigits: Int(1), Timeout: Int(2), Prompts: []Prompt{Say{Text: "Press 1"}}},
				Say{Text: "We did not get your choice"},
			}}},
			want: []string{"gather", "say Press 1", "say We did not get your choice"},
			check: func(t *testing.T, a *app, _ sandbox.Transcript) {
				if n := len(a.requests("/menu")); n != 0 {
					t.Errorf("action requested %d times, want never", n)
				}
			},
		},
		{
			name: "dial two clients, short and long form",
			pages: map[string]Response{
				"/voice": {Verbs: []Verb{Dial{Action: "/dial-done", Timeout: Int(20), AnswerOnBridge: Bool(true),
					Nouns: []Noun{
						Client{Identity: "alice"},
						Client{Identity: "bob", Parameters: []Parameter{{Name: "callId", Value: "42"}}},
					}}}},
				"/dial-done": {Verbs: []Verb{Hangup{}}},
			},
			parties: map[string]string{"client:alice": "ignore", "client:bob": "answer@3s,hangup@10s"},
			want:    []string{"ring client:alice", "ring client:bob", "answered", "bridged"},
			check: func(t *testing.T, a *app, _ sandbox.Transcript) {
				if got := a.requests("/dial-done"); len(got) != 1 || got[0].Get("DialCallStatus") != "completed" {
					t.Errorf("dial action requests = %v, want one with DialCallStatus=completed", got)
				}
			},
		},
		{
			name: "conference with waitUrl empty waits in silence",
			pages: map[string]Response{"/voice": {Verbs: []Verb{Dial{Nouns: []Noun{
				Conference{Name: "room-1", StartConferenceOnEnter: Bool(false), WaitURL: String(""), Beep: "false"}}}}}},
			script: sandbox.CallScript{HangupAfter: sandbox.Duration(30 * time.Second)},
			want:   []string{"conference-join", "hangup"},
			check: func(t *testing.T, _ *app, tr sandbox.Transcript) {
				for _, st := range tr.Steps {
					if st.Kind == sandbox.StepMusic || st.Kind == sandbox.StepPlay {
						t.Errorf("heard %q; waitUrl=\"\" means silence", line(st))
					}
				}
			},
		},
		{
			name: "enqueue with waitUrl and leave",
			pages: map[string]Response{
				"/voice":      {Verbs: []Verb{Enqueue{Name: "support", Action: "/queue-done", WaitURL: String("/wait"), WaitURLMethod: "POST"}}},
				"/wait":       {Verbs: []Verb{Say{Text: "Please hold"}, Leave{}}},
				"/queue-done": {Verbs: []Verb{Say{Text: "Goodbye"}, Hangup{}}},
			},
			want: []string{"enqueued", "say Please hold", "dequeued", "say Goodbye", "hangup"},
			check: func(t *testing.T, a *app, _ sandbox.Transcript) {
				if got := a.requests("/queue-done"); len(got) != 1 || got[0].Get("QueueResult") != "leave" {
					t.Errorf("enqueue action requests = %v, want one with QueueResult=leave", got)
				}
			},
		},
		{
			name: "voicemail record",
			pages: map[string]Response{
				"/voice": {Verbs: []Verb{Say{Text: "Leave a message"},
					Record{Action: "/vm", MaxLength: Int(60), PlayBeep: Bool(true), FinishOnKey: String(""), Transcribe: Bool(false)}}},
				"/vm": {Verbs: []Verb{Hangup{}}},
			},
			script: sandbox.CallScript{HangupAfter: sandbox.Duration(20 * time.Second)},
			want:   []string{"say Leave a message", "record"},
			check: func(t *testing.T, a *app, _ sandbox.Transcript) {
				if got := a.requests("/vm"); len(got) != 1 || got[0].Get("RecordingUrl") == "" {
					t.Errorf("record action requests = %v, want one with a RecordingUrl", got)
				}
			},
		},
		{
			name:  "reject busy",
			pages: map[string]Response{"/voice": {Verbs: []Verb{Reject{Reason: "busy"}}}},
			want:  []string{"reject", "ended busy"},
		},
		{
			name: "redirect",
			pages: map[string]Response{
				"/voice": {Verbs: []Verb{Redirect{URL: "/next?step=2"}, Say{Text: "never said"}}},
				"/next":  {Verbs: []Verb{Say{Text: "Step two"}}},
			},
			want: []string{"say Step two", "hangup"},
			check: func(t *testing.T, a *app, _ sandbox.Transcript) {
				if got := a.requests("/next"); len(got) != 1 {
					t.Errorf("redirect requests = %v, want one", got)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sb, a := newCall(t, tt.pages, tt.parties)
			tt.script.From, tt.script.To = "+12125550100", "+14155550100"
			sid, err := sb.PlaceCall(tt.script)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := sb.RunUntilEnded(context.Background(), sid, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range tr.Steps {
				if st.Kind == sandbox.StepError || st.Kind == sandbox.StepSay && st.Text == "never said" {
					t.Errorf("unexpected step %s", line(st))
				}
			}
			if !inOrder(tr.Steps, tt.want) {
				t.Errorf("transcript lacks, in order, %q:\n%s", tt.want, tr.Text())
			}
			if tt.check != nil {
				tt.check(t, a, tr)
			}
		})
	}
}

// newCall starts a sandbox on a virtual clock with a number whose voice URL
// is the app's /voice, bought through the product's client.
func newCall(t *testing.T, pages map[string]Response, parties map[string]string) (*sandbox.Sandbox, *app) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{Clock: sandbox.NewVirtualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))})
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	acct := sb.CreateAccount("twiml test", "Full")
	a := newApp(t, acct.AuthToken)
	for p, r := range pages {
		a.page(p, r)
	}
	for addr, spec := range parties {
		b, err := sandbox.ParseBehaviour(spec)
		if err == nil {
			err = sb.SetParty(addr, b)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	cl, err := twilio.New(twilio.Credentials{AccountSID: acct.SID, AuthToken: acct.AuthToken}, twilio.Options{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.BuyNumber(context.Background(), "+14155550100", twilio.Webhooks{VoiceURL: a.srv.URL + "/voice"}); err != nil {
		t.Fatal(err)
	}
	return sb, a
}
