package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/sandbox"
)

// simServer mounts a virtual-clock sandbox at /sandbox, as `serve` does, with
// a number whose voice URL is a small IVR.
func simServer(t *testing.T) string {
	t.Helper()
	app := http.NewServeMux()
	app.HandleFunc("/voice", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprint(w, `<Response><Gather action="/menu" numDigits="1"><Say>Press 1 for sales</Say></Gather><Say>Goodbye</Say></Response>`)
	})
	app.HandleFunc("/menu", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprint(w, `<Response><Dial timeout="20"><Client>alice</Client><Client>bob</Client></Dial></Response>`)
	})
	appSrv := httptest.NewServer(app)
	t.Cleanup(appSrv.Close)
	sb := sandbox.New(sandbox.Options{Clock: sandbox.NewVirtualClock(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)), DemoAccount: true})
	mux := http.NewServeMux()
	mux.Handle("/sandbox/", http.StripPrefix("/sandbox", sb.Handler()))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	req, _ := http.NewRequest("POST", srv.URL+"/sandbox/2010-04-01/Accounts/"+sandbox.DemoAccountSID+"/IncomingPhoneNumbers.json",
		strings.NewReader("PhoneNumber=%2B14155550100&VoiceUrl="+appSrv.URL+"/voice"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(sandbox.DemoAccountSID, sandbox.DemoAuthToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("buying the number: %v %v", resp, err)
	}
	resp.Body.Close()
	return srv.URL
}

func runSimArgs(t *testing.T, server string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Getenv: func(k string) string {
		if k == "SWITCHBOARD_URL" {
			return server
		}
		return ""
	}, Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader("")}
	err := runSim(context.Background(), args, env)
	return out.String(), errOut.String(), err
}

func TestSimPrintsTranscript(t *testing.T) {
	t.Parallel()
	server := simServer(t)
	cases := []struct {
		name string
		args []string
		want []string // substrings, in order
	}{
		{"press 1, bob answers", []string{"--to", "+14155550100", "--digits", "1", "--agent", "client:alice=ignore", "--agent", "client:bob=answer@4s,hangup@30s"},
			[]string{`say "Press 1 for sales"`, "digits digits=1", "ring client:alice", "ring client:bob", "answered client:bob", "canceled client:alice", "bridged client:bob", "hangup client:bob", "ended status=completed"}},
		{"no input falls through", []string{"--to", "+14155550100"},
			[]string{`say "Press 1 for sales"`, "gather got no input", `say "Goodbye"`, "ended status=completed"}},
		{"timed digits and early hang-up", []string{"--to", "+14155550100", "--digits", "1@1s", "--agent", "client:alice=answer@10s", "--hangup-after", "5"},
			[]string{"digits digits=1", "ring client:alice", "hangup +15005550006", "canceled client:alice", "ended status=completed [duration=5]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, _, err := runSimArgs(t, server, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			rest := out
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q after the previous step:\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

func TestSimJSON(t *testing.T) {
	t.Parallel()
	server := simServer(t)
	out, _, err := runSimArgs(t, server, "--to", "+14155550100", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var tr sandbox.Transcript
	if err := json.Unmarshal([]byte(out), &tr); err != nil {
		t.Fatalf("--json output is not a transcript: %v\n%s", err, out)
	}
	if tr.Status != "completed" || len(tr.Steps) < 5 || tr.Steps[1].Kind != sandbox.StepWebhook || tr.Steps[1].Webhook.Params["CallStatus"] != "ringing" {
		t.Errorf("transcript = %+v", tr)
	}
}

func TestSimFlagErrors(t *testing.T) {
	t.Parallel()
	server := simServer(t)
	cases := []struct {
		name    string
		args    []string
		usage   bool
		errText string
	}{
		{"--to is required", []string{}, true, "--to is required"},
		{"bad digits", []string{"--to", "+14155550100", "--digits", "1@soon"}, true, "invalid duration"},
		{"bad agent", []string{"--to", "+14155550100", "--agent", "client:alice=dance"}, true, "invalid behaviour"},
		{"draft without a token", []string{"--to", "+14155550100", "--draft"}, true, "--draft needs --token"},
		{"unknown number", []string{"--to", "+19995550100"}, false, "no account owns the called number"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, stderr, err := runSimArgs(t, server, tc.args...)
			if err == nil {
				t.Fatal("want an error")
			}
			if errors.Is(err, errUsage) != tc.usage {
				t.Errorf("errors.Is(err, errUsage) = %v, want %v (%v)", !tc.usage, tc.usage, err)
			}
			if !strings.Contains(err.Error()+stderr, tc.errText) {
				t.Errorf("error %q / stderr %q lacks %q", err, stderr, tc.errText)
			}
		})
	}
}

func TestSimHelpDocumentsScript(t *testing.T) {
	t.Parallel()
	_, stderr, err := runSimArgs(t, "http://127.0.0.1:1", "--help")
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("err = %v, want flag.ErrHelp", err)
	}
	for _, w := range []string{"KEYS@TIME", "1@3s,2@5s", "--say TEXT[@TIME]", "answer[@TIME][,hangup@TIME]", "client:carol=ignore", "-hangup-after", "-json", "SWITCHBOARD_URL"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("--help lacks %q", w)
		}
	}
}
