// Package provider holds the telephony carriers an org connects (R-PROV),
// the numbers it links from them (R-NUM), their operators and the users'
// caller IDs, and the rules that govern them. It talks to carriers and the
// store through the small interfaces it declares; it does no I/O itself.
package provider

import (
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// ID identifies a provider.
type ID int64

// Kind is the type of carrier.
type Kind string

// The provider kinds (R-PROV-5).
const (
	Twilio  Kind = "twilio"
	Sandbox Kind = "sandbox"
)

// Provider is a connected carrier account. AuthToken is the decrypted
// secret: it never leaves the server.
type Provider struct {
	ID              ID
	OrgID           org.ID
	Kind            Kind
	Name            string
	AccountSID      string
	AuthToken       string
	APIURL          string // "" = the carrier's default
	AccountType     string // "Trial" or "Full", read from the carrier
	AllUsers        bool
	IncludeNewUsers bool
	Users           []org.UserID
	LastOKAt        *time.Time
	LastError       string
	LastErrorAt     *time.Time
	CreatedAt       time.Time
	UninstalledAt   *time.Time

	// APIKeySID and APIKeySecret are the API key the server created at the
	// carrier to sign access tokens (decision 0018); "" = none yet. The
	// store keeps the secret sealed (KeySecretContext).
	APIKeySID, APIKeySecret string
	// TwiMLAppSID is the TwiML App the server created at the carrier for
	// browser-originated outbound calls (decision 0022); "" = none yet.
	TwiMLAppSID string
}

// Installed reports whether the provider is still in use.
func (p Provider) Installed() bool { return p.UninstalledAt == nil }

// Trial reports whether the carrier account is a trial (one number only).
func (p Provider) Trial() bool { return p.AccountType == "Trial" }

// Input is what an admin sends to connect a provider.
type Input struct {
	Kind            string
	Name            string
	AccountSID      string
	AuthToken       string
	APIURL          string
	AllUsers        bool
	IncludeNewUsers bool
	UserIDs         []org.UserID
}

// Validate checks the form of in; credentials are checked by the carrier.
func (in *Input) Validate() error {
	f := problem.Fields{}
	in.Name = strings.TrimSpace(in.Name)
	in.AccountSID = strings.TrimSpace(in.AccountSID)
	in.AuthToken = strings.TrimSpace(in.AuthToken)
	switch Kind(in.Kind) {
	case Twilio:
		if !hexSID(in.AccountSID, "AC") {
			f.Add("account_sid", "must be AC followed by 32 hexadecimal characters, as shown in the Twilio console")
		}
		if len(in.AuthToken) != 32 || !isHex(in.AuthToken) {
			f.Add("auth_token", "must be the 32 hexadecimal characters shown in the Twilio console")
		}
	case Sandbox:
		if in.AccountSID != "" || in.AuthToken != "" {
			f.Add("account_sid", "a sandbox provider gets its own account; leave the credentials empty")
		}
	default:
		f.Add("kind", "must be twilio or sandbox")
	}
	if in.Name == "" {
		in.Name = defaultName(Kind(in.Kind))
	}
	if len(in.Name) > 100 {
		f.Add("name", "must be at most 100 characters")
	}
	if in.APIURL != "" && !strings.HasPrefix(in.APIURL, "http://") && !strings.HasPrefix(in.APIURL, "https://") {
		f.Add("api_url", "must be an http(s) URL, or empty for Twilio's API")
	}
	if in.AllUsers && len(in.UserIDs) > 0 {
		f.Add("user_ids", "give users, or install for all users, not both")
	}
	if !in.AllUsers && in.IncludeNewUsers {
		f.Add("include_new_users", "only a provider installed for all users can include users who join later")
	}
	return f.Err()
}

func defaultName(k Kind) string {
	if k == Sandbox {
		return "Sandbox carrier"
	}
	return "Twilio"
}

// hexSID reports whether s is prefix + 32 hex characters (Twilio SIDs).
func hexSID(s, prefix string) bool {
	return len(s) == 34 && strings.HasPrefix(s, prefix) && isHex(s[2:])
}

func isHex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return s != ""
}

// TokenContext binds a sealed auth token to its account, so a sealed value
// cannot be moved to another provider row.
func TokenContext(accountSID string) string { return "provider-auth-token:" + accountSID }

// KeySecretContext binds a sealed API key secret to its account and key.
func KeySecretContext(accountSID, keySID string) string {
	return "provider-api-key:" + accountSID + ":" + keySID
}
