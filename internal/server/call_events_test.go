package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// callEventJSON is the call event as the app reads it.
type callEventJSON struct {
	ID        int64   `json:"id"`
	Number    string  `json:"number"`
	From      string  `json:"from"`
	Anonymous bool    `json:"anonymous"`
	LegSID    *string `json:"leg_sid"`
	Ringing   bool    `json:"ringing"`
	Ended     bool    `json:"ended"`
	Status    string  `json:"status"`
	Script    string  `json:"script"`
	Contacts  []struct {
		RecordID int64  `json:"record_id"`
		Kind     string `json:"kind"`
		Name     string `json:"name"`
		Company  string `json:"company"`
		Owner    *struct {
			Name string `json:"name"`
		} `json:"owner"`
		OpenDeal *struct {
			Name  string `json:"name"`
			Stage string `json:"stage"`
		} `json:"open_deal"`
	} `json:"contacts"`
}

type missedEventJSON struct {
	Call struct {
		ID       int64  `json:"id"`
		From     string `json:"from"`
		Reason   string `json:"reason"`
		Contacts []struct {
			Name string `json:"name"`
		} `json:"contacts"`
		AnsweredBy *struct {
			ID int64 `json:"id"`
		} `json:"answered_by"`
	} `json:"call"`
	Unseen int `json:"unseen"`
}

// inbox is one user's events from the hub, as their tabs receive them.
type inbox struct {
	t   *testing.T
	sub *event.Subscription
	got []event.Event
}

// listen subscribes to user's events; the scenario's server feeds its hub.
func (s *scenario) listen(t *testing.T, user int64) *inbox {
	t.Helper()
	s.runEvents(t)
	sub, err := s.e.srv.Hub().Subscribe(org.ID(1), org.UserID(user), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sub.Close)
	return &inbox{t: t, sub: sub}
}

func (s *scenario) runEvents(t *testing.T) {
	if s.eventsOn {
		return
	}
	s.eventsOn = true
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go s.e.srv.RunEvents(ctx)
	select {
	case <-s.e.srv.Hub().Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("event hub not ready")
	}
}

// until reads events until done says the events so far are complete.
func (in *inbox) until(done func([]event.Event) bool) []event.Event {
	in.t.Helper()
	deadline := time.After(15 * time.Second)
	for !done(in.got) {
		select {
		case e, ok := <-in.sub.Events():
			if !ok {
				in.t.Fatal("subscription dropped")
			}
			in.got = append(in.got, e)
		case <-deadline:
			in.t.Fatalf("events so far: %s", eventsText(in.got))
		}
	}
	return in.got
}

func eventsText(list []event.Event) string {
	out := ""
	for _, e := range list {
		out += "\n" + e.Type + " " + string(e.Data)
	}
	return out
}

