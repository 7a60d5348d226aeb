package callflow

import (
	"testing"

	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/secret"
)

// countingBox is the real Box, counting what it opens.
type countingBox struct {
	*secret.Box
	opened int
}

func (b *countingBox) Open(sealed, context string) (string, error) {
	b.opened++
	return b.Box.Open(sealed, context)
}

func TestTokensOpenEachSealedTokenOnce(t *testing.T) {
	inner, err := secret.NewBox(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	box := &countingBox{Box: inner}
	sealed := func(token, account string) provider.Provider {
		return provider.Provider{AccountSID: account, AuthToken: inner.Seal(token, provider.TokenContext(account))}
	}
	first, changed := sealed("token-1", "AC1"), sealed("token-2", "AC1")
	elsewhere := first
	elsewhere.AccountSID = "AC2" // the same sealed value, for another account: it does not open
	var tk tokens
	for _, tc := range []struct {
		name   string
		p      provider.Provider
		want   string
		opened int
		fails  bool
	}{
		{name: "first use opens", p: first, want: "token-1", opened: 1},
		{name: "again is remembered", p: first, want: "token-1", opened: 1},
		{name: "a changed token opens anew", p: changed, want: "token-2", opened: 2},
		{name: "another account's use is checked, not remembered", p: elsewhere, opened: 3, fails: true},
		{name: "the first is still remembered", p: first, want: "token-1", opened: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tk.open(box, tc.p)
			if (err != nil) != tc.fails || got != tc.want || box.opened != tc.opened {
				t.Fatalf("open = %q, %v after %d opens; want %q, failing %v, after %d", got, err, box.opened, tc.want, tc.fails, tc.opened)
			}
		})
	}
}

func TestTokensForgetAllPastTheBound(t *testing.T) {
	inner, _ := secret.NewBox(make([]byte, 32))
	box := &countingBox{Box: inner}
	var tk tokens
	first := provider.Provider{AccountSID: "AC1", AuthToken: inner.Seal("token", provider.TokenContext("AC1"))}
	tk.open(box, first)
	for range maxTokens { // as many re-sealings of it: each a key of its own
		p := first
		p.AuthToken = inner.Seal("token", provider.TokenContext("AC1"))
		tk.open(box, p)
	}
	n := 0
	tk.m.Range(func(_, _ any) bool { n++; return true })
	if n > maxTokens {
		t.Fatalf("%d tokens kept, bound %d", n, maxTokens)
	}
	before := box.opened
	tk.open(box, first)
	if box.opened != before+1 {
		t.Fatal("the first token was still kept past the bound")
	}
}
