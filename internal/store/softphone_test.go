package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/store"
)

func TestCallNotesHoldAndMuteAreKept(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	c := f.call(t, "CA0801")
	if c.Notes != "" || c.Held || c.Muted {
		t.Fatalf("new call = notes %q held %v muted %v, want none", c.Notes, c.Held, c.Muted)
	}
	_, err := f.s.UpdateCall(ctx, f.org.ID, c.ID, func(cur call.Call, _ []call.Leg) (store.Change, error) {
		cur.Notes, cur.Held, cur.Muted = "Wants a quote — call back Tuesday", true, true
		return store.Change{Call: cur}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Call(ctx, f.org.ID, c.ID)
	if err != nil || got.Notes != "Wants a quote — call back Tuesday" || !got.Held || !got.Muted {
		t.Fatalf("call = notes %q held %v muted %v (%v)", got.Notes, got.Held, got.Muted, err)
	}
}

func TestNumberScriptIsSetAlone(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := f.provider(t, "Main", false)
	n, _ := f.s.LinkNumber(ctx, f.org.ID, provider.Number{ProviderID: p.ID, SID: "PN1", E164: "+14155550100", OutgoingEnabled: true})
	script := "Greet the caller by name.\nAsk for the order number."
	if err := f.s.UpdateNumber(ctx, f.org.ID, n.ID, provider.NumberChange{Script: &script}); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Number(ctx, f.org.ID, n.ID)
	if got.Script != script || !got.OutgoingEnabled {
		t.Fatalf("number = script %q outgoing %v, want the script and the switch untouched", got.Script, got.OutgoingEnabled)
	}
	other := f.withOrg(t, "globex")
	if err := other.s.UpdateNumber(ctx, other.org.ID, n.ID, provider.NumberChange{Script: &script}); err == nil {
		t.Fatal("another org changed the number's script")
	}
}

func TestCallerCards(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	ann := f.person(t, crm.Contact, "Ann", "Lee", "+14155550111")
	lead := f.person(t, crm.Lead, "Lee", "Ann", "+14155550111", "+14155550122")
	acct := crm.Record{Kind: crm.Account, Name: "Acme", OwnerID: f.admin.ID,
		Phones: []crm.Phone{{Label: "work", E164: "+14155550133", Region: "US", Raw: "+14155550133"}}}
	acct, err := f.s.CreateRecord(ctx, f.org.ID, acct)
	if err != nil {
		t.Fatal(err)
	}
	deal := func(name, stage string, contact, account crm.RecordID) {
		t.Helper()
		if _, err := f.s.CreateRecord(ctx, f.org.ID, crm.Record{Kind: crm.Deal, Name: name, Stage: stage, ContactID: contact, AccountID: account}); err != nil {
			t.Fatal(err)
		}
	}
	deal("Won already", "won", ann.ID, 0)
	deal("Ann's renewal", "proposal", ann.ID, 0)
	deal("Acme expansion", "negotiation", 0, acct.ID)
	f.withOrg(t, "globex").person(t, crm.Contact, "Other", "Org", "+14155550111")

	got, err := f.s.CallerCards(ctx, f.org.ID, []string{"+14155550111", "+14155550133", "+14155550199"})
	if err != nil {
		t.Fatal(err)
	}
	admin := &call.User{ID: f.admin.ID, Name: f.admin.Name}
	want := map[string][]call.Contact{
		"+14155550111": {
			{RecordID: int64(ann.ID), Kind: "contact", Name: "Ann Lee", OpenDeal: &call.Deal{Name: "Ann's renewal", Stage: "proposal"}},
			{RecordID: int64(lead.ID), Kind: "lead", Name: "Lee Ann"},
		},
		"+14155550133": {{RecordID: int64(acct.ID), Kind: "account", Name: "Acme", Owner: admin,
			OpenDeal: &call.Deal{Name: "Acme expansion", Stage: "negotiation"}}},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(call.Deal{}, "ID")); diff != "" {
		t.Fatalf("CallerCards mismatch (-want +got):\n%s", diff)
	}
}

func TestMissedCalls(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	bob := f.user(t, "bob@acme.test")
	first, second := f.call(t, "CA0811"), f.call(t, "CA0812")
	record := func(c call.Call, m ...call.Miss) []call.Miss {
		t.Helper()
		news, err := f.s.RecordMisses(ctx, f.org.ID, c.ID, m)
		if err != nil {
			t.Fatal(err)
		}
		return news
	}
	if news := record(first, call.Miss{UserID: bob.ID, Reason: call.MissRejected}); len(news) != 1 {
		t.Fatalf("first miss: news = %v", news)
	}
	if news := record(first, call.Miss{UserID: bob.ID, Reason: call.MissAbandoned}); len(news) != 0 {
		t.Fatalf("the same miss again is news: %v", news)
	}
	record(second, call.Miss{UserID: bob.ID, Reason: call.MissNoAnswer}, call.Miss{UserID: f.admin.ID, Reason: call.MissNoAnswer})
	if n, _ := f.s.UnseenMissed(ctx, f.org.ID, bob.ID); n != 2 {
		t.Fatalf("unseen = %d, want 2", n)
	}
	if err := f.s.SeeMissed(ctx, f.org.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.s.UnseenMissed(ctx, f.org.ID, bob.ID); n != 0 {
		t.Fatalf("unseen after seeing = %d", n)
	}
	if n, _ := f.s.UnseenMissed(ctx, f.org.ID, f.admin.ID); n != 1 {
		t.Fatalf("another user's badge changed: %d", n)
	}
	if news := record(first, call.Miss{UserID: bob.ID, Reason: call.MissVoicemail}); len(news) != 1 {
		t.Fatalf("a voicemail is news: %v", news)
	}
	list, next, err := f.s.MissedCalls(ctx, f.org.ID, bob.ID, 1, 0)
	if err != nil || len(list) != 1 || list[0].Call.ID != second.ID || next != second.ID {
		t.Fatalf("page 1 = %+v, next %d, %v", list, next, err)
	}
	list, next, err = f.s.MissedCalls(ctx, f.org.ID, bob.ID, 1, next)
	if err != nil || len(list) != 1 || list[0].Call.ID != first.ID || list[0].Reason != call.MissVoicemail || list[0].Seen || next != 0 {
		t.Fatalf("page 2 = %+v, next %d, %v", list, next, err)
	}
	if n, _ := f.s.UnseenMissed(ctx, f.org.ID, bob.ID); n != 1 {
		t.Fatalf("unseen after a voicemail = %d, want 1", n)
	}
	if _, err := f.s.MissedCall(ctx, f.withOrg(t, "globex").org.ID, bob.ID, first.ID); err == nil {
		t.Fatal("another org read the missed call")
	}
}