func calls(t *testing.T, list []event.Event) []callEventJSON {
	var out []callEventJSON
	for _, e := range list {
		if e.Type == event.TypeCall {
			var c callEventJSON
			if err := json.Unmarshal(e.Data, &c); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
	}
	return out
}

func missedEvents(t *testing.T, list []event.Event) []missedEventJSON {
	var out []missedEventJSON
	for _, e := range list {
		if e.Type == event.TypeMissed {
			var m missedEventJSON
			if err := json.Unmarshal(e.Data, &m); err != nil {
				t.Fatal(err)
			}
			out = append(out, m)
		}
	}
	return out
}

func busyOf(t *testing.T, list []event.Event, user int64) []bool {
	var out []bool
	for _, e := range list {
		if e.Type == event.TypePresence {
			var p presenceEvent
			json.Unmarshal(e.Data, &p)
			if p.UserID == user {
				out = append(out, p.Busy)
			}
		}
	}
	return out
}

func endedCall(list []event.Event) bool {
	for _, e := range list {
		var c callEventJSON
		if e.Type == event.TypeCall && json.Unmarshal(e.Data, &c) == nil && c.Ended {
			return true
		}
	}
	return false
}

func hasType(typ string) func([]event.Event) bool {
	return func(list []event.Event) bool {
		for _, e := range list {
			if e.Type == typ {
				return true
			}
		}
		return false
	}
}

// callerRecord creates the caller's contact, with a company, an owner and
// an open deal.
func (s *scenario) callerRecord(t *testing.T, number string) int64 {
	t.Helper()
	admin := s.e.signIn(demo.Users[0].Email)
	res := admin.do(http.MethodPost, "/api/v1/contacts", map[string]any{"first_name": "Ann", "last_name": "Caller", "company": "Acme Ltd",
		"owner_id": s.users["admin"], "phones": []map[string]any{{"label": "mobile", "number": number}}})
	wantStatus(t, res, http.StatusCreated)
	var r struct{ ID int64 }
	res.decode(t, &r)
	wantStatus(t, admin.do(http.MethodPost, "/api/v1/deals", map[string]any{"name": "Acme renewal", "stage": "proposal", "contact_id": r.ID}),
		http.StatusCreated)
	wantStatus(t, admin.do(http.MethodPatch, "/api/v1/numbers/"+itoa(s.number.ID), map[string]any{"script": "Ask for the order number."}),
		http.StatusOK)
	return r.ID
}

func TestCallEventsSequentialRejectThenAnswer(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any { return directGroup("sequential", u["alice"], u["bob"])(u) },
		[]string{"alice", "bob"}, map[string]string{"alice": "reject@2s", "bob": "answer@2s,hangup@20s"})
	const caller = "+14155550142"
	record := s.callerRecord(t, caller)
	alice, bob := s.listen(t, s.users["alice"]), s.listen(t, s.users["bob"])
	_, c, legs := s.call(t, sandbox.CallScript{From: caller})
	if int64(c.AnsweredBy) != s.users["bob"] || len(legs) != 2 {
		t.Fatalf("call = %+v, legs %+v", c, legs)
	}

	got := alice.until(func(l []event.Event) bool { return endedCall(l) && hasType(event.TypeMissed)(l) })
	ac := calls(t, got)
	if len(ac) < 2 || !ac[0].Ringing || ac[0].LegSID == nil || *ac[0].LegSID != legs[0].SID || ac[0].Number != s.number.E164 ||
		ac[0].From != caller || ac[0].Script != "Ask for the order number." {
		t.Fatalf("alice's first call event = %+v%s", ac, eventsText(got))
	}
	card := ac[0].Contacts
	if len(card) != 1 || card[0].RecordID != record || card[0].Name != "Ann Caller" || card[0].Company != "Acme Ltd" ||
		card[0].Owner == nil || card[0].OpenDeal == nil || card[0].OpenDeal.Name != "Acme renewal" || card[0].OpenDeal.Stage != "proposal" {
		t.Fatalf("alice's contact card = %+v", card)
	}
	if last := ac[len(ac)-1]; !last.Ended || last.Ringing || *last.LegSID != legs[0].SID {
		t.Fatalf("alice's last call event = %+v", last)
	}
	if m := missedEvents(t, got); len(m) != 1 || m[0].Call.ID != int64(c.ID) || m[0].Call.Reason != "rejected" || m[0].Unseen != 1 ||
		len(m[0].Call.Contacts) != 1 {
		t.Fatalf("alice's missed events = %+v", m)
	}

	got = bob.until(func(l []event.Event) bool { return endedCall(l) && len(busyOf(t, l, s.users["bob"])) >= 2 })
	bc := calls(t, got)
	if len(bc) < 3 || !bc[0].Ringing || *bc[0].LegSID != legs[1].SID || bc[1].Ringing || bc[1].Ended || bc[1].Status != "in-progress" ||
		!bc[len(bc)-1].Ended || len(bc[1].Contacts) != 1 {
		t.Fatalf("bob's call events = %+v", bc)
	}
	if b := busyOf(t, got, s.users["bob"]); b[0] != true || b[len(b)-1] != false {
		t.Fatalf("bob's busy presence = %v", b)
	}
	if m := missedEvents(t, got); len(m) != 0 {
		t.Fatalf("bob, who answered, missed %+v", m)
	}

	t.Run("missed list and badge", func(t *testing.T) {
		a := s.e.signIn(demo.Users[1].Email)
		var list struct {
			Calls []struct {
				ID         int64  `json:"id"`
				Reason     string `json:"reason"`
				From       string `json:"from"`
				AnsweredBy *struct {
					ID   int64  `json:"id"`
					Name string `json:"name"`
				} `json:"answered_by"`
				Contacts []struct {
					RecordID int64 `json:"record_id"`
				} `json:"contacts"`
			} `json:"calls"`
			Unseen int     `json:"unseen"`
			Next   *string `json:"next"`
		}
		a.do(http.MethodGet, "/api/v1/calls/missed", nil).decode(t, &list)
		if len(list.Calls) != 1 || list.Calls[0].ID != int64(c.ID) || list.Calls[0].Reason != "rejected" || list.Unseen != 1 ||
			list.Calls[0].AnsweredBy == nil || list.Calls[0].AnsweredBy.ID != s.users["bob"] || len(list.Calls[0].Contacts) != 1 ||
			list.Calls[0].Contacts[0].RecordID != record || list.Next != nil {
			t.Fatalf("alice's missed calls = %+v", list)
		}
		wantStatus(t, a.do(http.MethodPost, "/api/v1/calls/missed/seen", nil), http.StatusNoContent)
		alice.until(hasType(event.TypeMissedSeen)) // every tab's badge resets
		a.do(http.MethodGet, "/api/v1/calls/missed", nil).decode(t, &list)
		if list.Unseen != 0 || len(list.Calls) != 1 {
			t.Fatalf("after seen: %+v", list)
		}
		s.e.signIn(demo.Users[2].Email).do(http.MethodGet, "/api/v1/calls/missed", nil).decode(t, &list)
		if len(list.Calls) != 0 {
			t.Fatalf("bob's missed calls = %+v", list)
		}
		res := a.do(http.MethodGet, "/api/v1/calls/missed?limit=0", nil)
		wantStatus(t, res, http.StatusBadRequest)
	})
}

