package routing

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

var (
	noon = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) // a Monday
	t0   = noon.Add(-time.Hour)
)

func at(d time.Duration) *time.Time { v := t0.Add(d); return &v }

// agents: 1 came online first, then 2, then 3; 4 is offline; 5 is on a call.
func agents() []presence.Agent {
	return []presence.Agent{
		{UserID: 1, Status: presence.Online, OnlineSince: at(0), RingOrderAt: at(0)},
		{UserID: 2, Status: presence.Online, OnlineSince: at(1), RingOrderAt: at(1)},
		{UserID: 3, Status: presence.Online, OnlineSince: at(2), RingOrderAt: at(2)},
		{UserID: 4, Status: presence.Offline},
		{UserID: 5, Status: presence.Online, OnlineSince: at(3), RingOrderAt: at(3), Busy: true},
	}
}

func env() Env {
	return Env{Now: noon, TZ: time.UTC, OrgHours: org.BusinessHours{AlwaysOpen: true}, Agents: agents(), Forwarding: map[org.UserID]string{}}
}

func text(s string) Message { return Message{Text: s} }

// direct returns a valid direct-mode config ringing users.
func direct(ring RingType, users ...org.UserID) Config {
	c := Default()
	c.Group = &Group{Users: users, Ring: ring, IntervalSeconds: 15, TimeoutSeconds: 30}
	c.Voice.Welcome, c.Voice.Busy, c.Voice.Unavailable = text("Welcome."), text("Busy."), text("Unavailable.")
	return c
}

// ivr returns a two-level menu: 1 Sales (users 1, 2 sequential), 2 Support
// submenu: 1 Billing (user 3), 2 Tech (users 4, 5).
func ivr() Config {
	c := direct(RingSequential)
	c.Mode, c.Group = ModeIVR, nil
	c.Voice.Menu = text("Press ${Key press} for ${Menu}.")
	c.Menu = &Menu{Options: []Option{
		{Key: 1, Label: "Sales", Action: ActionRing, Group: &Group{Users: []org.UserID{1, 2}, Ring: RingSequential, IntervalSeconds: 15, TimeoutSeconds: 30}},
		{Key: 2, Label: "Support", Action: ActionSubmenu, Submenu: &Menu{Options: []Option{
			{Key: 1, Label: "Billing", Action: ActionRing, Group: &Group{Users: []org.UserID{3}, Ring: RingSimultaneous, TimeoutSeconds: 30}},
			{Key: 2, Label: "Tech", Action: ActionRing, Group: &Group{Users: []org.UserID{4, 5}, Ring: RingSimultaneous, TimeoutSeconds: 30}},
		}}},
	}}
	return c
}

// run feeds events in order and returns every step and the final state.
func run(c Config, e Env, events ...Event) ([]Step, State) {
	var st State
	var steps []Step
	for _, ev := range events {
		var s Step
		s, st = Next(c, st, ev, e)
		steps = append(steps, s)
	}
	return steps, st
}

var (
	started = Event{Kind: Start}
	press   = func(k string) Event { return Event{Kind: Digits, Digits: k} }
	noAns   = func(u org.UserID) Event { return Event{Kind: LegEnded, User: u} }
	answer  = func(u org.UserID) Event { return Event{Kind: Answered, User: u} }
)

