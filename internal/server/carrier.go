package server

import (
	"context"
	"strings"

	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/secret"
	"github.com/switchboard/switchboard/internal/twilio"
)

// carriers opens carrier clients for the API: Twilio's REST API through
// internal/twilio, pointed at the in-process sandbox for sandbox providers.
type carriers struct {
	sandbox    *sandbox.Sandbox
	sandboxURL string // the sandbox's REST base, e.g. http://127.0.0.1:8080/sandbox
	twilioURL  string // SWITCHBOARD_TWILIO_API_URL, "" = Twilio
}

// Dial returns a client for one carrier account.
func (c carriers) Dial(kind provider.Kind, accountSID, authToken, apiURL string) (api.Carrier, error) {
	cl, err := c.client(kind, accountSID, authToken, apiURL)
	if err != nil {
		return nil, err
	}
	return carrier{cl}, nil
}

// client is the REST client of an account: the provider's API URL, else
// the sandbox for sandbox providers, else SWITCHBOARD_TWILIO_API_URL or
// Twilio.
func (c carriers) client(kind provider.Kind, accountSID, authToken, apiURL string) (*twilio.Client, error) {
	base := apiURL
	if base == "" && kind == provider.Sandbox {
		base = c.sandboxURL
	}
	if base == "" {
		base = c.twilioURL
	}
	return twilio.New(twilio.Credentials{AccountSID: accountSID, AuthToken: authToken}, twilio.Options{BaseURL: base})
}

// dialCalls opens a stored provider's account for the call-flow worker.
func (c carriers) dialCalls(box *secret.Box) func(p provider.Provider) (callflow.CallCarrier, error) {
	return func(p provider.Provider) (callflow.CallCarrier, error) {
		token, err := box.Open(p.AuthToken, provider.TokenContext(p.AccountSID))
		if err != nil {
			return nil, err
		}
		return c.client(p.Kind, p.AccountSID, token, p.APIURL)
	}
}

// SandboxAccount creates an account in the in-process sandbox.
func (c carriers) SandboxAccount(name string) (string, string, error) {
	if c.sandbox == nil {
		return "", "", problem.Field("kind", "the built-in sandbox is off on this server (SWITCHBOARD_SANDBOX=off)")
	}
	a := c.sandbox.CreateAccount(name, "Full")
	return a.SID, a.AuthToken, nil
}

// carrier adapts *twilio.Client to the api.Carrier interface.
type carrier struct{ c *twilio.Client }

func (c carrier) AccountType(ctx context.Context) (string, error) {
	a, err := c.c.Account(ctx)
	if err == nil && !strings.EqualFold(a.Status, "active") && a.Status != "" {
		return "", problem.New(problem.Invalid, "the carrier account is %s, not active", a.Status)
	}
	return a.Type, err
}

func (c carrier) IncomingNumbers(ctx context.Context) ([]provider.CarrierNumber, error) {
	list, err := c.c.IncomingNumbers(ctx)
	out := make([]provider.CarrierNumber, len(list))
	for i, n := range list {
		out[i] = fromTwilio(n)
	}
	return out, err
}

func (c carrier) IncomingNumber(ctx context.Context, sid string) (provider.CarrierNumber, error) {
	n, err := c.c.IncomingNumber(ctx, sid)
	return fromTwilio(n), err
}

func (c carrier) AvailableNumbers(ctx context.Context, q provider.NumberQuery) ([]provider.AvailableNumber, error) {
	list, err := c.c.AvailableNumbers(ctx, twilio.NumberQuery{Country: q.Country, Type: q.Type, AreaCode: q.AreaCode,
		Contains: q.Contains, Voice: q.Voice, SMS: q.SMS, Limit: q.Limit})
	out := make([]provider.AvailableNumber, len(list))
	for i, n := range list {
		out[i] = provider.AvailableNumber{PhoneNumber: n.PhoneNumber, FriendlyName: n.FriendlyName, Locality: n.Locality,
			Region: n.Region, Country: n.Country, Capabilities: provider.Capabilities(n.Capabilities)}
	}
	return out, err
}

func (c carrier) BuyNumber(ctx context.Context, phoneNumber string, w provider.Webhooks) (provider.CarrierNumber, error) {
	n, err := c.c.BuyNumber(ctx, phoneNumber, twilio.Webhooks(w))
	return fromTwilio(n), err
}

func (c carrier) SetWebhooks(ctx context.Context, sid string, w provider.Webhooks) (provider.CarrierNumber, error) {
	n, err := c.c.SetWebhooks(ctx, sid, twilio.Webhooks(w))
	return fromTwilio(n), err
}

func fromTwilio(n twilio.Number) provider.CarrierNumber {
	return provider.CarrierNumber{SID: n.SID, PhoneNumber: n.PhoneNumber, FriendlyName: n.FriendlyName,
		Capabilities: provider.Capabilities(n.Capabilities), Webhooks: provider.Webhooks(n.Webhooks)}
}
