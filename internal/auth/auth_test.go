package auth

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestHashAndCheck(t *testing.T) {
	t.Parallel()
	h := NewHasher(2)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not argon2id with OWASP parameters", enc)
	}
	tests := []struct {
		name, password string
		want           bool
	}{
		{"right password", "correct horse battery", true},
		{"wrong password", "correct horse batterY", false},
		{"empty password", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := h.Check(ctx, enc, tt.password)
			if err != nil || ok != tt.want {
				t.Fatalf("Check(%q) = %v, %v; want %v", tt.password, ok, err, tt.want)
			}
		})
	}
	if _, err := h.Check(ctx, "$bcrypt$x", "x"); err == nil {
		t.Error("Check accepted a non-argon2id hash")
	}
}

func TestNewTokenIsRandomAndHashed(t *testing.T) {
	t.Parallel()
	a, ha := NewToken("sbs_")
	b, _ := NewToken("sbs_")
	if a == b || !strings.HasPrefix(a, "sbs_") || ha != HashToken(a) || ha == a {
		t.Fatalf("tokens %q %q hash %q", a, b, ha)
	}
}

func TestDelay(t *testing.T) {
	t.Parallel()
	for failures, want := range map[int]time.Duration{0: 0, 2: 0, 3: time.Second, 4: 2 * time.Second, 8: 32 * time.Second, 30: MaxDelay} {
		if got := Delay(failures); got != want {
			t.Errorf("Delay(%d) = %v, want %v", failures, got, want)
		}
	}
}
