package sandbox

import (
	"time"
)

// timeFilter is one of the Calls list filters StartTime, StartTime<,
// StartTime>, EndTime, EndTime<, EndTime>. Values are YYYY-MM-DD dates
// (UTC) or RFC 3339 times, which twilio-go sends (wire facts §5 "List
// filters"). "=" keeps calls on that UTC date, "<" before the value, ">"
// on or after it (the OAI parameter descriptions).
type timeFilter struct {
	end bool // EndTime rather than StartTime
	op  byte // '=', '<' or '>'
	at  time.Time
}

func (rc *rest) timeFilters() ([]timeFilter, error) {
	var out []timeFilter
	for _, f := range []struct {
		key string
		end bool
		op  byte
	}{{"StartTime", false, '='}, {"StartTime<", false, '<'}, {"StartTime>", false, '>'},
		{"EndTime", true, '='}, {"EndTime<", true, '<'}, {"EndTime>", true, '>'}} {
		v := rc.get(f.key)
		if v == "" {
			continue
		}
		at, err := time.Parse(time.RFC3339, v)
		if err != nil {
			at, err = time.Parse(time.DateOnly, v)
		}
		if err != nil {
			return nil, newAPIError(400, 20001, "%s must be a date (YYYY-MM-DD) or an RFC 3339 time, not %q", f.key, v)
		}
		out = append(out, timeFilter{end: f.end, op: f.op, at: at.UTC()})
	}
	return out, nil
}

func (f timeFilter) keep(c *call) bool {
	t := c.start
	if f.end {
		t = c.end
	}
	if t.IsZero() {
		return false
	}
	switch f.op {
	case '<':
		return t.Before(f.at)
	case '>':
		return !t.Before(f.at)
	}
	y1, m1, d1 := t.UTC().Date()
	y2, m2, d2 := f.at.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}
