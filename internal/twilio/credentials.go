package twilio

import (
	"github.com/switchboard/switchboard/internal/problem"
)

// Credentials are a Twilio account's Account SID and primary Auth Token,
// which authenticate REST requests (HTTP Basic) and key webhook signatures.
type Credentials struct {
	AccountSID string
	AuthToken  string
}

// Validate checks the forms before anything is sent to Twilio: AccountSID
// is "AC" and 32 hexadecimal digits (Twilio's own pattern
// ^AC[0-9a-fA-F]{32}$, wire facts §5 "SID patterns") and AuthToken is 32
// hexadecimal digits. It returns a problem.Invalid naming account_sid
// and/or auth_token, or nil. Well-formed values also pass twilio-go's
// client-side alphanumeric check (errors 21222/21224, wire facts §10).
func (c Credentials) Validate() error {
	f := problem.Fields{}
	if len(c.AccountSID) != 34 || c.AccountSID[:2] != "AC" || !isHex(c.AccountSID[2:]) {
		f.Add("account_sid", `must be "AC" followed by 32 hexadecimal digits, as shown in the Twilio Console`)
	}
	if len(c.AuthToken) != 32 || !isHex(c.AuthToken) {
		f.Add("auth_token", "must be 32 hexadecimal digits, as shown in the Twilio Console")
	}
	return f.Err()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !('0' <= ch && ch <= '9' || 'a' <= ch && ch <= 'f' || 'A' <= ch && ch <= 'F') {
			return false
		}
	}
	return true
}
