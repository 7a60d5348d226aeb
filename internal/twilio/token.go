package twilio

import (
	"time"

	"github.com/switchboard/switchboard/internal/problem"
	"github.com/twilio/twilio-go/client/jwt"
)

// VoiceToken asks for a Voice access token for the Voice JavaScript SDK.
type VoiceToken struct {
	AccountSID string
	// KeySID and KeySecret are the API key that signs the token.
	KeySID, KeySecret string
	// Identity is the Client identity calls to client:Identity ring.
	Identity string
	// OutgoingApplicationSID is the TwiML App the SDK's outgoing calls run;
	// "" grants no outgoing calls.
	OutgoingApplicationSID string
	// Now is when the token becomes valid; TTL how long it lasts (at most
	// 24 hours).
	Now time.Time
	TTL time.Duration
}

// MaxTokenTTL is the longest an access token may last (wire facts §6,
// error 20157).
const MaxTokenTTL = 24 * time.Hour

// Sign returns the signed JWT and when it expires: HS256 with the key's
// secret, iss = the key, sub = the account, nbf = Now, exp = Now + TTL,
// grants.identity and a Voice grant with incoming calls allowed (wire
// facts §6; https://www.twilio.com/docs/iam/access-tokens). twilio-go
// raises any TTL under an hour to an hour, so the expiry is given as
// ValidUntil instead.
func (v VoiceToken) Sign() (string, time.Time, error) {
	f := problem.Fields{}
	if checkSID("account_sid", "AC", v.AccountSID) != nil {
		f.Add("account_sid", `must be "AC" followed by 32 hexadecimal digits`)
	}
	if checkSID("key_sid", "SK", v.KeySID) != nil || v.KeySecret == "" {
		f.Add("key_sid", `must be an API key ("SK" followed by 32 hexadecimal digits) with its secret`)
	}
	if v.Identity == "" {
		f.Add("identity", "is required")
	}
	if v.TTL <= 0 || v.TTL > MaxTokenTTL {
		f.Add("ttl", "must be more than 0 and at most 24 hours")
	}
	if err := f.Err(); err != nil {
		return "", time.Time{}, err
	}
	now := v.Now.Truncate(time.Second)
	exp := now.Add(v.TTL)
	grant := &jwt.VoiceGrant{Incoming: jwt.Incoming{Allow: true}, Outgoing: jwt.Outgoing{ApplicationSid: v.OutgoingApplicationSID}}
	t := jwt.CreateAccessToken(jwt.AccessTokenParams{AccountSid: v.AccountSID, SigningKeySid: v.KeySID, Secret: v.KeySecret,
		Identity: v.Identity, Nbf: float64(now.Unix()), ValidUntil: float64(exp.Unix()), Grants: []jwt.BaseGrant{grant}})
	signed, err := t.ToJwt()
	if err != nil {
		return "", time.Time{}, problem.Wrap(problem.Internal, err, "signing the access token")
	}
	return signed, exp, nil
}
