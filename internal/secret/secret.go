// Package secret encrypts secrets at rest (provider credentials) with
// AES-256-GCM under the server's key, and manages the key file used on
// SQLite when no key is configured.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Box seals and opens secrets. The zero value is not usable; use NewBox.
type Box struct {
	aead cipher.AEAD
	key  []byte // for Key only: never used raw
}

// NewBox returns a Box for a 32-byte key.
func NewBox(key []byte) (*Box, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("secret: key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead, key: append([]byte(nil), key...)}, nil
}

// Key derives a 32-byte key for purpose (e.g. "media-url") from the box's
// key with HKDF-SHA256, so that a MAC or another cipher never shares the
// encryption key itself. The same key and purpose always give the same
// result; different purposes give unrelated keys.
func (b *Box) Key(purpose string) []byte {
	k, err := hkdf.Key(sha256.New, b.key, nil, "switchboard "+purpose, 32)
	if err != nil {
		panic("secret: " + err.Error()) // only for lengths HKDF cannot give; 32 is not one
	}
	return k
}

// Seal encrypts plaintext; context binds the ciphertext to its use (e.g.
// "provider:42:auth_token") so it cannot be moved to another column or row.
func (b *Box) Seal(plaintext, context string) string {
	nonce := make([]byte, b.aead.NonceSize())
	rand.Read(nonce)
	out := b.aead.Seal(nonce, nonce, []byte(plaintext), []byte(context))
	return "v1:" + base64.RawStdEncoding.EncodeToString(out)
}

// Open decrypts what Seal returned for the same context.
func (b *Box) Open(sealed, context string) (string, error) {
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, "v1:"))
	if err != nil || !strings.HasPrefix(sealed, "v1:") || len(raw) < b.aead.NonceSize() {
		return "", errors.New("secret: not a sealed value")
	}
	n := b.aead.NonceSize()
	pt, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(context))
	if err != nil {
		return "", errors.New("secret: cannot decrypt (wrong key or context)")
	}
	return string(pt), nil
}

// ParseKey decodes a 64-hex-character key.
func ParseKey(s string) ([]byte, error) {
	k, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(k) != 32 {
		return nil, errors.New("secret: key must be 64 hex characters")
	}
	return k, nil
}

// LoadOrCreateKeyFile reads the key in path, or creates the file with a new
// random key and mode 0600. created reports which.
func LoadOrCreateKeyFile(path string) (key []byte, created bool, err error) {
	data, err := os.ReadFile(path)
	if err == nil {
		k, err := ParseKey(string(data))
		if err != nil {
			return nil, false, fmt.Errorf("secret: key file %s: %w", path, err)
		}
		return k, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, false, err
	}
	k := make([]byte, 32)
	rand.Read(k)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("secret: create key file: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(hex.EncodeToString(k) + "\n"); err != nil {
		return nil, false, err
	}
	return k, true, f.Sync()
}
