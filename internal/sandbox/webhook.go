package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// maxTwiML is the largest TwiML response Twilio accepts; larger ones are
// error 11750 (wire facts §1 "Expected response").
const maxTwiML = 64 << 10

// hook is one webhook request the sandbox sends.
type hook struct {
	purpose string // voice, action, status-callback, wait-url, ...
	url     string
	method  string
	params  url.Values
}

// hookResult is what came back.
type hookResult struct {
	status      int
	contentType string
	body        []byte
	errCode     int // 0, 11200, 11205 or 11750
	err         string
}

// send performs a signed webhook request as Twilio does: form-encoded POST
// (or GET with the parameters in the query), X-Twilio-Signature over the
// URL as configured, I-Twilio-Idempotency-Token and TwilioProxy/1.1 (wire
// facts §1 "Headers Twilio sends"). The URL fragment (connection
// overrides) is stripped before sending.
func (s *Sandbox) send(token string, h hook) (*http.Request, hookResult) {
	target := h.url
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target = target[:i]
	}
	var body io.Reader
	sig := ""
	if h.method == "GET" {
		target = appendQuery(target, h.params)
		sig = Sign(token, target, nil)
	} else {
		body = strings.NewReader(h.params.Encode())
		sig = Sign(token, target, h.params)
	}
	req, err := http.NewRequestWithContext(context.Background(), h.method, target, body)
	if err != nil {
		return nil, hookResult{errCode: 11200, err: err.Error()}
	}
	if h.method != "GET" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("X-Twilio-Signature", sig)
	req.Header.Set("I-Twilio-Idempotency-Token", newUUID())
	req.Header.Set("User-Agent", "TwilioProxy/1.1")
	return req, s.do(req)
}

func (s *Sandbox) do(req *http.Request) hookResult {
	resp, err := s.hc.Do(req)
	if err != nil {
		code := 11205 // HTTP connection failure
		if strings.Contains(err.Error(), "Timeout") || strings.Contains(err.Error(), "deadline") {
			code = 11200
		}
		return hookResult{errCode: code, err: err.Error()}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxTwiML+1))
	r := hookResult{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: data}
	switch {
	case err != nil:
		r.errCode, r.err = 11200, err.Error()
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		r.errCode, r.err = 11200, fmt.Sprintf("HTTP %d", resp.StatusCode)
	case len(data) > maxTwiML:
		r.errCode, r.err = 11750, "response body larger than 64 kB"
	}
	return r
}

func appendQuery(u string, params url.Values) string {
	if len(params) == 0 {
		return u
	}
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + params.Encode()
}

// resolveURL resolves ref against the document it appeared in (wire facts
// §2 "Relative URLs").
func resolveURL(base, ref string) string {
	ref = strings.TrimSpace(ref)
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

// flat turns form values into a sorted single-value map for transcripts.
func flat(v url.Values) map[string]string {
	m := make(map[string]string, len(v))
	for k, vs := range v {
		m[k] = strings.Join(vs, ",")
	}
	return m
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
