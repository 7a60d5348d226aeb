package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/sandbox"
)

const simUsage = `usage: switchboard sim --to NUMBER [flags]

Places a simulated inbound call through the sandbox carrier of a running
server (its /sandbox/control API), waits for the call to end and prints the
transcript step by step: what the caller heard (Say text, Play URLs), the
keys pressed, who rang, who answered, how it ended, and every webhook
request and response. On a server whose sandbox runs on a virtual clock the
call runs instantly; on real time it takes as long as the call.

Call script:
  --from NUMBER        the caller's number (E.164, or +266696687 for a
                       withheld caller)
  --to NUMBER          one of the sandbox's numbers; its voice URL is called
  --voice-url URL      request this URL instead of the number's voice URL
  --digits SCRIPT      comma-separated key presses. KEYS@TIME presses KEYS
                       TIME after the call is placed; bare KEYS are pressed
                       one second after the next <Gather> prompt ends.
                       Keys: 0-9 * # A-D, and w for a half-second pause.
                       Examples: "1@3s,2@5s"  "2,4321#"  "1,0@1m30s"
  --say TEXT[@TIME]    (repeatable) something the caller says, heard by a
                       <Gather input="speech">: at TIME after the call is
                       placed, or without @TIME one second after the next
                       speech <Gather> prompt ends. Example: --say "sales@4s"
  --hangup-after TIME  the caller hangs up TIME after placing the call
                       (default: stays until the call ends)
  --agent ADDR=BEHAVIOUR (repeatable) how a dialled party behaves.
                       ADDR is client:IDENTITY or an E.164 number.
                       BEHAVIOUR is one of
                         answer[@TIME][,hangup@TIME]  answer after ringing
                                     TIME, optionally hang up TIME later
                         reject[@TIME]  decline (the leg ends busy)
                         busy           busy at once
                         ignore         never answer (no-answer on timeout)
                         fail           the leg cannot be placed (failed)
                         manual         wait for the softphone/control API
                       Unlisted numbers answer after 5s; unlisted clients
                       never answer.
                       Examples: --agent client:alice=answer@5s
                                 --agent client:bob=reject
                                 --agent +15551230000=busy
                                 --agent client:carol=ignore
TIME is a Go duration ("5s", "1m30s") or seconds ("5").

Testing a routing draft (the IVR test console):
  --draft              run the saved, unpublished routing draft of the
                       number --to on a private sandbox through the REST API
                       (needs --token of an admin): nobody rings and nothing
                       is logged. --digits are keys pressed at each menu in
                       turn ("2,1"); --agent is EMAIL=answer|reject|ignore|
                       busy|offline (unlisted users are offline; online users
                       came online in the order given); --from anonymous is a
                       withheld number.
  --at TIME            with --draft: the org-local time of the call,
                       e.g. 2026-11-23T10:30 (default now)
  --token TOKEN        with --draft: an admin's API token (SWITCHBOARD_TOKEN)

Flags:
`

// timeFlag is a duration given as "1m30s" or as seconds ("90").
type timeFlag time.Duration

func (t *timeFlag) String() string { return time.Duration(*t).String() }

func (t *timeFlag) Set(v string) error {
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 {
		*t = timeFlag(secs * float64(time.Second))
		return nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return fmt.Errorf("want a duration like 90s or 1m30s, or seconds")
	}
	*t = timeFlag(d)
	return nil
}

// sayFlags collects repeated --say values.
type sayFlags []sandbox.Utterance

func (s *sayFlags) String() string { return fmt.Sprint(*s) }

func (s *sayFlags) Set(v string) error {
	u, err := sandbox.ParseUtterance(v)
	if err != nil {
		return err
	}
	*s = append(*s, u)
	return nil
}

// agentFlags collects repeated --agent values in the order given.
type agentFlags struct {
	addrs []string
	specs map[string]string
}

func (a *agentFlags) String() string { return fmt.Sprint(a.specs) }

func (a *agentFlags) Set(v string) error {
	addr, spec, ok := strings.Cut(v, "=")
	if !ok || addr == "" {
		return fmt.Errorf("want ADDR=BEHAVIOUR, e.g. client:alice=answer@5s")
	}
	if _, dup := a.specs[addr]; !dup {
		a.addrs = append(a.addrs, addr)
	}
	a.specs[addr] = spec
	return nil
}

// check validates every behaviour for a call on the live sandbox.
func (a *agentFlags) check() error {
	for _, addr := range a.addrs {
		if _, err := sandbox.ParseBehaviour(a.specs[addr]); err != nil {
			return fmt.Errorf("--agent %s: %v", addr, err)
		}
	}
	return nil
}

