package twilio

import (
	"context"
	"strings"

	"github.com/switchboard/switchboard/internal/problem"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// NumberQuery searches the numbers Twilio offers for sale (wire facts §5
// "AvailablePhoneNumbers"). Zero fields do not filter.
type NumberQuery struct {
	// Country is the ISO 3166-1 alpha-2 code, e.g. "US"; required.
	Country string
	// Type is "Local" (the default when empty), "Mobile" or "TollFree".
	Type string
	// AreaCode restricts US and Canadian numbers to a 3-digit area code.
	AreaCode int
	// Contains is a pattern of 2 to 16 digits or letters (letters map to
	// keypad digits); "*" stands for any one digit.
	Contains string
	// Voice and SMS, when true, ask only for numbers with that capability.
	Voice, SMS bool
	// Limit caps the results: 1 to 1000, zero means 50.
	Limit int
}

// AvailableNumber is a number Twilio offers for sale. Locality and Region
// are empty where Twilio has none (outside the US and Canada, often).
type AvailableNumber struct {
	PhoneNumber  string
	FriendlyName string
	Locality     string
	Region       string
	Country      string
	Capabilities Capabilities
}

// validate returns the query normalised (upper-case country, default type
// and limit) or a problem.Invalid naming the fields at fault.
func (q NumberQuery) validate() (NumberQuery, error) {
	f := problem.Fields{}
	q.Country = strings.ToUpper(q.Country)
	if len(q.Country) != 2 || !isLetters(q.Country) {
		f.Add("country", "must be a two-letter ISO country code such as US")
	}
	if q.Type == "" {
		q.Type = "Local"
	}
	if q.Type != "Local" && q.Type != "Mobile" && q.Type != "TollFree" {
		f.Add("type", `must be "Local", "Mobile" or "TollFree"`)
	}
	if q.AreaCode != 0 && (q.AreaCode < 100 || q.AreaCode > 999) {
		f.Add("area_code", "must be a 3-digit area code")
	}
	if q.Contains != "" && !validContains(q.Contains) {
		f.Add("contains", `must be 2 to 16 digits or letters; "*" matches any one digit`)
	}
	if q.Limit == 0 {
		q.Limit = 50
	}
	if q.Limit < 1 || q.Limit > 1000 {
		f.Add("limit", "must be between 1 and 1000")
	}
	return q, f.Err()
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// validContains follows Twilio's rule for Contains: 2 to 16 characters of
// digits, latin letters and the meta-characters * % + $ (twilio-go's
// documentation of the parameter; wire facts §5).
func validContains(s string) bool {
	if len(s) < 2 || len(s) > 16 {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || strings.ContainsRune("*%+$", r)) {
			return false
		}
	}
	return true
}

// AvailableNumbers searches the numbers Twilio offers for sale.
func (c *Client) AvailableNumbers(ctx context.Context, q NumberQuery) ([]AvailableNumber, error) {
	q, err := q.validate()
	if err != nil {
		return nil, err
	}
	p := &openapi.ListAvailablePhoneNumberLocalParams{}
	if q.AreaCode != 0 {
		p.SetAreaCode(q.AreaCode)
	}
	if q.Contains != "" {
		p.SetContains(q.Contains)
	}
	if q.Voice {
		p.SetVoiceEnabled(true)
	}
	if q.SMS {
		p.SetSmsEnabled(true)
	}
	p.SetLimit(q.Limit)
	cl := c.start(ctx)
	list, err := listAvailable(cl.api, q.Country, q.Type, p)
	if err != nil {
		return nil, c.fail(ctx, cl, "numbers of type "+q.Type+" in "+q.Country, err)
	}
	out := make([]AvailableNumber, len(list))
	for i, n := range list {
		out[i] = AvailableNumber{PhoneNumber: str(n.PhoneNumber), FriendlyName: str(n.FriendlyName),
			Locality: str(n.Locality), Region: str(n.Region), Country: str(n.IsoCountry)}
		if caps := n.Capabilities; caps != nil {
			out[i].Capabilities = Capabilities{Voice: caps.Voice, SMS: caps.Sms, MMS: caps.Mms}
		}
	}
	return out, nil
}

// listAvailable calls the endpoint for the number type. The three
// generated parameter and result types have identical fields, so they
// convert to and from the Local ones.
func listAvailable(api *openapi.ApiService, country, typ string, p *openapi.ListAvailablePhoneNumberLocalParams) ([]openapi.ApiV2010AvailablePhoneNumberLocal, error) {
	switch typ {
	case "Mobile":
		l, err := api.ListAvailablePhoneNumberMobile(country, (*openapi.ListAvailablePhoneNumberMobileParams)(p))
		return convertAll(l, func(n openapi.ApiV2010AvailablePhoneNumberMobile) openapi.ApiV2010AvailablePhoneNumberLocal {
			return openapi.ApiV2010AvailablePhoneNumberLocal(n)
		}), err
	case "TollFree":
		l, err := api.ListAvailablePhoneNumberTollFree(country, (*openapi.ListAvailablePhoneNumberTollFreeParams)(p))
		return convertAll(l, func(n openapi.ApiV2010AvailablePhoneNumberTollFree) openapi.ApiV2010AvailablePhoneNumberLocal {
			return openapi.ApiV2010AvailablePhoneNumberLocal(n)
		}), err
	}
	return api.ListAvailablePhoneNumberLocal(country, p)
}

func convertAll[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
