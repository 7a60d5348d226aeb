package callflow

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio"
)

// Device kinds: the back-end a user's softphone uses (docs/softphone.md).
const (
	DeviceSandbox = "sandbox"
	DeviceTwilio  = "twilio"
	DeviceNone    = "none"
)

// TokenTTL is how long a Voice access token lasts; the app asks for a new
// one at 80 % of it (decision 0018).
const TokenTTL = 10 * time.Minute

// keyName is the friendly name of the API key the server creates.
const keyName = "Switchboard softphone"

// Device is a user's softphone device. Token and ExpiresAt are set for a
// twilio device; Reason says why a device is "none".
type Device struct {
	Kind      string
	Identity  string
	Token     string
	ExpiresAt time.Time
	Reason    string
}

// KeyCarrier is a provider's account as the softphone uses it: the API
// key that signs tokens and the TwiML App its outgoing calls run.
type KeyCarrier interface {
	CreateKey(ctx context.Context, friendlyName string) (twilio.Key, error)
	DeleteKey(ctx context.Context, sid string) error
	CreateApplication(ctx context.Context, r twilio.AppRequest) (twilio.Application, error)
	DeleteApplication(ctx context.Context, sid string) error
}

// SandboxControl is the control API of a sandbox provider's carrier: the
// sandbox device. Errors are problems: an ended leg is a Conflict, an
// unreachable sandbox Unavailable.
type SandboxControl interface {
	// RegisterManual registers address as a party that rings until the
	// device acts.
	RegisterManual(ctx context.Context, address string) error
	// Act has the party of the leg sid answer, reject, hang up or press
	// digits.
	Act(ctx context.Context, sid, action, digits string) error
	// Connect places a Voice SDK call from the device address
	// (client:identity) to the TwiML App appSID with params, as the
	// Voice SDK's Device.connect does.
	Connect(ctx context.Context, address, appSID string, params map[string]string) error
}

// SealOpener seals and opens provider secrets.
type SealOpener interface {
	Opener
	Seal(plaintext, context string) string
}

// Devices gives users their softphone device, following the provider
// each is on (R-AG-2, R-PROV-3).
type Devices struct {
	Store *store.Store
	Box   SealOpener
	Log   *slog.Logger
	// Keys opens a twilio provider's account.
	Keys func(p provider.Provider) (KeyCarrier, error)
	// Sandbox opens a sandbox provider's control API.
	Sandbox func(p provider.Provider) (SandboxControl, error)
	// Now is the wall clock tokens are stamped with (the carrier checks
	// them in real time); nil is time.Now.
	Now func() time.Time
	// BaseURL is the public URL the TwiML App's webhooks point at.
	BaseURL string
}

// noProvider is the reason a user has no device.
const noProvider = "You are not on any telephony provider. Ask an admin to add you."

// Device registers user's device with their provider's carrier and
// returns it: a sandbox party that rings until the app acts, or a Twilio
// Voice access token. A user on no provider gets DeviceNone.
func (d *Devices) Device(ctx context.Context, orgID org.ID, user org.UserID) (Device, error) {
	dev := Device{Kind: DeviceNone, Identity: AgentIdentity(int64(user))}
	p, err := d.Store.UserProvider(ctx, orgID, user)
	if problem.Is(err, problem.NotFound) {
		dev.Reason = noProvider
		return dev, nil
	}
	if err != nil {
		return dev, err
	}
	switch p.Kind {
	case provider.Sandbox:
		ctl, err := d.Sandbox(p)
		if err == nil {
			err = ctl.RegisterManual(ctx, "client:"+dev.Identity)
		}
		dev.Kind = DeviceSandbox
		return dev, err
	case provider.Twilio:
		return d.token(ctx, p, dev)
	}
	return dev, problem.New(problem.Internal, "provider kind %q has no softphone device", p.Kind)
}

// token mints a Voice access token for dev: incoming calls allowed, and
// outgoing calls through the provider's TwiML App (decision 0022).
func (d *Devices) token(ctx context.Context, p provider.Provider, dev Device) (Device, error) {
	sid, secret, err := d.key(ctx, p)
	if err != nil {
		return dev, err
	}
	app, err := d.App(ctx, p)
	if err != nil {
		return dev, err
	}
	dev.Kind = DeviceTwilio
	dev.Token, dev.ExpiresAt, err = twilio.VoiceToken{AccountSID: p.AccountSID, KeySID: sid, KeySecret: secret,
		Identity: dev.Identity, OutgoingApplicationSID: app, Now: d.now(), TTL: TokenTTL}.Sign()
	return dev, err
}

// appName is the friendly name of the TwiML App the server creates.
const appName = "Switchboard outbound calls"

