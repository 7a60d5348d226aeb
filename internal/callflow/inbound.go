package callflow

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio/twiml"
)

// Voice answers a new inbound call (the number's voice URL): it records
// the call with the number's live routing version and plays the first step
// (R-IN). A number that is not linked is refused politely; a linked number
// with no published routing says so.
func (wh *Webhooks) Voice(w http.ResponseWriter, r *http.Request, h Hook) error {
	if h.Number == nil {
		wh.Log.WarnContext(r.Context(), "call to a number that is not linked", "to", r.PostForm.Get("To"),
			"provider_id", h.Provider.ID, "org_id", h.Provider.OrgID, "call_sid", r.PostForm.Get("CallSid"))
		return writeTwiML(w, closing(notInService))
	}
	ctx, n := r.Context(), h.Number
	var f firstStep
	started, created, err := wh.Store.StartInboundCall(ctx, n.OrgID, n.ID, lookupNumber(r.PostForm.Get("From")), wh.decideFirst(r, n, &f))
	if problem.Is(err, problem.NotFound) && !f.decided { // not found before deciding: no published routing
		return writeTwiML(w, closing(noRouting))
	}
	if err != nil {
		return err
	}
	if !created { // the carrier retried: answer from where the call stands
		return wh.resume(w, r, started)
	}
	wh.afterCommit(ctx, f.ch)
	wh.rememberSafe(n, h.Provider, f.v.Config, f.env)
	return writeTwiML(w, wh.render(f.v.Config, f.step, started.ID))
}

// firstStep is what deciding a new call's first step made.
type firstStep struct {
	decided bool
	v       *routing.Version
	step    routing.Step
	env     routing.Env
	ch      store.Change
}

// decideFirst decides a new call's first step into f: the call with the
// live routing version, the step, and the change that records both. It
// only reads, and may run twice (on SQLite, again inside the transaction
// that records the call when it queues the call; decision 0019).
func (wh *Webhooks) decideFirst(r *http.Request, n *provider.Number, f *firstStep) store.Decide {
	return func(start store.CallStart) (store.Change, error) {
		f.decided = true
		var err error
		if f.v, err = wh.version(r.Context(), n.OrgID, start.VersionID); err != nil {
			return store.Change{}, err
		}
		c := wh.newCall(r, n, f.v, start.Caller)
		f.env = wh.envOf(start.RoutingFacts)
		var st routing.State
		f.step, st = routing.Next(f.v.Config, routing.State{}, routing.Event{Kind: routing.Start}, f.env)
		f.ch = wh.apply(c, nil, st, f.step, f.env)
		f.ch.Jobs = identifyFirst(c, f.ch.Jobs, f.step)
		return f.ch, nil
	}
}

// lookupNumber is the number to find the caller's record by: none for a
// withheld caller (R-IN-9).
func lookupNumber(from string) string {
	if call.IsAnonymous(from) {
		return ""
	}
	return from
}

func (wh *Webhooks) newCall(r *http.Request, n *provider.Number, v *routing.Version, record crm.RecordID) call.Call {
	from := r.PostForm.Get("From")
	return call.Call{OrgID: n.OrgID, NumberID: int64(n.ID), CallSID: r.PostForm.Get("CallSid"), VersionID: v.ID,
		Direction: "inbound", From: from, To: n.E164, Anonymous: call.IsAnonymous(from), RecordID: int64(record),
		Status: call.Ringing, StartedAt: wh.now()}
}

// advance runs one routing event on the call and records the result — the
// state, the legs to ring, the jobs to queue — in one transaction.
func (wh *Webhooks) advance(ctx context.Context, c call.Call, cfg routing.Config, ev routing.Event) (routing.Step, error) {
	env, err := wh.env(ctx, c)
	if err != nil {
		return routing.Step{}, err
	}
	return wh.advanceWith(ctx, c, cfg, ev, env)
}

func (wh *Webhooks) advanceWith(ctx context.Context, c call.Call, cfg routing.Config, ev routing.Event, env routing.Env) (routing.Step, error) {
	var step routing.Step
	ch, err := wh.Store.UpdateCall(ctx, c.OrgID, c.ID, func(cur call.Call, legs []call.Leg) (store.Change, error) {
		var st routing.State
		step, st = routing.Next(cfg, cur.State, ev, env)
		return wh.apply(cur, legs, st, step, env), nil
	})
	if err != nil {
		return step, err
	}
	wh.afterCommit(ctx, ch)
	return step, nil
}

// env gathers what routing needs to know besides the call, in one read.
func (wh *Webhooks) env(ctx context.Context, c call.Call) (routing.Env, error) {
	f, err := wh.Store.RoutingFacts(ctx, c.OrgID, c.NumberID)
	if err != nil {
		return routing.Env{}, err
	}
	return wh.envOf(f), nil
}

