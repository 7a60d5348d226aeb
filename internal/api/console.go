package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/phone"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
)

// The IVR test console (R-SIM-4) runs a number's saved draft against a
// private sandbox carrier and a throwaway copy of the org, so a test call
// rings nobody, is not logged, and changes no one's presence.

// RoutingConsole runs one test call of cfg on number n.
type RoutingConsole interface {
	RunRouting(ctx context.Context, n provider.Number, cfg routing.Config, run ConsoleRun) (ConsoleResult, error)
}

// ConsoleRun is a checked test-console request.
type ConsoleRun struct {
	From        string // E.164, or "" for a withheld number
	At          time.Time
	Keys        []string
	Agents      []ConsoleAgent // in the order they came online
	HangupAfter time.Duration
}

// ConsoleAgent is how one user takes part in a test call.
type ConsoleAgent struct {
	UserID org.UserID
	Status string // online, offline or busy
	Answer string // answer, reject or ignore
}

// ConsoleResult is a finished test call: the caller's side step by step,
// and the call record it would have left (with the org's user ids).
type ConsoleResult struct {
	Steps []ConsoleStep
	Text  string
	Call  call.Call
	Legs  []call.Leg
}

// RoutingTestRequest is a test-console run.
type RoutingTestRequest struct {
	// From is the caller's number in any format; "" is a withheld number.
	From string `json:"from"`
	// At is the org-local wall-clock time of the call, "2026-11-23T10:30";
	// "" is now.
	At string `json:"at"`
	// Keys are pressed one entry at each menu prompt in turn.
	Keys   []string           `json:"keys"`
	Agents []ConsoleAgentBody `json:"agents"`
	// HangupAfterSeconds hangs the caller up that long after calling;
	// 0 stays until the call ends.
	HangupAfterSeconds int `json:"hangup_after_seconds"`
}

// ConsoleAgentBody is a user's part in a test call; users not listed are
// offline. Online users came online in the order listed.
type ConsoleAgentBody struct {
	UserID int64  `json:"user_id"`
	Status string `json:"status" enum:"online,offline,busy"`
	Answer string `json:"answer" enum:"answer,reject,ignore"`
}

// RoutingTestResult is what the caller heard and who rang.
type RoutingTestResult struct {
	Outcome    string        `json:"outcome"`
	AnsweredBy *int64        `json:"answered_by"`
	Steps      []ConsoleStep `json:"steps"`
	// Call is the record the call would have left; its id is 0 because
	// test calls are not logged.
	Call CallBody `json:"call"`
	Text string   `json:"text"`
}

// ConsoleStep is one thing that happened during a test call.
type ConsoleStep struct {
	OffsetSeconds float64 `json:"offset_seconds"`
	Kind          string  `json:"kind"`
	Text          string  `json:"text,omitempty"`
	URL           string  `json:"url,omitempty"`
	Digits        string  `json:"digits,omitempty"`
	// Party is who the step is about: "caller", a user's name, or a number.
	Party  string `json:"party,omitempty"`
	Status string `json:"status,omitempty"`
}

// Console limits.
const (
	maxConsoleKeys      = 20
	maxConsoleKeyLen    = 10
	maxConsoleHangupSec = 3600
	consoleTimeout      = 30 * time.Second
)

// TestRouting runs the number's saved draft in the IVR test console.
func (a *API) TestRouting(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req RoutingTestRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	me := userOf(r)
	n, err := a.Store.Number(r.Context(), me.OrgID, provider.NumberID(id))
	if err != nil {
		return err
	}
	run, err := a.consoleRun(r, req)
	if err != nil {
		return err
	}
	d, err := a.Store.RoutingDraft(r.Context(), me.OrgID, n.ID)
	if err != nil {
		return err
	}
	cfg := d.Config
	if err := a.validateForPublish(r, &cfg); err != nil {
		if p, ok := err.(*problem.Error); ok && p.Kind == problem.Invalid {
			p.Message = "the draft cannot be tested until it could be published: " + p.Message
		}
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), consoleTimeout)
	defer cancel()
	res, err := a.Console.RunRouting(ctx, n, cfg, run)
	if err != nil {
		return err
	}
	body := RoutingTestResult{Outcome: res.Call.Outcome, AnsweredBy: optID(res.Call.AnsweredBy), Steps: res.Steps,
		Call: callWithLegs(res.Call, res.Legs), Text: res.Text}
	if body.Steps == nil {
		body.Steps = []ConsoleStep{}
	}
	return writeJSON(w, http.StatusOK, body)
}

