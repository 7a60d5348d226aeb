package twilio

import (
	"context"

	"github.com/switchboard/switchboard/internal/problem"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// Key is an API key of the account. Secret is given only when the key is
// created (wire facts §5 "Keys": `new_key` carries `secret`, `key` does
// not); it signs access tokens.
type Key struct {
	SID, FriendlyName, Secret string
}

// CreateKey creates a standard API key named friendlyName
// (POST /Accounts/{AC}/Keys.json) and returns it with its secret. A key
// with no secret in the answer is a problem.Internal: it could never sign.
func (c *Client) CreateKey(ctx context.Context, friendlyName string) (Key, error) {
	p := &openapi.CreateNewKeyParams{}
	if friendlyName != "" {
		p.SetFriendlyName(friendlyName)
	}
	cl := c.start(ctx)
	k, err := cl.api.CreateNewKey(p)
	if err != nil {
		return Key{}, c.fail(ctx, cl, "new API key", err)
	}
	out := Key{SID: str(k.Sid), FriendlyName: str(k.FriendlyName), Secret: str(k.Secret)}
	if checkSID("sid", "SK", out.SID) != nil || out.Secret == "" {
		return Key{}, problem.New(problem.Internal, "the carrier created an API key without a usable SID and secret")
	}
	return out, nil
}

// DeleteKey deletes an API key (DELETE /Accounts/{AC}/Keys/{SK}.json);
// tokens it signed stop working.
func (c *Client) DeleteKey(ctx context.Context, sid string) error {
	if err := checkSID("sid", "SK", sid); err != nil {
		return err
	}
	cl := c.start(ctx)
	if err := cl.api.DeleteKey(sid, nil); err != nil {
		return c.fail(ctx, cl, "API key "+sid, err)
	}
	return nil
}
