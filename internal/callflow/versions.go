package callflow

import (
	"context"
	"sync"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/routing"
)

// versions caches published routing versions, which never change once
// published, so a call's webhooks do not read and decode the same
// configuration again and again.
type versions struct{ m sync.Map }

type versionKey struct {
	org org.ID
	id  int64
}

// version returns a published version of orgID by id. It is shared by
// every caller, and must not be changed.
func (wh *Webhooks) version(ctx context.Context, orgID org.ID, id int64) (*routing.Version, error) {
	key := versionKey{orgID, id}
	if v, ok := wh.versions.m.Load(key); ok {
		return v.(*routing.Version), nil
	}
	v, err := wh.Store.RoutingVersionByID(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	wh.versions.m.Store(key, &v)
	return &v, nil
}
