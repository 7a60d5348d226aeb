package sandbox

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const apiVersion = "2010-04-01"

// rfc2822 is the date format of every REST date (wire facts §5 "Dates").
const rfc2822 = "Mon, 02 Jan 2006 15:04:05 -0700"

func fmtDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(rfc2822)
	return &s
}

// ns returns nil for "" so the field is emitted as JSON null, as Twilio
// emits nulls explicitly (wire facts §5 "Types").
func ns(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// rest is one REST request after routing and authentication.
type rest struct {
	s    *Sandbox
	w    http.ResponseWriter
	r    *http.Request
	acct *account
	args []string // captured path segments after the account SID
	ext  string   // extension of the last segment: json, mp3, wav or ""
	form url.Values
}

type route struct {
	method  string
	pattern string // segments after /Accounts/{AC}; "*" captures one
	h       func(*rest) error
	noAuth  bool
}

// compiledRoute is a route with its pattern split on "/".
type compiledRoute struct {
	route
	segs []string
}

// compileRoutes splits every pattern once.
func compileRoutes(rs []route) []compiledRoute {
	out := make([]compiledRoute, len(rs))
	for i, r := range rs {
		out[i].route = r
		if r.pattern != "" {
			out[i].segs = strings.Split(r.pattern, "/")
		}
	}
	return out
}

func (s *Sandbox) routes() []route {
	return []route{
		{"GET", "", (*rest).fetchAccount, false},
		{"GET", "IncomingPhoneNumbers", (*rest).listNumbers, false},
		{"POST", "IncomingPhoneNumbers", (*rest).createNumber, false},
		{"POST", "IncomingPhoneNumbers/Local", (*rest).createNumber, false},
		{"POST", "IncomingPhoneNumbers/Mobile", (*rest).createNumber, false},
		{"POST", "IncomingPhoneNumbers/TollFree", (*rest).createNumber, false},
		{"GET", "IncomingPhoneNumbers/*", (*rest).fetchNumber, false},
		{"POST", "IncomingPhoneNumbers/*", (*rest).updateNumber, false},
		{"DELETE", "IncomingPhoneNumbers/*", (*rest).deleteNumber, false},
		{"GET", "AvailablePhoneNumbers/*/*", (*rest).listAvailable, false},
		{"GET", "Calls", (*rest).listCalls, false},
		{"POST", "Calls", (*rest).createCall, false},
		{"GET", "Calls/*", (*rest).fetchCall, false},
		{"POST", "Calls/*", (*rest).updateCall, false},
		{"GET", "Calls/*/Recordings", (*rest).listCallRecordings, false},
		{"POST", "Calls/*/Recordings", (*rest).createCallRecording, false},
		{"GET", "Calls/*/Recordings/*", (*rest).fetchCallRecording, false},
		{"POST", "Calls/*/Recordings/*", (*rest).updateCallRecording, false},
		{"DELETE", "Calls/*/Recordings/*", (*rest).deleteCallRecording, false},
		{"GET", "Conferences", (*rest).listConferences, false},
		{"GET", "Conferences/*", (*rest).fetchConference, false},
		{"POST", "Conferences/*", (*rest).updateConference, false},
		{"GET", "Conferences/*/Participants", (*rest).listParticipants, false},
		{"POST", "Conferences/*/Participants", (*rest).createParticipant, false},
		{"GET", "Conferences/*/Participants/*", (*rest).fetchParticipant, false},
		{"POST", "Conferences/*/Participants/*", (*rest).updateParticipant, false},
		{"DELETE", "Conferences/*/Participants/*", (*rest).deleteParticipant, false},
		{"GET", "Queues", (*rest).listQueues, false},
		{"POST", "Queues", (*rest).createQueue, false},
		{"GET", "Queues/*", (*rest).fetchQueue, false},
		{"POST", "Queues/*", (*rest).updateQueue, false},
		{"DELETE", "Queues/*", (*rest).deleteQueue, false},
		{"GET", "Queues/*/Members", (*rest).listMembers, false},
		{"GET", "Queues/*/Members/*", (*rest).fetchMember, false},
		{"POST", "Queues/*/Members/*", (*rest).updateMember, false},
		{"GET", "Recordings", (*rest).listRecordings, false},
		{"GET", "Recordings/*", (*rest).fetchRecording, true},
		{"DELETE", "Recordings/*", (*rest).deleteRecording, false},
		{"GET", "Applications", (*rest).listApplications, false},
		{"POST", "Applications", (*rest).createApplication, false},
		{"GET", "Applications/*", (*rest).fetchApplication, false},
		{"POST", "Applications/*", (*rest).updateApplication, false},
		{"DELETE", "Applications/*", (*rest).deleteApplication, false},
		{"GET", "Keys", (*rest).listKeys, false},
		{"POST", "Keys", (*rest).createKey, false},
		{"GET", "Keys/*", (*rest).fetchKey, false},
		{"POST", "Keys/*", (*rest).updateKey, false},
		{"DELETE", "Keys/*", (*rest).deleteKey, false},
		{"GET", "Messages", (*rest).listMessages, false},
		{"POST", "Messages", (*rest).createMessage, false},
		{"GET", "Messages/*", (*rest).fetchMessage, false},
		{"DELETE", "Messages/*", (*rest).deleteMessage, false},
	}
}

// serveREST handles /2010-04-01/Accounts/...
func (s *Sandbox) serveREST(w http.ResponseWriter, r *http.Request) {
	segs, ext, ok := splitRESTPath(r.URL.Path)
	if !ok {
		writeAPIError(w, newAPIError(404, 20404, "The requested resource %s was not found", r.URL.Path))
		return
	}
	rt, args, ok := s.match(r.Method, segs[1:])
	if !ok {
		writeAPIError(w, newAPIError(404, 20404, "The requested resource %s was not found", r.URL.Path))
		return
	}
	rc := &rest{s: s, w: w, r: r, args: args, ext: ext}
	if err := rc.authenticate(segs[0], rt.noAuth && ext != "json"); err != nil {
		writeAPIError(w, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		writeAPIError(w, newAPIError(400, 20001, "Could not parse the request body: %v", err))
		return
	}
	rc.form = r.Form
	if err := rt.h(rc); err != nil {
		writeAPIError(w, err)
	}
}

// splitRESTPath splits "/2010-04-01/Accounts/AC…/Calls/CA….json" into
// ["AC…", "Calls", "CA…"] and the extension "json".
func splitRESTPath(p string) ([]string, string, bool) {
	const prefix = "/" + apiVersion + "/Accounts/"
	if !strings.HasPrefix(p, prefix) {
		return nil, "", false
	}
	segs := strings.Split(strings.TrimPrefix(p, prefix), "/")
	last := segs[len(segs)-1]
	ext := ""
	if i := strings.LastIndexByte(last, '.'); i >= 0 {
		ext = last[i+1:]
		segs[len(segs)-1] = last[:i]
	}
	if segs[0] == "" {
		return nil, "", false
	}
	return segs, ext, true
}

func (s *Sandbox) match(method string, segs []string) (route, []string, bool) {
	for _, rt := range s.table {
		if rt.method != method && !(method == "HEAD" && rt.method == "GET") {
			continue
		}
		if len(rt.segs) != len(segs) {
			continue
		}
		if args, ok := matchSegs(rt.segs, segs); ok {
			return rt.route, args, true
		}
	}
	return route{}, nil, false
}

func matchSegs(pat, segs []string) ([]string, bool) {
	var args []string
	for i, p := range pat {
		switch {
		case p == "*":
			args = append(args, segs[i])
		case p != segs[i]:
			return nil, false
		}
	}
	return args, true
}

// authenticate checks HTTP Basic credentials against the path's account:
// its Account SID and Auth Token, or one of its API keys (SK… and secret).
// Twilio answers 401 with error 20003 (wire facts §5 error codes).
func (rc *rest) authenticate(pathSID string, public bool) error {
	user, pass, ok := rc.r.BasicAuth()
	rc.s.mu.Lock()
	a := rc.s.accounts[pathSID]
	byKey := ok && a != nil && rc.s.keyAuthenticates(a.sid, user, pass)
	rc.s.mu.Unlock()
	if public && a != nil || byKey {
		rc.acct = a
		return nil
	}
	if !ok || a == nil || user != a.sid ||
		subtle.ConstantTimeCompare([]byte(pass), []byte(a.token)) != 1 {
		rc.w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
		return newAPIError(401, 20003, "Authenticate")
	}
	rc.acct = a
	return nil
}

func writeAPIError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = newAPIError(500, 20500, "Internal Server Error")
	}
	writeJSON(w, ae.Status, ae)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// base is the REST path of the account: /2010-04-01/Accounts/AC….
func (rc *rest) base() string { return "/" + apiVersion + "/Accounts/" + rc.acct.sid }

func (rc *rest) notFound() error {
	return newAPIError(404, 20404, "The requested resource %s was not found", rc.r.URL.Path)
}

// values returns every value of key, accepting both repeated keys and
// space-separated lists (wire facts §3 "Sending several events").
func (rc *rest) values(key string) []string {
	var out []string
	for _, v := range rc.form[key] {
		out = append(out, strings.Fields(v)...)
	}
	return out
}

func (rc *rest) has(key string) bool { _, ok := rc.form[key]; return ok }

func (rc *rest) get(key string) string { return rc.form.Get(key) }

// boolParam parses a Twilio boolean ("true"/"false", case-insensitive).
func (rc *rest) boolParam(key string) (bool, bool, error) {
	if !rc.has(key) {
		return false, false, nil
	}
	b, err := strconv.ParseBool(strings.ToLower(rc.get(key)))
	if err != nil {
		return false, true, newAPIError(400, 21218, "Invalid value for %s: %q is not a boolean", key, rc.get(key))
	}
	return b, true, nil
}

func (rc *rest) method(key, def string) (string, error) {
	m := strings.ToUpper(rc.get(key))
	switch m {
	case "":
		return def, nil
	case "GET", "POST":
		return m, nil
	}
	return "", newAPIError(400, 21205, "%s must be GET or POST, not %q", key, rc.get(key))
}

// page is Twilio's list envelope (wire facts §5 "Pagination").
func (rc *rest) page(listKey string, items []any) error {
	size, err := rc.intParam("PageSize", 50, 1, 1000)
	if err != nil {
		return err
	}
	pg, err := rc.intParam("Page", 0, 0, 1<<30)
	if err != nil {
		return err
	}
	start := min(pg*size, len(items))
	end := min(start+size, len(items))
	body := map[string]any{
		listKey:             emptyIfNil(items[start:end]),
		"page":              pg,
		"page_size":         size,
		"start":             start,
		"end":               max(end-1, start),
		"uri":               rc.pageURI(size, pg),
		"first_page_uri":    rc.pageURI(size, 0),
		"previous_page_uri": nil,
		"next_page_uri":     nil,
	}
	if pg > 0 {
		body["previous_page_uri"] = rc.pageURI(size, pg-1)
	}
	if end < len(items) {
		body["next_page_uri"] = rc.pageURI(size, pg+1) + "&PageToken=PA" + strconv.Itoa(end)
	}
	writeJSON(rc.w, 200, body)
	return nil
}

func emptyIfNil(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}

// pageURI keeps the request's filters and sets PageSize and Page.
func (rc *rest) pageURI(size, pg int) string {
	q := url.Values{}
	for k, v := range rc.r.URL.Query() {
		if k != "Page" && k != "PageSize" && k != "PageToken" {
			q[k] = v
		}
	}
	prefix := q.Encode()
	if prefix != "" {
		prefix += "&"
	}
	return rc.r.URL.Path + "?" + prefix + "PageSize=" + strconv.Itoa(size) + "&Page=" + strconv.Itoa(pg)
}

func (rc *rest) intParam(key string, def, lo, hi int) (int, error) {
	if rc.get(key) == "" {
		return def, nil
	}
	n, err := strconv.Atoi(rc.get(key))
	if err != nil || n < lo || n > hi {
		return 0, newAPIError(400, 20001, "Invalid %s: %q must be an integer between %d and %d", key, rc.get(key), lo, hi)
	}
	return n, nil
}

func (rc *rest) subURIs(base string, names ...string) map[string]string {
	m := map[string]string{}
	for _, n := range names {
		m[strings.ToLower(snake(n))] = base + "/" + n + ".json"
	}
	return m
}

// snake turns "IncomingPhoneNumbers" into "incoming_phone_numbers".
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return b.String()
}
