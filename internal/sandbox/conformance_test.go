package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// specPath is Twilio's OpenAPI description of the 2010 API, beside the repo.
const specPath = "../../../shared/reference/twilio-oai/twilio_api_v2010.json"

// requiredFields are the keys Twilio's documented example bodies always
// carry (twilio-python tests/integration/api/v2010 fixtures, wire facts
// §5 [PY-FIX]); the spec itself marks nothing required, so without this
// list a missing field would pass.
var requiredFields = map[string][]string{
	"api.v2010.account": {"auth_token", "date_created", "date_updated", "friendly_name", "owner_account_sid", "sid", "status", "subresource_uris", "type", "uri"},
	"api.v2010.account.incoming_phone_number": {"account_sid", "address_requirements", "api_version", "beta", "capabilities", "date_created",
		"date_updated", "friendly_name", "identity_sid", "phone_number", "origin", "sid", "sms_application_sid", "sms_fallback_method",
		"sms_fallback_url", "sms_method", "sms_url", "status_callback", "status_callback_method", "trunk_sid", "uri", "voice_application_sid",
		"voice_caller_id_lookup", "voice_fallback_method", "voice_fallback_url", "voice_method", "voice_url", "emergency_status",
		"emergency_address_sid", "bundle_sid", "status"},
	"api.v2010.account.available_phone_number_country.available_phone_number_local": {"friendly_name", "phone_number", "lata", "locality",
		"rate_center", "latitude", "longitude", "region", "postal_code", "iso_country", "address_requirements", "beta", "capabilities"},
	"api.v2010.account.available_phone_number_country.available_phone_number_mobile": {"friendly_name", "phone_number", "lata", "locality",
		"rate_center", "latitude", "longitude", "region", "postal_code", "iso_country", "address_requirements", "beta", "capabilities"},
	"api.v2010.account.available_phone_number_country.available_phone_number_toll_free": {"friendly_name", "phone_number", "lata", "locality",
		"rate_center", "latitude", "longitude", "region", "postal_code", "iso_country", "address_requirements", "beta", "capabilities"},
	"api.v2010.account.call": {"account_sid", "answered_by", "api_version", "caller_name", "date_created", "date_updated", "direction",
		"duration", "end_time", "forwarded_from", "from", "from_formatted", "group_sid", "parent_call_sid", "phone_number_sid", "price",
		"price_unit", "sid", "start_time", "status", "subresource_uris", "to", "to_formatted", "trunk_sid", "uri", "queue_time"},
	"api.v2010.account.conference": {"account_sid", "api_version", "date_created", "date_updated", "friendly_name", "region", "sid",
		"status", "subresource_uris", "uri"},
	"api.v2010.account.conference.participant": {"account_sid", "call_sid", "conference_sid", "date_created", "date_updated",
		"end_conference_on_exit", "muted", "hold", "status", "start_conference_on_enter", "uri"},
	"api.v2010.account.queue":        {"account_sid", "average_wait_time", "current_size", "date_created", "date_updated", "friendly_name", "max_size", "sid", "uri"},
	"api.v2010.account.queue.member": {"call_sid", "date_enqueued", "position", "uri", "wait_time"},
	"api.v2010.account.recording": {"account_sid", "api_version", "call_sid", "conference_sid", "channels", "date_created", "date_updated",
		"start_time", "price", "price_unit", "duration", "sid", "source", "status", "error_code", "uri", "subresource_uris", "encryption_details"},
	// The call-recording list has no fixture in hand: its list is the
	// spec's property list minus fields Twilio only sets on request.
	"api.v2010.account.call.call_recording": {"account_sid", "api_version", "call_sid", "conference_sid", "date_created",
		"date_updated", "start_time", "duration", "sid", "price", "uri", "encryption_details", "price_unit", "status", "channels",
		"source", "error_code", "track"},
	// Applications and keys: the spec's property lists (no fixture in hand).
	"api.v2010.account.application": {"account_sid", "api_version", "date_created", "date_updated", "friendly_name",
		"message_status_callback", "sid", "sms_fallback_method", "sms_fallback_url", "sms_method", "sms_status_callback", "sms_url",
		"status_callback", "status_callback_method", "uri", "voice_caller_id_lookup", "voice_fallback_method", "voice_fallback_url",
		"voice_method", "voice_url"},
	"api.v2010.account.key":     {"sid", "friendly_name", "date_created", "date_updated"},
	"api.v2010.account.new_key": {"sid", "friendly_name", "date_created", "date_updated", "secret"},
	"api.v2010.account.message": {"account_sid", "api_version", "body", "date_created", "date_sent", "date_updated", "direction",
		"error_code", "error_message", "from", "messaging_service_sid", "num_media", "num_segments", "price", "price_unit", "sid",
		"status", "subresource_uris", "to", "uri"},
}

