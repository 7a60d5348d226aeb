package sandbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

func TestSegments(t *testing.T) {
	t.Parallel()
	// wire facts §7: GSM-7 160/153, UCS-2 70/67, extension chars 2 septets,
	// emoji 2 UCS-2 units.
	cases := []struct {
		name string
		body string
		want int
	}{
		{"160 GSM-7 chars", strings.Repeat("a", 160), 1},
		{"161 GSM-7 chars", strings.Repeat("a", 161), 2},
		{"306 GSM-7 chars", strings.Repeat("a", 306), 2},
		{"307 GSM-7 chars", strings.Repeat("a", 307), 3},
		{"80 euro signs are 160 septets", strings.Repeat("€", 80), 1},
		{"81 euro signs", strings.Repeat("€", 81), 2},
		{"70 UCS-2 chars", strings.Repeat("ł", 70), 1},
		{"71 UCS-2 chars", strings.Repeat("ł", 71), 2},
		{"35 emoji are 70 units", strings.Repeat("😀", 35), 1},
		{"36 emoji", strings.Repeat("😀", 36), 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := segments(tc.body); got != tc.want {
				t.Errorf("segments = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestMessageLifecycle(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		typ    string
		fate   string
		code   int
		want   []string
		prefix string
	}{
		{"delivered", "Full", "", 0, []string{"sent:", "delivered:"}, ""},
		{"undelivered with error", "Full", "undelivered", 30003, []string{"sent:", "undelivered:30003"}, ""},
		{"failed never sent", "Full", "failed", 30007, []string{"failed:30007"}, ""},
		{"trial prefix", "Trial", "", 0, []string{"sent:", "delivered:"}, trialPrefix},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tc.typ)
			e.buy(ourNumber, "")
			e.sb.VerifyCallerID(e.acct.SID, "+12125550123")
			if tc.fate != "" {
				e.sb.SetMessageFate("+12125550123", tc.fate, tc.code)
			}
			e.app.page("/sms-status", ``)
			p := &openapi.CreateMessageParams{}
			p.SetTo("+12125550123")
			p.SetFrom(ourNumber)
			p.SetBody("Your appointment is confirmed")
			p.SetStatusCallback(e.app.url("/sms-status"))
			m, err := e.api.CreateMessage(p)
			if err != nil {
				t.Fatal(err)
			}
			if *m.Status != "queued" || *m.NumSegments != "1" || *m.Body != tc.prefix+"Your appointment is confirmed" || !strings.HasPrefix(*m.Sid, "SM") {
				t.Errorf("created message = status %s segments %s body %q", *m.Status, *m.NumSegments, *m.Body)
			}
			e.sb.Advance(10 * time.Second)
			var got []string
			for _, r := range e.app.requests("/sms-status") {
				got = append(got, r.Form.Get("MessageStatus")+":"+r.Form.Get("ErrorCode"))
				if r.Form.Get("MessageSid") != *m.Sid || r.Form.Get("SmsStatus") != r.Form.Get("MessageStatus") || !r.Valid {
					t.Errorf("callback params = %v (signature valid %v)", r.Form, r.Valid)
				}
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("status callbacks mismatch (-want +got):\n%s", d)
			}
			f, _ := e.api.FetchMessage(*m.Sid, nil)
			if last := tc.want[len(tc.want)-1]; *f.Status != strings.Split(last, ":")[0] {
				t.Errorf("final status %s, want %s", *f.Status, last)
			}
		})
	}
}

