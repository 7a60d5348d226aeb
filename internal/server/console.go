package server

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/media"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/secret"
	"github.com/switchboard/switchboard/internal/store"
)

// console is the IVR test console (R-SIM-4). Each run builds a private
// world — a throwaway SQLite store holding a copy of the org's users and
// the number, a sandbox carrier on a virtual clock set to the chosen time,
// and this product's own call flow and worker serving it on a loopback
// port — publishes the draft there, places the call and reports the
// sandbox's transcript. Nothing touches the org's data, presence, call log
// or carrier (decision 0016).
type console struct {
	main *store.Store
	log  *slog.Logger
	// media signs uploaded audio's URLs on the main server (mediaURL), which
	// serves the files: the private store has none.
	media    *media.Signer
	mediaURL string
	// slots bounds concurrent runs: each holds a store and a server.
	slots chan struct{}
}

func newConsole(main *store.Store, log *slog.Logger, m *media.Signer, mediaURL string) *console {
	return &console{main: main, log: log, media: m, mediaURL: mediaURL, slots: make(chan struct{}, 2)}
}

// RunRouting runs one test call of cfg on n.
func (c *console) RunRouting(ctx context.Context, n provider.Number, cfg routing.Config, run api.ConsoleRun) (api.ConsoleResult, error) {
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-ctx.Done():
		return api.ConsoleResult{}, ctx.Err()
	}
	w, err := c.world(ctx, n, run.At)
	if err != nil {
		return api.ConsoleResult{}, err
	}
	defer w.close()
	if err := w.copyOrg(ctx, c.main, n.OrgID); err != nil {
		return api.ConsoleResult{}, err
	}
	if err := w.setUp(ctx, n, cfg, run.Agents); err != nil {
		return api.ConsoleResult{}, err
	}
	return w.call(ctx, n, run)
}

// world is one run's private store, sandbox and server.
type world struct {
	st    *store.Store
	sb    *sandbox.Sandbox
	clock *sandbox.VirtualClock
	box   *secret.Box
	url   string
	dir   string
	stop  func()
	org   org.ID
	// ids maps the org's user ids to the copy's, names the copy's users.
	ids   map[org.UserID]org.UserID
	names map[org.UserID]string
	back  map[org.UserID]org.UserID
	// publisher is a user of the copy to publish the draft as.
	publisher org.UserID
}

