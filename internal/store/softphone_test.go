package store_test

import (
	"context"
	"testing"

	"github.com/switchboard/switchboard/internal/call"
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
