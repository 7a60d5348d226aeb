package secret

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBox(t *testing.T) {
	t.Parallel()
	key := make([]byte, 32)
	b, err := NewBox(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed := b.Seal("auth-token", "provider:1")
	if strings.Contains(sealed, "auth-token") || sealed == b.Seal("auth-token", "provider:1") {
		t.Fatalf("sealed %q leaks the plaintext or is not randomised", sealed)
	}
	tests := []struct {
		name, sealed, context, want string
		wantErr                     bool
	}{
		{"round trip", sealed, "provider:1", "auth-token", false},
		{"other context", sealed, "provider:2", "", true},
		{"tampered", sealed[:len(sealed)-2] + "AA", "provider:1", "", true},
		{"garbage", "plain", "provider:1", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.Open(tt.sealed, tt.context)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("Open = %q, %v", got, err)
			}
		})
	}
	other, _ := NewBox(append(make([]byte, 31), 1))
	if _, err := other.Open(sealed, "provider:1"); err == nil {
		t.Fatal("another key opened the secret")
	}
}

func TestKeyFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "switchboard.key")
	k1, created, err := LoadOrCreateKeyFile(path)
	if err != nil || !created || len(k1) != 32 {
		t.Fatalf("first load = %x, %v, %v", k1, created, err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, want 0600", st.Mode().Perm())
	}
	k2, created, err := LoadOrCreateKeyFile(path)
	if err != nil || created || string(k1) != string(k2) {
		t.Fatal("second load did not return the same key")
	}
	os.WriteFile(path, []byte("nothex"), 0o600)
	if _, _, err := LoadOrCreateKeyFile(path); err == nil {
		t.Fatal("a corrupt key file was accepted")
	}
}

func TestKey(t *testing.T) {
	t.Parallel()
	key := make([]byte, 32)
	b, _ := NewBox(key)
	other, _ := NewBox(append(make([]byte, 31), 1))
	tests := []struct {
		name      string
		a, b      []byte
		wantEqual bool
	}{
		{"same purpose, same key", b.Key("media-url"), b.Key("media-url"), true},
		{"other purpose", b.Key("media-url"), b.Key("other"), false},
		{"other box key", b.Key("media-url"), other.Key("media-url"), false},
		{"not the box key itself", b.Key("media-url"), key, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.a) != 32 || (string(tt.a) == string(tt.b)) != tt.wantEqual {
				t.Fatalf("keys %x and %x: equal = %v, want %v", tt.a, tt.b, string(tt.a) == string(tt.b), tt.wantEqual)
			}
		})
	}
}
