package sandbox

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"sort"
	"strings"
)

// Sign computes X-Twilio-Signature for a webhook request: HMAC-SHA1 keyed
// with the auth token over the URL exactly as configured (fragment
// removed) followed by every POST parameter as name+value, names sorted
// byte-wise, and a repeated name's values sorted and de-duplicated; the
// digest is base64 with padding (wire facts §4 "Algorithm"). For GET
// webhooks pass nil params: the parameters are already in the URL.
func Sign(authToken, rawURL string, params url.Values) string {
	if i := strings.IndexByte(rawURL, '#'); i >= 0 {
		rawURL = rawURL[:i]
	}
	var b strings.Builder
	b.WriteString(rawURL)
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range uniqueSorted(params[k]) {
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func uniqueSorted(vs []string) []string {
	out := append([]string(nil), vs...)
	sort.Strings(out)
	n := 0
	for i, v := range out {
		if i == 0 || v != out[n-1] {
			out[n] = v
			n++
		}
	}
	return out[:n]
}
