package server

import (
	"context"

	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// RestoreSandbox puts every installed sandbox provider's account and linked
// numbers back into the in-process sandbox, which keeps nothing across
// restarts, with webhooks at this server's current URL.
func (s *Server) RestoreSandbox(ctx context.Context) error {
	if s.sandbox == nil {
		return nil
	}
	list, err := s.store.SandboxProviders(ctx)
	if err != nil {
		return err
	}
	hooks := provider.HooksFor(s.cfg.SelfURL)
	for _, p := range list {
		token, err := s.box.Open(p.AuthToken, provider.TokenContext(p.AccountSID))
		if err != nil {
			s.log.Warn("cannot restore a sandbox provider: its token does not decrypt", "provider_id", p.ID, "err", err)
			continue
		}
		s.sandbox.RestoreAccount(p.AccountSID, token, p.Name, p.AccountType)
		numbers, err := s.store.Numbers(ctx, p.OrgID, p.ID)
		if err != nil {
			return err
		}
		for _, n := range numbers {
			c := n.Capabilities
			if err := s.sandbox.RestoreNumber(p.AccountSID, sandbox.RestoredNumber{SID: n.SID, PhoneNumber: n.E164,
				FriendlyName: n.FriendlyName, Voice: c.Voice, SMS: c.SMS, MMS: c.MMS, VoiceURL: hooks.VoiceURL,
				VoiceFallbackURL: hooks.VoiceFallbackURL, StatusCallback: hooks.StatusCallback, SMSURL: hooks.SMSURL}); err != nil {
				return err
			}
		}
	}
	return nil
}
