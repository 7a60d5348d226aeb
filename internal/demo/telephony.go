package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Telephony sets the demo org up the way an admin would, through the
// server's own REST API at baseURL: a sandbox provider for all users
// (including users who join later), two numbers — one voice and SMS, one
// voice-only — with every user an operator, caller IDs (the admin and
// Alice call out from the first number, Bob from the second), and a
// published routing configuration for each number.
func Telephony(ctx context.Context, baseURL, password string) error {
	c := &apiClient{base: baseURL, hc: &http.Client{Timeout: 30 * time.Second}}
	var sess struct{ Token string }
	if err := c.do(ctx, "POST", "/api/v1/session", map[string]string{"email": Users[0].Email, "password": password}, &sess); err != nil {
		return fmt.Errorf("demo telephony: sign in: %w", err)
	}
	c.token = sess.Token
	var p struct {
		ID      int64   `json:"id"`
		UserIDs []int64 `json:"user_ids"`
	}
	if err := c.do(ctx, "POST", "/api/v1/providers", map[string]any{"kind": "sandbox", "name": "Sandbox carrier",
		"all_users": true, "include_new_users": true}, &p); err != nil {
		return fmt.Errorf("demo telephony: provider: %w", err)
	}
	var numbers []int64
	for _, q := range []string{"country=US&area_code=415&voice=true&sms=true", "country=GB&type=Local&voice=true"} {
		id, err := c.buy(ctx, p.ID, q)
		if err != nil {
			return fmt.Errorf("demo telephony: number (%s): %w", q, err)
		}
		numbers = append(numbers, id)
	}
	if err := c.assign(ctx, p.UserIDs, numbers); err != nil {
		return err
	}
	return c.route(ctx, p.UserIDs, numbers)
}

// route publishes a routing configuration for each number: the US number
// greets callers with an IVR — 1 Sales rings the agents at once, 2 Support
// rings the admin, with voicemail — and the London number rings everyone
// in turn.
func (c *apiClient) route(ctx context.Context, users, numbers []int64) error {
	voice := map[string]any{"format": "text", "voice": "Polly.Joanna", "language": "en-US",
		"welcome":     map[string]any{"text": "Thank you for calling Demo Company."},
		"menu":        map[string]any{"text": "For ${Menu}, press ${Key press}."},
		"busy":        map[string]any{"text": "All our agents are busy. Please call again shortly."},
		"unavailable": map[string]any{"text": "We cannot take your call right now. Please leave a message after the tone."}}
	agents := users[1:]
	configs := []map[string]any{
		{"online": true, "mode": "ivr", "voice": voice, "hours": map[string]any{"always_open": true},
			"voicemail": map[string]any{"enabled": true, "max_length_seconds": 120},
			"menu": map[string]any{"options": []map[string]any{
				{"key": 1, "label": "Sales", "action": "ring", "group": map[string]any{"users": agents, "ring": "simultaneous", "timeout_seconds": 20}},
				{"key": 2, "label": "Support", "action": "ring", "group": map[string]any{"users": users[:1], "ring": "simultaneous", "timeout_seconds": 20}},
			}}},
		{"online": true, "mode": "direct", "voice": voice, "hours": map[string]any{"always_open": true},
			"group": map[string]any{"users": users, "ring": "sequential", "interval_seconds": 15}},
	}
	for i, n := range numbers {
		base := fmt.Sprintf("/api/v1/numbers/%d/routing", n)
		if err := c.do(ctx, "PUT", base, configs[i], nil); err != nil {
			return fmt.Errorf("demo telephony: routing draft: %w", err)
		}
		if err := c.do(ctx, "POST", base+"/publish", nil, nil); err != nil {
			return fmt.Errorf("demo telephony: publish routing: %w", err)
		}
	}
	return nil
}

func (c *apiClient) buy(ctx context.Context, provider int64, query string) (int64, error) {
	var avail struct {
		Items []struct {
			PhoneNumber string `json:"phone_number"`
		}
	}
	if err := c.do(ctx, "GET", fmt.Sprintf("/api/v1/providers/%d/available-numbers?%s", provider, query), nil, &avail); err != nil {
		return 0, err
	}
	if len(avail.Items) == 0 {
		return 0, fmt.Errorf("no number available")
	}
	var n struct{ ID int64 }
	err := c.do(ctx, "POST", fmt.Sprintf("/api/v1/providers/%d/numbers", provider), map[string]string{"phone_number": avail.Items[0].PhoneNumber}, &n)
	return n.ID, err
}

// assign makes every user an operator of both numbers and maps caller IDs:
// the first two users to the first number, the rest to the second.
func (c *apiClient) assign(ctx context.Context, users, numbers []int64) error {
	var ops []map[string]any
	for _, u := range users {
		ops = append(ops, map[string]any{"user_id": u, "outgoing": true, "recording": true})
	}
	for _, n := range numbers {
		if err := c.do(ctx, "PUT", fmt.Sprintf("/api/v1/numbers/%d/operators", n), map[string]any{"operators": ops}, nil); err != nil {
			return fmt.Errorf("demo telephony: operators: %w", err)
		}
	}
	for i, u := range users {
		n := numbers[min(i/2, len(numbers)-1)]
		if err := c.do(ctx, "PUT", fmt.Sprintf("/api/v1/users/%d/caller-id", u), map[string]any{"number_id": n}, nil); err != nil {
			return fmt.Errorf("demo telephony: caller id: %w", err)
		}
	}
	return nil
}

type apiClient struct {
	base, token string
	hc          *http.Client
}

func (c *apiClient) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}