// envOf is the routing environment the facts read from the store make.
func (wh *Webhooks) envOf(f store.RoutingFacts) routing.Env {
	o := f.Org
	return routing.Env{Now: wh.now(), TZ: wh.zones.of(o.Settings.TimeZone), OrgHours: o.Settings.BusinessHours, Agents: f.Agents,
		Forwarding: f.Forwarding, Waiting: f.Waiting, RecordingAnnouncement: o.Settings.RecordingAnnouncement}
}

// zones caches time zones by name: time.LoadLocation reads the zone's file
// from disk each time, and every new call and routing event needs its
// org's.
type zones struct{ m sync.Map }

// of returns the zone name names, UTC when there is none (zone).
func (z *zones) of(name string) *time.Location {
	if loc, ok := z.m.Load(name); ok {
		return loc.(*time.Location)
	}
	loc := zone(name)
	z.m.Store(name, loc)
	return loc
}

// config returns the routing configuration the call started with.
func (wh *Webhooks) config(ctx context.Context, c call.Call) (routing.Config, error) {
	v, err := wh.version(ctx, c.OrgID, c.VersionID)
	if err != nil {
		return routing.Config{}, err
	}
	return v.Config, nil
}

// callOf finds the call a flow webhook names with ?call=, checking it
// belongs to the provider that signed the request.
func (wh *Webhooks) callOf(r *http.Request, h Hook) (call.Call, routing.Config, error) {
	c, err := wh.hookCall(r, h)
	if err != nil {
		return c, routing.Config{}, err
	}
	cfg, err := wh.config(r.Context(), c)
	return c, cfg, err
}

// hookCall is the provider's org's call named by the webhook URL's call.
func (wh *Webhooks) hookCall(r *http.Request, h Hook) (call.Call, error) {
	id, err := strconv.ParseInt(r.URL.Query().Get("call"), 10, 64)
	if err != nil {
		return call.Call{}, problem.New(problem.NotFound, "no call in the webhook URL")
	}
	return wh.Store.Call(r.Context(), h.Provider.OrgID, call.ID(id))
}

// Menu receives the caller's key press (or none) at a menu (R-IN-1, 5).
func (wh *Webhooks) Menu(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, cfg, err := wh.callOf(r, h)
	if err != nil {
		return err
	}
	step, err := wh.advance(r.Context(), c, cfg, routing.Event{Kind: routing.Digits, Digits: r.PostForm.Get("Digits")})
	if err != nil {
		return err
	}
	return writeTwiML(w, wh.render(cfg, step, c.ID))
}

// Resume answers a caller's leg redirected after the call's state changed.
func (wh *Webhooks) Resume(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, _, err := wh.callOf(r, h)
	if err != nil {
		return err
	}
	return wh.resume(w, r, c)
}

func (wh *Webhooks) resume(w http.ResponseWriter, r *http.Request, c call.Call) error {
	cfg, err := wh.config(r.Context(), c)
	if err != nil {
		return err
	}
	env, err := wh.env(r.Context(), c)
	if err != nil {
		return err
	}
	return writeTwiML(w, wh.render(cfg, routing.Resume(cfg, c.State, env), c.ID))
}

// Wait is the conference's wait URL, requested in a loop while the caller
// waits: hold music, and the queue's clock (R-IN-13). A queued caller
// hears the announcement on the first loop only; announce jobs repeat it
// every N seconds (announce.go).
func (wh *Webhooks) Wait(w http.ResponseWriter, r *http.Request, h Hook) error {
	c, err := wh.hookCall(r, h)
	if err != nil {
		return err
	}
	if c.VersionID == 0 { // an outbound call on hold runs no routing: the default music
		return writeTwiML(w, twiml.Response{Verbs: []twiml.Verb{twiml.Play{URL: DefaultHoldMusic}}})
	}
	cfg, err := wh.config(r.Context(), c)
	if err != nil {
		return err
	}
	var verbs []twiml.Verb
	if c.State.Stage == routing.StageQueued {
		step, err := wh.advance(r.Context(), c, cfg, routing.Event{Kind: routing.QueueTick})
		if err != nil {
			return err
		}
		if step.Kind == routing.StepWait {
			verbs = says(cfg.Voice, step.Say)
		}
	}
	music := cfg.Queue.HoldMusicURL
	if music == "" {
		music = DefaultHoldMusic
	}
	return writeTwiML(w, twiml.Response{Verbs: append(verbs, twiml.Play{URL: music})})
}

func closing(text string) twiml.Response {
	return twiml.Response{Verbs: []twiml.Verb{twiml.Say{Text: text}, twiml.Hangup{}}}
}
