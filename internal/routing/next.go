package routing

import (
	"slices"
	"strconv"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

// Next decides what the call does after ev. It returns the step and the
// call's new state; the state passed in is not modified.
func Next(c Config, st State, ev Event, env Env) (Step, State) {
	st = st.clone()
	switch ev.Kind {
	case Start:
		return start(c, st, env)
	case Digits:
		return keyPressed(c, st, ev.Digits, env)
	case LegEnded:
		return legEnded(c, st, ev.User, env)
	case Answered:
		return answered(st, ev.User, env)
	case QueueTick:
		return queueTick(c, st, env)
	case AgentFree:
		return agentFree(c, st, ev.User, env)
	}
	return Step{Kind: StepWait}, st
}

// LeaveQueue counts the time waited since QueuedAt, if the caller is
// queued, and takes them out of the queue.
func (s *State) LeaveQueue(now time.Time) {
	if s.QueuedAt != nil {
		s.QueueWaitSeconds += int(now.Sub(*s.QueuedAt).Round(time.Second) / time.Second)
		s.QueuedAt = nil
	}
}

func (s State) clone() State {
	s.Path = slices.Clone(s.Path)
	s.Rung = slices.Clone(s.Rung)
	s.Ringing = slices.Clone(s.Ringing)
	return s
}

// start: an offline or closed number takes the unavailable path (R-IN-12,
// R-IN-16); otherwise the welcome, then the menu or the ring group.
func start(c Config, st State, env Env) (Step, State) {
	var intro []Message
	if c.Recording.Enabled && c.Recording.Announcement && env.RecordingAnnouncement != "" {
		intro = append(intro, Message{Text: env.RecordingAnnouncement})
	}
	var step Step
	switch {
	case !c.Online || !open(c, env):
		step, st = unavailable(c, st, env)
	case c.Mode == ModeIVR:
		intro = append(intro, c.Voice.Welcome)
		st.Stage, st.Plays = StageMenu, 1
		step = menuStep(c, nil)
	default:
		intro = append(intro, c.Voice.Welcome)
		step, st = ring(c, st, env)
	}
	step.Say = append(nonEmpty(intro), step.Say...)
	step.Record = c.Recording.Enabled
	return step, st
}

// menuStep plays the menu at path: one rendered line per option in text
// format, the menu recording otherwise (R-IN-4).
func menuStep(c Config, path []int) Step {
	m := menuAt(c.Menu, path)
	if c.Voice.Format != FormatText {
		return Step{Kind: StepMenu, Say: nonEmpty([]Message{c.Voice.Menu})}
	}
	var say []Message
	if m != nil {
		for _, line := range RenderMenu(c.Voice.Menu.Text, m.Options) {
			say = append(say, Message{Text: line})
		}
	}
	return Step{Kind: StepMenu, Say: say}
}

// menuAt follows path through submenus; nil when it leads nowhere.
func menuAt(m *Menu, path []int) *Menu {
	for _, key := range path {
		o := option(m, key)
		if o == nil || o.Action != ActionSubmenu {
			return nil
		}
		m = o.Submenu
	}
	return m
}

func option(m *Menu, key int) *Option {
	if m == nil {
		return nil
	}
	for i := range m.Options {
		if m.Options[i].Key == key {
			return &m.Options[i]
		}
	}
	return nil
}

// keyPressed: a known key rings its group or opens its submenu; no key or an
// unknown one replays the menu, up to MaxMenuPlays in all, then the
// unavailable path (R-IN-5).
func keyPressed(c Config, st State, keys string, env Env) (Step, State) {
	if st.Stage != StageMenu {
		return Step{Kind: StepWait}, st
	}
	key, err := strconv.Atoi(keys)
	o := option(menuAt(c.Menu, st.Path), key)
	if err != nil || len(keys) != 1 || o == nil {
		if st.Plays >= MaxMenuPlays {
			return unavailable(c, st, env)
		}
		st.Plays++
		return menuStep(c, st.Path), st
	}
	st.Path = append(st.Path, key)
	if o.Action == ActionSubmenu {
		st.Plays = 1
		return menuStep(c, st.Path), st
	}
	return ring(c, st, env)
}

// group returns the ring group the call is at: the chosen option's, or the
// direct association's.
func group(c Config, st State) *Group {
	if c.Mode != ModeIVR {
		return c.Group
	}
	if len(st.Path) == 0 {
		return nil
	}
	o := option(menuAt(c.Menu, st.Path[:len(st.Path)-1]), st.Path[len(st.Path)-1])
	if o == nil || o.Action != ActionRing {
		return nil
	}
	return o.Group
}

// cycles is how many times the group's sequence rings in all (R-IN-8).
func cycles(c Config, g *Group) int {
	if c.Mode != ModeIVR {
		return DirectCycles
	}
	if g.Repeat {
		return 2
	}
	return 1
}

// ring starts the first cycle: available agents ring (all at once, or the
// first in came-online order); when every candidate is on a call, the
// queue or the busy message (R-IN-11); when none is online, the
// unavailable path.
func ring(c Config, st State, env Env) (Step, State) {
	g := group(c, st)
	if g == nil || len(g.Users) == 0 {
		return unavailable(c, st, env)
	}
	order := presence.RingOrder(env.Agents, g.Users)
	if len(order) == 0 {
		if anyOnline(env.Agents, g.Users) {
			return busy(c, st, env)
		}
		return unavailable(c, st, env)
	}
	st.Stage, st.Cycle, st.Rung, st.Ringing = StageRinging, 1, nil, nil
	return ringNext(g, st, order)
}

// anyOnline reports whether a candidate is reachable (online with a live
// heartbeat, R-AG-1), busy or not: then the caller hears busy, not
// unavailable.
func anyOnline(agents []presence.Agent, users []org.UserID) bool {
	for _, a := range agents {
		if a.Reachable() && slices.Contains(users, a.UserID) {
			return true
		}
	}
	return false
}

// ringNext rings whoever of order has not rung this cycle: everyone at once
// (simultaneous), or the next one (sequential).
func ringNext(g *Group, st State, order []org.UserID) (Step, State) {
	var next []org.UserID
	for _, u := range order {
		if !slices.Contains(st.Rung, u) {
			next = append(next, u)
		}
	}
	seconds := g.TimeoutSeconds
	if g.Ring == RingSequential {
		next, seconds = next[:min(1, len(next))], g.IntervalSeconds
	}
	st.Rung = append(st.Rung, next...)
	st.Ringing = append(st.Ringing, next...)
	return Step{Kind: StepRing, Ring: next, RingSeconds: seconds}, st
}
