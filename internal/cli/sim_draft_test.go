package cli

import (
	"strings"
	"testing"
)

// The demo's first number publishes an IVR (1 Sales rings the agents at
// once); its saved draft is the same configuration.
func TestSimDraftRunsTheConsole(t *testing.T) {
	t.Parallel()
	url, _, stop := serve(t, testVars(t), "--demo")
	defer stop()
	token := signIn(t, url, "admin@demo.switchboard.test", "demo-password-1")
	numbers := waitNumbers(t, url, token, 2)
	tests := []struct {
		name    string
		args    []string
		want    []string
		errText string
	}{
		{name: "key 1, Alice answers, Bob does not",
			args: []string{"--digits", "1", "--at", "2026-11-23T10:30", "--agent", "alice@demo.switchboard.test=answer",
				"--agent", "bob@demo.switchboard.test=ignore"},
			want: []string{"Thank you for calling Demo Company.", "ring        Alice Agent", "ring        Bob Agent", "answered    Alice Agent"}},
		{name: "nobody online: voicemail",
			args: []string{"--digits", "1", "--from", "anonymous"},
			want: []string{"Please leave a message after the tone.", "record"}},
		{name: "unknown user", args: []string{"--agent", "nobody@example.com=answer"}, errText: "for a user of the org"},
		{name: "timed keys", args: []string{"--digits", "1@3s"}, errText: "no @TIME"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--draft", "--token", token, "--to", numbers[0].E164}, tc.args...)
			out, _, err := runSimArgs(t, url, args...)
			if tc.errText != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errText) {
					t.Fatalf("err = %v, want %q", err, tc.errText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
