package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// newSID returns prefix followed by 32 random lowercase hex digits, the shape
// of every Twilio SID (twilio-wire-facts.md §5 "SID patterns").
func newSID(prefix string) string {
	return prefix + randomHex(16)
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("sandbox: crypto/rand: %v", err)) // never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

// newUUID returns a random RFC 4122 version 4 UUID, used for
// I-Twilio-Idempotency-Token.
func newUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("sandbox: crypto/rand: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
