package phone

import "github.com/nyaruka/phonenumbers"

// Format writes an E.164 number the way people read it, in international
// format ("+1 415-555-0100"); text that does not parse is returned as it
// is.
func Format(e164 string) string {
	n, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return e164
	}
	return phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
}

// LabelFor guesses the label of a number nobody has described: mobile when
// the country's numbering plan says it is one, else other.
func LabelFor(e164 string) Label {
	n, err := phonenumbers.Parse(e164, "")
	if err == nil && phonenumbers.GetNumberType(n) == phonenumbers.MOBILE {
		return Mobile
	}
	return Other
}