// pageFields are the list envelope's keys (wire facts §5 "Pagination").
var pageFields = []string{"first_page_uri", "next_page_uri", "previous_page_uri", "page", "page_size", "start", "end", "uri"}

// captured is one REST exchange seen by the recording transport.
type captured struct {
	method, path string
	status       int
	body         []byte
}

type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	got  []captured
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	r.mu.Lock()
	r.got = append(r.got, captured{method: req.Method, path: req.URL.Path, status: resp.StatusCode, body: body})
	r.mu.Unlock()
	return resp, nil
}

// TestOpenAPIConformance drives every endpoint the sandbox serves through
// twilio-go and validates each response body against
// twilio_api_v2010.json (types, enums, patterns, formats) plus the
// required-field lists above.
func TestOpenAPIConformance(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	e := newEnv(t, "Full")
	u, _ := url.Parse(e.srv.URL + "/sandbox")
	rec := &recorder{next: rewrite{u}}
	c := &client.Client{Credentials: client.NewCredentials(e.acct.SID, e.acct.AuthToken), HTTPClient: &http.Client{Transport: rec}}
	c.SetAccountSid(e.acct.SID)
	exerciseAPI(t, e, openapi.NewApiServiceWithClient(c))
	seen := map[string]bool{}
	for _, x := range rec.got {
		route := findRoute(doc, x.path)
		if route == "" {
			t.Errorf("%s %s: no such path in the spec", x.method, x.path)
			continue
		}
		seen[x.method+" "+route] = true
		t.Run(fmt.Sprintf("%s %s %d", x.method, strings.TrimPrefix(route, "/2010-04-01/Accounts/{AccountSid}"), x.status), func(t *testing.T) {
			checkResponse(t, doc, route, x)
		})
	}
	if len(seen) < 30 {
		t.Errorf("only %d operations exercised: %v", len(seen), keys(seen))
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specPath)
	if err != nil {
		t.Fatalf("loading %s: %v", specPath, err)
	}
	// Every property in the spec is nullable (wire facts §11), but enum
	// types are shared $ref schemas that do not say so, although their
	// descriptions do ("When a conference is in progress, will be null").
	for _, sr := range doc.Components.Schemas {
		if len(sr.Value.Enum) > 0 {
			sr.Value.Nullable = true
		}
	}
	return doc
}

var templateVar = regexp.MustCompile(`\\\{[^}]+\\\}`)

// findRoute maps a concrete path to the spec's path template.
func findRoute(doc *openapi3.T, p string) string {
	for tmpl := range doc.Paths.Map() {
		re := "^" + templateVar.ReplaceAllString(regexp.QuoteMeta(tmpl), `[^/]+`) + "$"
		if regexp.MustCompile(re).MatchString(p) {
			return tmpl
		}
	}
	return ""
}

func checkResponse(t *testing.T, doc *openapi3.T, route string, x captured) {
	op := doc.Paths.Value(route).GetOperation(x.method)
	if op == nil {
		t.Fatalf("operation not in the spec")
	}
	if x.status >= 400 {
		checkErrorBody(t, x.body, x.status)
		return
	}
	resp := op.Responses.Status(x.status)
	if resp == nil {
		t.Fatalf("status %d is not documented for this operation", x.status)
	}
	if x.status == 204 {
		if len(x.body) != 0 {
			t.Errorf("204 with a body: %q", x.body)
		}
		return
	}
	mt := resp.Value.Content.Get("application/json")
	var v any
	if err := json.Unmarshal(x.body, &v); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	if err := mt.Schema.Value.VisitJSON(v, schemaOptions()...); err != nil {
		t.Errorf("response does not match the spec: %v", err)
	}
	checkRequired(t, mt.Schema, v)
}

