package twilio

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/switchboard/switchboard/internal/problem"
)

// SignatureHeader is the header Twilio signs webhook requests with.
const SignatureHeader = "X-Twilio-Signature"

// maxWebhookBody bounds the body VerifyRequest reads. Twilio's largest
// form parameters (an SMS body of 1600 characters, wire facts §5) are far
// below it.
const maxWebhookBody = 1 << 20

// Signature computes X-Twilio-Signature (wire facts §4 "Algorithm"): the
// base64 (padded) HMAC-SHA1, keyed with the auth token, of fullURL exactly
// as configured (any #fragment dropped) followed by every parameter as
// name+value with no separators, names in ascending byte order. A repeated
// name contributes each of its values, sorted and de-duplicated, as
// Twilio's node and python validators do. For GET webhooks and JSON bodies
// pass nil params: the signature covers the URL alone.
func Signature(authToken, fullURL string, params url.Values) string {
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write(append([]byte(withoutFragment(fullURL)), signedParams(params)...))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// withoutFragment is rawURL with any #fragment dropped.
func withoutFragment(rawURL string) string {
	if i := strings.IndexByte(rawURL, '#'); i >= 0 {
		return rawURL[:i]
	}
	return rawURL
}

// signedParams is what a signature covers after the URL: every parameter
// as name+value with no separators, names in ascending byte order, a
// repeated name's values sorted and de-duplicated. It is made once for
// all the URL's port variants (signedBy).
func signedParams(params url.Values) []byte {
	keys, size := make([]string, 0, len(params)), 0
	for k, vs := range params {
		keys = append(keys, k)
		for _, v := range vs {
			size += len(k) + len(v)
		}
	}
	slices.Sort(keys)
	b := make([]byte, 0, size)
	for _, k := range keys {
		vs := params[k]
		if len(vs) > 1 {
			vs = slices.Compact(slices.Sorted(slices.Values(vs)))
		}
		for _, v := range vs {
			b = append(append(b, k...), v...)
		}
	}
	return b
}

// VerifyRequest checks that r is a webhook Twilio signed with authToken.
// The signed URL is publicURL (the server's external base as Twilio sees
// it, e.g. "https://crm.example.com", without a trailing slash; include any
// prefix a proxy or http.StripPrefix removed) followed by
// r.URL.RequestURI(). The Host header is never used, so the check works
// behind a reverse proxy.
//
// The URL is accepted with and without the scheme's default port (:443,
// :80), and a URL with a port also without it, as Twilio's validators do
// (wire facts §4 "Ports"). Form POSTs are verified over their parameters;
// a URL with a bodySHA256 query parameter (Twilio's JSON webhooks) is
// verified over the URL alone and the body must hash to bodySHA256; GET
// requests are verified over the URL alone.
//
// VerifyRequest reads the body and puts an identical one back, so the
// handler can still call r.ParseForm (r.PostForm) or read r.Body. It
// returns nil when the request is genuine, otherwise a problem.Forbidden
// saying why.
func VerifyRequest(authToken, publicURL string, r *http.Request) error {
	sig := r.Header.Get(SignatureHeader)
	if sig == "" {
		return problem.New(problem.Forbidden, "the webhook request has no %s header", SignatureHeader)
	}
	full := strings.TrimSuffix(publicURL, "/") + r.URL.RequestURI()
	if sum := r.URL.Query().Get("bodySHA256"); sum != "" {
		return verifyJSON(authToken, full, sum, sig, r)
	}
	params, err := formParams(r)
	if err != nil {
		return err
	}
	if !signedBy(authToken, full, params, sig) {
		return problem.New(problem.Forbidden, "the webhook request's %s does not match", SignatureHeader)
	}
	return nil
}

// verifyJSON checks a body signed through the URL's bodySHA256 (wire facts
// §4 item 5).
func verifyJSON(authToken, full, sum, sig string, r *http.Request) error {
	if !signedBy(authToken, full, nil, sig) {
		return problem.New(problem.Forbidden, "the webhook request's %s does not match", SignatureHeader)
	}
	body, err := peekBody(r)
	if err != nil {
		return err
	}
	h := sha256.Sum256(body)
	if subtle.ConstantTimeCompare([]byte(hex.EncodeToString(h[:])), []byte(sum)) != 1 {
		return problem.New(problem.Forbidden, "the webhook request's body does not match its bodySHA256")
	}
	return nil
}

// formParams returns the POST form parameters that were signed: none for
// GET or an empty body. Any other body must be signed through bodySHA256.
func formParams(r *http.Request) (url.Values, error) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil, nil
	}
	if r.PostForm != nil { // the handler parsed the form already
		return r.PostForm, nil
	}
	body, err := peekBody(r)
	if err != nil {
		return nil, err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		if len(body) > 0 { // Twilio signs other bodies through bodySHA256
			return nil, problem.New(problem.Forbidden, "the webhook request's %s body is not covered by its signature (no bodySHA256)", ct)
		}
		return nil, nil
	}
	params, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, problem.Wrap(problem.Forbidden, err, "the webhook request's form body is malformed")
	}
	return params, nil
}

