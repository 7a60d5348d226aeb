package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/secret"
	"github.com/switchboard/switchboard/internal/store"
	"github.com/switchboard/switchboard/internal/twilio"
)

// devices builds the softphones' devices (decision 0018) over the
// carriers: API keys through the twilio client, sandbox devices through
// the sandbox's control API over HTTP.
func devices(st *store.Store, box *secret.Box, log *slog.Logger, c carriers) *callflow.Devices {
	return &callflow.Devices{Store: st, Box: box, Log: log, Sandbox: c.sandboxControl,
		Keys: func(p provider.Provider) (callflow.KeyCarrier, error) { return c.account(box, p) }}
}

// controls builds the agents' in-call controls over the twilio client.
func controls(wh *callflow.Webhooks, ev *callflow.Events, box *secret.Box, c carriers) *callflow.Controls {
	return &callflow.Controls{Webhooks: wh, Events: ev,
		Dial: func(p provider.Provider) (callflow.ControlCarrier, error) { return c.account(box, p) }}
}

// account opens a stored provider's carrier account.
func (c carriers) account(box *secret.Box, p provider.Provider) (*twilio.Client, error) {
	token, err := box.Open(p.AuthToken, provider.TokenContext(p.AccountSID))
	if err != nil {
		return nil, err
	}
	return c.client(p.Kind, p.AccountSID, token, p.APIURL)
}

// sandboxControl opens the control API of a sandbox provider's carrier:
// its API URL, else this server's in-process sandbox.
func (c carriers) sandboxControl(p provider.Provider) (callflow.SandboxControl, error) {
	base := p.APIURL
	if base == "" {
		if c.sandbox == nil {
			return nil, problem.New(problem.Unavailable, "the built-in sandbox carrier is off on this server (SWITCHBOARD_SANDBOX=off)")
		}
		base = c.sandboxURL
	}
	return sandboxDevice{sandbox.ControlClient{Base: base}}, nil
}

// sandboxDevice is the sandbox device over the control API.
type sandboxDevice struct{ cl sandbox.ControlClient }

func (d sandboxDevice) RegisterManual(ctx context.Context, address string) error {
	return d.fail(d.cl.SetParty(ctx, address, sandbox.PartyRequest{Action: sandbox.ActManual}))
}

func (d sandboxDevice) Act(ctx context.Context, sid, action, digits string) error {
	return d.fail(d.cl.Act(ctx, sid, sandbox.ActRequest{Action: action, Digits: digits}))
}

// Connect places a Voice SDK call from the device to the TwiML App
// (decision 0022).
func (d sandboxDevice) Connect(ctx context.Context, address, appSID string, params map[string]string) error {
	return d.fail(d.cl.PlaceCall(ctx, sandbox.CallScript{From: address, ApplicationSid: appSID, Params: params}))
}

// fail turns the control API's answer into a problem: a sandbox that
// cannot be reached, or refuses this server, is Unavailable (the carrier's
// fault, not the user's).
func (d sandboxDevice) fail(err error) error {
	if err == nil {
		return nil
	}
	var ce *sandbox.ControlError
	if !errors.As(err, &ce) {
		return problem.Wrap(problem.Unavailable, err, fmt.Sprintf("the sandbox carrier's control API at %s cannot be reached", d.cl.Base))
	}
	switch ce.Status {
	case http.StatusConflict:
		return problem.New(problem.Conflict, "The call has already ended.")
	case http.StatusNotFound:
		return problem.New(problem.NotFound, "the sandbox carrier has no such call")
	case http.StatusBadRequest:
		return problem.New(problem.BadRequest, "the sandbox carrier refused: %s", ce.Message)
	case http.StatusForbidden:
		return problem.New(problem.Unavailable, "the sandbox carrier at %s refuses this server's control requests (its control API answers only on its own machine)", d.cl.Base)
	}
	return problem.Wrap(problem.Unavailable, err, fmt.Sprintf("the sandbox carrier's control API at %s failed (HTTP %d)", d.cl.Base, ce.Status))
}
