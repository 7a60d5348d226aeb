package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
)

// jsonDo sends body (nil = none) as JSON with method to url, with a bearer
// token when token is not empty, and decodes a 2xx answer into out; any
// other answer becomes failed(status, body)'s error.
func jsonDo(ctx context.Context, method, url, token string, body, out any, failed func(int, []byte) error) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return failed(resp.StatusCode, raw)
	}
	return json.Unmarshal(raw, out)
}
