package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ControlClient calls a sandbox's control API over HTTP (docs/sandbox.md
// "Control API"), as the web softphone's sandbox device and switchboard
// sim do. Its methods return a *ControlError when the sandbox answers with
// an error, and the network error when it cannot be reached.
type ControlClient struct {
	// Base is the sandbox's mount, e.g. http://127.0.0.1:8080/sandbox.
	Base string
	// HTTP sends the requests; nil means a client with a 10-second timeout.
	HTTP *http.Client
}

// ControlError is an error answer of the control API.
type ControlError struct {
	Status  int
	Message string
}

func (e *ControlError) Error() string {
	return fmt.Sprintf("sandbox control API: HTTP %d: %s", e.Status, e.Message)
}

// SetParty registers address (client:identity or E.164) with behaviour b,
// e.g. {"behaviour": "manual"}.
func (c ControlClient) SetParty(ctx context.Context, address string, b PartyRequest) error {
	return c.send(ctx, http.MethodPut, "/control/parties/"+url.PathEscape(address), b, nil)
}

// LiveLegs lists the live legs to or from party.
func (c ControlClient) LiveLegs(ctx context.Context, party string) ([]Leg, error) {
	var out struct {
		Calls []Leg `json:"calls"`
	}
	err := c.send(ctx, http.MethodGet, "/control/calls?live=true&party="+url.QueryEscape(party), nil, &out)
	return out.Calls, err
}

// Act has the party of the leg sid act: answer, reject, hangup, digits…
// An ended leg is a ControlError with status 409.
func (c ControlClient) Act(ctx context.Context, sid string, a ActRequest) error {
	return c.send(ctx, http.MethodPost, "/control/calls/"+url.PathEscape(sid)+"/actions", a, nil)
}

// PlaceCall starts a scripted call (POST /control/calls): a Voice SDK
// call when sc names an ApplicationSid.
func (c ControlClient) PlaceCall(ctx context.Context, sc CallScript) error {
	return c.send(ctx, http.MethodPost, "/control/calls", PlaceCallRequest{CallScript: sc}, nil)
}

func (c ControlClient) send(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.Base, "/")+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		var e ctlError
		if json.Unmarshal(raw, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(raw))
		}
		return &ControlError{Status: resp.StatusCode, Message: e.Error}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}
