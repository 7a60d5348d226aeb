package sandbox

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode/utf16"
)

// trialPrefix starts every SMS body sent from a trial account (wire facts
// §9 "Messages and calls").
const trialPrefix = "Sent from your Twilio trial account - "

// segments counts SMS segments: GSM-7 fits 160 characters in one segment
// and 153 per part when split; one character outside GSM-7 switches the
// whole message to UCS-2 (70, then 67), where an emoji counts as two units
// (wire facts §7 "Encoding and segments").
func segments(body string) int {
	units, single, multi := 0, 160, 153
	if isGSM7(body) {
		for _, r := range body {
			units++
			if strings.ContainsRune(gsm7Ext, r) {
				units++
			}
		}
	} else {
		units, single, multi = len(utf16.Encode([]rune(body))), 70, 67
	}
	if units <= single {
		return 1
	}
	return (units + multi - 1) / multi
}

const gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
const gsm7Ext = "^{}\\[~]|€\f"

func isGSM7(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune(gsm7Basic, r) && !strings.ContainsRune(gsm7Ext, r) {
			return false
		}
	}
	return true
}

// SetMessageFate scripts what happens to messages sent to number: status
// "delivered" (the default), "undelivered" or "failed", with the error code
// Twilio would report (for example 30003 unreachable, 30007 filtered).
func (s *Sandbox) SetMessageFate(number, status string, errorCode int) error {
	switch status {
	case "delivered", "undelivered", "failed":
	default:
		return fmt.Errorf("sandbox: message fate %q is not delivered, undelivered or failed", status)
	}
	s.mu.Lock()
	s.smsFate[number] = smsFate{status: status, errorCode: errorCode}
	s.mu.Unlock()
	return nil
}

// deliver runs an outbound message through queued → sending → sent →
// delivered (or its scripted fate), one second a step, sending status
// callbacks for every change after queued (wire facts §5 "Usual outbound
// lifecycle", §7 "Message status callback parameters").
func (s *Sandbox) deliverMessage(m *message, tr *transcript) {
	s.mu.Lock()
	fate, ok := s.smsFate[m.to]
	s.mu.Unlock()
	if !ok {
		fate = smsFate{status: "delivered"}
	}
	p := s.rt.newProc()
	p.start(func(p *proc) {
		steps := []string{"sending", "sent", fate.status}
		if fate.status == "failed" {
			steps = []string{"failed"}
		}
		for _, st := range steps {
			tok, _ := p.timer(s.clock, time.Second)
			for ev := p.next(); ev.kind != evTimer || ev.token != tok; ev = p.next() {
			}
			s.messageStatus(m, tr, st, fate.errorCode)
		}
	})
}

func (s *Sandbox) messageStatus(m *message, tr *transcript, status string, code int) {
	s.mu.Lock()
	now := s.clock.Now()
	m.status, m.updated = status, now
	if status == "sent" {
		m.sent = now
		m.price = fmt.Sprintf("%.5f", -float64(m.numSegments)*s.opts.Prices.SMSPerSegment)
	}
	if status == "failed" || status == "undelivered" {
		m.errorCode, m.errorMessage = code, "scripted delivery failure"
	}
	cb, method, acct := m.statusCB, m.statusCBMethod, m.account
	v := url.Values{"MessageSid": {m.sid}, "SmsSid": {m.sid}, "MessageStatus": {status}, "SmsStatus": {status},
		"AccountSid": {acct}, "From": {m.from}, "To": {m.to}, "ApiVersion": {apiVersion}}
	if m.errorCode != 0 {
		v.Set("ErrorCode", itoa(m.errorCode))
	}
	s.mu.Unlock()
	tr.add(now, Step{CallSid: m.sid, Kind: StepMessage, Status: status})
	if cb != "" && status != "sending" {
		s.requestOn(context.Background(), acct, tr, m.sid, hook{purpose: "message-status-callback", url: cb, method: method, params: v})
	}
}

// ErrNoSMSURL is returned by SendSMS when the number has no SMS URL.
var ErrNoSMSURL = errors.New("sandbox: the number has no SMS URL")

// SendSMS delivers an inbound text from a handset to one of the sandbox's
// numbers: the number's SMS URL gets Twilio's inbound parameters (wire facts
// §7 "Inbound SMS webhook") and any <Message> in the TwiML reply is sent
// back as an outbound-reply message. It returns the message transcript.
func (s *Sandbox) SendSMS(ctx context.Context, from, to, body string, media ...string) (Transcript, error) {
	s.mu.Lock()
	var num *number
	for _, n := range s.numbers {
		if n.phone == to {
			c := *n
			num = &c
		}
	}
	if a, ok := s.apps[numSmsApp(num)]; ok {
		num.smsURL, num.smsMethod, num.smsFallbackURL, num.smsFBMethod = a.smsURL, a.smsMethod, a.smsFallbackURL, a.smsFallbackMethod
	}
	s.mu.Unlock()
	if num == nil {
		return Transcript{}, fmt.Errorf("%w: %s", ErrUnknownNumber, to)
	}
	m := s.newMessage(num.account, from, to, body, "inbound", "received", media)
	kind := optOutType(body)
	s.mu.Lock()
	s.noteOptOut(from, to, kind)
	s.mu.Unlock()
	tr := &transcript{start: s.clock.Now(), t: Transcript{CallSid: m.sid, From: from, To: to}}
	tr.add(s.clock.Now(), Step{CallSid: m.sid, Kind: StepMessage, Text: body, Party: from, Status: "received"})
	s.mu.Lock()
	s.msgTr[m.sid] = tr
	s.mu.Unlock()
	if num.smsURL == "" {
		return tr.snapshot(), ErrNoSMSURL
	}
	v := s.inboundSMSParams(m)
	if kind != "" {
		v.Set("OptOutType", kind)
	}
	res := s.requestOn(ctx, num.account, tr, m.sid, hook{purpose: "sms", url: num.smsURL, method: num.smsMethod, params: v})
	if res.errCode != 0 && num.smsFallbackURL != "" {
		v.Set("ErrorCode", itoa(res.errCode))
		v.Set("ErrorUrl", num.smsURL)
		res = s.requestOn(ctx, num.account, tr, m.sid, hook{purpose: "sms-fallback", url: num.smsFallbackURL, method: num.smsFBMethod, params: v})
	}
	if res.errCode == 0 {
		s.replyMessages(num, m, res.body, tr)
	}
	tr.setStatus("received")
	return tr.snapshot(), nil
}

