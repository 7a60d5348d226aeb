package server

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// consoleSteps keeps what the caller heard and who rang: the caller's
// transcript and every agent leg's, merged in time order, without webhook
// exchanges, each step's party named by name.
func consoleSteps(trs []sandbox.Transcript, name func(string) string) []api.ConsoleStep {
	if len(trs) == 0 {
		return nil
	}
	caller := trs[0]
	start := stepTime(caller.Steps, 0)
	type timed struct {
		at   time.Time
		step api.ConsoleStep
	}
	var all []timed
	for i, tr := range trs {
		who := "caller"
		if i > 0 {
			who = name(tr.To)
		}
		for j, st := range tr.Steps {
			if st.Kind == sandbox.StepWebhook {
				continue
			}
			party := who
			if st.Party != "" && (i > 0 || st.Kind == sandbox.StepRing) {
				party = name(st.Party)
			}
			at := stepTime(tr.Steps, j)
			all = append(all, timed{at, api.ConsoleStep{OffsetSeconds: at.Sub(start).Seconds(), Kind: st.Kind, Text: st.Text,
				URL: st.URL, Digits: st.Digits, Party: party, Status: st.Status}})
		}
	}
	slices.SortStableFunc(all, func(a, b timed) int { return a.at.Compare(b.at) })
	out := make([]api.ConsoleStep, len(all))
	for i, t := range all {
		out[i] = t.step
	}
	return out
}

// stepTime is when step i of steps happened.
func stepTime(steps []sandbox.Step, i int) time.Time {
	if i >= len(steps) {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, steps[i].At)
	return t
}

// consoleText is the steps as lines of text, like switchboard sim prints.
func consoleText(steps []api.ConsoleStep) string {
	var b strings.Builder
	for _, st := range steps {
		secs := int(st.OffsetSeconds)
		fmt.Fprintf(&b, "%d:%02d  %-10s", secs/60, secs%60, st.Kind)
		for _, part := range []string{st.Party, st.Text, st.URL, st.Digits, st.Status} {
			if part != "" {
				b.WriteString("  " + part)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// sortedUsers returns users in id order.
func sortedUsers(users []org.User) []org.User {
	out := slices.Clone(users)
	slices.SortFunc(out, func(a, b org.User) int { return int(a.ID - b.ID) })
	return out
}