type simFlags struct {
	server, from, to, digits, voiceURL string
	at, token                          string
	draft                              bool
	hangup, max                        timeFlag
	agents                             agentFlags
	speech                             sayFlags
	json                               bool
}

func parseSimFlags(args []string, env Env) (simFlags, error) {
	f := simFlags{agents: agentFlags{specs: map[string]string{}}}
	server := env.Getenv("SWITCHBOARD_URL")
	if server == "" {
		server = "http://127.0.0.1:8080"
	}
	fs := flag.NewFlagSet("switchboard sim", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, simUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&f.server, "server", server, "base URL of the running server (SWITCHBOARD_URL)")
	fs.StringVar(&f.from, "from", "+15005550006", "caller number")
	fs.StringVar(&f.to, "to", "", "called number (required)")
	fs.StringVar(&f.digits, "digits", "", "key presses, e.g. \"1@3s,2@5s\" (see above)")
	fs.StringVar(&f.voiceURL, "voice-url", "", "voice URL to request instead of the number's")
	fs.Var(&f.hangup, "hangup-after", "caller hangs up after this long (0 = stays)")
	fs.Var(&f.agents, "agent", "ADDR=BEHAVIOUR for a dialled party (repeatable)")
	fs.Var(&f.speech, "say", "TEXT[@TIME] the caller says (repeatable)")
	fs.BoolVar(&f.json, "json", false, "print the transcript as JSON")
	fs.BoolVar(&f.draft, "draft", false, "test the number's saved routing draft (IVR test console)")
	fs.StringVar(&f.at, "at", "", "with --draft: org-local time of the call, e.g. 2026-11-23T10:30")
	fs.StringVar(&f.token, "token", env.Getenv("SWITCHBOARD_TOKEN"), "with --draft: an admin's API token (SWITCHBOARD_TOKEN)")
	f.max = timeFlag(4 * time.Hour)
	fs.Var(&f.max, "max", "give up after this much call time")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if f.to == "" {
		return f, fmt.Errorf("%w: --to is required (one of the sandbox's numbers)", errUsage)
	}
	if f.draft && f.token == "" {
		return f, fmt.Errorf("%w: --draft needs --token (or SWITCHBOARD_TOKEN): an admin's API token", errUsage)
	}
	if f.draft {
		return f, nil
	}
	if err := f.agents.check(); err != nil {
		return f, fmt.Errorf("%w: %v", errUsage, err)
	}
	if _, err := sandbox.ParseDigits(f.digits); err != nil {
		return f, fmt.Errorf("%w: --digits: %v", errUsage, err)
	}
	return f, nil
}

// runSim places a scripted inbound call against a running server's sandbox
// and prints its transcript.
func runSim(ctx context.Context, args []string, env Env) error {
	f, err := parseSimFlags(args, env)
	if err != nil {
		return err
	}
	if f.draft {
		return runSimDraft(ctx, f, env)
	}
	digits, _ := sandbox.ParseDigits(f.digits)
	base := strings.TrimSuffix(f.server, "/") + "/sandbox/control"
	req := sandbox.PlaceCallRequest{
		CallScript: sandbox.CallScript{From: f.from, To: f.to, Digits: digits, HangupAfter: sandbox.Duration(f.hangup), VoiceURL: f.voiceURL, Speech: f.speech},
		Agents:     f.agents.specs,
	}
	var placed struct {
		CallSid string `json:"call_sid"`
	}
	if err := simPost(ctx, base+"/calls", req, &placed); err != nil {
		return fmt.Errorf("placing the call: %w", err)
	}
	var t sandbox.Transcript
	run := sandbox.RunRequest{Max: sandbox.Duration(f.max)}
	if err := simPost(ctx, base+"/calls/"+placed.CallSid+"/run", run, &t); err != nil {
		return fmt.Errorf("running call %s: %w", placed.CallSid, err)
	}
	if f.json {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(t)
	}
	_, err = io.WriteString(env.Stdout, t.Text())
	return err
}

// simPost posts body to the sandbox control API at url and decodes the
// answer into out.
func simPost(ctx context.Context, url string, body, out any) error {
	return jsonDo(ctx, http.MethodPost, url, "", body, out, func(status int, raw []byte) error {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			return errors.New(e.Error)
		}
		return fmt.Errorf("%s: HTTP %d (is the sandbox enabled on this server?)", url, status)
	})
}
