package provider

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// NumberID identifies a linked number.
type NumberID int64

// Capabilities are what a number can carry (R-NUM-3).
type Capabilities struct{ Voice, SMS, MMS bool }

// Webhooks are a number's carrier-side URLs and methods.
type Webhooks struct {
	VoiceURL, VoiceMethod, VoiceFallbackURL, VoiceFallbackMethod string
	StatusCallback, StatusCallbackMethod                         string
	SMSURL, SMSMethod, SMSFallbackURL, SMSFallbackMethod         string
}

// CarrierNumber is a number as the carrier account holds it.
type CarrierNumber struct {
	SID, PhoneNumber, FriendlyName string
	Capabilities                   Capabilities
	Webhooks                       Webhooks
}

// Number is a carrier number linked to the org (R-NUM).
type Number struct {
	ID           NumberID
	OrgID        org.ID
	ProviderID   ID
	SID          string
	E164         string
	FriendlyName string
	Capabilities Capabilities
	// OutgoingEnabled and RecordingEnabled are the number-level switches
	// (R-NUM-5); each operator has their own too.
	OutgoingEnabled  bool
	RecordingEnabled bool
	// Previous are the webhooks the number had before linking, restored on
	// unlink.
	Previous Webhooks
	// Script is the call script agents see while a call to the number
	// rings and lasts (R-AG-3), "" = none.
	Script     string
	Operators  []Operator
	LinkedAt   time.Time
	UnlinkedAt *time.Time
}

// Linked reports whether the number currently routes to the org.
func (n Number) Linked() bool { return n.UnlinkedAt == nil }

// Operator is a user allowed to use a number, with their switches.
type Operator struct {
	UserID    org.UserID
	Outgoing  bool
	Recording bool
}

// HooksFor returns the webhooks that point a number at this server's public
// base URL: voice, voice fallback, call status and SMS (R-NUM-4).
func HooksFor(publicURL string) Webhooks {
	base := publicURL + "/webhooks/twilio"
	return Webhooks{
		VoiceURL: base + "/voice", VoiceMethod: "POST",
		VoiceFallbackURL: base + "/voice/fallback", VoiceFallbackMethod: "POST",
		StatusCallback: base + "/status", StatusCallbackMethod: "POST",
		SMSURL: base + "/sms", SMSMethod: "POST",
		SMSFallbackURL: "", SMSFallbackMethod: "POST",
	}
}

// NumberQuery searches a carrier's available numbers.
type NumberQuery struct {
	Country  string
	Type     string // Local, Mobile or TollFree
	AreaCode int
	Contains string
	Voice    bool
	SMS      bool
	Limit    int
}

// AvailableNumber is a number a carrier offers for purchase.
type AvailableNumber struct {
	PhoneNumber, FriendlyName, Locality, Region, Country string
	Capabilities                                         Capabilities
}

// CallerIDMode says whether several users may share a caller-ID number.
type CallerIDMode string

// The outbound mapping modes (R-NUM-6).
const (
	SharedNumbers CallerIDMode = "shared"
	UniqueNumbers CallerIDMode = "unique"
)

// MaxScript is the longest call script a number may have, in characters.
const MaxScript = 5000

// NumberChange is an admin's change to a linked number; nil fields stay
// as they are.
type NumberChange struct {
	Outgoing, Recording *bool
	Script              *string
}

// Validate checks the change: a script is at most MaxScript characters.
func (c NumberChange) Validate() error {
	if c.Script == nil {
		return nil
	}
	if n := utf8.RuneCountInString(*c.Script); n > MaxScript {
		return problem.Field("script", fmt.Sprintf("must be at most %d characters (it has %d)", MaxScript, n))
	}
	return nil
}