func TestNext(t *testing.T) {
	t.Parallel()
	withForward := env()
	withForward.Forwarding = map[org.UserID]string{1: "+14155550111", 2: "+14155550122"}
	closed := direct(RingSimultaneous, 1, 2)
	closed.Hours = Hours{Weekly: Week{Monday: []TimeRange{{From: "09:00", To: "11:00"}}}}
	offline := direct(RingSimultaneous, 1)
	offline.Online = false
	voicemail := direct(RingSimultaneous, 4)
	voicemail.Voicemail = Voicemail{Enabled: true, MaxLengthSeconds: 60}
	queue := direct(RingSimultaneous, 5)
	queue.Queue = Queue{Enabled: true, MaxCallers: 2, MaxWaitMinutes: 5}
	recorded := direct(RingSimultaneous, 1)
	recorded.Recording = Recording{Enabled: true, Announcement: true}
	recEnv := env()
	recEnv.RecordingAnnouncement = "This call is recorded."
	repeat := ivr()
	lapsed := env() // 6 is online and busy, but the app's heartbeat stopped
	lapsed.Agents = append(lapsed.Agents, presence.Agent{UserID: 6, Status: presence.Online, OnlineSince: at(4), RingOrderAt: at(4), Busy: true, Lapsed: true})
	repeat.Menu.Options[0].Group.Repeat = true

	tests := []struct {
		name   string
		config Config
		env    Env
		events []Event
		want   []Step
		final  Stage
	}{
		{"R-IN-4 welcome then the menu, one line per option", ivr(), env(), []Event{started},
			[]Step{{Kind: StepMenu, Say: []Message{text("Welcome."), text("Press 1 for Sales."), text("Press 2 for Support.")}}}, StageMenu},
		{"R-IN-1 a submenu, then its option rings", ivr(), env(), []Event{started, press("2"), press("1")},
			[]Step{{Kind: StepMenu}, {Kind: StepMenu, Say: []Message{text("Press 1 for Billing."), text("Press 2 for Tech.")}},
				{Kind: StepRing, Ring: []org.UserID{3}, RingSeconds: 30}}, StageRinging},
		{"R-IN-5 invalid key and no key repeat the menu, three plays in all, then unavailable", ivr(), env(),
			[]Event{started, press("9"), press(""), press("7")},
			[]Step{{Kind: StepMenu}, {Kind: StepMenu}, {Kind: StepMenu}, {Kind: StepHangup, Say: []Message{text("Unavailable.")}}}, StageEnded},
		{"R-IN-7 sequential in came-online order", direct(RingSequential, 3, 2, 1), env(), []Event{started, noAns(1), noAns(2)},
			[]Step{{Kind: StepRing, Ring: []org.UserID{1}, RingSeconds: 15}, {Kind: StepRing, Ring: []org.UserID{2}, RingSeconds: 15},
				{Kind: StepRing, Ring: []org.UserID{3}, RingSeconds: 15}}, StageRinging},
		{"R-IN-7 offline and busy agents are skipped", direct(RingSequential, 5, 4, 2), env(), []Event{started},
			[]Step{{Kind: StepRing, Ring: []org.UserID{2}, RingSeconds: 15}}, StageRinging},
		{"R-IN-7 simultaneous: all ring, first to answer wins, the others stop", direct(RingSimultaneous, 1, 2, 3), env(),
			[]Event{started, answer(3)},
			[]Step{{Kind: StepRing, Ring: []org.UserID{1, 2, 3}, RingSeconds: 30}, {Kind: StepConnect, Cancel: []org.UserID{1, 2}}}, StageConnected},
		{"R-IN-8 direct: an unanswered sequence rings two cycles in all", direct(RingSequential, 1, 2), env(),
			[]Event{started, noAns(1), noAns(2), noAns(1), noAns(2)},
			[]Step{{Kind: StepRing}, {Kind: StepRing}, {Kind: StepRing, Ring: []org.UserID{1}, RingSeconds: 15}, {Kind: StepRing},
				{Kind: StepHangup, Say: []Message{text("Unavailable.")}}}, StageEnded},
		{"R-IN-8 IVR without repeat: one cycle", ivr(), env(), []Event{started, press("1"), noAns(1), noAns(2)},
			[]Step{{Kind: StepMenu}, {Kind: StepRing}, {Kind: StepRing}, {Kind: StepHangup, Say: []Message{text("Unavailable.")}}}, StageEnded},
		{"R-IN-8 IVR with repeat: the sequence once more", repeat, env(), []Event{started, press("1"), noAns(1), noAns(2)},
			[]Step{{Kind: StepMenu}, {Kind: StepRing}, {Kind: StepRing}, {Kind: StepRing, Ring: []org.UserID{1}, RingSeconds: 15}}, StageRinging},
		{"R-IN-11 every candidate busy: the busy message", direct(RingSimultaneous, 5), env(), []Event{started},
			[]Step{{Kind: StepHangup, Say: []Message{text("Welcome."), text("Busy.")}}}, StageEnded},
		{"R-IN-11/13 every candidate busy with the queue on: wait", queue, env(), []Event{started},
			[]Step{{Kind: StepQueue, Say: []Message{text("Welcome.")}, WaitUntil: noon.Add(5 * time.Minute)}}, StageQueued},
		{"R-IN-12 nobody online: unavailable message", direct(RingSimultaneous, 4), env(), []Event{started},
			[]Step{{Kind: StepHangup, Say: []Message{text("Welcome."), text("Unavailable.")}}}, StageEnded},
		{"R-IN-12/R-AG-1 every candidate's heartbeat lapsed: unavailable, not busy", direct(RingSimultaneous, 6), lapsed, []Event{started},
			[]Step{{Kind: StepHangup, Say: []Message{text("Welcome."), text("Unavailable.")}}}, StageEnded},
		{"R-IN-12/14 unavailable with forwarding numbers: forward", direct(RingSimultaneous, 1, 2), withForward, []Event{started, noAns(1), noAns(2), noAns(1), noAns(2)},
			[]Step{{Kind: StepRing}, {Kind: StepWait}, {Kind: StepRing}, {Kind: StepWait},
				{Kind: StepForward, Forward: []string{"+14155550111", "+14155550122"}}}, StageForward},
		{"R-IN-15 unavailable with voicemail", voicemail, env(), []Event{started},
			[]Step{{Kind: StepVoicemail, Say: []Message{text("Welcome."), text("Unavailable.")}, VoicemailSeconds: 60}}, StageVoicemail},
		{"R-IN-16 outside hours: unavailable, no welcome", closed, env(), []Event{started},
			[]Step{{Kind: StepHangup, Say: []Message{text("Unavailable.")}}}, StageEnded},
		{"number offline: unavailable", offline, env(), []Event{started},
			[]Step{{Kind: StepHangup, Say: []Message{text("Unavailable.")}}}, StageEnded},
		{"R-IN-17 recording: the announcement first", recorded, recEnv, []Event{started},
			[]Step{{Kind: StepRing, Say: []Message{text("This call is recorded."), text("Welcome.")}, Ring: []org.UserID{1}, RingSeconds: 30, Record: true}}, StageRinging},
		{"a late answer from a cancelled leg is hung up", direct(RingSimultaneous, 1, 2), env(), []Event{started, answer(1), answer(2)},
			[]Step{{Kind: StepRing}, {Kind: StepConnect, Cancel: []org.UserID{2}}, {Kind: StepWait, Cancel: []org.UserID{2}}}, StageConnected},
	}
	// A field left nil (or zero) in a wanted step is not checked, so each
	// case states only what its rule is about.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, st := run(tt.config, tt.env, tt.events...)
			for i := range min(len(got), len(tt.want)) {
				w, g := tt.want[i], &got[i]
				if w.Say == nil {
					g.Say = nil
				}
				if w.Ring == nil && w.RingSeconds == 0 {
					g.Ring, g.RingSeconds = nil, 0
				}
				if w.Cancel == nil {
					g.Cancel = nil
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("steps mismatch (-want +got):\n%s", diff)
			}
			if st.Stage != tt.final {
				t.Fatalf("final stage = %q, want %q", st.Stage, tt.final)
			}
		})
	}
}