// peekBody reads r's body (at most maxWebhookBody) and replaces it with an
// identical, unread one.
func peekBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxWebhookBody+1))
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return nil, problem.Wrap(problem.Forbidden, err, "could not read the webhook request's body")
	}
	if len(body) > maxWebhookBody {
		return nil, problem.Wrap(problem.Forbidden, errors.New("body too large"), "the webhook request's body is larger than 1 MiB")
	}
	return body, nil
}

// signedBy reports whether sig is the signature of any port variant of
// full with params, comparing in constant time. The parameters are put
// in order once for all variants, and the first variant that matches
// ends the check: which one matched is no secret.
func signedBy(authToken, full string, params url.Values, sig string) bool {
	mac, signed := hmac.New(sha1.New, []byte(authToken)), signedParams(params)
	var buf []byte
	var sum [sha1.Size]byte
	var enc [28]byte // sum in padded base64
	for _, u := range portVariants(withoutFragment(full)) {
		buf = append(append(buf[:0], u...), signed...)
		mac.Reset()
		mac.Write(buf)
		got := base64.StdEncoding.AppendEncode(enc[:0], mac.Sum(sum[:0]))
		if subtle.ConstantTimeCompare(got, []byte(sig)) == 1 {
			return true
		}
	}
	return false
}

// portVariants returns rawURL as given and, textually (the rest of the URL
// is kept byte for byte), without its port when it has one, or with the
// scheme's default port when it has none.
func portVariants(rawURL string) []string {
	i := strings.Index(rawURL, "://")
	if i < 0 {
		return []string{rawURL}
	}
	rest := rawURL[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority := rest[:end]
	at := strings.LastIndexByte(authority, '@') + 1
	prefix, suffix := rawURL[:i+3]+authority[:at], rest[end:]
	host, port := splitHostPort(authority[at:])
	if port != "" {
		return []string{rawURL, prefix + host + suffix}
	}
	switch strings.ToLower(rawURL[:i]) {
	case "https":
		return []string{rawURL, prefix + host + ":443" + suffix}
	case "http":
		return []string{rawURL, prefix + host + ":80" + suffix}
	}
	return []string{rawURL}
}

// splitHostPort splits "host:port" or "[v6]:port"; port is "" when absent.
func splitHostPort(hp string) (host, port string) {
	if strings.HasPrefix(hp, "[") {
		if j := strings.LastIndexByte(hp, ']'); j >= 0 && j+1 < len(hp) && hp[j+1] == ':' {
			return hp[:j+1], hp[j+2:]
		}
		return hp, ""
	}
	if j := strings.LastIndexByte(hp, ':'); j >= 0 {
		return hp[:j], hp[j+1:]
	}
	return hp, ""
}
