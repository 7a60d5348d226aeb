package sandbox

import (
	"testing"
	"time"
)

func TestRestore(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	a := s.RestoreAccount("AC"+"0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef", "restored", "Trial")
	if again := s.RestoreAccount(a.SID, "other", "x", "Full"); again != a {
		t.Fatalf("second restore = %+v, want the existing %+v", again, a)
	}
	rn := RestoredNumber{SID: "PN0123456789abcdef0123456789abcdef", PhoneNumber: "+14155550142", Voice: true,
		VoiceURL: "http://127.0.0.1:1/webhooks/twilio/voice"}
	if err := s.RestoreNumber(a.SID, rn); err != nil {
		t.Fatal(err)
	}
	n := s.numbers[rn.SID]
	if n == nil || n.voiceURL != rn.VoiceURL || !n.caps.Voice || n.caps.SMS || n.account != a.SID {
		t.Fatalf("restored number = %+v", n)
	}
	if err := s.RestoreNumber("ACnope", rn); err == nil {
		t.Fatal("restored a number into a missing account")
	}
}

func TestHoldDelaysSettle(t *testing.T) {
	t.Parallel()
	s := New(Options{Clock: NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))})
	release := s.Hold()
	settled := make(chan struct{})
	go func() { s.Settle(); close(settled) }()
	select {
	case <-settled:
		t.Fatal("Settle returned while a hold was taken")
	case <-time.After(20 * time.Millisecond):
	}
	release()
	release() // a second call does nothing
	<-settled
}
