package routing

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

// ValidateDraft trims c in place and checks what an editor's work in
// progress must already respect: enumerations, lengths, formats and every
// limit (R-IN-2: a request that breaks a limit is refused). It does not ask
// for completeness: a draft may have an empty group, a menu without options,
// a template without its variables or unknown users. It returns a
// problem.Invalid naming each broken field and rule, or nil.
func ValidateDraft(c *Config) error {
	return validate(c, nil, false)
}

// Validate trims c in place and checks every rule a configuration must meet
// before it is published (R-PLAT-4): the draft rules, and that the part the
// mode uses is complete and consistent. known reports whether a user id is
// an active user of the org (R-ORG-1); nil treats every user as unknown.
// Settings that are switched off or do not apply are only shape-checked, and
// a zero number there is read as its default. It returns a problem.Invalid
// naming each broken field (e.g. "menu.options[2].key") and rule, or nil.
func Validate(c *Config, known func(org.UserID) bool) error {
	if known == nil {
		known = func(org.UserID) bool { return false }
	}
	return validate(c, known, true)
}

// validator collects the problems of one configuration.
type validator struct {
	f       problem.Fields
	publish bool
	known   func(org.UserID) bool
}

// validate runs the checks; publish adds the completeness rules.
func validate(c *Config, known func(org.UserID) bool, publish bool) error {
	if c == nil {
		return problem.Field("config", "is required")
	}
	v := &validator{f: problem.Fields{}, publish: publish, known: known}
	v.mode(c)
	v.menu("menu", c.Menu, 1, publish && c.Mode == ModeIVR)
	v.group("group", c.Group, false, publish && c.Mode == ModeDirect)
	v.voice(c)
	v.queue(&c.Queue)
	v.hours(&c.Hours)
	v.number("voicemail.max_length_seconds", &c.Voicemail.MaxLengthSeconds,
		MinVoicemailSeconds, MaxVoicemailSeconds, DefaultVoicemailSeconds, c.Voicemail.Enabled, " seconds")
	return v.f.Err()
}

// mode checks the mode and that the part it uses is there.
func (v *validator) mode(c *Config) {
	switch c.Mode {
	case ModeIVR:
		if v.publish && c.Menu == nil {
			v.f.Add("menu", "is required in ivr mode")
		}
	case ModeDirect:
		if v.publish && c.Group == nil {
			v.f.Add("group", "is required in direct mode")
		}
	default:
		v.f.Add("mode", "must be ivr or direct")
	}
}

// menu checks menu m at path, at depth level (the root is 1). strict asks
// for completeness: the menu is used by the published configuration.
func (v *validator) menu(path string, m *Menu, level int, strict bool) {
	if m == nil {
		return
	}
	if level > MaxLevels {
		v.f.Add(path, fmt.Sprintf("at most %d levels of menus", MaxLevels))
		return
	}
	opts := path + ".options"
	if len(m.Options) > MaxOptions {
		v.f.Add(opts, fmt.Sprintf("at most %d options per menu", MaxOptions))
	}
	if strict && len(m.Options) == 0 {
		v.f.Add(opts, "must have at least one option")
	}
	seen := map[int]int{}
	for i := range m.Options {
		p := fmt.Sprintf("%s[%d]", opts, i)
		o := &m.Options[i]
		v.option(p, o, level, strict)
		if j, dup := seen[o.Key]; dup && strict && validKey(o.Key) {
			v.f.Add(p+".key", fmt.Sprintf("must be unique in its menu: key %d is also options[%d]", o.Key, j))
		} else if !dup {
			seen[o.Key] = i
		}
	}
}

// validKey reports whether k is a key a caller can press for an option.
func validKey(k int) bool { return k >= MinKey && k <= MaxKey }

// option checks one menu option at path p in a menu at depth level.
func (v *validator) option(p string, o *Option, level int, strict bool) {
	if !validKey(o.Key) {
		v.f.Add(p+".key", fmt.Sprintf("must be %d–%d", MinKey, MaxKey))
	}
	o.Label = strings.TrimSpace(o.Label)
	v.text(p+".label", o.Label, MaxLabelLen)
	if strict && o.Label == "" {
		v.f.Add(p+".label", "is required")
	}
	switch o.Action {
	case ActionRing:
		if strict && o.Group == nil {
			v.f.Add(p+".group", "is required for a ring option")
		}
	case ActionSubmenu:
		if strict && o.Submenu == nil {
			v.f.Add(p+".submenu", "is required for a submenu option")
		}
	default:
		v.f.Add(p+".action", "must be ring or submenu")
	}
	v.group(p+".group", o.Group, true, strict && o.Action == ActionRing)
	v.menu(p+".submenu", o.Submenu, level+1, strict && o.Action == ActionSubmenu)
}

// group checks group g at path; inOption is true for an IVR option's group,
// false for the number's direct group.
func (v *validator) group(path string, g *Group, inOption, strict bool) {
	if g == nil {
		return
	}
	if g.Ring == "" {
		g.Ring = defaultRingType
	}
	if g.Ring != RingSimultaneous && g.Ring != RingSequential {
		v.f.Add(path+".ring", "must be simultaneous or sequential")
	}
	v.users(path+".users", g.Users, strict)
	v.number(path+".interval_seconds", &g.IntervalSeconds, MinIntervalSeconds, MaxIntervalSeconds,
		DefaultIntervalSeconds, g.Ring == RingSequential, " seconds")
	v.number(path+".timeout_seconds", &g.TimeoutSeconds, MinTimeoutSeconds, MaxTimeoutSeconds,
		DefaultTimeoutSeconds, g.Ring == RingSimultaneous, " seconds")
	if !inOption && g.Repeat {
		v.f.Add(path+".repeat", "cannot be set on a number's direct group: an unanswered sequence is repeated up to two cycles in all")
	}
}

// users checks a group's user list; strict asks for at least one user,
// each listed once and active.
func (v *validator) users(path string, users []org.UserID, strict bool) {
	if len(users) > MaxGroupUsers {
		v.f.Add(path, fmt.Sprintf("at most %d users per group", MaxGroupUsers))
	}
	if strict && len(users) == 0 {
		v.f.Add(path, "must list at least one user")
	}
	seen := map[org.UserID]bool{}
	for i, id := range users {
		p := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case id <= 0:
			v.f.Add(p, "must be a user id")
		case strict && seen[id]:
			v.f.Add(p, fmt.Sprintf("user %d is listed twice", id))
		case strict && !v.known(id):
			v.f.Add(p, fmt.Sprintf("no active user with id %d", id))
		}
		seen[id] = true
	}
}

// number checks *n is within [lo, hi]. Where the setting does not apply, a
// zero is replaced by def and any other value is still range-checked, so a
// stored value is always usable once the setting is switched on.
func (v *validator) number(path string, n *int, lo, hi, def int, applies bool, unit string) {
	if !applies && *n == 0 {
		*n = def
		return
	}
	if *n < lo || *n > hi {
		v.f.Add(path, fmt.Sprintf("must be between %d and %d%s", lo, hi, unit))
	}
}

// text checks a free-text field's length in characters.
func (v *validator) text(path, s string, max int) {
	if runeLen(s) > max {
		v.f.Add(path, fmt.Sprintf("must be at most %d characters", max))
	}
}

// runeLen is the length of s in characters.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
