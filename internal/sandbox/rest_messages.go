package sandbox

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

type messageJSON struct {
	Body                string            `json:"body"`
	NumSegments         string            `json:"num_segments"`
	Direction           string            `json:"direction"`
	From                string            `json:"from"`
	To                  string            `json:"to"`
	DateUpdated         *string           `json:"date_updated"`
	Price               *string           `json:"price"`
	ErrorMessage        *string           `json:"error_message"`
	URI                 string            `json:"uri"`
	AccountSid          string            `json:"account_sid"`
	NumMedia            string            `json:"num_media"`
	Status              string            `json:"status"`
	MessagingServiceSid *string           `json:"messaging_service_sid"`
	Sid                 string            `json:"sid"`
	DateSent            *string           `json:"date_sent"`
	DateCreated         *string           `json:"date_created"`
	ErrorCode           *int              `json:"error_code"`
	PriceUnit           string            `json:"price_unit"`
	APIVersion          string            `json:"api_version"`
	SubresourceURIs     map[string]string `json:"subresource_uris"`
}

func (rc *rest) messageJSON(m *message) messageJSON {
	base := rc.base() + "/Messages/" + m.sid
	j := messageJSON{Body: m.body, NumSegments: strconv.Itoa(m.numSegments), Direction: m.direction, From: m.from,
		To: m.to, DateUpdated: fmtDate(m.updated), Price: ns(m.price), ErrorMessage: ns(m.errorMessage), URI: base + ".json",
		AccountSid: m.account, NumMedia: strconv.Itoa(m.numMedia), Status: m.status, Sid: m.sid,
		DateSent: fmtDate(m.sent), DateCreated: fmtDate(m.created), PriceUnit: "USD", APIVersion: apiVersion,
		SubresourceURIs: rc.subURIs(base, "Media", "Feedback")}
	if m.errorCode != 0 {
		code := m.errorCode
		j.ErrorCode = &code
	}
	return j
}

// createMessage validates and queues an SMS (wire facts §5 "Messages"):
// 21604/21603/21602 missing To/From/Body, 21211 invalid To, 21606 From not
// an SMS-capable number of the account, 21608 trial account texting an
// unverified number, 21617 body over 1600 characters.
func (rc *rest) createMessage() error {
	to, from, body := strings.TrimSpace(rc.get("To")), strings.TrimSpace(rc.get("From")), rc.get("Body")
	media := rc.form["MediaUrl"]
	if err := rc.checkMessage(to, from, body, len(media)); err != nil {
		return err
	}
	rc.s.mu.Lock()
	trial := rc.acct.typ == "Trial"
	rc.s.mu.Unlock()
	if trial {
		body = trialPrefix + body
	}
	m := rc.s.newMessage(rc.acct.sid, from, to, body, "outbound-api", "queued", media)
	cbm, err := rc.method("StatusCallbackMethod", "POST")
	if err != nil {
		return err
	}
	rc.s.mu.Lock()
	m.statusCB, m.statusCBMethod = rc.get("StatusCallback"), cbm
	j := rc.messageJSON(m)
	rc.s.mu.Unlock()
	tr := &transcript{start: rc.s.clock.Now(), t: Transcript{CallSid: m.sid, From: from, To: to}}
	tr.add(rc.s.clock.Now(), Step{CallSid: m.sid, Kind: StepMessage, Text: body, Party: to, Status: "queued"})
	rc.s.mu.Lock()
	rc.s.msgTr[m.sid] = tr
	rc.s.mu.Unlock()
	rc.s.deliverMessage(m, tr)
	writeJSON(rc.w, 201, j)
	return nil
}

func (rc *rest) checkMessage(to, from, body string, media int) error {
	switch {
	case to == "":
		return newAPIError(400, 21604, "A 'To' phone number is required.")
	case from == "":
		return newAPIError(400, 21603, "A 'From' phone number is required.")
	case body == "" && media == 0:
		return newAPIError(400, 21602, "Message body is required.")
	case utf8.RuneCountInString(body) > 1600:
		return newAPIError(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
	case media > 10:
		return newAPIError(400, 21623, "Too many MediaUrl parameters: at most 10.")
	case !e164.MatchString(to):
		return newAPIError(400, 21211, "The 'To' number %s is not a valid phone number.", to)
	}
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	ok := false
	for _, n := range rc.s.numbers {
		if n.account == rc.acct.sid && n.phone == from && n.caps.SMS {
			ok = true
		}
	}
	if !ok {
		return newAPIError(400, 21606, "The From phone number %s is not a valid, SMS-capable inbound phone number or short code for your account.", from)
	}
	if rc.s.optedOut[from+" "+to] {
		return newAPIError(400, 21610, "Attempt to send to unsubscribed recipient: %s replied STOP to %s", to, from)
	}
	if rc.acct.typ == "Trial" && !rc.acct.verified[to] {
		return newAPIError(400, 21608, "The number %s is unverified. Trial accounts cannot send messages to unverified numbers; verify %s, or purchase a Twilio number to send messages to unverified numbers.", to, to)
	}
	return nil
}

func (rc *rest) ownMessage() (*message, error) {
	m, ok := rc.s.msgs[rc.args[0]]
	if !ok || m.account != rc.acct.sid {
		return nil, rc.notFound()
	}
	return m, nil
}

func (rc *rest) fetchMessage() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	m, err := rc.ownMessage()
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, rc.messageJSON(m))
	return nil
}

// listMessages filters on To and From, newest first.
func (rc *rest) listMessages() error {
	to, from := rc.get("To"), rc.get("From")
	rc.s.mu.Lock()
	var items []any
	for i := len(rc.s.msgOrder) - 1; i >= 0; i-- {
		m := rc.s.msgs[rc.s.msgOrder[i]]
		if m == nil || m.account != rc.acct.sid || to != "" && m.to != to || from != "" && m.from != from {
			continue
		}
		items = append(items, rc.messageJSON(m))
	}
	rc.s.mu.Unlock()
	return rc.page("messages", items)
}

func (rc *rest) deleteMessage() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	m, err := rc.ownMessage()
	if err != nil {
		return err
	}
	delete(rc.s.msgs, m.sid)
	rc.w.WriteHeader(204)
	return nil
}
