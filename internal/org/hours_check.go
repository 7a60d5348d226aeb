package org

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/switchboard/switchboard/internal/problem"
)

// Check trims h in place and adds to f each broken rule, naming the field
// under path ("business_hours.weekly.monday[0].from"). Always: times and
// dates in their form, at most MaxRangesPerDay ranges a day, MaxHolidays
// holidays and MaxHolidayNameLen characters a name. complete adds the rules
// hours that take effect must meet: from before to, no overlapping ranges,
// a holiday's end not before its start, and some opening unless AlwaysOpen.
func (h *BusinessHours) Check(f problem.Fields, path string, complete bool) {
	someOpen := false
	for _, d := range Weekdays() {
		rs := *h.Weekly.day(d)
		checkDay(f, path+".weekly."+DayName(d), rs, complete)
		someOpen = someOpen || len(rs) > 0
	}
	if complete && !h.AlwaysOpen && !someOpen {
		f.Add(path+".weekly", "add opening hours for at least one day, or set always_open")
	}
	if len(h.Holidays) > MaxHolidays {
		f.Add(path+".holidays", fmt.Sprintf("at most %d holidays", MaxHolidays))
	}
	for i := range h.Holidays {
		h.Holidays[i].check(f, fmt.Sprintf("%s.holidays[%d]", path, i), complete)
	}
}

// checkDay trims and checks one weekday's ranges; when complete each range
// must be non-empty and overlap no other.
func checkDay(f problem.Fields, path string, rs []TimeRange, complete bool) {
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
		if okFrom && okTo && complete && from >= to {
			f.Add(p, "from must be before to (split a range that crosses midnight over two days)")
		} else if okFrom && okTo {
			spans = append(spans, span{from, to, i})
		}
	}
	if !complete {
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

// check trims and checks one holiday.
func (h *Holiday) check(f problem.Fields, path string, complete bool) {
	h.Date, h.EndDate, h.Name = strings.TrimSpace(h.Date), strings.TrimSpace(h.EndDate), strings.TrimSpace(h.Name)
	if !validDate(h.Date) {
		f.Add(path+".date", "must be a date YYYY-MM-DD")
	}
	if h.EndDate != "" && !validDate(h.EndDate) {
		f.Add(path+".end_date", "must be a date YYYY-MM-DD, or empty for a single day")
	}
	if complete && validDate(h.Date) && validDate(h.last()) && h.last() < h.Date {
		f.Add(path+".end_date", "must not be before date")
	}
	if utf8.RuneCountInString(h.Name) > MaxHolidayNameLen {
		f.Add(path+".name", fmt.Sprintf("must be at most %d characters", MaxHolidayNameLen))
	}
}