func (c *console) world(ctx context.Context, n provider.Number, at time.Time) (*world, error) {
	dir, err := os.MkdirTemp("", "switchboard-console-")
	if err != nil {
		return nil, fmt.Errorf("console: %w", err)
	}
	w := &world{dir: dir, stop: func() {}, clock: sandbox.NewVirtualClock(at)}
	st, err := store.Open(ctx, filepath.Join(dir, "console.db"))
	if err == nil {
		w.st = st
		st.SetClock(w.clock.Now)
		err = st.Migrate(ctx)
	}
	if err != nil {
		w.close()
		return nil, fmt.Errorf("console store: %w", err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	w.box, _ = secret.NewBox(key)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		w.close()
		return nil, fmt.Errorf("console: %w", err)
	}
	w.url = "http://" + ln.Addr().String()
	w.sb = sandbox.New(sandbox.Options{BaseURL: w.url + "/sandbox", Clock: w.clock})
	cs := carriers{sandbox: w.sb, sandboxURL: w.url + "/sandbox"}
	log := c.log.With("console", true)
	worker := &callflow.Worker{Store: st, BaseURL: w.url, Log: log, Dial: cs.dialCalls(w.box), Hold: w.sb.Hold,
		After: w.clock.AfterFunc, Clock: w.clock.Now}
	wh := &callflow.Webhooks{Store: st, Box: w.box, BaseURL: w.url, Log: log, Worker: worker, Clock: w.clock.Now,
		Media: c.media, MediaURL: c.mediaURL}
	worker.QueueTimeout = wh.QueueTimeout
	mux := http.NewServeMux()
	carrierRoutes(mux, wh, w.sb)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	go hs.Serve(ln)
	go worker.Run(runCtx, 50*time.Millisecond)
	w.stop = func() {
		cancel()
		w.sb.Close()
		hs.Close()
	}
	return w, nil
}

func (w *world) close() {
	w.stop()
	if w.st != nil {
		w.st.Close()
	}
	os.RemoveAll(w.dir)
}

// copyOrg copies the org's settings and active users (names, forwarding
// numbers), in id order so the ring order's tie-break is the same.
func (w *world) copyOrg(ctx context.Context, main *store.Store, orgID org.ID) error {
	o, err := main.Org(ctx, orgID)
	if err != nil {
		return err
	}
	users, err := main.Users(ctx, orgID)
	if err != nil {
		return err
	}
	cp, err := w.st.CreateOrg(ctx, org.Org{Name: o.Name, Slug: "console", Settings: o.Settings})
	if err != nil {
		return err
	}
	w.org = cp.ID
	w.ids, w.back, w.names = map[org.UserID]org.UserID{}, map[org.UserID]org.UserID{}, map[org.UserID]string{}
	for _, u := range sortedUsers(users) {
		if !u.Active {
			continue
		}
		nu, err := w.st.CreateUser(ctx, cp.ID, org.User{Email: fmt.Sprintf("user%d@console.invalid", u.ID), Name: u.Name,
			Role: u.Role, Active: true, ForwardingNumber: u.ForwardingNumber}, "!")
		if err != nil {
			return err
		}
		w.ids[u.ID], w.back[nu.ID], w.names[nu.ID] = nu.ID, u.ID, displayName(u)
		w.publisher = nu.ID
	}
	return nil
}

// setUp installs the number, publishes cfg on it, and sets the agents'
// presence and how each answers.
func (w *world) setUp(ctx context.Context, n provider.Number, cfg routing.Config, agents []api.ConsoleAgent) error {
	acct := w.sb.CreateAccount("IVR test console", "Full")
	token := w.box.Seal(acct.AuthToken, provider.TokenContext(acct.SID))
	p, err := w.st.CreateProvider(ctx, w.org, provider.Provider{Kind: provider.Sandbox, Name: "console", AccountSID: acct.SID,
		AuthToken: token, AccountType: "Full", AllUsers: true, IncludeNewUsers: true})
	if err != nil {
		return err
	}
	hooks := provider.HooksFor(w.url)
	if err := w.sb.RestoreNumber(acct.SID, sandbox.RestoredNumber{SID: n.SID, PhoneNumber: n.E164, Voice: true,
		VoiceURL: hooks.VoiceURL, VoiceFallbackURL: hooks.VoiceFallbackURL, StatusCallback: hooks.StatusCallback}); err != nil {
		return err
	}
	cn, err := w.st.LinkNumber(ctx, w.org, provider.Number{ProviderID: p.ID, SID: n.SID, E164: n.E164, FriendlyName: n.FriendlyName,
		Capabilities: n.Capabilities, RecordingEnabled: n.RecordingEnabled})
	if err != nil {
		return err
	}
	if err := w.copyOperators(ctx, cn.ID, n.Operators); err != nil {
		return err
	}
	cfg = cfg.MapUsers(func(u org.UserID) org.UserID { return w.ids[u] })
	if _, err := w.st.PublishRouting(ctx, w.org, cn.ID, cfg, w.publisher, 0); err != nil {
		return err
	}
	return w.setAgents(ctx, agents)
}

func (w *world) copyOperators(ctx context.Context, number provider.NumberID, ops []provider.Operator) error {
	var out []provider.Operator
	for _, op := range ops {
		if id, ok := w.ids[op.UserID]; ok {
			op.UserID = id
			out = append(out, op)
		}
	}
	return w.st.SetOperators(ctx, w.org, number, out)
}

// setAgents brings the online agents online in the order given (a
// millisecond apart on the virtual clock, so the ring order is theirs)
// and tells the sandbox how each answers.
func (w *world) setAgents(ctx context.Context, agents []api.ConsoleAgent) error {
	for _, ag := range agents {
		id := w.ids[ag.UserID]
		if ag.Status == "offline" {
			continue
		}
		w.clock.Advance(time.Millisecond, nil)
		if err := w.st.SetStatus(ctx, w.org, id, presence.Online); err != nil {
			return err
		}
		if ag.Status == "busy" {
			if err := w.st.SetBusy(ctx, w.org, id, true); err != nil {
				return err
			}
		}
		b := map[string]sandbox.Behaviour{
			"answer": {Action: "answer", After: sandbox.Duration(3 * time.Second), HangupAfter: sandbox.Duration(consoleTalk)},
			"reject": {Action: "reject", After: sandbox.Duration(2 * time.Second)},
			"ignore": {Action: "ignore"},
		}[ag.Answer]
		if err := w.sb.SetParty("client:"+callflow.AgentIdentity(int64(id)), b); err != nil {
			return err
		}
	}
	return nil
}

// consoleTalk is how long an agent who answers a test call talks before
// hanging up.
const consoleTalk = 30 * time.Second

// call places the caller's call, runs it to its end on the virtual clock,
// and reads back the transcript and the call record.
func (w *world) call(ctx context.Context, n provider.Number, run api.ConsoleRun) (api.ConsoleResult, error) {
	from := run.From
	if from == "" {
		from = "+266696687" // how Twilio presents a withheld number
	}
	script := sandbox.CallScript{From: from, To: n.E164, HangupAfter: sandbox.Duration(run.HangupAfter)}
	for _, k := range run.Keys {
		script.Digits = append(script.Digits, sandbox.DigitPress{Digits: k})
	}
	sid, err := w.sb.PlaceCall(script)
	if err != nil {
		return api.ConsoleResult{}, fmt.Errorf("console call: %w", err)
	}
	tr, err := w.sb.RunUntilEnded(ctx, sid, 2*time.Hour)
	if err != nil {
		return api.ConsoleResult{}, fmt.Errorf("console call: %w", err)
	}
	w.sb.Settle()
	c, err := w.st.CallForWebhook(ctx, sid)
	if err != nil {
		return api.ConsoleResult{}, fmt.Errorf("console call record: %w", err)
	}
	legs, err := w.st.Legs(ctx, c.OrgID, c.ID)
	if err != nil {
		return api.ConsoleResult{}, err
	}
	return w.result(tr, c, legs, n), nil
}

// result turns the run into the org's terms: its user ids and names.
func (w *world) result(tr sandbox.Transcript, c call.Call, legs []call.Leg, n provider.Number) api.ConsoleResult {
	c.ID, c.OrgID, c.NumberID, c.VersionID, c.CallSID = 0, n.OrgID, int64(n.ID), 0, ""
	c.AnsweredBy = w.back[c.AnsweredBy]
	for i := range legs {
		legs[i].UserID = w.back[legs[i].UserID]
	}
	trs := []sandbox.Transcript{tr}
	for _, leg := range w.sb.Legs("", false) {
		if leg.Sid != tr.CallSid {
			if lt, err := w.sb.Transcript(leg.Sid); err == nil {
				trs = append(trs, lt)
			}
		}
	}
	steps := consoleSteps(trs, w.partyName)
	return api.ConsoleResult{Steps: steps, Text: consoleText(steps), Call: c, Legs: legs}
}

// partyName names a transcript party in the org's terms.
func (w *world) partyName(party string) string {
	for id, name := range w.names {
		if party == "client:"+callflow.AgentIdentity(int64(id)) {
			return name
		}
	}
	return party
}

func displayName(u org.User) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}