func (s *Sandbox) inboundSMSParams(m *message) url.Values {
	v := url.Values{"MessageSid": {m.sid}, "SmsSid": {m.sid}, "SmsMessageSid": {m.sid}, "AccountSid": {m.account},
		"From": {m.from}, "To": {m.to}, "Body": {m.body}, "NumMedia": {itoa(len(m.media))}, "NumSegments": {itoa(m.numSegments)},
		"SmsStatus": {"received"}, "ApiVersion": {apiVersion}}
	// MediaUrlN and MediaContentTypeN, one pair per medium (wire facts §7).
	for i, u := range m.media {
		v.Set("MediaUrl"+itoa(i), u)
		v.Set("MediaContentType"+itoa(i), mediaType(u))
	}
	for _, p := range [][2]string{{"From", m.from}, {"To", m.to}} {
		st := s.stock.lookup(p[1])
		v.Set(p[0]+"City", strings.ToUpper(st.locality))
		v.Set(p[0]+"State", st.region)
		v.Set(p[0]+"Zip", st.postal)
		v.Set(p[0]+"Country", countryOf(p[1]))
	}
	return v
}

type smsReply struct {
	XMLName  xml.Name `xml:"Response"`
	Messages []struct {
		To   string `xml:"to,attr"`
		Text string `xml:",chardata"`
		Body string `xml:"Body"`
	} `xml:"Message"`
}

// replyMessages sends each <Message> of a messaging TwiML reply.
func (s *Sandbox) replyMessages(num *number, in *message, body []byte, tr *transcript) {
	var r smsReply
	if len(strings.TrimSpace(string(body))) == 0 || xml.Unmarshal(body, &r) != nil {
		return
	}
	for _, msg := range r.Messages {
		to := msg.To
		if to == "" {
			to = in.from
		}
		text := strings.TrimSpace(msg.Text)
		if msg.Body != "" {
			text = msg.Body
		}
		out := s.newMessage(num.account, num.phone, to, text, "outbound-reply", "queued", nil)
		tr.add(s.clock.Now(), Step{CallSid: out.sid, Kind: StepMessage, Text: text, Party: to, Status: "queued"})
		s.deliverMessage(out, tr)
	}
}

// newMessage registers a message; with media its SID starts MM instead of
// SM, as in Twilio's MMS example bodies.
func (s *Sandbox) newMessage(acct, from, to, body, dir, status string, media []string) *message {
	now := s.clock.Now()
	prefix := "SM"
	if len(media) > 0 {
		prefix = "MM"
	}
	m := &message{sid: newSID(prefix), account: acct, from: from, to: to, body: body, status: status,
		direction: dir, numSegments: segments(body), numMedia: len(media), media: media, created: now, updated: now}
	if dir == "inbound" {
		m.sent = now
	}
	s.mu.Lock()
	s.msgs[m.sid] = m
	s.msgOrder = append(s.msgOrder, m.sid)
	s.mu.Unlock()
	return m
}

func numSmsApp(n *number) string {
	if n == nil {
		return ""
	}
	return n.smsAppSid
}

// mediaType guesses a content type from a media URL's extension.
func mediaType(u string) string {
	switch ext := strings.ToLower(path.Ext(strings.SplitN(u, "?", 2)[0])); ext {
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".pdf":
		return "application/pdf"
	case ".mp3":
		return "audio/mpeg"
	}
	return "application/octet-stream"
}

// optOutType classifies an inbound body as an opt-out keyword: Twilio's
// default keywords are STOP, STOPALL, UNSUBSCRIBE, CANCEL, END and QUIT
// (opt out), START, YES and UNSTOP (opt back in), HELP and INFO (⚠ from
// Twilio's opt-out documentation as remembered; wire facts §7 names
// OptOutType STOP|HELP|START and error 21610).
func optOutType(body string) string {
	switch strings.ToUpper(strings.TrimSpace(body)) {
	case "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT":
		return "STOP"
	case "START", "YES", "UNSTOP":
		return "START"
	case "HELP", "INFO":
		return "HELP"
	}
	return ""
}

// noteOptOut records a STOP (or START) from handset to our number. s.mu
// is held.
func (s *Sandbox) noteOptOut(handset, ours, kind string) {
	key := ours + " " + handset
	switch kind {
	case "STOP":
		s.optedOut[key] = true
	case "START":
		delete(s.optedOut, key)
	}
}
