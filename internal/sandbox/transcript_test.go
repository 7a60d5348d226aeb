package sandbox

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var sidRe = regexp.MustCompile(`(CA|AC|RE)(…[0-9a-f]{4}|[0-9a-f]{32})`)

// TestTranscriptText pins the text form `switchboard sim` prints.
func TestTranscriptText(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/menu", `<Say voice="alice">Connecting</Say><Hangup/>`)
	e.buy(ourNumber, e.app.page("/voice", `<Gather action="/menu" numDigits="1"><Say>Press 1</Say></Gather>`))
	tr := e.call(CallScript{From: caller, To: ourNumber, Digits: []DigitPress{{Digits: "1", At: Duration(1500e6)}}})
	got := strings.Split(strings.TrimSpace(sidRe.ReplaceAllString(strings.ReplaceAll(tr.Text(), e.app.srv.URL, "http://app"), "$1…")), "\n")
	want := []string{
		`call CA… from +12125550100 to +14155550100: completed`,
		`+0:00:00.0 CA… placed +12125550100 "inbound call to +14155550100"`,
		`+0:00:00.0 CA… webhook voice POST http://app/voice {CallStatus=ringing} -> 200 <Response><Gather action="/menu" numDigits="1"><Say>Press 1</Say></Gather></Response>`,
		`+0:00:00.0 CA… answered`,
		`+0:00:00.0 CA… gather [action=/menu numDigits=1]`,
		`+0:00:00.0 CA… say "Press 1"`,
		`+0:00:01.5 CA… digits digits=1`,
		`+0:00:01.5 CA… webhook gather-action POST http://app/menu {CallStatus=in-progress Digits=1} -> 200 <Response><Say voice="alice">Connecting</Say><Hangup/></Response>`,
		`+0:00:01.5 CA… say "Connecting" [voice=alice]`,
		`+0:00:02.5 CA… hangup application`,
		`+0:00:02.5 CA… ended status=completed [duration=2]`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("text transcript mismatch (-want +got):\n%s", d)
	}
	raw, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	var back Transcript
	if err := json.Unmarshal(raw, &back); err != nil || !cmp.Equal(tr, back, cmpopts.EquateEmpty()) {
		t.Errorf("JSON round trip changed the transcript: %v\n%s", err, cmp.Diff(tr, back, cmpopts.EquateEmpty()))
	}
}
