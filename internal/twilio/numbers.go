package twilio

import (
	"context"

	"github.com/switchboard/switchboard/internal/problem"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// Capabilities are what a phone number can do (wire facts §5
// "capabilities").
type Capabilities struct {
	Voice, SMS, MMS bool
}

// Webhooks are the URLs Twilio requests for a number's calls and messages,
// with their HTTP methods (IncomingPhoneNumber fields, wire facts §5). An
// empty URL means none; an empty method means POST, Twilio's default.
type Webhooks struct {
	VoiceURL             string
	VoiceMethod          string
	VoiceFallbackURL     string
	VoiceFallbackMethod  string
	StatusCallback       string
	StatusCallbackMethod string
	SMSURL               string
	SMSMethod            string
	SMSFallbackURL       string
	SMSFallbackMethod    string
}

// withDefaultMethods returns w with every empty method set to POST.
func (w Webhooks) withDefaultMethods() Webhooks {
	for _, m := range []*string{&w.VoiceMethod, &w.VoiceFallbackMethod, &w.StatusCallbackMethod,
		&w.SMSMethod, &w.SMSFallbackMethod} {
		if *m == "" {
			*m = "POST"
		}
	}
	return w
}

// Number is a phone number the account owns (an IncomingPhoneNumber).
// SID is "PN" + 32 hex; PhoneNumber is E.164.
type Number struct {
	SID          string
	PhoneNumber  string
	FriendlyName string
	Capabilities Capabilities
	Webhooks     Webhooks
}

// IncomingNumbers lists every phone number the account owns, following
// every page.
func (c *Client) IncomingNumbers(ctx context.Context) ([]Number, error) {
	cl := c.start(ctx)
	p := &openapi.ListIncomingPhoneNumberParams{}
	p.SetPageSize(c.pageSize)
	list, err := cl.api.ListIncomingPhoneNumber(p)
	if err != nil {
		return nil, c.fail(ctx, cl, "the account's phone numbers", err)
	}
	out := make([]Number, len(list))
	for i := range list {
		out[i] = numberOf(&list[i])
	}
	return out, nil
}

// IncomingNumber fetches one owned number by its SID; an unknown SID is a
// problem.NotFound.
func (c *Client) IncomingNumber(ctx context.Context, sid string) (Number, error) {
	if err := checkNumberSID(sid); err != nil {
		return Number{}, err
	}
	cl := c.start(ctx)
	n, err := cl.api.FetchIncomingPhoneNumber(sid, nil)
	if err != nil {
		return Number{}, c.fail(ctx, cl, "phone number "+sid, err)
	}
	return numberOf(n), nil
}

// BuyNumber buys phoneNumber (E.164, e.g. from AvailableNumbers) and
// points it at w in the same request. A trial account that already owns a
// number gets a problem.Conflict (Twilio error 10002, wire facts §9); a
// number that is malformed or no longer available gets a problem.Invalid
// naming phone_number.
func (c *Client) BuyNumber(ctx context.Context, phoneNumber string, w Webhooks) (Number, error) {
	if phoneNumber == "" {
		return Number{}, problem.Field("phone_number", "is required")
	}
	w = w.withDefaultMethods()
	p := &openapi.CreateIncomingPhoneNumberParams{}
	p.SetPhoneNumber(phoneNumber)
	p.SetVoiceUrl(w.VoiceURL).SetVoiceMethod(w.VoiceMethod)
	p.SetVoiceFallbackUrl(w.VoiceFallbackURL).SetVoiceFallbackMethod(w.VoiceFallbackMethod)
	p.SetStatusCallback(w.StatusCallback).SetStatusCallbackMethod(w.StatusCallbackMethod)
	p.SetSmsUrl(w.SMSURL).SetSmsMethod(w.SMSMethod)
	p.SetSmsFallbackUrl(w.SMSFallbackURL).SetSmsFallbackMethod(w.SMSFallbackMethod)
	cl := c.start(ctx)
	n, err := cl.api.CreateIncomingPhoneNumber(p)
	if err != nil {
		return Number{}, c.fail(ctx, cl, "phone number "+phoneNumber, err)
	}
	return numberOf(n), nil
}

// SetWebhooks sets all ten webhook fields of the number sid to w and
// returns the updated number. twilio-go sends a set-but-empty field as
// "VoiceUrl=" and Twilio then clears that URL, so an empty URL in w
// removes it; an empty method is sent as POST.
func (c *Client) SetWebhooks(ctx context.Context, sid string, w Webhooks) (Number, error) {
	if err := checkNumberSID(sid); err != nil {
		return Number{}, err
	}
	w = w.withDefaultMethods()
	p := &openapi.UpdateIncomingPhoneNumberParams{}
	p.SetVoiceUrl(w.VoiceURL).SetVoiceMethod(w.VoiceMethod)
	p.SetVoiceFallbackUrl(w.VoiceFallbackURL).SetVoiceFallbackMethod(w.VoiceFallbackMethod)
	p.SetStatusCallback(w.StatusCallback).SetStatusCallbackMethod(w.StatusCallbackMethod)
	p.SetSmsUrl(w.SMSURL).SetSmsMethod(w.SMSMethod)
	p.SetSmsFallbackUrl(w.SMSFallbackURL).SetSmsFallbackMethod(w.SMSFallbackMethod)
	cl := c.start(ctx)
	n, err := cl.api.UpdateIncomingPhoneNumber(sid, p)
	if err != nil {
		return Number{}, c.fail(ctx, cl, "phone number "+sid, err)
	}
	return numberOf(n), nil
}

// checkNumberSID refuses a SID that is not "PN" + 32 hex (wire facts §5
// "SID patterns") before it reaches a URL path.
func checkNumberSID(sid string) error {
	if len(sid) != 34 || sid[:2] != "PN" || !isHex(sid[2:]) {
		return problem.Field("sid", `must be "PN" followed by 32 hexadecimal digits`)
	}
	return nil
}

func numberOf(n *openapi.ApiV2010IncomingPhoneNumber) Number {
	out := Number{SID: str(n.Sid), PhoneNumber: str(n.PhoneNumber), FriendlyName: str(n.FriendlyName),
		Webhooks: Webhooks{
			VoiceURL: str(n.VoiceUrl), VoiceMethod: str(n.VoiceMethod),
			VoiceFallbackURL: str(n.VoiceFallbackUrl), VoiceFallbackMethod: str(n.VoiceFallbackMethod),
			StatusCallback: str(n.StatusCallback), StatusCallbackMethod: str(n.StatusCallbackMethod),
			SMSURL: str(n.SmsUrl), SMSMethod: str(n.SmsMethod),
			SMSFallbackURL: str(n.SmsFallbackUrl), SMSFallbackMethod: str(n.SmsFallbackMethod),
		}}
	if caps := n.Capabilities; caps != nil {
		out.Capabilities = Capabilities{Voice: caps.Voice, SMS: caps.Sms, MMS: caps.Mms}
	}
	return out
}