func TestCallEventsVoicemailNotifiesEveryoneRung(t *testing.T) {
	t.Parallel()
	s := newScenario(t, func(u map[string]int64) map[string]any {
		r := directGroup("simultaneous", u["alice"], u["bob"])(u)
		r["voicemail"] = map[string]any{"enabled": true, "max_length_seconds": 30}
		return r
	}, []string{"alice", "bob"}, map[string]string{"alice": "ignore", "bob": "reject@1s"})
	alice, bob := s.listen(t, s.users["alice"]), s.listen(t, s.users["bob"])
	_, c, _ := s.call(t, sandbox.CallScript{HangupAfter: sandbox.Duration(2 * time.Minute)})
	if c.RecordingURL == "" {
		t.Fatalf("no voicemail: %+v", c)
	}
	for name, in := range map[string]*inbox{"alice": alice, "bob": bob} {
		got := in.until(func(l []event.Event) bool {
			m := missedEvents(t, l)
			return len(m) > 0 && m[len(m)-1].Call.Reason == "voicemail"
		})
		if m := missedEvents(t, got); m[len(m)-1].Call.ID != int64(c.ID) || m[len(m)-1].Unseen != 1 {
			t.Fatalf("%s's missed events = %+v", name, m)
		}
	}
}

func TestCallEventsAnonymousCaller(t *testing.T) {
	t.Parallel()
	s := newScenario(t, ringAlice, []string{"alice"}, map[string]string{"alice": "answer@1s,hangup@5s"})
	alice := s.listen(t, s.users["alice"])
	_, c, _ := s.call(t, sandbox.CallScript{From: "+266696687"})
	got := alice.until(endedCall)
	for _, ce := range calls(t, got) {
		if ce.From != "Anonymous" || !ce.Anonymous || len(ce.Contacts) != 0 {
			t.Fatalf("anonymous caller's call event = %+v", ce)
		}
	}
	if c.RecordID != 0 || s.recordsWithPhone(t, "+266696687") != 0 {
		t.Fatalf("an anonymous caller got a record: %+v", c)
	}
}

// ringAlice rings alice alone.
func ringAlice(u map[string]int64) map[string]any { return directGroup("simultaneous", u["alice"])(u) }

