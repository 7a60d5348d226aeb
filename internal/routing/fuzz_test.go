package routing

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/switchboard/switchboard/internal/problem"
)

// FuzzValidate feeds arbitrary JSON documents through every function of the
// package. Under plain go test it runs its seeds; go test -fuzz=FuzzValidate
// explores further. None may panic; a published configuration must stay
// valid, unchanged and stable when validated again.
func FuzzValidate(f *testing.F) {
	for _, c := range []Config{Default(), directConfig(), ivrConfig(), hoursConfig(),
		func() Config { c := ivrConfig(); c.Menu = nested(7); return c }(),
		func() Config { c := ivrConfig(); c.Menu.Options = append(options(9), Option{Key: -1}); return c }(),
	} {
		data, err := json.Marshal(c)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		``, `null`, `{}`, `[]`, `{"mode":"ivr","menu":null}`, `{"mode":"ivr","menu":{"options":[{}]}}`,
		`{"mode":"ivr","menu":{"options":[{"key":1,"action":"submenu","submenu":{"options":[{"key":1,"action":"submenu"}]}}]}}`,
		`{"group":{"users":[1,1,-1,9223372036854775807],"ring":"sequential","interval_seconds":-2147483648}}`,
		`{"hours":{"weekly":{"monday":[{"from":"23:59","to":"24:00"},{"from":"٠٩:٠٠","to":"x"}]},"holidays":[{"date":"9999-12-31","end_date":"0000-01-01"}]}}`,
		`{"voice":{"format":"text","voice":"Google.-","language":"-","menu":{"text":"${Key press}${Menu}\u0000"}}}`,
		`{"queue":{"enabled":true,"max_callers":1e3,"hold_music_url":"http://[::1"}}`,
	} {
		f.Add([]byte(s))
	}
	paris := time.FixedZone("CET", 3600)
	f.Fuzz(func(t *testing.T, data []byte) {
		var input, draft, pub Config
		if json.Unmarshal(data, &input) != nil || json.Unmarshal(data, &draft) != nil || json.Unmarshal(data, &pub) != nil {
			return
		}
		checkKind(t, ValidateDraft(&draft))
		err := Validate(&pub, known)
		checkKind(t, err)
		_ = Diff(input, pub)
		_ = Open(pub.Hours, time.Unix(int64(len(data))*7919, 0), paris)
		if pub.Menu != nil {
			_ = RenderMenu(pub.Voice.Menu.Text, pub.Menu.Options)
		}
		if err == nil {
			checkPublished(t, pub)
		}
	})
}

// checkKind fails unless err is nil or a problem.Invalid.
func checkKind(t *testing.T, err error) {
	t.Helper()
	if err != nil && !problem.Is(err, problem.Invalid) {
		t.Fatalf("error %v is not a problem.Invalid", err)
	}
}

// checkPublished checks that a configuration Validate accepted passes again
// unchanged, passes the draft rules, has no diff with itself and
// round-trips through JSON byte for byte.
func checkPublished(t *testing.T, pub Config) {
	t.Helper()
	first, err := json.Marshal(pub)
	if err != nil {
		t.Fatal(err)
	}
	var again Config
	if err := json.Unmarshal(first, &again); err != nil {
		t.Fatal(err)
	}
	if err := Validate(&again, known); err != nil {
		t.Fatalf("Validate accepted %s once but not twice: %v", first, err)
	}
	if diff := cmp.Diff(pub, again, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("Validate is not idempotent (-first +second):\n%s", diff)
	}
	if err := ValidateDraft(&again); err != nil {
		t.Fatalf("ValidateDraft refused a published config: %v", err)
	}
	if changes := Diff(pub, again); len(changes) != 0 {
		t.Fatalf("Diff of a config with itself = %v", changes)
	}
	second, err := json.Marshal(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("JSON not stable:\n%s\n%s", first, second)
	}
}
