package call_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
)

func TestMisses(t *testing.T) {
	t.Parallel()
	end := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	leg := func(user int64, status string) call.Leg { return call.Leg{UserID: org.UserID(user), Status: status} }
	tests := []struct {
		name string
		c    call.Call
		legs []call.Leg
		want []call.Miss
	}{
		{"simultaneous: the others stopped because a colleague answered",
			call.Call{AnsweredBy: 1, Outcome: call.Answered, EndedAt: &end},
			[]call.Leg{leg(1, "completed"), leg(2, "canceled"), leg(3, "canceled")}, nil},
		{"a rejected leg of a call a colleague then answered is missed",
			call.Call{AnsweredBy: 2, Outcome: call.Answered},
			[]call.Leg{leg(1, "busy"), leg(2, "in-progress")}, []call.Miss{{UserID: 1, Reason: call.MissRejected}}},
		{"sequential: no answer, then a colleague answered",
			call.Call{AnsweredBy: 2, Outcome: call.Answered},
			[]call.Leg{leg(1, "no-answer"), leg(2, "in-progress")}, []call.Miss{{UserID: 1, Reason: call.MissNoAnswer}}},
		{"a failed leg counts as not answered",
			call.Call{}, []call.Leg{leg(1, "failed")}, []call.Miss{{UserID: 1, Reason: call.MissNoAnswer}}},
		{"picked up after a colleague: not missed",
			call.Call{AnsweredBy: 1, Outcome: call.Answered},
			[]call.Leg{leg(1, "in-progress"), leg(2, "completed")}, nil},
		{"still ringing while the call lasts: not yet",
			call.Call{}, []call.Leg{leg(1, "ringing"), leg(2, "canceled")}, nil},
		{"caller hung up while it rang",
			call.Call{Outcome: call.Abandoned, EndedAt: &end},
			[]call.Leg{leg(1, "ringing"), leg(2, "canceled")},
			[]call.Miss{{UserID: 1, Reason: call.MissAbandoned}, {UserID: 2, Reason: call.MissAbandoned}}},
		{"forwarded away",
			call.Call{Outcome: call.Forwarded, EndedAt: &end}, []call.Leg{leg(1, "canceled")},
			[]call.Miss{{UserID: 1, Reason: call.MissForwarded}}},
		{"unavailable after a queue: no answer",
			call.Call{Outcome: call.Missed, EndedAt: &end}, []call.Leg{leg(1, "canceled")},
			[]call.Miss{{UserID: 1, Reason: call.MissNoAnswer}}},
		{"voicemail notifies everyone it rang, whatever their leg did",
			call.Call{Outcome: call.Voicemail, EndedAt: &end},
			[]call.Leg{leg(1, "busy"), leg(2, "no-answer"), leg(1, "no-answer")},
			[]call.Miss{{UserID: 1, Reason: call.MissVoicemail}, {UserID: 2, Reason: call.MissVoicemail}}},
		{"voicemail not yet ended: each leg's own reason",
			call.Call{Outcome: call.Voicemail}, []call.Leg{leg(1, "busy")}, []call.Miss{{UserID: 1, Reason: call.MissRejected}}},
		{"a user rung twice counts once, the first reason",
			call.Call{AnsweredBy: 2, Outcome: call.Answered, EndedAt: &end},
			[]call.Leg{leg(1, "no-answer"), leg(2, "no-answer"), leg(1, "canceled"), leg(2, "completed")},
			[]call.Miss{{UserID: 1, Reason: call.MissNoAnswer}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, call.Misses(tt.c, tt.legs)); diff != "" {
				t.Fatalf("Misses mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