func TestInboundSMS(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	sid := e.buy(ourNumber, "")
	up := &openapi.UpdateIncomingPhoneNumberParams{}
	up.SetSmsUrl(e.app.page("/sms", `<Message>Thanks, we got it</Message>`))
	e.api.UpdateIncomingPhoneNumber(sid, up)
	tr, err := e.sb.SendSMS(context.Background(), "+12125550123", ourNumber, "STOP please")
	if err != nil {
		t.Fatal(err)
	}
	reqs := e.app.requests("/sms")
	if len(reqs) != 1 || !reqs[0].Valid {
		t.Fatalf("sms webhook = %+v", reqs)
	}
	f := reqs[0].Form
	got := []string{f.Get("Body"), f.Get("From"), f.Get("To"), f.Get("SmsStatus"), f.Get("NumMedia"), f.Get("ApiVersion")}
	if d := cmp.Diff([]string{"STOP please", "+12125550123", ourNumber, "received", "0", "2010-04-01"}, got); d != "" {
		t.Errorf("inbound params mismatch (-want +got):\n%s", d)
	}
	if f.Get("MessageSid") != f.Get("SmsSid") || f.Get("MessageSid") != f.Get("SmsMessageSid") || f.Get("MessageSid") != tr.CallSid {
		t.Errorf("MessageSid/SmsSid/SmsMessageSid differ: %v", f)
	}
	e.sb.Advance(5 * time.Second)
	lp := &openapi.ListMessageParams{}
	lp.SetTo("+12125550123")
	msgs, _ := e.api.ListMessage(lp)
	if len(msgs) != 1 || *msgs[0].Body != "Thanks, we got it" || *msgs[0].Direction != "outbound-reply" || *msgs[0].Status != "delivered" {
		t.Errorf("reply messages = %+v", msgs)
	}
}

func TestMMS(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	sid := e.buy(ourNumber, "")
	e.setSMSURL(sid, e.app.page("/sms", ``))
	p := &openapi.CreateMessageParams{}
	p.SetTo("+12125550123")
	p.SetFrom(ourNumber)
	p.SetMediaUrl([]string{"https://example.com/a.png", "https://example.com/b.jpg"})
	m, err := e.api.CreateMessage(p)
	if err != nil || (*m.Sid)[:2] != "MM" || *m.NumMedia != "2" {
		t.Fatalf("MMS = %+v, %v", m, err)
	}
	if _, err := e.sb.SendSMS(context.Background(), "+12125550123", ourNumber, "photo", "https://example.com/c.jpeg"); err != nil {
		t.Fatal(err)
	}
	f := e.app.requests("/sms")[0].Form
	got := []string{f.Get("NumMedia"), f.Get("MediaUrl0"), f.Get("MediaContentType0")}
	if d := cmp.Diff([]string{"1", "https://example.com/c.jpeg", "image/jpeg"}, got); d != "" {
		t.Errorf("inbound MMS params mismatch (-want +got):\n%s", d)
	}
}

// TestOptOutKeywords: a STOP from a handset blocks later messages from that
// number to it (error 21610, wire facts §5 error codes) until START; the
// webhook carries OptOutType (wire facts §7).
func TestOptOutKeywords(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	sid := e.buy(ourNumber, "")
	e.setSMSURL(sid, e.app.page("/sms", ``))
	send := func() error {
		p := &openapi.CreateMessageParams{}
		p.SetTo("+12125550123")
		p.SetFrom(ourNumber)
		p.SetBody("Your order shipped")
		_, err := e.api.CreateMessage(p)
		return err
	}
	steps := []struct {
		body, optOut string
		code         int
	}{{"hello", "", 0}, {" stop ", "STOP", 21610}, {"HELP", "HELP", 21610}, {"Start", "START", 0}}
	for i, st := range steps {
		if _, err := e.sb.SendSMS(context.Background(), "+12125550123", ourNumber, st.body); err != nil {
			t.Fatal(err)
		}
		if got := e.app.requests("/sms")[i].Form.Get("OptOutType"); got != st.optOut {
			t.Errorf("%q: OptOutType = %q, want %q", st.body, got, st.optOut)
		}
		err := send()
		if st.code == 0 && err != nil || st.code != 0 && restCode(t, err) != st.code {
			t.Errorf("after %q: send error %v, want code %d", st.body, err, st.code)
		}
	}
}