func (s *scenario) recordsWithPhone(t *testing.T, e164 string) int {
	t.Helper()
	hits, err := s.e.st.RecordsByPhone(context.Background(), 1, e164)
	if err != nil {
		t.Fatal(err)
	}
	return len(hits)
}

func TestUnknownCallerAutoCreatedContact(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		on   bool
	}{{"setting on: a contact is created and the call logged on it", true}, {"setting off: none", false}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newScenario(t, ringAlice, []string{"alice"}, map[string]string{"alice": "answer@1s,hangup@5s"})
			wantStatus(t, s.e.signIn(demo.Users[0].Email).do(http.MethodPatch, "/api/v1/org", map[string]any{"auto_create_contacts": tt.on}),
				http.StatusOK)
			alice := s.listen(t, s.users["alice"])
			const caller = "+14155550177"
			_, c, _ := s.call(t, sandbox.CallScript{From: caller})
			if !tt.on {
				if s.recordsWithPhone(t, caller) != 0 || c.RecordID != 0 {
					t.Fatalf("a contact was created with the setting off: %+v", c)
				}
				return
			}
			hits, _ := s.e.st.RecordsByPhone(context.Background(), 1, caller)
			if len(hits) != 1 || hits[0].Kind != crm.Contact || hits[0].Name != "+1 415-555-0177" || c.RecordID != int64(hits[0].RecordID) {
				t.Fatalf("auto-created = %+v, call on record %d", hits, c.RecordID)
			}
			var timeline struct {
				Items []struct {
					Type string `json:"type"`
				} `json:"items"`
			}
			s.e.signIn(demo.Users[1].Email).do(http.MethodGet, "/api/v1/records/"+itoa(c.RecordID)+"/timeline", nil).decode(t, &timeline)
			if len(timeline.Items) != 1 || timeline.Items[0].Type != "call" {
				t.Fatalf("the call is not on the new contact's timeline")
			}
			// The ring job identified the caller before it rang alice (one
			// job for both, decision 0029): her first ringing already shows
			// the new contact.
			ce := calls(t, alice.until(endedCall))
			if !ce[0].Ringing || len(ce[0].Contacts) != 1 {
				t.Fatalf("call events = %+v", ce)
			}
			var jobs int
			if err := s.e.st.DB().QueryRow(`SELECT COUNT(*) FROM jobs WHERE call_id = $1 AND kind IN ('ring', 'identify')`, c.ID).Scan(&jobs); err != nil || jobs != 1 {
				t.Fatalf("%d ring and identify jobs (%v), want the one ring job", jobs, err)
			}
		})
	}
}

func TestSyncCarriesRingingCall(t *testing.T) {
	t.Parallel()
	s := newScenario(t, ringAlice, []string{"alice"}, map[string]string{"alice": "manual"})
	const caller = "+14155550142"
	s.callerRecord(t, caller)
	alice := s.listen(t, s.users["alice"])
	sid, err := s.e.sb.PlaceCall(sandbox.CallScript{From: caller, To: s.number.E164, HangupAfter: sandbox.Duration(10 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	ringing := calls(t, alice.until(hasType(event.TypeCall)))[0]
	if !ringing.Ringing || ringing.LegSID == nil {
		t.Fatalf("ringing event = %+v", ringing)
	}
	stream := s.e.signIn(demo.Users[1].Email).events("")
	sync := stream.next()
	var st struct {
		Calls []callEventJSON `json:"calls"`
	}
	json.Unmarshal([]byte(sync.Data), &st)
	if sync.Type != "sync" || len(st.Calls) != 1 || !st.Calls[0].Ringing || st.Calls[0].LegSID == nil || *st.Calls[0].LegSID != *ringing.LegSID ||
		len(st.Calls[0].Contacts) != 1 || st.Calls[0].Script == "" {
		t.Fatalf("sync = %s", sync.Data)
	}
	stream.close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := s.e.sb.RunUntilEnded(ctx, sid, 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	if m := missedEvents(t, alice.until(hasType(event.TypeMissed))); m[0].Call.Reason != "abandoned" {
		t.Fatalf("missed = %+v", m)
	}
}
