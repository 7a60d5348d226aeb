package sandbox

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is a time.Duration that reads and writes JSON as seconds (a
// number) and also reads Go duration strings such as "1m30s".
type Duration time.Duration

// MarshalJSON writes the duration in seconds.
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).Seconds())
}

// UnmarshalJSON reads seconds or a Go duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var secs float64
	if err := json.Unmarshal(b, &secs); err == nil {
		*d = Duration(secs * float64(time.Second))
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: want seconds or a string like \"5s\": %w", err)
	}
	v, err := parseDur(s)
	*d = Duration(v)
	return err
}

// parseDur reads "5s", "1m30s", "500ms" or plain seconds "5".
func parseDur(s string) (time.Duration, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("invalid duration %q (want e.g. 5s, 1m30s)", s)
	}
	return d, nil
}

// Party actions.
const (
	ActAnswer = "answer" // answer after After
	ActReject = "reject" // decline after After: the leg ends "busy"
	ActBusy   = "busy"   // busy at once: the leg ends "busy"
	ActIgnore = "ignore" // never answer: the leg ends "no-answer" when ringing times out
	ActFail   = "fail"   // the leg cannot be placed: "failed"
	ActManual = "manual" // wait for the control API (the softphone) to act
)

// Behaviour is how a scripted party (an agent's Client identity or a phone
// number) reacts when a leg rings it.
type Behaviour struct {
	Action string `json:"action"`
	// After is how long the party rings before Action happens.
	After Duration `json:"after,omitempty"`
	// HangupAfter, when positive, hangs up that long after answering.
	HangupAfter Duration `json:"hangup_after,omitempty"`
}

// ParseBehaviour reads the CLI form: "answer@5s", "answer@5s,hangup@60s",
// "reject", "reject@2s", "busy", "ignore", "fail" or "manual".
func ParseBehaviour(s string) (Behaviour, error) {
	var b Behaviour
	for i, part := range strings.Split(s, ",") {
		name, at, hasAt := strings.Cut(strings.TrimSpace(part), "@")
		var d time.Duration
		if hasAt {
			var err error
			if d, err = parseDur(at); err != nil {
				return Behaviour{}, err
			}
		}
		switch {
		case i == 0 && isAction(name):
			b.Action, b.After = name, Duration(d)
		case i > 0 && name == "hangup" && hasAt && b.Action == ActAnswer:
			b.HangupAfter = Duration(d)
		default:
			return Behaviour{}, fmt.Errorf("invalid behaviour %q: want answer[@5s][,hangup@60s], reject[@2s], busy, ignore, fail or manual", s)
		}
	}
	return b, nil
}

func isAction(s string) bool {
	switch s {
	case ActAnswer, ActReject, ActBusy, ActIgnore, ActFail, ActManual:
		return true
	}
	return false
}

// String is the CLI form of b.
func (b Behaviour) String() string {
	s := b.Action
	if b.After > 0 {
		s += "@" + time.Duration(b.After).String()
	}
	if b.HangupAfter > 0 {
		s += ",hangup@" + time.Duration(b.HangupAfter).String()
	}
	return s
}

// DigitPress is keys a scripted caller presses.
type DigitPress struct {
	Digits string `json:"digits"`
	// At is the time since the call was placed. When zero the keys are
	// pressed one second after the next <Gather> finishes its prompt.
	At Duration `json:"at,omitempty"`
}

// ParseDigits reads the CLI form: comma-separated entries "KEYS@TIME" (keys
// pressed at TIME after the call is placed) or "KEYS" (pressed one second
// after the next <Gather> prompt ends). Keys are 0-9, *, #, A-D and w (a
// half-second pause, as in SendDigits). Example: "1@3s,2@5s" or "1,4321#".
func ParseDigits(s string) ([]DigitPress, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []DigitPress
	for _, part := range strings.Split(s, ",") {
		keys, at, hasAt := strings.Cut(strings.TrimSpace(part), "@")
		if keys == "" || strings.Trim(keys, "0123456789*#ABCDw") != "" {
			return nil, fmt.Errorf("invalid digits %q: keys are 0-9 * # A-D w", part)
		}
		p := DigitPress{Digits: keys}
		if hasAt {
			d, err := parseDur(at)
			if err != nil {
				return nil, err
			}
			p.At = Duration(d)
		}
		out = append(out, p)
	}
	return out, nil
}

// Utterance is something a scripted caller says.
type Utterance struct {
	Text string `json:"text"`
	// At is the time since the call was placed; zero means one second
	// after the next speech <Gather> finishes its prompt.
	At Duration `json:"at,omitempty"`
}

// ParseUtterance reads the CLI form "TEXT" or "TEXT@TIME", e.g.
// "sales please@4s".
func ParseUtterance(s string) (Utterance, error) {
	u := Utterance{Text: s}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		d, err := parseDur(s[i+1:])
		if err != nil {
			return Utterance{}, err
		}
		u = Utterance{Text: s[:i], At: Duration(d)}
	}
	if strings.TrimSpace(u.Text) == "" {
		return Utterance{}, fmt.Errorf("empty utterance %q", s)
	}
	return u, nil
}

// CallScript describes a scripted inbound call: who calls which number,
// which keys they press when, and when they hang up. With ApplicationSid it
// is instead a Voice SDK call from From (client:identity) to that TwiML
// App, carrying Params (typically "To") as the SDK's connect parameters.
type CallScript struct {
	From           string            `json:"from"`
	To             string            `json:"to,omitempty"`
	ApplicationSid string            `json:"application_sid,omitempty"`
	Params         map[string]string `json:"params,omitempty"`
	// VoiceURL, when set, is requested instead of the number's voice URL
	// (POST, no fallback): the IVR test console previews an unpublished
	// routing configuration this way without re-pointing the number.
	VoiceURL string       `json:"voice_url,omitempty"`
	Digits   []DigitPress `json:"digits,omitempty"`
	// Speech is what the caller says, heard by <Gather input="speech">.
	Speech []Utterance `json:"speech,omitempty"`
	// HangupAfter, when positive, hangs up that long after the call is
	// placed; otherwise the caller stays until the call ends.
	HangupAfter Duration `json:"hangup_after,omitempty"`
}

// SetParty registers how address ("+15551230000" or "client:alice")
// behaves when a leg rings it.
func (s *Sandbox) SetParty(address string, b Behaviour) error {
	if !isAction(b.Action) {
		return fmt.Errorf("invalid action %q", b.Action)
	}
	s.mu.Lock()
	s.parties[address] = b
	s.mu.Unlock()
	return nil
}

// RemoveParty forgets address's behaviour.
func (s *Sandbox) RemoveParty(address string) {
	s.mu.Lock()
	delete(s.parties, address)
	s.mu.Unlock()
}

// Parties returns every registered party.
func (s *Sandbox) Parties() map[string]Behaviour {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]Behaviour, len(s.parties))
	for k, v := range s.parties {
		out[k] = v
	}
	return out
}

// behaviourFor returns address's behaviour. Unregistered phone numbers
// answer after 5 s (someone picks up); unregistered Client identities have
// no device online and never answer.
func (s *Sandbox) behaviourFor(address string) Behaviour {
	if b, ok := s.parties[address]; ok {
		return b
	}
	if strings.HasPrefix(address, "client:") {
		return Behaviour{Action: ActIgnore}
	}
	return Behaviour{Action: ActAnswer, After: Duration(5 * time.Second)}
}
