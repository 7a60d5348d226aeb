package store

import (
	"context"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/crm"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/provider"
)

// SetProviderTwiMLApp stores the TwiML App the server created at the
// carrier on a provider that has none yet. It returns the provider as
// stored and whether this app was kept: when another request stored one
// first, that one stays and kept is false, so the caller can delete its
// own at the carrier.
func (s *Store) SetProviderTwiMLApp(ctx context.Context, orgID org.ID, id provider.ID, appSID string) (provider.Provider, bool, error) {
	defer s.forget() // after the commit (cache.go)
	res, err := s.q.ExecContext(ctx, `UPDATE providers SET twiml_app_sid = $3
	  WHERE org_id = $1 AND id = $2 AND uninstalled_at IS NULL AND twiml_app_sid = ''`, orgID, id, appSID)
	if err != nil {
		return provider.Provider{}, false, internal("provider twiml app", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return provider.Provider{}, false, internal("provider twiml app", err)
	}
	p, err := s.Provider(ctx, orgID, id)
	return p, n == 1, err
}

// SetCallSID records the carrier SID of an outbound call's customer leg,
// once the carrier created it.
func (s *Store) SetCallSID(ctx context.Context, orgID org.ID, id call.ID, sid string) error {
	res, err := s.q.ExecContext(ctx, `UPDATE calls SET call_sid = $3 WHERE org_id = $1 AND id = $2`, orgID, id, sid)
	if err != nil {
		return internal("set call sid", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("call")
	}
	return nil
}

// RecordKind returns the kind of the org's record id; another org's or a
// missing record is not found.
func (s *Store) RecordKind(ctx context.Context, orgID org.ID, id crm.RecordID) (crm.Kind, error) {
	var k crm.Kind
	err := s.q.QueryRowContext(ctx, `SELECT kind FROM records WHERE org_id = $1 AND id = $2`, orgID, id).Scan(&k)
	if isNoRows(err) {
		return k, notFound("record")
	}
	return k, internal("record kind", err)
}