// consoleRun checks a test-console request, naming each broken rule.
func (a *API) consoleRun(r *http.Request, req RoutingTestRequest) (ConsoleRun, error) {
	me := userOf(r)
	o, err := a.Store.Org(r.Context(), me.OrgID)
	if err != nil {
		return ConsoleRun{}, err
	}
	users, err := a.Store.Users(r.Context(), me.OrgID)
	if err != nil {
		return ConsoleRun{}, err
	}
	f := problem.Fields{}
	run := ConsoleRun{At: a.now(), Keys: req.Keys, HangupAfter: time.Duration(req.HangupAfterSeconds) * time.Second}
	if strings.TrimSpace(req.From) != "" {
		if p, err := phone.Parse(req.From, o.Settings.DefaultCountry); err != nil {
			f.Add("from", err.Error())
		} else {
			run.From = p.E164
		}
	}
	if req.At != "" {
		at, err := parseLocal(req.At, o.Settings.TimeZone)
		if err != nil {
			f.Add("at", "must be a local date and time like 2026-11-23T10:30")
		}
		run.At = at
	}
	if len(req.Keys) > maxConsoleKeys {
		f.Add("keys", fmt.Sprintf("at most %d entries", maxConsoleKeys))
	}
	for i, k := range req.Keys {
		if k == "" || len(k) > maxConsoleKeyLen || strings.Trim(k, "0123456789*#") != "" {
			f.Add(fmt.Sprintf("keys[%d]", i), fmt.Sprintf("must be 1 to %d of the keys 0-9, * and #", maxConsoleKeyLen))
		}
	}
	if req.HangupAfterSeconds < 0 || req.HangupAfterSeconds > maxConsoleHangupSec {
		f.Add("hangup_after_seconds", fmt.Sprintf("must be 0 to %d", maxConsoleHangupSec))
	}
	run.Agents = consoleAgents(req.Agents, users, f)
	return run, f.Err()
}

func consoleAgents(in []ConsoleAgentBody, users []org.User, f problem.Fields) []ConsoleAgent {
	active := map[org.UserID]bool{}
	for _, u := range users {
		active[u.ID] = u.Active
	}
	seen := map[org.UserID]bool{}
	out := make([]ConsoleAgent, 0, len(in))
	for i, ag := range in {
		at := fmt.Sprintf("agents[%d].", i)
		id := org.UserID(ag.UserID)
		switch {
		case !active[id]:
			f.Add(at+"user_id", "must be an active user of the org")
		case seen[id]:
			f.Add(at+"user_id", "is listed twice")
		}
		seen[id] = true
		if ag.Status != "online" && ag.Status != "offline" && ag.Status != "busy" {
			f.Add(at+"status", "must be online, offline or busy")
		}
		if ag.Answer == "" {
			ag.Answer = "answer"
		}
		if ag.Answer != "answer" && ag.Answer != "reject" && ag.Answer != "ignore" {
			f.Add(at+"answer", "must be answer, reject or ignore")
		}
		out = append(out, ConsoleAgent{UserID: id, Status: ag.Status, Answer: ag.Answer})
	}
	return out
}

// parseLocal reads "2006-01-02T15:04" (seconds optional) in the org's zone.
func parseLocal(s, zone string) (time.Time, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad local time %q", s)
}
