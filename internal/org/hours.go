package org

import (
	"strings"
	"time"
)

// BusinessHours are when calls are taken, in the org's time zone (R-ORG-5,
// R-IN-16): the org's business hours, and the shape a number's own hours
// take in its routing. Outside them, callers take the unavailable path. The
// zero value is never open; a new org starts always open (DefaultSettings).
type BusinessHours struct {
	// AlwaysOpen ignores Weekly; holidays still close.
	AlwaysOpen bool `json:"always_open"`
	Weekly     Week `json:"weekly"`
	// Holidays close all day, whatever Weekly says.
	Holidays []Holiday `json:"holidays,omitempty"`
}

// Limits of business hours (decision 0012).
const (
	MaxRangesPerDay   = 12
	MaxHolidays       = 200
	MaxHolidayNameLen = 100
)

// Week lists each weekday's opening ranges; a day with none is closed.
type Week struct {
	Monday    []TimeRange `json:"monday,omitempty"`
	Tuesday   []TimeRange `json:"tuesday,omitempty"`
	Wednesday []TimeRange `json:"wednesday,omitempty"`
	Thursday  []TimeRange `json:"thursday,omitempty"`
	Friday    []TimeRange `json:"friday,omitempty"`
	Saturday  []TimeRange `json:"saturday,omitempty"`
	Sunday    []TimeRange `json:"sunday,omitempty"`
}

// Day returns the ranges of weekday d.
func (w Week) Day(d time.Weekday) []TimeRange {
	if p := w.day(d); p != nil {
		return *p
	}
	return nil
}

// day returns a pointer to weekday d's ranges, nil for an invalid weekday.
func (w *Week) day(d time.Weekday) *[]TimeRange {
	switch d {
	case time.Monday:
		return &w.Monday
	case time.Tuesday:
		return &w.Tuesday
	case time.Wednesday:
		return &w.Wednesday
	case time.Thursday:
		return &w.Thursday
	case time.Friday:
		return &w.Friday
	case time.Saturday:
		return &w.Saturday
	case time.Sunday:
		return &w.Sunday
	}
	return nil
}

// Weekdays returns the days in the order the editor and diffs show them,
// Monday first.
func Weekdays() [7]time.Weekday {
	return [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday,
		time.Friday, time.Saturday, time.Sunday}
}

// DayName is a weekday's JSON name ("monday").
func DayName(d time.Weekday) string { return strings.ToLower(d.String()) }

// TimeRange is an opening range of wall-clock times "HH:MM", from inclusive
// to exclusive. To may be "24:00" (end of day); a range never crosses
// midnight: split it over two days.
type TimeRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// String returns the range as "09:00–17:00".
func (r TimeRange) String() string { return r.From + "–" + r.To }

// Holiday closes from Date to EndDate inclusive ("YYYY-MM-DD"); an empty
// EndDate is the single day Date.
type Holiday struct {
	Date    string `json:"date"`
	EndDate string `json:"end_date,omitempty"`
	Name    string `json:"name"`
}

// last returns the holiday's last day.
func (h Holiday) last() string {
	if h.EndDate == "" {
		return h.Date
	}
	return h.EndDate
}

// Open reports whether h lets a call in at now, read as wall-clock time in
// tz (the org's zone; nil means UTC). Ranges use the local clock, so on a
// daylight-saving day a range covering the skipped hour is shorter and one
// covering the repeated hour is longer, as the clock on the wall says.
// Ranges or holidays that do not parse are ignored: check first.
func (h BusinessHours) Open(now time.Time, tz *time.Location) bool {
	if tz == nil {
		tz = time.UTC
	}
	local := now.In(tz)
	if onHoliday(h.Holidays, local.Format(dateLayout)) {
		return false
	}
	if h.AlwaysOpen {
		return true
	}
	minute := local.Hour()*60 + local.Minute()
	for _, r := range h.Weekly.Day(local.Weekday()) {
		from, okFrom := parseClock(r.From, false)
		to, okTo := parseClock(r.To, true)
		if okFrom && okTo && from <= minute && minute < to {
			return true
		}
	}
	return false
}

// onHoliday reports whether date ("YYYY-MM-DD") falls in a holiday. Dates in
// that form order as strings.
func onHoliday(hs []Holiday, date string) bool {
	for _, h := range hs {
		if validDate(h.Date) && validDate(h.last()) && h.Date <= date && date <= h.last() {
			return true
		}
	}
	return false
}

const dateLayout = "2006-01-02"

// validDate reports whether s is a real calendar date "YYYY-MM-DD".
func validDate(s string) bool {
	_, err := time.Parse(dateLayout, s)
	return err == nil && len(s) == len(dateLayout)
}

// parseClock reads "HH:MM" as minutes since midnight. "24:00" is accepted
// only as the end of a range.
func parseClock(s string, end bool) (int, bool) {
	if len(s) != 5 || s[2] != ':' || !digits(s[:2]) || !digits(s[3:]) {
		return 0, false
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if end && h == 24 && m == 0 {
		return 24 * 60, true
	}
	if h > 23 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// digits reports whether s is all ASCII digits.
func digits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