func checkRequired(t *testing.T, sr *openapi3.SchemaRef, v any) {
	obj, _ := v.(map[string]any)
	if name := strings.TrimPrefix(sr.Ref, "#/components/schemas/"); sr.Ref != "" {
		want, ok := requiredFields[name]
		if !ok {
			t.Errorf("no required-field list for %s", name)
		}
		missing(t, name, want, obj)
		return
	}
	isList := false
	for key, prop := range sr.Value.Properties {
		if prop.Value.Items != nil && prop.Value.Items.Ref != "" {
			isList = true
			items, _ := obj[key].([]any)
			for _, it := range items {
				checkRequired(t, prop.Value.Items, it)
			}
		}
	}
	// The AvailablePhoneNumbers fixture has only uri and the list (wire
	// facts §5 "Pagination"); every other list carries the page keys.
	if _, avail := obj["available_phone_numbers"]; isList && !avail {
		missing(t, "list envelope", pageFields, obj)
	}
}

func missing(t *testing.T, what string, want []string, obj map[string]any) {
	for _, k := range want {
		if _, ok := obj[k]; !ok {
			t.Errorf("%s lacks %q", what, k)
		}
	}
}

// checkErrorBody: there is no error schema in the spec; the shape comes
// from twilio-go's TwilioRestError (wire facts §5 "Error body").
func checkErrorBody(t *testing.T, body []byte, status int) {
	var e struct {
		Code     *int    `json:"code"`
		Message  *string `json:"message"`
		MoreInfo *string `json:"more_info"`
		Status   *int    `json:"status"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Code == nil || e.Message == nil || e.MoreInfo == nil || e.Status == nil {
		t.Fatalf("error body %s lacks code/message/more_info/status (%v)", body, err)
	}
	if *e.Status != status || *e.MoreInfo != fmt.Sprintf("https://www.twilio.com/docs/errors/%d", *e.Code) {
		t.Errorf("error body %s: status or more_info inconsistent", body)
	}
}

type formatFunc func(string) error

func (f formatFunc) Validate(s string) error { return f(s) }

var phoneLike = regexp.MustCompile(`^(\+?[0-9 ()\-]{2,20}|client:[^\s]+|sip:[^\s]+)$`)

// schemaOptions validate Twilio's custom string formats (wire facts §11
// "Custom formats").
func schemaOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{
		openapi3.MultiErrors(), openapi3.EnableFormatValidation(), openapi3.VisitAsResponse(),
		openapi3.WithStringFormatValidators(map[string]openapi3.StringFormatValidator{
			"date-time-rfc-2822": formatFunc(func(s string) error { _, err := time.Parse(rfc2822, s); return err }),
			"phone-number": formatFunc(func(s string) error {
				if !phoneLike.MatchString(s) {
					return fmt.Errorf("%q is not a phone number", s)
				}
				return nil
			}),
			// Twilio's own example bodies put relative references (page
			// URIs) in "uri" fields, so any URI reference passes.
			"uri": formatFunc(func(s string) error { _, err := url.Parse(s); return err }),
			"http-method": formatFunc(func(s string) error {
				if s != "GET" && s != "POST" {
					return fmt.Errorf("%q is not GET or POST", s)
				}
				return nil
			}),
			"currency": formatFunc(func(s string) error {
				if !regexp.MustCompile(`^[A-Z]{3}$`).MatchString(s) {
					return fmt.Errorf("%q is not an ISO 4217 code", s)
				}
				return nil
			}),
			"iso-country-code": formatFunc(func(s string) error {
				if !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(s) {
					return fmt.Errorf("%q is not an ISO 3166 code", s)
				}
				return nil
			}),
			"email": formatFunc(func(s string) error { _, err := mail.ParseAddress(s); return err }),
		}),
	}
}