// App returns the provider's TwiML App, creating it at the carrier on
// first use: its voice URL is the outbound voice webhook, its status
// callback the agent leg's. When two requests create one at once, the
// first stored wins and the other is deleted at the carrier.
func (d *Devices) App(ctx context.Context, p provider.Provider) (string, error) {
	if p.TwiMLAppSID != "" {
		return p.TwiMLAppSID, nil
	}
	cl, err := d.Keys(p)
	if err != nil {
		return "", err
	}
	a, err := cl.CreateApplication(ctx, twilio.AppRequest{FriendlyName: appName, VoiceURL: d.BaseURL + PathOutbound,
		StatusCallback: d.BaseURL + PathOutboundLeg})
	if err != nil {
		return "", err
	}
	stored, kept, err := d.Store.SetProviderTwiMLApp(ctx, p.OrgID, p.ID, a.SID)
	if err != nil || !kept {
		if derr := cl.DeleteApplication(context.WithoutCancel(ctx), a.SID); derr != nil {
			d.Log.WarnContext(ctx, "deleting an unused TwiML App", "provider_id", p.ID, "app_sid", a.SID, "err", derr)
		}
	}
	if err != nil {
		return "", err
	}
	return stored.TwiMLAppSID, nil
}

// key returns the provider's API key, creating it at the carrier on first
// use and keeping it sealed. When two requests create one at once, the
// first stored wins and the other is deleted at the carrier.
func (d *Devices) key(ctx context.Context, p provider.Provider) (string, string, error) {
	if p.APIKeySID != "" {
		return d.openKey(p)
	}
	cl, err := d.Keys(p)
	if err != nil {
		return "", "", err
	}
	k, err := cl.CreateKey(ctx, keyName)
	if err != nil {
		return "", "", err
	}
	stored, kept, err := d.Store.SetProviderAPIKey(ctx, p.OrgID, p.ID, k.SID, d.Box.Seal(k.Secret, provider.KeySecretContext(p.AccountSID, k.SID)))
	if err != nil || !kept {
		if derr := cl.DeleteKey(context.WithoutCancel(ctx), k.SID); derr != nil {
			d.Log.WarnContext(ctx, "deleting an unused API key", "provider_id", p.ID, "key_sid", k.SID, "err", derr)
		}
	}
	if err != nil {
		return "", "", err
	}
	if !kept {
		return d.openKey(stored)
	}
	return k.SID, k.Secret, nil
}

func (d *Devices) openKey(p provider.Provider) (string, string, error) {
	secret, err := d.Box.Open(p.APIKeySecret, provider.KeySecretContext(p.AccountSID, p.APIKeySID))
	if err != nil {
		return "", "", problem.Wrap(problem.Internal, err, "the provider's API key secret cannot be opened")
	}
	return p.APIKeySID, secret, nil
}

func (d *Devices) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// Sandbox device actions (docs/softphone.md).
const (
	ActionAnswer = "answer"
	ActionReject = "reject"
	ActionHangup = "hangup"
	ActionDigits = "digits"
)

// MaxDigits is the most keys one digits action sends.
const MaxDigits = 32

// Act has user's sandbox device act on the leg legSID, which must be a leg
// that rang them (the store says so): 404 for anyone else's leg or a user
// whose device is not the sandbox's, 409 once the leg ended.
func (d *Devices) Act(ctx context.Context, orgID org.ID, user org.UserID, legSID, action, digits string) error {
	if err := checkAction(action, digits); err != nil {
		return err
	}
	p, err := d.Store.UserProvider(ctx, orgID, user)
	if problem.Is(err, problem.NotFound) || err == nil && p.Kind != provider.Sandbox {
		return problem.New(problem.NotFound, "you have no sandbox device: act on calls in your softphone")
	}
	if err != nil {
		return err
	}
	_, leg, err := d.Store.UserLeg(ctx, orgID, user, legSID)
	if problem.Is(err, problem.NotFound) || err == nil && leg.ForwardTo != "" { // a forwarded leg rings their phone
		return problem.New(problem.NotFound, "no call leg %q rang your device", legSID)
	}
	if err != nil {
		return err
	}
	if leg.Ended() {
		return problem.New(problem.Conflict, "The call has already ended.")
	}
	ctl, err := d.Sandbox(p)
	if err != nil {
		return err
	}
	return ctl.Act(ctx, legSID, action, digits)
}

// checkAction validates an action before anything is looked up.
func checkAction(action, digits string) error {
	switch action {
	case ActionAnswer, ActionReject, ActionHangup:
		if digits != "" {
			return badRequest("digits", "is only for the digits action")
		}
		return nil
	case ActionDigits:
		if n := len(digits); n == 0 || n > MaxDigits || strings.Trim(digits, "0123456789*#") != "" {
			return badRequest("digits", "must be 1 to 32 keys, each 0-9, * or #")
		}
		return nil
	}
	return badRequest("action", "must be answer, reject, hangup or digits")
}

func badRequest(field, rule string) error {
	return &problem.Error{Kind: problem.BadRequest, Message: "invalid " + field + ": " + rule, Fields: map[string]string{field: rule}}
}
