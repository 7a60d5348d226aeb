package sandbox

import "sync"

// The sandbox keeps its state in memory. A product that stored sandbox
// accounts and numbers in its database restores them with these after a
// restart, so its configuration keeps working; this is the sandbox's
// stand-in for Twilio's own persistence.

// RestoredNumber is a number to put back in an account.
type RestoredNumber struct {
	SID, PhoneNumber, FriendlyName string
	Voice, SMS, MMS                bool
	VoiceURL, VoiceFallbackURL     string
	StatusCallback, SMSURL         string
}

// RestoreAccount recreates an account with the given credentials unless it
// exists, and returns it.
func (s *Sandbox) RestoreAccount(sid, token, friendlyName, typ string) Account {
	s.mu.Lock()
	a, ok := s.accounts[sid]
	s.mu.Unlock()
	if ok {
		return Account{SID: a.sid, AuthToken: a.token, FriendlyName: a.name, Type: a.typ}
	}
	return s.addAccount(sid, token, friendlyName, typ)
}

// RestoreNumber puts a number back in an account, replacing any number with
// the same SID, with POST webhooks at the given URLs.
func (s *Sandbox) RestoreNumber(accountSID string, rn RestoredNumber) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.accounts[accountSID]; !ok {
		return errNotFound("account", accountSID)
	}
	cand := s.stock.lookup(rn.PhoneNumber)
	now := s.clock.Now()
	friendly := rn.FriendlyName
	if friendly == "" {
		friendly = cand.friendly()
	}
	s.numbers[rn.SID] = &number{sid: rn.SID, account: accountSID, phone: rn.PhoneNumber, friendly: friendly,
		voiceURL: rn.VoiceURL, voiceMethod: "POST", voiceFallbackURL: rn.VoiceFallbackURL, voiceFallbackMethod: "POST",
		statusCallback: rn.StatusCallback, statusCBM: "POST", smsURL: rn.SMSURL, smsMethod: "POST", smsFBMethod: "POST",
		caps: capabilities{Voice: rn.Voice, SMS: rn.SMS, MMS: rn.MMS}, kind: cand.kind, created: now, updated: now}
	return nil
}

// Hold tells the sandbox that the product has work in flight that will act
// on its calls (a queued carrier action): a virtual clock does not advance,
// and Settle does not return, until every hold is released. The returned
// function releases the hold; calling it again does nothing.
func (s *Sandbox) Hold() (release func()) {
	s.rt.add(1)
	var once sync.Once
	return func() { once.Do(func() { s.rt.add(-1) }) }
}
