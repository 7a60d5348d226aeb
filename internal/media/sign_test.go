package media

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSignedAudioURL(t *testing.T) {
	t.Parallel()
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	now := time.Date(2026, 11, 23, 10, 3, 0, 0, time.UTC)
	raw := s.AudioURL("https://pbx.example.com", "aud_1", now)
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host != "pbx.example.com" || u.Path != "/media/audio/aud_1" {
		t.Fatalf("URL %q", raw)
	}
	exp, sig := u.Query().Get("exp"), u.Query().Get("sig")
	wantExp := time.Date(2026, 11, 23, 11, 10, 0, 0, time.UTC) // now + TTL, rounded up to the window
	if exp != strconv.FormatInt(wantExp.Unix(), 10) {
		t.Fatalf("exp = %s, want %d", exp, wantExp.Unix())
	}
	tests := []struct {
		name         string
		id, exp, sig string
		at           time.Time
		signer       *Signer
		wantValid    bool
	}{
		{"as signed", "aud_1", exp, sig, now, s, true},
		{"just before expiry", "aud_1", exp, sig, wantExp, s, true},
		{"expired", "aud_1", exp, sig, wantExp.Add(time.Second), s, false},
		{"other file", "aud_2", exp, sig, now, s, false},
		{"later expiry", "aud_1", strconv.FormatInt(wantExp.Unix()+600, 10), sig, now, s, false},
		{"expiry written differently", "aud_1", "+" + exp, sig, now, s, false},
		{"tampered signature", "aud_1", exp, strings.ToUpper(sig[:1]) + sig[1:] + "x", now, s, false},
		{"no signature", "aud_1", exp, "", now, s, false},
		{"no expiry", "aud_1", "", sig, now, s, false},
		{"other key", "aud_1", exp, sig, now, NewSigner([]byte("another key")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.signer.CheckAudio(tt.id, tt.exp, tt.sig, tt.at); got != tt.wantValid {
				t.Fatalf("CheckAudio = %v, want %v", got, tt.wantValid)
			}
		})
	}
}

func TestSignedURLStableWithinWindow(t *testing.T) {
	t.Parallel()
	s := NewSigner([]byte("k"))
	start := time.Date(2026, 11, 23, 10, 0, 1, 0, time.UTC)
	tests := []struct {
		name      string
		a, b      time.Time
		wantEqual bool
	}{
		{"same window", start, start.Add(Window - 2*time.Second), true},
		{"next window", start, start.Add(Window), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := s.AudioURL("", "aud_1", tt.a), s.AudioURL("", "aud_1", tt.b)
			if (a == b) != tt.wantEqual {
				t.Fatalf("%s and %s: equal = %v, want %v", a, b, a == b, tt.wantEqual)
			}
		})
	}
}
