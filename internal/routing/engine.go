package routing

import (
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/presence"
)

// This file is the routing decision: given a published configuration, where
// a call stands, what just happened and who is available, Next says what
// the call does next (SPEC.md §5, decision 0013). It does no I/O; callflow
// stores the State with the call and turns each Step into TwiML and carrier
// actions.

// MaxMenuPlays is how many times a menu is played in all before the
// unavailable path (R-IN-5).
const MaxMenuPlays = 3

// DirectCycles is how many times a direct association's sequence is rung
// in all (R-IN-8).
const DirectCycles = 2

// Stage is where a call stands.
type Stage string

// The stages of an inbound call.
const (
	StageNew       Stage = ""
	StageMenu      Stage = "menu"
	StageRinging   Stage = "ringing"
	StageQueued    Stage = "queued"
	StageConnected Stage = "connected"
	StageForward   Stage = "forwarding"
	StageVoicemail Stage = "voicemail"
	StageEnded     Stage = "ended"
)

// State is what routing remembers about a call between events.
type State struct {
	Stage Stage `json:"stage"`
	// Path is the keys pressed to reach the current menu or option.
	Path []int `json:"path,omitempty"`
	// Plays counts how many times the current menu was played.
	Plays int `json:"plays,omitempty"`
	// Cycle is the ringing cycle, from 1.
	Cycle int `json:"cycle,omitempty"`
	// Rung lists who was rung in the current cycle, in order.
	Rung []org.UserID `json:"rung,omitempty"`
	// Ringing lists the legs ringing now.
	Ringing []org.UserID `json:"ringing,omitempty"`
	// QueuedAt is when the caller started waiting in the queue.
	QueuedAt *time.Time `json:"queued_at,omitempty"`
	// QueueWaitSeconds is how long the caller waited in the queue, in all
	// (R-IN-18), counted when they leave it.
	QueueWaitSeconds int `json:"queue_wait_seconds,omitempty"`
	// WaitLoops counts the queue's wait loops (QueueTick events) since
	// QueuedAt: the first is when the caller starts hearing the queue.
	WaitLoops int `json:"wait_loops,omitempty"`
	// Answered is who took the call.
	Answered org.UserID `json:"answered,omitempty"`
	// Outcome is why the call left the routing: "answered", "busy",
	// "unavailable", "forwarded", "voicemail", "queue-timeout".
	Outcome string `json:"outcome,omitempty"`
}

// EventKind is what happened to a call.
type EventKind string

// The events routing reacts to.
const (
	// Start: the call arrived.
	Start EventKind = "start"
	// Digits: the caller pressed Digits at a menu ("" = no input).
	Digits EventKind = "digits"
	// LegEnded: User's ringing leg ended unanswered (no-answer, busy,
	// failed, canceled).
	LegEnded EventKind = "leg-ended"
	// Answered: User answered.
	Answered EventKind = "answered"
	// QueueTick: the queue's wait loop came round (the carrier's clock).
	QueueTick EventKind = "queue-tick"
	// AgentFree: User became free to take a queued caller.
	AgentFree EventKind = "agent-free"
)

// Event is what just happened.
type Event struct {
	Kind   EventKind
	Digits string
	User   org.UserID
}

// Env is what routing knows besides the configuration and the call.
type Env struct {
	Now time.Time
	TZ  *time.Location
	// OrgHours are the org's business hours and holidays (R-ORG-5), used
	// by a number whose hours follow the org's; the zero value is never
	// open.
	OrgHours org.BusinessHours
	// Agents is the presence of the org's active users.
	Agents []presence.Agent
	// Forwarding maps users to their forwarding numbers (R-ORG-4).
	Forwarding map[org.UserID]string
	// Waiting is how many callers already wait in this number's queue.
	Waiting int
	// RecordingAnnouncement is the org's text, played first when the
	// number records with an announcement (R-IN-17).
	RecordingAnnouncement string
}

// StepKind is what the call does next.
type StepKind string

// The steps.
const (
	// StepMenu plays Say, then listens for one key.
	StepMenu StepKind = "menu"
	// StepRing rings Ring for RingSeconds, the caller waiting on hold.
	StepRing StepKind = "ring"
	// StepQueue keeps the caller waiting in the queue.
	StepQueue StepKind = "queue"
	// StepConnect bridges the caller with State.Answered; Cancel stop
	// ringing.
	StepConnect StepKind = "connect"
	// StepForward dials Forward, every number at once.
	StepForward StepKind = "forward"
	// StepVoicemail plays Say then records up to VoicemailSeconds.
	StepVoicemail StepKind = "voicemail"
	// StepHangup plays Say then ends the call.
	StepHangup StepKind = "hangup"
	// StepWait changes nothing: keep doing what the call is doing.
	StepWait StepKind = "wait"
)

// Step is Next's answer.
type Step struct {
	Kind StepKind
	// Say is what the caller hears first, in order.
	Say []Message
	// Ring is who to ring now; RingSeconds how long each rings.
	Ring        []org.UserID
	RingSeconds int
	// Cancel are ringing legs to stop.
	Cancel []org.UserID
	// Forward are the numbers dialled on the unavailable path.
	Forward          []string
	VoicemailSeconds int
	// Record is set on the first step of a number that records calls.
	Record bool
	// AnnounceEvery, on the first wait loop of a queued caller, is how
	// often the announcement in Say repeats from now on (R-IN-13).
	AnnounceEvery time.Duration
	// WaitUntil, on a queue step, is when the caller's maximum wait ends
	// (R-IN-13).
	WaitUntil time.Time
}
