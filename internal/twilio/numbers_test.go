package twilio

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/switchboard/switchboard/internal/problem"
)

var fullCaps = Capabilities{Voice: true, SMS: true, MMS: true}

func hooks(base string) Webhooks {
	return Webhooks{
		VoiceURL: base + "/voice", VoiceMethod: "POST",
		VoiceFallbackURL: base + "/voice-fallback", VoiceFallbackMethod: "GET",
		StatusCallback: base + "/status", StatusCallbackMethod: "POST",
		SMSURL: base + "/sms", SMSMethod: "GET",
		SMSFallbackURL: base + "/sms-fallback", SMSFallbackMethod: "POST",
	}
}

// noHooks is what a number shows with no URLs: methods default to POST
// (wire facts §5 IncomingPhoneNumbers "VoiceMethod (POST)").
var noHooks = Webhooks{VoiceMethod: "POST", VoiceFallbackMethod: "POST", StatusCallbackMethod: "POST",
	SMSMethod: "POST", SMSFallbackMethod: "POST"}

func TestBuyNumber(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{})
	ctx := context.Background()
	got, err := cl.BuyNumber(ctx, "+14155550100", hooks("https://crm.example.com/hooks"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.SID, "PN") || len(got.SID) != 34 {
		t.Errorf("SID = %q, want PN + 32 hex", got.SID)
	}
	want := Number{SID: got.SID, PhoneNumber: "+14155550100", FriendlyName: "(415) 555-0100",
		Capabilities: fullCaps, Webhooks: hooks("https://crm.example.com/hooks")}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("bought number mismatch (-want +got):\n%s", d)
	}
	fetched, err := cl.IncomingNumber(ctx, got.SID)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, fetched); d != "" {
		t.Errorf("fetched number mismatch (-want +got):\n%s", d)
	}
}

func TestBuyNumberRefused(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	ctx := context.Background()
	full, _ := c.client(t, "Full", Options{})
	if _, err := full.BuyNumber(ctx, "+12125550100", Webhooks{}); err != nil {
		t.Fatal(err)
	}
	trial, _ := c.client(t, "Trial", Options{})
	if _, err := trial.BuyNumber(ctx, "+13125550100", Webhooks{}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cl     *Client
		phone  string
		kind   problem.Kind
		code   int
		fields []string
	}{
		// A trial account may own one number: error 10002 (wire facts §9).
		{"trial second number", trial, "+13125550101", problem.Conflict, 10002, nil},
		{"not E.164", full, "4155550100", problem.Invalid, 21421, []string{"phone_number"}},
		{"already owned", full, "+12125550100", problem.Invalid, 21422, []string{"phone_number"}},
		{"empty", full, "", problem.Invalid, 0, []string{"phone_number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := tt.cl.BuyNumber(ctx, tt.phone, Webhooks{})
			pe := wantProblem(t, err, tt.kind)
			if got := CarrierCode(err); got != tt.code {
				t.Errorf("CarrierCode = %d, want %d", got, tt.code)
			}
			if tt.code != 0 && !strings.Contains(pe.Message, "Twilio error") {
				t.Errorf("message %q lacks Twilio's code", pe.Message)
			}
			if d := cmp.Diff(tt.fields, slices.Collect(maps.Keys(pe.Fields))); d != "" {
				t.Errorf("fields mismatch (-want +got):\n%s", d)
			}
		})
	}
}

// TestIncomingNumbersPages lists more numbers than fit on a page: the
// client follows next_page_uri (wire facts §5 "Pagination").
func TestIncomingNumbersPages(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{PageSize: 2})
	ctx := context.Background()
	var want []Number
	for _, p := range []string{"+16175550100", "+16175550101", "+16175550102", "+16175550103", "+16175550104"} {
		n, err := cl.BuyNumber(ctx, p, Webhooks{VoiceURL: "https://crm.example.com/voice"})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, n)
	}
	got, err := cl.IncomingNumbers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Twilio documents no order for this list; compare as a set.
	byPhone := cmpopts.SortSlices(func(a, b Number) bool { return a.PhoneNumber < b.PhoneNumber })
	if d := cmp.Diff(want, got, byPhone); d != "" {
		t.Errorf("numbers mismatch (-want +got):\n%s", d)
	}
	other, _ := c.client(t, "Full", Options{})
	none, err := other.IncomingNumbers(ctx)
	if err != nil || len(none) != 0 {
		t.Errorf("another account's numbers = %v, %v; want none", none, err)
	}
}

func TestIncomingNumberNotFound(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{})
	tests := []struct {
		name string
		sid  string
		kind problem.Kind
		msg  string
	}{
		{"unknown SID", "PN0123456789abcdef0123456789abcdef", problem.NotFound,
			"phone number PN0123456789abcdef0123456789abcdef not found at Twilio"},
		{"malformed SID", "../Calls", problem.Invalid, "sid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := cl.IncomingNumber(context.Background(), tt.sid)
			wantProblem(t, err, tt.kind, tt.msg)
			if tt.kind == problem.NotFound && CarrierCode(err) != 20404 {
				t.Errorf("CarrierCode = %d, want 20404", CarrierCode(err))
			}
		})
	}
}

