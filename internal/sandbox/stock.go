package sandbox

import (
	"fmt"
	"strings"
)

// numberStock is the generated inventory behind AvailablePhoneNumbers. It
// uses ranges set aside for fiction (NANP 555-01XX, Ofcom's drama ranges) so
// a sandbox number can never be a real subscriber's.
type numberStock struct {
	all []stockNumber
}

type stockNumber struct {
	phone, country, kind, locality, region, postal, rateCenter, lata string
	lat, long                                                        float64
	caps                                                             capabilities
}

type searchFilter struct {
	areaCode, contains string
	voice, sms, mms    *bool
}

type usArea struct {
	code, locality, region, postal, lata string
	lat, long                            float64
}

var usAreas = []usArea{
	{"415", "San Francisco", "CA", "94103", "722", 37.77, -122.41},
	{"212", "New York", "NY", "10001", "132", 40.75, -73.99},
	{"312", "Chicago", "IL", "60601", "358", 41.88, -87.62},
	{"512", "Austin", "TX", "78701", "558", 30.27, -97.74},
	{"617", "Boston", "MA", "02108", "128", 42.36, -71.06},
	{"206", "Seattle", "WA", "98101", "674", 47.61, -122.33},
	{"303", "Denver", "CO", "80202", "656", 39.74, -104.99},
	{"808", "Honolulu", "HI", "96813", "834", 21.31, -157.86},
}

func newNumberStock() *numberStock {
	st := &numberStock{}
	full := capabilities{Voice: true, SMS: true, MMS: true, Fax: true}
	for _, a := range usAreas {
		for i := 0; i < 100; i++ {
			st.all = append(st.all, stockNumber{phone: fmt.Sprintf("+1%s55501%02d", a.code, i),
				country: "US", kind: "Local", locality: a.locality, region: a.region, postal: a.postal,
				rateCenter: strings.ToUpper(strings.ReplaceAll(a.locality, " ", "")), lata: a.lata,
				lat: a.lat, long: a.long, caps: full})
		}
	}
	for _, tf := range []string{"800", "833", "844", "855"} {
		for i := 0; i < 100; i++ {
			st.all = append(st.all, stockNumber{phone: fmt.Sprintf("+1%s55501%02d", tf, i),
				country: "US", kind: "TollFree", caps: capabilities{Voice: true, SMS: true, Fax: true}})
		}
	}
	for i := 0; i < 100; i++ {
		st.all = append(st.all,
			stockNumber{phone: fmt.Sprintf("+442079460%03d", i), country: "GB", kind: "Local",
				locality: "London", region: "London", lat: 51.51, long: -0.13,
				caps: capabilities{Voice: true, Fax: true}},
			stockNumber{phone: fmt.Sprintf("+447700900%03d", i), country: "GB", kind: "Mobile",
				caps: capabilities{Voice: true, SMS: true}})
	}
	return st
}

// lookup returns the stock entry for phone, or a plain local number with
// every capability when the number is outside the generated stock.
func (st *numberStock) lookup(phone string) stockNumber {
	for _, c := range st.all {
		if c.phone == phone {
			return c
		}
	}
	return stockNumber{phone: phone, kind: "Local", caps: capabilities{Voice: true, SMS: true, MMS: true}}
}

func (st *numberStock) search(country, kind string, f searchFilter) []stockNumber {
	var out []stockNumber
	for _, c := range st.all {
		if c.country == country && c.kind == kind && f.match(c) {
			out = append(out, c)
		}
	}
	return out
}

func (f searchFilter) match(c stockNumber) bool {
	if f.areaCode != "" && !strings.HasPrefix(c.phone, "+1"+f.areaCode) {
		return false
	}
	if f.contains != "" && !matchWildcard(lettersToDigits(f.contains), c.phone) {
		return false
	}
	for _, p := range []struct {
		want *bool
		has  bool
	}{{f.voice, c.caps.Voice}, {f.sms, c.caps.SMS}, {f.mms, c.caps.MMS}} {
		if p.want != nil && *p.want != p.has {
			return false
		}
	}
	return true
}

// lettersToDigits maps keypad letters to digits: Contains accepts letters
// (wire facts §5 "AvailablePhoneNumbers").
func lettersToDigits(s string) string {
	const keypad = "22233344455566677778889999"
	b := []byte(strings.ToUpper(s))
	for i, ch := range b {
		if ch >= 'A' && ch <= 'Z' {
			b[i] = keypad[ch-'A']
		}
	}
	return string(b)
}

// friendly formats a NANP number as "(415) 555-0100"; other numbers stay
// in E.164.
func (c stockNumber) friendly() string {
	p := c.phone
	if strings.HasPrefix(p, "+1") && len(p) == 12 {
		return fmt.Sprintf("(%s) %s-%s", p[2:5], p[5:8], p[8:])
	}
	return p
}

func (c stockNumber) json() availableJSON {
	j := availableJSON{FriendlyName: c.friendly(), PhoneNumber: c.phone, IsoCountry: c.country,
		AddressRequirements: "none", Capabilities: c.caps, Lata: ns(c.lata), Locality: ns(c.locality),
		RateCenter: ns(c.rateCenter), Region: ns(c.region), PostalCode: ns(c.postal)}
	if c.lat != 0 {
		lat, long := c.lat, c.long
		j.Latitude, j.Longitude = &lat, &long
	}
	return j
}
