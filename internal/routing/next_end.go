package routing

import (
	"slices"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

// legEnded: a leg ended unanswered. Sequential ring moves to the next
// available agent; when the cycle is done, the group rings again while
// cycles remain (R-IN-8), then the unavailable path.
func legEnded(c Config, st State, user org.UserID, env Env) (Step, State) {
	if st.Stage != StageRinging || !slices.Contains(st.Ringing, user) {
		return Step{Kind: StepWait}, st
	}
	st.Ringing = slices.DeleteFunc(st.Ringing, func(u org.UserID) bool { return u == user })
	g := group(c, st)
	if len(st.Ringing) > 0 {
		return Step{Kind: StepWait}, st
	}
	order := presence.RingOrder(env.Agents, g.Users)
	if g.Ring == RingSequential && slices.ContainsFunc(order, func(u org.UserID) bool { return !slices.Contains(st.Rung, u) }) {
		return ringNext(g, st, order)
	}
	if st.Cycle < cycles(c, g) && len(order) > 0 {
		st.Cycle, st.Rung = st.Cycle+1, nil
		return ringNext(g, st, order)
	}
	return unavailable(c, st, env)
}

// answered: the first to answer gets the call; the others stop ringing
// (R-IN-7).
func answered(st State, user org.UserID, env Env) (Step, State) {
	if st.Stage != StageRinging || !slices.Contains(st.Ringing, user) {
		return Step{Kind: StepWait, Cancel: []org.UserID{user}}, st
	}
	cancel := slices.DeleteFunc(slices.Clone(st.Ringing), func(u org.UserID) bool { return u == user })
	st.Stage, st.Answered, st.Ringing, st.Outcome = StageConnected, user, nil, "answered"
	st.LeaveQueue(env.Now)
	return Step{Kind: StepConnect, Cancel: cancel}, st
}

// busy: every candidate is on a call. With the queue on and room in it the
// caller waits; otherwise the busy message (R-IN-11, R-IN-13).
func busy(c Config, st State, env Env) (Step, State) {
	if c.Queue.Enabled && env.Waiting < c.Queue.MaxCallers {
		now := env.Now
		st.Stage, st.QueuedAt, st.WaitLoops = StageQueued, &now, 0
		return Step{Kind: StepQueue, WaitUntil: now.Add(c.queueMaxWait())}, st
	}
	st.Stage, st.Outcome = StageEnded, "busy"
	return Step{Kind: StepHangup, Say: nonEmpty([]Message{c.Voice.Busy})}, st
}

// queueTick: a queued caller past the maximum wait takes the unavailable
// path; otherwise they keep waiting, and on the first loop hear the
// announcement, which then repeats every N seconds (R-IN-13).
func queueTick(c Config, st State, env Env) (Step, State) {
	if st.Stage != StageQueued || st.QueuedAt == nil {
		return Step{Kind: StepWait}, st
	}
	if env.Now.Sub(*st.QueuedAt) >= c.queueMaxWait() {
		st.LeaveQueue(env.Now)
		step, st := unavailable(c, st, env)
		if st.Outcome == "unavailable" {
			st.Outcome = "queue-timeout"
		}
		return step, st
	}
	st.WaitLoops++
	if st.WaitLoops == 1 {
		if say := QueueAnnouncement(c.Queue); len(say) > 0 {
			return Step{Kind: StepWait, Say: say, AnnounceEvery: c.Queue.AnnounceEvery()}, st
		}
	}
	return Step{Kind: StepWait}, st
}

// agentFree: a queued caller is offered to an agent of their group who
// became free; callflow offers the longest-waiting caller first.
func agentFree(c Config, st State, user org.UserID, env Env) (Step, State) {
	g := group(c, st)
	if st.Stage != StageQueued || g == nil || !slices.Contains(presence.RingOrder(env.Agents, g.Users), user) {
		return Step{Kind: StepWait}, st
	}
	st.Stage, st.Cycle, st.Rung, st.Ringing = StageRinging, 1, []org.UserID{user}, []org.UserID{user}
	seconds := g.TimeoutSeconds
	if g.Ring == RingSequential {
		seconds = g.IntervalSeconds
	}
	return Step{Kind: StepRing, Ring: []org.UserID{user}, RingSeconds: seconds}, st
}

// unavailable is R-IN-12: the users' forwarding numbers, else voicemail,
// else the unavailable message and hang-up.
func unavailable(c Config, st State, env Env) (Step, State) {
	st.Ringing = nil
	if fwd := forwarding(c, st, env); len(fwd) > 0 {
		st.Stage, st.Outcome = StageForward, "forwarded"
		return Step{Kind: StepForward, Forward: fwd}, st
	}
	if c.Voicemail.Enabled {
		st.Stage, st.Outcome = StageVoicemail, "voicemail"
		return Step{Kind: StepVoicemail, Say: nonEmpty([]Message{c.Voice.Unavailable}), VoicemailSeconds: c.Voicemail.MaxLengthSeconds}, st
	}
	st.Stage, st.Outcome = StageEnded, "unavailable"
	return Step{Kind: StepHangup, Say: nonEmpty([]Message{c.Voice.Unavailable})}, st
}

// forwarding returns the forwarding numbers of the users the call was
// for: its ring group's, or before a choice every user of the number.
func forwarding(c Config, st State, env Env) []string {
	users := numberUsers(c)
	if g := group(c, st); g != nil {
		users = g.Users
	}
	var out []string
	for _, u := range users {
		if n := env.Forwarding[u]; n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// numberUsers lists every user a number's configuration rings.
func numberUsers(c Config) []org.UserID {
	if c.Mode != ModeIVR {
		if c.Group == nil {
			return nil
		}
		return c.Group.Users
	}
	var out []org.UserID
	var walk func(m *Menu)
	walk = func(m *Menu) {
		if m == nil {
			return
		}
		for _, o := range m.Options {
			if o.Group != nil {
				for _, u := range o.Group.Users {
					if !slices.Contains(out, u) {
						out = append(out, u)
					}
				}
			}
			walk(o.Submenu)
		}
	}
	walk(c.Menu)
	return out
}

func (c Config) queueMaxWait() time.Duration {
	return time.Duration(c.Queue.MaxWaitMinutes) * time.Minute
}

func nonEmpty(ms []Message) []Message {
	return slices.DeleteFunc(ms, func(m Message) bool { return m.Text == "" && m.AudioURL == "" && m.AudioFileID == "" })
}

// NumberUsers lists every user a number's configuration rings.
func NumberUsers(c Config) []org.UserID { return numberUsers(c) }
