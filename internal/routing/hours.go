package routing

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Hours are when a number takes calls, in the org's time zone (R-IN-16).
// Outside them, callers take the unavailable path.
type Hours struct {
	// AlwaysOpen ignores Weekly; holidays still close the number.
	AlwaysOpen bool `json:"always_open"`
	Weekly     Week `json:"weekly"`
	// Holidays close the number all day, whatever Weekly says.
	Holidays []Holiday `json:"holidays,omitempty"`
}

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

// weekdays is the order the editor and the diff show days in.
func weekdays() [7]time.Weekday {
	return [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday,
		time.Friday, time.Saturday, time.Sunday}
}

// dayName is a weekday's JSON name.
func dayName(d time.Weekday) string { return strings.ToLower(d.String()) }

// TimeRange is an opening range of wall-clock times "HH:MM", from inclusive
// to exclusive. To may be "24:00" (end of day); a range never crosses
// midnight: split it over two days.
type TimeRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// String returns the range as "09:00–17:00".
func (r TimeRange) String() string { return r.From + "–" + r.To }

// Holiday closes the number from Date to EndDate inclusive ("YYYY-MM-DD");
// an empty EndDate is the single day Date.
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

// Open reports whether hours h let a call in at now, read as wall-clock time
// in tz (the org's zone; nil means UTC). Ranges use the local clock, so on a
// daylight-saving day a range covering the skipped hour is shorter and one
// covering the repeated hour is longer, as the clock on the wall says.
// Ranges or holidays that do not parse are ignored: validate first.
func Open(h Hours, now time.Time, tz *time.Location) bool {
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

// hours trims and checks h; publish adds the rules a draft may break:
// range order, overlaps, holiday order and some opening at all.
func (v *validator) hours(h *Hours) {
	someOpen := false
	for _, d := range weekdays() {
		rs := *h.Weekly.day(d)
		v.day("hours.weekly."+dayName(d), rs)
		someOpen = someOpen || len(rs) > 0
	}
	if v.publish && !h.AlwaysOpen && !someOpen {
		v.f.Add("hours.weekly", "add opening hours for at least one day, or set always_open")
	}
	if len(h.Holidays) > MaxHolidays {
		v.f.Add("hours.holidays", fmt.Sprintf("at most %d holidays", MaxHolidays))
	}
	for i := range h.Holidays {
		v.holiday(fmt.Sprintf("hours.holidays[%d]", i), &h.Holidays[i])
	}
}

// day trims and checks one weekday's ranges; on publish each range must be
// non-empty and overlap no other.
func (v *validator) day(path string, rs []TimeRange) {
	f, publish := v.f, v.publish
	if len(rs) > MaxRangesPerDay {
		f.Add(path, fmt.Sprintf("at most %d ranges per day", MaxRangesPerDay))
	}
	type span struct{ from, to, i int }
	var spans []span
	for i := range rs {
		p := fmt.Sprintf("%s[%d]", path, i)
		r := &rs[i]
		r.From, r.To = strings.TrimSpace(r.From), strings.TrimSpace(r.To)
		from, okFrom := parseClock(r.From, false)
		to, okTo := parseClock(r.To, true)
		if !okFrom {
			f.Add(p+".from", "must be a time HH:MM between 00:00 and 23:59")
		}
		if !okTo {
			f.Add(p+".to", "must be a time HH:MM between 00:01 and 24:00")
		}
		if okFrom && okTo && publish && from >= to {
			f.Add(p, "from must be before to (split a range that crosses midnight over two days)")
		} else if okFrom && okTo {
			spans = append(spans, span{from, to, i})
		}
	}
	if !publish {
		return
	}
	// Sorted by start, a range overlaps an earlier one exactly when it
	// starts before the latest end seen so far.
	slices.SortStableFunc(spans, func(a, b span) int { return a.from - b.from })
	for k, latest := 1, 0; k < len(spans); k++ {
		cur := spans[k]
		if cur.from < spans[latest].to {
			f.Add(fmt.Sprintf("%s[%d]", path, cur.i), "overlaps "+rs[spans[latest].i].String())
		}
		if cur.to > spans[latest].to {
			latest = k
		}
	}
}

// holiday trims and checks one holiday.
func (v *validator) holiday(path string, h *Holiday) {
	f, publish := v.f, v.publish
	h.Date, h.EndDate, h.Name = strings.TrimSpace(h.Date), strings.TrimSpace(h.EndDate), strings.TrimSpace(h.Name)
	if !validDate(h.Date) {
		f.Add(path+".date", "must be a date YYYY-MM-DD")
	}
	if h.EndDate != "" && !validDate(h.EndDate) {
		f.Add(path+".end_date", "must be a date YYYY-MM-DD, or empty for a single day")
	}
	if publish && validDate(h.Date) && validDate(h.last()) && h.last() < h.Date {
		f.Add(path+".end_date", "must not be before date")
	}
	if runeLen(h.Name) > MaxHolidayNameLen {
		f.Add(path+".name", fmt.Sprintf("must be at most %d characters", MaxHolidayNameLen))
	}
}
