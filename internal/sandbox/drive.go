package sandbox

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNotLive is returned when acting on a leg that has ended.
var ErrNotLive = errors.New("sandbox: the call is not live")

// Transcript returns the transcript of the call sid (its own and every leg
// it started).
func (s *Sandbox) Transcript(sid string) (Transcript, error) {
	s.mu.Lock()
	c, ok := s.calls[sid]
	var tr *transcript
	if ok {
		tr = c.tr
	} else {
		tr = s.msgTr[sid]
	}
	s.mu.Unlock()
	if tr == nil {
		return Transcript{}, fmt.Errorf("sandbox: no call or message %s", sid)
	}
	return tr.snapshot(), nil
}

// Ended reports whether the call sid and every leg it started have ended.
func (s *Sandbox) Ended(sid string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	root, ok := s.calls[sid]
	if !ok || !root.finished {
		return false
	}
	for _, c := range s.calls {
		if c.parent == sid && !c.finished {
			return false
		}
	}
	return true
}

// RunUntilEnded drives the call sid to its end. On a virtual clock it
// advances from timer to timer until the call ended, nothing is left to
// happen, or max of virtual time passed; on real time it waits (at most
// max, or until ctx is done). It returns the transcript either way.
func (s *Sandbox) RunUntilEnded(ctx context.Context, sid string, max time.Duration) (Transcript, error) {
	if _, err := s.lookupCall(sid); err != nil {
		return Transcript{}, err
	}
	vc, virtual := s.clock.(*VirtualClock)
	if !virtual {
		return s.waitReal(ctx, sid, max)
	}
	limit := vc.Now().Add(max)
	for {
		s.rt.settle()
		if s.Ended(sid) || ctx.Err() != nil {
			break
		}
		next, ok := vc.NextDeadline()
		if !ok {
			break // waiting for an outside party (a manual agent)
		}
		if next.After(limit) {
			vc.AdvanceTo(limit, s.rt.settle)
			break
		}
		vc.AdvanceTo(next, s.rt.settle)
	}
	return s.Transcript(sid)
}

func (s *Sandbox) waitReal(ctx context.Context, sid string, max time.Duration) (Transcript, error) {
	ctx, cancel := context.WithTimeout(ctx, max)
	defer cancel()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !s.Ended(sid) {
		select {
		case <-ctx.Done():
			return s.Transcript(sid)
		case <-tick.C:
		}
	}
	return s.Transcript(sid)
}

// Party actions on a live leg, used by the control API and the softphone.
const (
	PartyAnswer = "answer"
	PartyReject = "reject"
	PartyBusy   = "busy"
	PartyHangup = "hangup"
	PartyDigits = "digits"
	PartyHold   = "hold"
	PartyUnhold = "unhold"
)

// Act performs a party's action on leg sid: answer, reject or busy a
// ringing leg; hang up; press digits; or (in a conference) hold/unhold.
func (s *Sandbox) Act(sid, action, digits string) error {
	s.mu.Lock()
	c, ok := s.calls[sid]
	live := ok && !c.ended
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("sandbox: no call %s", sid)
	}
	if !live {
		return ErrNotLive
	}
	switch action {
	case PartyAnswer:
		s.deliverTo(sid, event{kind: evAnswer})
	case PartyReject, PartyBusy:
		s.deliverTo(sid, event{kind: evRefuse, status: "busy"})
	case PartyHangup:
		s.deliverTo(sid, event{kind: evHangup})
	case PartyDigits:
		if _, err := ParseDigits(digits); err != nil || digits == "" {
			return fmt.Errorf("sandbox: invalid digits %q", digits)
		}
		s.deliverTo(sid, event{kind: evDigits, digits: digits})
	case PartyHold, PartyUnhold:
		return s.setHold(sid, action == PartyHold)
	default:
		return fmt.Errorf("sandbox: unknown action %q", action)
	}
	return nil
}

func (s *Sandbox) setHold(sid string, hold bool) error {
	s.mu.Lock()
	var found bool
	for _, conf := range s.confs {
		for _, p := range conf.parts {
			if p.callSid == sid && conf.status != "completed" {
				p.hold, p.updated, found = hold, s.clock.Now(), true
			}
		}
	}
	s.mu.Unlock()
	if !found {
		return errors.New("sandbox: the call is not in a conference")
	}
	s.deliverTo(sid, event{kind: evConf})
	return nil
}

// Leg is a live or finished call leg as the control API lists it.
type Leg struct {
	Sid       string `json:"sid"`
	Parent    string `json:"parent_call_sid,omitempty"`
	From      string `json:"from"`
	To        string `json:"to"`
	Direction string `json:"direction"`
	Status    string `json:"status"`
}

// Legs lists legs, oldest first; party, when not empty, keeps the legs to
// or from that address (a softphone's "client:alice"); live keeps legs that
// have not ended.
func (s *Sandbox) Legs(party string, live bool) []Leg {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Leg
	for _, sid := range s.callOrder {
		c := s.calls[sid]
		if party != "" && c.to != party && c.from != party || live && c.ended {
			continue
		}
		out = append(out, Leg{Sid: c.sid, Parent: c.parent, From: c.from, To: c.to, Direction: c.direction, Status: c.status})
	}
	return out
}

// Close hangs up every live call, as if each caller (or, for REST-created
// calls, each callee) hung up, so call processes finish. The sandbox stays
// usable; Close only ends what is in progress.
func (s *Sandbox) Close() {
	s.mu.Lock()
	var roots []string
	for _, c := range s.calls {
		if !c.ended && c.parent == "" {
			roots = append(roots, c.sid)
		}
	}
	s.mu.Unlock()
	for _, sid := range roots {
		s.deliverTo(sid, event{kind: evHangup})
	}
}
