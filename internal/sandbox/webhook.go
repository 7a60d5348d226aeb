package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
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
// facts §1 "Headers Twilio sends"). The URL fragment holds connection
// overrides (wire facts §2 "Webhook timeouts"); it is stripped before
// sending and applied: tt bounds each attempt, and a failure matching rp
// is retried up to rc times with the same idempotency token.
func (s *Sandbox) send(ctx context.Context, token string, h hook) (*http.Request, hookResult) {
	target, fragment, _ := strings.Cut(h.url, "#")
	ov, err := parseOverrides(fragment)
	if err != nil {
		return nil, hookResult{errCode: 11243, err: err.Error()}
	}
	sig := ""
	if h.method == "GET" {
		target = appendQuery(target, h.params)
		sig = Sign(token, target, nil)
	} else {
		sig = Sign(token, target, h.params)
	}
	idem := newUUID()
	var req *http.Request
	var res hookResult
	for attempt := 0; attempt <= ov.retries; attempt++ {
		req, res = s.attempt(ctx, h, target, sig, idem, ov.total)
		if res.errCode == 0 || !ov.retryOn(res) {
			break
		}
	}
	return req, res
}

func (s *Sandbox) attempt(ctx context.Context, h hook, target, sig, idem string, total time.Duration) (*http.Request, hookResult) {
	var body io.Reader
	if h.method != "GET" {
		body = strings.NewReader(h.params.Encode())
	}
	ctx, cancel := context.WithTimeout(ctx, total)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, h.method, target, body)
	if err != nil {
		return nil, hookResult{errCode: 11200, err: err.Error()}
	}
	if h.method != "GET" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("X-Twilio-Signature", sig)
	req.Header.Set("I-Twilio-Idempotency-Token", idem)
	req.Header.Set("User-Agent", "TwilioProxy/1.1")
	return req, s.do(req)
}

// overrides are the connection-override settings of a webhook URL.
type overrides struct {
	total   time.Duration
	retries int
	policy  map[string]bool // ct, rt, 4xx, 5xx, all
}

// parseOverrides reads "ct=2000&rt=10000&tt=14000&rc=3&rp=ct,5xx"; the
// defaults are tt 15000 ms, rc 1, rp ct. An unknown rp is error 11243.
func parseOverrides(fragment string) (overrides, error) {
	ov := overrides{total: 15 * time.Second, retries: 1, policy: map[string]bool{"ct": true}}
	q, err := url.ParseQuery(fragment)
	if err != nil {
		return ov, err
	}
	if v, err := strconv.Atoi(q.Get("tt")); err == nil && v >= 100 && v <= 15000 {
		ov.total = time.Duration(v) * time.Millisecond
	}
	if v, err := strconv.Atoi(q.Get("rc")); err == nil && v >= 0 && v <= 5 {
		ov.retries = v
	}
	if rp := q.Get("rp"); rp != "" {
		ov.policy = map[string]bool{}
		for _, p := range strings.Split(rp, ",") {
			switch p {
			case "ct", "rt", "4xx", "5xx", "all":
				ov.policy[p] = true
			default:
				return ov, fmt.Errorf("invalid retry policy %q in the URL's connection overrides", p)
			}
		}
	}
	return ov, nil
}

func (ov overrides) retryOn(r hookResult) bool {
	switch {
	case ov.policy["all"]:
		return true
	case r.errCode == 11205:
		return ov.policy["ct"]
	case r.status >= 500:
		return ov.policy["5xx"]
	case r.status >= 400:
		return ov.policy["4xx"]
	case r.status == 0:
		return ov.policy["rt"] // timeout or read failure
	}
	return false
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

// do sends one attempt and classifies failures: 11205 when the connection
// fails, 11200 for a timeout or a non-2xx answer, 11750 for a body over
// 64 kB.
func (s *Sandbox) do(req *http.Request) hookResult {
	resp, err := s.hc.Do(req)
	if err != nil {
		code := 11205
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
