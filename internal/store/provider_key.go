package store

import (
	"context"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/provider"
)

// SetProviderAPIKey stores the API key the server created at the carrier
// (its secret already sealed) on a provider that has none yet. It returns
// the provider as stored and whether this key was kept: when another
// request stored a key first, that key stays and kept is false, so the
// caller can delete its own at the carrier.
func (s *Store) SetProviderAPIKey(ctx context.Context, orgID org.ID, id provider.ID, keySID, sealedSecret string) (provider.Provider, bool, error) {
	defer s.forget() // after the commit (cache.go)
	res, err := s.q.ExecContext(ctx, `UPDATE providers SET api_key_sid = $3, api_key_secret_sealed = $4
	  WHERE org_id = $1 AND id = $2 AND uninstalled_at IS NULL AND api_key_sid = ''`, orgID, id, keySID, sealedSecret)
	if err != nil {
		return provider.Provider{}, false, internal("provider api key", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return provider.Provider{}, false, internal("provider api key", err)
	}
	p, err := s.Provider(ctx, orgID, id)
	return p, n == 1, err
}