func TestQueue(t *testing.T) {
	t.Parallel()
	c := direct(RingSimultaneous, 5)
	c.Queue = Queue{Enabled: true, MaxCallers: 2, MaxWaitMinutes: 5}
	e := env()
	_, st := Next(c, State{}, started, e)
	if st.Stage != StageQueued {
		t.Fatalf("stage = %q", st.Stage)
	}
	t.Run("R-IN-13 overflow beyond max callers hears the busy message", func(t *testing.T) {
		full := e
		full.Waiting = 2
		step, _ := Next(c, State{}, started, full)
		if step.Kind != StepHangup || step.Say[len(step.Say)-1] != text("Busy.") {
			t.Fatalf("overflow step = %+v", step)
		}
	})
	t.Run("R-IN-13 a free agent of the group is offered the caller", func(t *testing.T) {
		free := e
		free.Agents = agents()
		free.Agents[4].Busy = false
		step, st2 := Next(c, st, Event{Kind: AgentFree, User: 5}, free)
		if step.Kind != StepRing || len(step.Ring) != 1 || step.Ring[0] != 5 || st2.Stage != StageRinging {
			t.Fatalf("offer = %+v, %+v", step, st2)
		}
		step, _ = Next(c, st, Event{Kind: AgentFree, User: 1}, free)
		if step.Kind != StepWait {
			t.Fatalf("an agent outside the group was offered the caller: %+v", step)
		}
	})
	t.Run("R-IN-13 before max wait the caller keeps waiting, after it the unavailable path", func(t *testing.T) {
		early := e
		early.Now = noon.Add(4*time.Minute + 59*time.Second)
		if step, _ := Next(c, st, Event{Kind: QueueTick}, early); step.Kind != StepWait {
			t.Fatalf("step before max wait = %+v", step)
		}
		late := e
		late.Now = noon.Add(5 * time.Minute)
		step, st2 := Next(c, st, Event{Kind: QueueTick}, late)
		if step.Kind != StepHangup || st2.Outcome != "queue-timeout" {
			t.Fatalf("step at max wait = %+v (%s)", step, st2.Outcome)
		}
		if st2.QueueWaitSeconds != 300 || st2.QueuedAt != nil {
			t.Fatalf("R-IN-18 queue wait = %d s (queued at %v), want 300", st2.QueueWaitSeconds, st2.QueuedAt)
		}
	})
}

func TestNextDoesNotModifyState(t *testing.T) {
	t.Parallel()
	c := direct(RingSequential, 1, 2)
	_, st := Next(c, State{}, started, env())
	before := st.clone()
	Next(c, st, noAns(1), env())
	if diff := cmp.Diff(before, st); diff != "" {
		t.Fatalf("state modified (-before +after):\n%s", diff)
	}
}

func TestResume(t *testing.T) {
	t.Parallel()
	e := env()
	e.Forwarding = map[org.UserID]string{1: "+14155550111"}
	c := direct(RingSequential, 1)
	tests := []struct {
		name string
		st   State
		want Step
	}{
		{"ringing waits in the conference", State{Stage: StageRinging}, Step{Kind: StepQueue}},
		{"forwarding dials the numbers", State{Stage: StageForward}, Step{Kind: StepForward, Forward: []string{"+14155550111"}}},
		{"busy ending", State{Stage: StageEnded, Outcome: "busy"}, Step{Kind: StepHangup, Say: []Message{text("Busy.")}}},
		{"queue timeout ending", State{Stage: StageEnded, Outcome: "queue-timeout"}, Step{Kind: StepHangup, Say: []Message{text("Unavailable.")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, Resume(c, tt.st, e), cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("Resume mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