// TestSetWebhooks: every field is sent, including empty URLs, which clear
// the URL at Twilio.
func TestSetWebhooks(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{})
	ctx := context.Background()
	n, err := cl.BuyNumber(ctx, "+15125550100", Webhooks{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(noHooks, n.Webhooks); d != "" {
		t.Errorf("new number's webhooks mismatch (-want +got):\n%s", d)
	}
	steps := []struct {
		name string
		set  Webhooks
		want Webhooks
	}{
		{"set all", hooks("https://crm.example.com/a"), hooks("https://crm.example.com/a")},
		{"replace all", hooks("https://crm.example.com/b"), hooks("https://crm.example.com/b")},
		{"clear all", Webhooks{}, noHooks},
		{"set one", Webhooks{SMSURL: "https://crm.example.com/sms", SMSMethod: "GET"},
			func() Webhooks { w := noHooks; w.SMSURL, w.SMSMethod = "https://crm.example.com/sms", "GET"; return w }()},
	}
	for _, s := range steps { // sequential: each step builds on the last
		got, err := cl.SetWebhooks(ctx, n.SID, s.set)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		fetched, err := cl.IncomingNumber(ctx, n.SID)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if d := cmp.Diff(s.want, got.Webhooks); d != "" {
			t.Errorf("%s: returned webhooks mismatch (-want +got):\n%s", s.name, d)
		}
		if d := cmp.Diff(s.want, fetched.Webhooks); d != "" {
			t.Errorf("%s: fetched webhooks mismatch (-want +got):\n%s", s.name, d)
		}
	}
	_, err = cl.SetWebhooks(ctx, "PN0123456789abcdef0123456789abcdef", Webhooks{})
	wantProblem(t, err, problem.NotFound)
}

func TestAvailableNumbers(t *testing.T) {
	t.Parallel()
	c := newCarrier(t)
	cl, _ := c.client(t, "Full", Options{})
	tests := []struct {
		name  string
		q     NumberQuery
		check func(AvailableNumber) bool
		n     int
	}{
		{"US local by area code", NumberQuery{Country: "US", AreaCode: 415, Limit: 5},
			func(a AvailableNumber) bool {
				return strings.HasPrefix(a.PhoneNumber, "+1415") && a.Locality == "San Francisco" && a.Region == "CA" && a.Country == "US"
			}, 5},
		{"contains with wildcard", NumberQuery{Country: "us", AreaCode: 212, Contains: "55501*7", Voice: true, Limit: 3},
			func(a AvailableNumber) bool {
				return strings.HasPrefix(a.PhoneNumber, "+121255501") && a.PhoneNumber[11] == '7'
			}, 3},
		{"toll-free", NumberQuery{Country: "US", Type: "TollFree", Contains: "800", Limit: 2},
			func(a AvailableNumber) bool { return strings.HasPrefix(a.PhoneNumber, "+1800") && a.Capabilities.Voice }, 2},
		{"GB mobile with SMS", NumberQuery{Country: "GB", Type: "Mobile", SMS: true, Limit: 4},
			func(a AvailableNumber) bool {
				return strings.HasPrefix(a.PhoneNumber, "+447") && a.Capabilities == Capabilities{Voice: true, SMS: true} && a.Country == "GB"
			}, 4},
		{"GB local with SMS: none", NumberQuery{Country: "GB", SMS: true}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := cl.AvailableNumbers(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.n {
				t.Errorf("got %d numbers, want %d: %v", len(got), tt.n, got)
			}
			for _, a := range got {
				if !tt.check(a) {
					t.Errorf("number %+v does not match the query", a)
				}
			}
		})
	}
}

func TestAvailableNumbersInvalidQuery(t *testing.T) {
	t.Parallel()
	cl, err := New(Credentials{"AC0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"},
		Options{BaseURL: "http://" + closedAddress(t)}) // never contacted
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		q     NumberQuery
		field string
	}{
		{"no country", NumberQuery{}, "country"},
		{"long country", NumberQuery{Country: "USA"}, "country"},
		{"bad type", NumberQuery{Country: "US", Type: "Voip"}, "type"},
		{"bad area code", NumberQuery{Country: "US", AreaCode: 41}, "area_code"},
		{"contains too short", NumberQuery{Country: "US", Contains: "5"}, "contains"},
		{"contains too long", NumberQuery{Country: "US", Contains: strings.Repeat("5", 17)}, "contains"},
		{"contains punctuation", NumberQuery{Country: "US", Contains: "555-01"}, "contains"},
		{"limit too big", NumberQuery{Country: "US", Limit: 1001}, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := cl.AvailableNumbers(context.Background(), tt.q)
			pe := wantProblem(t, err, problem.Invalid)
			if _, ok := pe.Fields[tt.field]; !ok || len(pe.Fields) != 1 {
				t.Errorf("fields = %v, want only %s", pe.Fields, tt.field)
			}
		})
	}
}
