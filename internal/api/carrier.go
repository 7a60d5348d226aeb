package api

import (
	"context"

	"github.com/switchboard/switchboard/internal/provider"
)

// Carrier is one connected carrier account's REST API, as the provider and
// number endpoints use it.
type Carrier interface {
	// AccountType fetches the account, verifying the credentials, and
	// returns "Trial" or "Full".
	AccountType(ctx context.Context) (string, error)
	IncomingNumbers(ctx context.Context) ([]provider.CarrierNumber, error)
	IncomingNumber(ctx context.Context, sid string) (provider.CarrierNumber, error)
	AvailableNumbers(ctx context.Context, q provider.NumberQuery) ([]provider.AvailableNumber, error)
	BuyNumber(ctx context.Context, phoneNumber string, w provider.Webhooks) (provider.CarrierNumber, error)
	SetWebhooks(ctx context.Context, sid string, w provider.Webhooks) (provider.CarrierNumber, error)
}

// Carriers opens carrier accounts.
type Carriers interface {
	// Dial returns a client for an account; apiURL "" means the kind's
	// default (Twilio, or the built-in sandbox).
	Dial(kind provider.Kind, accountSID, authToken, apiURL string) (Carrier, error)
	// SandboxAccount creates an account in the built-in sandbox.
	SandboxAccount(name string) (sid, authToken string, err error)
}
