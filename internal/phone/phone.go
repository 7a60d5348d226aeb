// Package phone parses and normalises telephone numbers to E.164.
package phone

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Label says what kind of line a number is.
type Label string

// The labels a person's number may carry (R-CRM-1).
const (
	Mobile Label = "mobile"
	Work   Label = "work"
	Home   Label = "home"
	Other  Label = "other"
)

// ValidLabel reports whether l is one of the known labels.
func ValidLabel(l Label) bool {
	switch l {
	case Mobile, Work, Home, Other:
		return true
	}
	return false
}

// Number is a parsed phone number: E164 is the normalised form, Region the
// ISO country it belongs to (+44 may be GB, GG, JE or IM), Raw what the user
// typed.
type Number struct {
	E164   string
	Region string
	Raw    string
}

// ParseError says why a number was refused.
type ParseError struct{ Reason string }

func (e *ParseError) Error() string { return e.Reason }

// Parse normalises raw to E.164, reading numbers without a country code as
// numbers of defaultRegion (an ISO 3166 alpha-2 code). It refuses text that
// is not a possible number, saying why.
func Parse(raw, defaultRegion string) (Number, error) {
	text := strings.TrimSpace(raw)
	if text == "" {
		return Number{}, &ParseError{"is empty"}
	}
	if strings.HasPrefix(text, "00") {
		text = "+" + text[2:]
	}
	region := strings.ToUpper(defaultRegion)
	if !strings.HasPrefix(text, "+") && region == "" {
		return Number{}, &ParseError{"has no country code and the org has no default country"}
	}
	n, err := phonenumbers.Parse(text, region)
	if err != nil {
		return Number{}, &ParseError{reason(err)}
	}
	switch phonenumbers.IsPossibleNumberWithReason(n) {
	case phonenumbers.TOO_SHORT:
		return Number{}, &ParseError{"is too short to be a phone number"}
	case phonenumbers.TOO_LONG:
		return Number{}, &ParseError{"is too long to be a phone number"}
	case phonenumbers.INVALID_COUNTRY_CODE:
		return Number{}, &ParseError{"has an unknown country code"}
	case phonenumbers.IS_POSSIBLE, phonenumbers.IS_POSSIBLE_LOCAL_ONLY:
	default:
		return Number{}, &ParseError{"is not a possible phone number"}
	}
	return Number{
		E164:   phonenumbers.Format(n, phonenumbers.E164),
		Region: phonenumbers.GetRegionCodeForNumber(n),
		Raw:    strings.TrimSpace(raw),
	}, nil
}

func reason(err error) string {
	switch err {
	case phonenumbers.ErrInvalidCountryCode:
		return "has an unknown country code"
	case phonenumbers.ErrNotANumber:
		return "is not a phone number (use digits, optionally starting with +country code)"
	case phonenumbers.ErrTooShortNSN, phonenumbers.ErrTooShortAfterIDD:
		return "is too short to be a phone number"
	case phonenumbers.ErrNumTooLong:
		return "is too long to be a phone number"
	}
	return "is not a phone number"
}

// ValidRegion reports whether r is a region phonenumbers knows (e.g. "US").
func ValidRegion(r string) bool {
	return phonenumbers.GetCountryCodeForRegion(strings.ToUpper(r)) != 0
}

// Digits returns only the digits of s, the form searched by type-ahead.
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// LooksLikeNumber reports whether a search query is phone-like: digits with
// optional +, spaces, dashes, dots and brackets, and at least one digit.
func LooksLikeNumber(q string) bool {
	hasDigit := false
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			hasDigit = true
		case strings.ContainsRune("+-(). ", r):
		default:
			return false
		}
	}
	return hasDigit
}
