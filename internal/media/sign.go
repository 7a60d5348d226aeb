package media

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strconv"
	"time"
)

// TTL is how long a signed URL is at least valid: long enough for a call
// that plays the file many times, short enough that a leaked URL (in a
// log, a carrier's debugger) soon stops working.
const TTL = time.Hour

// Window rounds expiry times up, so that every URL for a file signed in the
// same 10 minutes is the same URL: the carrier caches <Play> media by URL,
// and a URL that changed on every call would never be served from its
// cache. A URL is thus valid for TTL to TTL+Window.
const Window = 10 * time.Minute

// AudioPath is the path the carrier fetches file id at, without the
// signature.
func AudioPath(id string) string { return "/media/audio/" + url.PathEscape(id) }

// KeyPurpose is the purpose the signing key is derived for from the
// server's secret key (secret.Box.Key).
const KeyPurpose = "media-url"

// Signer signs and checks the expiring URLs of uploaded files. Build it
// with NewSigner; it is safe for concurrent use.
type Signer struct{ key []byte }

// NewSigner returns a Signer with a key of its own (secret.Box.Key), not
// one used for anything else.
func NewSigner(key []byte) *Signer { return &Signer{key: append([]byte(nil), key...)} }

// AudioURL returns base + AudioPath(id) with its expiry (?exp=, Unix
// seconds) and signature (&sig=), valid from now for TTL to TTL+Window.
func (s *Signer) AudioURL(base, id string, now time.Time) string {
	exp := strconv.FormatInt(expiry(now), 10)
	return base + AudioPath(id) + "?exp=" + exp + "&sig=" + s.sign(AudioPath(id), exp)
}

func expiry(now time.Time) int64 {
	w := int64(Window / time.Second)
	t := now.Add(TTL).Unix()
	return (t + w - 1) / w * w
}

// CheckAudio reports whether sig signs file id until exp (as they came in
// the URL) and exp is not yet past at now. It says nothing about which
// part was wrong: the caller answers every failure the same way.
func (s *Signer) CheckAudio(id, exp, sig string, now time.Time) bool {
	want := s.sign(AudioPath(id), exp)
	if !hmac.Equal([]byte(sig), []byte(want)) {
		return false
	}
	t, err := strconv.ParseInt(exp, 10, 64)
	return err == nil && now.Unix() <= t
}

// sign is HMAC-SHA256 over the path and the expiry exactly as written in
// the URL, base64url without padding.
func (s *Signer) sign(path, exp string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(path + "\n" + exp))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
