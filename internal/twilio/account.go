package twilio

import "context"

// Account is the Twilio account the credentials belong to. Type is "Trial"
// or "Full" (capitalised, wire facts §5 "Account"); Status is "active",
// "suspended" or "closed".
type Account struct {
	SID          string
	FriendlyName string
	Type         string
	Status       string
}

// Trial reports whether the account is a trial account, which may hold only
// one phone number (wire facts §9 "Trial accounts").
func (a Account) Trial() bool { return a.Type == "Trial" }

// Account fetches the client's account. It is how credentials are verified:
// wrong ones give a problem.Invalid naming auth_token with Twilio's
// message (error 20003).
func (c *Client) Account(ctx context.Context) (Account, error) {
	cl := c.start(ctx)
	a, err := cl.api.FetchAccount(c.creds.AccountSID)
	if err != nil {
		return Account{}, c.fail(ctx, cl, "account "+c.creds.AccountSID, err)
	}
	return Account{SID: str(a.Sid), FriendlyName: str(a.FriendlyName), Type: str(a.Type), Status: str(a.Status)}, nil
}

// str dereferences twilio-go's optional strings; JSON null becomes "".
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
