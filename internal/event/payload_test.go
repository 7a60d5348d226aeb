package event

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/presence"
)

func TestPayloads(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 21, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	str := func(s string) *string { return &s }
	id := func(n int64) *int64 { return &n }
	t.Run("presence", func(t *testing.T) {
		tests := []struct {
			name  string
			agent presence.Agent
			want  Presence
		}{
			{"online with a live app", presence.Agent{UserID: 3, Status: presence.Online, OnlineSince: &at, LastSeen: &at},
				Presence{UserID: 3, Status: "online", Reachable: true, OnlineSince: str("2026-11-21T08:30:00Z"), LastSeen: str("2026-11-21T08:30:00Z")}},
			{"online, heartbeat lapsed", presence.Agent{UserID: 3, Status: presence.Online, Lapsed: true, Busy: true},
				Presence{UserID: 3, Status: "online", Busy: true}},
			{"offline", presence.Agent{UserID: 4, Status: presence.Offline}, Presence{UserID: 4, Status: "offline"}},
		}
		for _, tt := range tests {
			if diff := cmp.Diff(tt.want, PresenceOf(tt.agent)); diff != "" {
				t.Errorf("%s: mismatch (-want +got):\n%s", tt.name, diff)
			}
		}
	})
	t.Run("call", func(t *testing.T) {
		base := call.Call{ID: 9, OrgID: 1, NumberID: 2, Direction: "inbound", From: "+15005550006", To: "+14155550100", StartedAt: at,
			Notes: "wants a quote", Muted: true}
		card := call.Card{Script: "Ask for the order number.", Contacts: []call.Contact{{RecordID: 5, Kind: "contact", Name: "Ann Lee",
			Company: "Acme", Owner: &call.User{ID: 3, Name: "Bob"}, OpenDeal: &call.Deal{ID: 8, Name: "Acme renewal", Stage: "proposal"}}}}
		ann := []Contact{{RecordID: 5, Kind: "contact", Name: "Ann Lee", Company: "Acme", Owner: &User{ID: 3, Name: "Bob"},
			OpenDeal: &OpenDeal{ID: 8, Name: "Acme renewal", Stage: "proposal"}}}
		tests := []struct {
			name string
			edit func(v *CallView)
			want Call
		}{
			{"ringing me, with its card", func(v *CallView) { v.Call.Status, v.Call.RecordID, v.LegSID, v.Card = call.Ringing, 5, "CA1", card },
				Call{Status: "ringing", Ringing: true, RecordID: id(5), LegSID: str("CA1"), Script: card.Script, Contacts: ann}},
			{"in progress with me", func(v *CallView) {
				v.Call.Status, v.Call.AnsweredBy, v.Call.AnsweredAt, v.LegSID = call.InProgress, 7, &at, "CA1"
			}, Call{Status: "in-progress", AnsweredBy: id(7), AnsweredAt: str("2026-11-21T08:30:00Z"), LegSID: str("CA1"), Contacts: []Contact{}}},
			{"answered by a colleague: ended for me", func(v *CallView) {
				v.Call.Status, v.Call.AnsweredBy, v.Ended = call.InProgress, 4, true
			}, Call{Status: "in-progress", AnsweredBy: id(4), Ended: true, Contacts: []Contact{}}},
			{"withheld caller: Anonymous, no card", func(v *CallView) {
				v.Call.Status, v.Call.Anonymous, v.Call.From, v.Card = call.Queued, true, "+266696687", card
			}, Call{Status: "queued", Ringing: true, Anonymous: true, From: "Anonymous", Script: card.Script, Contacts: []Contact{}}},
		}
		for _, tt := range tests {
			v := CallView{Call: base, User: 7}
			tt.edit(&v)
			want := tt.want
			want.ID, want.NumberID, want.Number, want.Direction, want.To = 9, 2, "+14155550100", "inbound", "+14155550100"
			want.StartedAt, want.Notes, want.Muted = "2026-11-21T08:30:00Z", "wants a quote", true
			if want.From == "" {
				want.From = "+15005550006"
			}
			if diff := cmp.Diff(want, CallOf(v)); diff != "" {
				t.Errorf("%s: mismatch (-want +got):\n%s", tt.name, diff)
			}
		}
	})
	t.Run("missed", func(t *testing.T) {
		c := call.Call{ID: 9, NumberID: 2, From: "+15005550006", To: "+14155550100", StartedAt: at, RecordingURL: "https://r/1"}
		got := MissedOf(call.MissedCall{Call: c, Reason: call.MissVoicemail, AnsweredBy: &call.User{ID: 4, Name: "Eve"}}, nil)
		want := MissedCall{ID: 9, StartedAt: "2026-11-21T08:30:00Z", From: "+15005550006", Contacts: []Contact{}, NumberID: 2,
			Number: "+14155550100", Reason: "voicemail", AnsweredBy: &User{ID: 4, Name: "Eve"}, RecordingURL: str("/api/v1/calls/9/recording")} // the API serves it, never the carrier URL
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
		c.Anonymous, c.RecordingURL = true, ""
		if got := MissedOf(call.MissedCall{Call: c}, []call.Contact{{RecordID: 1}}); got.From != "Anonymous" || len(got.Contacts) != 0 || got.RecordingURL != nil {
			t.Errorf("withheld caller's missed call = %+v", got)
		}
	})
}
