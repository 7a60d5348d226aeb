package routing

import (
	"time"

	"github.com/switchboard/switchboard/internal/org"
)

// Hours are when a number takes calls (R-IN-16): the org's business hours
// (UseOrg), or the number's own, in the org's time zone either way. Outside
// them, callers take the unavailable path. The own hours are kept while
// UseOrg is set, so the editor can switch back without losing them.
type Hours struct {
	// UseOrg follows the org's business hours and holidays (decision
	// 0020). New configurations use them; configurations saved before the
	// switch existed read as false and keep their own hours.
	UseOrg bool `json:"use_org"`
	// AlwaysOpen ignores Weekly; holidays still close the number.
	AlwaysOpen bool `json:"always_open"`
	Weekly     Week `json:"weekly"`
	// Holidays close the number all day, whatever Weekly says.
	Holidays []Holiday `json:"holidays,omitempty"`
}

// Week, TimeRange and Holiday are the org's shapes (org.BusinessHours): a number's
// own hours are written like the org's business hours.
type (
	Week      = org.Week
	TimeRange = org.TimeRange
	Holiday   = org.Holiday
)

// Own returns the number's own hours, whether or not they are used.
func (h Hours) Own() org.BusinessHours {
	return org.BusinessHours{AlwaysOpen: h.AlwaysOpen, Weekly: h.Weekly, Holidays: h.Holidays}
}

// setOwn replaces the number's own hours, keeping UseOrg.
func (h *Hours) setOwn(o org.BusinessHours) {
	h.AlwaysOpen, h.Weekly, h.Holidays = o.AlwaysOpen, o.Weekly, o.Holidays
}

// Effective returns the hours that apply: orgHours when h follows the
// org's, else the number's own.
func (h Hours) Effective(orgHours org.BusinessHours) org.BusinessHours {
	if h.UseOrg {
		return orgHours
	}
	return h.Own()
}

// Open reports whether the number's own hours h let a call in at now, read
// as wall-clock time in tz (nil means UTC); see org.BusinessHours.Open. It ignores
// UseOrg: the engine decides with Hours.Effective.
func Open(h Hours, now time.Time, tz *time.Location) bool {
	return h.Own().Open(now, tz)
}

// open reports whether the number takes calls at env.Now: its own hours,
// or the org's when it follows them.
func open(c Config, env Env) bool {
	return c.Hours.Effective(env.OrgHours).Open(env.Now, env.TZ)
}

// hours trims and checks the number's own hours. They must be complete on
// publish only when they are used: while the number follows the org's
// hours, its own are shape-checked like any unused half (decision 0012).
func (v *validator) hours(h *Hours) {
	own := h.Own()
	own.Check(v.f, "hours", v.publish && !h.UseOrg)
	h.setOwn(own)
}
