package routing

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/switchboard/switchboard/internal/org"
)

// Change is one difference between two versions of a configuration, for the
// editor's readable diff (R-PLAT-4). Path names the setting the way
// validation errors do, except that menu options are named by key
// ("menu.options[key=2].label") and holidays by date
// ("hours.holidays[2026-12-25]"). Old is empty for something added, New for
// something removed.
type Change struct {
	Path string `json:"path"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// Diff lists what changed from a to b, in the order the settings appear in
// a configuration, options by key. A menu option, menu or group added or
// removed is one change summarising it ("Sales: ring"), not one per setting
// inside it. The order in which a menu's options are played is the entry
// "….options": "key order", or "order 2, 1, 3" when the keys are not listed
// in ascending order. Diff(a, a) is empty.
func Diff(a, b Config) []Change {
	ea, eb := flatten(a), flatten(b)
	paths := make([]string, 0, len(eb))
	for p := range eb {
		paths = append(paths, p)
	}
	for p := range ea {
		if _, ok := eb[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.SortFunc(paths, func(x, y string) int {
		return compareEntries(pick(ea, eb, x), pick(ea, eb, y))
	})
	return changes(paths, ea, eb)
}

// changes compares the entries at each path, skipping what lies inside an
// added or removed subtree.
func changes(paths []string, ea, eb map[string]entry) []Change {
	var out []Change
	gone := ""
	for _, p := range paths {
		if gone != "" && (strings.HasPrefix(p, gone+".") || strings.HasPrefix(p, gone+"[")) {
			continue
		}
		x, inA := ea[p]
		y, inB := eb[p]
		switch {
		case inA && inB && !x.node && x.value != y.value:
			out = append(out, Change{Path: p, Old: x.value, New: y.value})
		case inA && !inB:
			out = append(out, Change{Path: p, Old: x.value})
		case inB && !inA:
			out = append(out, Change{Path: p, New: y.value})
		}
		if inA != inB && (x.node || y.node) {
			gone = p
		}
	}
	return out
}

// entry is one setting of a flattened configuration. A node entry stands
// for a subtree (an option, a menu, a group) and is only compared for
// presence.
type entry struct {
	path  string
	order []string
	value string
	node  bool
}

// pick returns the entry at path p from b, else from a.
func pick(ea, eb map[string]entry, p string) entry {
	if e, ok := eb[p]; ok {
		return e
	}
	return ea[p]
}

// compareEntries orders entries as the settings appear in a configuration,
// a subtree right after its node.
func compareEntries(x, y entry) int {
	if c := slices.Compare(x.order, y.order); c != 0 {
		return c
	}
	return strings.Compare(x.path, y.path)
}

// pos is where a setting sits: its path and its place in the order.
type pos struct {
	path  string
	order []string
}

// field is the ord-th field of p, named name.
func (p pos) field(ord int, name string) pos {
	path := name
	if p.path != "" {
		path = p.path + "." + name
	}
	return pos{path, append(slices.Clip(p.order), fmt.Sprintf("%02d", ord))}
}

// item is an element of list p, named label and ordered by sortKey.
func (p pos) item(label, sortKey string) pos {
	return pos{p.path + "[" + label + "]", append(slices.Clip(p.order), sortKey)}
}

// flattener turns a configuration into entries by path.
type flattener map[string]entry

// leaf records a setting's value.
func (f flattener) leaf(p pos, value string) { f[p.path] = entry{p.path, p.order, value, false} }

// node records the presence of a subtree, summarised by value.
func (f flattener) node(p pos, value string) { f[p.path] = entry{p.path, p.order, value, true} }

// flatten returns c's settings by path.
func flatten(c Config) map[string]entry {
	f := flattener{}
	root := pos{}
	f.leaf(root.field(1, "online"), strconv.FormatBool(c.Online))
	f.leaf(root.field(2, "mode"), string(c.Mode))
	f.menu(root.field(3, "menu"), c.Menu, 1)
	f.group(root.field(4, "group"), c.Group)
	f.voice(root.field(5, "voice"), c.Voice)
	f.queue(root.field(6, "queue"), c.Queue)
	f.hours(root.field(7, "hours"), c.Hours)
	vm := root.field(8, "voicemail")
	f.leaf(vm.field(1, "enabled"), strconv.FormatBool(c.Voicemail.Enabled))
	f.leaf(vm.field(2, "max_length_seconds"), strconv.Itoa(c.Voicemail.MaxLengthSeconds))
	rec := root.field(9, "recording")
	f.leaf(rec.field(1, "enabled"), strconv.FormatBool(c.Recording.Enabled))
	f.leaf(rec.field(2, "announcement"), strconv.FormatBool(c.Recording.Announcement))
	return f
}

// menu flattens menu m; options are named by key, a repeated key (only in a
// draft) by key and occurrence. Levels beyond any valid menu are summarised
// by their node, so flattening is bounded.
func (f flattener) menu(p pos, m *Menu, level int) {
	if m == nil {
		return
	}
	f.node(p, plural(len(m.Options), "option"))
	if level > MaxLevels+1 {
		return
	}
	opts := p.field(1, "options")
	f.leaf(opts, keyOrder(m.Options))
	seen := map[int]int{}
	for _, o := range m.Options {
		seen[o.Key]++
		label, sortKey := fmt.Sprintf("key=%d", o.Key), fmt.Sprintf("%020d", o.Key)
		if n := seen[o.Key]; n > 1 {
			label, sortKey = fmt.Sprintf("%s#%d", label, n), fmt.Sprintf("%s#%d", sortKey, n)
		}
		op := opts.item(label, sortKey)
		f.node(op, optionSummary(o))
		f.leaf(op.field(1, "label"), o.Label)
		f.leaf(op.field(2, "action"), string(o.Action))
		f.group(op.field(3, "group"), o.Group)
		f.menu(op.field(4, "submenu"), o.Submenu, level+1)
	}
}

// keyOrder says in which order a menu's options are played: "key order",
// or the keys as listed when they are not ascending ("order 2, 1, 3").
func keyOrder(opts []Option) string {
	keys := make([]string, len(opts))
	ascending := true
	for i, o := range opts {
		keys[i] = strconv.Itoa(o.Key)
		ascending = ascending && (i == 0 || opts[i-1].Key < o.Key)
	}
	if ascending {
		return "key order"
	}
	return "order " + strings.Join(keys, ", ")
}

// optionSummary describes an option added or removed: "Sales: ring".
func optionSummary(o Option) string {
	return fmt.Sprintf("%s: %s", o.Label, o.Action)
}

// group flattens group g.
func (f flattener) group(p pos, g *Group) {
	if g == nil {
		return
	}
	f.node(p, fmt.Sprintf("%s, %s", plural(len(g.Users), "user"), g.Ring))
	f.leaf(p.field(1, "users"), userList(g.Users))
	f.leaf(p.field(2, "ring"), string(g.Ring))
	f.leaf(p.field(3, "interval_seconds"), strconv.Itoa(g.IntervalSeconds))
	f.leaf(p.field(4, "timeout_seconds"), strconv.Itoa(g.TimeoutSeconds))
	f.leaf(p.field(5, "repeat"), strconv.FormatBool(g.Repeat))
}

// userList shows user ids as "1, 2, 3".
func userList(ids []org.UserID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(int64(id), 10)
	}
	return strings.Join(s, ", ")
}

// voice flattens the voice settings and messages.
func (f flattener) voice(p pos, v Voice) {
	f.leaf(p.field(1, "format"), string(v.Format))
	f.leaf(p.field(2, "voice"), v.Voice)
	f.leaf(p.field(3, "language"), v.Language)
	for i, m := range []struct {
		name string
		msg  Message
	}{{"welcome", v.Welcome}, {"menu", v.Menu}, {"busy", v.Busy}, {"unavailable", v.Unavailable}} {
		mp := p.field(4+i, m.name)
		f.leaf(mp.field(1, "text"), m.msg.Text)
		f.leaf(mp.field(2, "audio_url"), m.msg.AudioURL)
		f.leaf(mp.field(3, "audio_file_id"), m.msg.AudioFileID)
	}
}

// queue flattens the queue settings.
func (f flattener) queue(p pos, q Queue) {
	f.leaf(p.field(1, "enabled"), strconv.FormatBool(q.Enabled))
	f.leaf(p.field(2, "max_callers"), strconv.Itoa(q.MaxCallers))
	f.leaf(p.field(3, "max_wait_minutes"), strconv.Itoa(q.MaxWaitMinutes))
	f.leaf(p.field(4, "hold_music_url"), q.HoldMusicURL)
	f.leaf(p.field(5, "announcement"), string(q.Announcement))
	f.leaf(p.field(6, "announcement_text"), q.AnnouncementText)
	f.leaf(p.field(7, "announcement_every_seconds"), strconv.Itoa(q.AnnouncementEverySeconds))
}

// hours flattens business hours: one entry per weekday ("09:00–12:00,
// 14:00–18:00") and one per holiday, named by its first day.
func (f flattener) hours(p pos, h Hours) {
	f.leaf(p.field(0, "use_org"), hoursSource(h.UseOrg))
	f.leaf(p.field(1, "always_open"), strconv.FormatBool(h.AlwaysOpen))
	week := p.field(2, "weekly")
	for i, d := range org.Weekdays() {
		rs := make([]string, 0, len(h.Weekly.Day(d)))
		for _, r := range h.Weekly.Day(d) {
			rs = append(rs, r.String())
		}
		f.leaf(week.field(i+1, org.DayName(d)), strings.Join(rs, ", "))
	}
	seen := map[string]int{}
	for _, hd := range h.Holidays {
		seen[hd.Date]++
		label := hd.Date
		if n := seen[hd.Date]; n > 1 {
			label = fmt.Sprintf("%s#%d", hd.Date, n)
		}
		f.leaf(p.field(3, "holidays").item(label, label), holidaySummary(hd))
	}
}

// hoursSource says whose hours a number follows.
func hoursSource(useOrg bool) string {
	if useOrg {
		return "the org's business hours"
	}
	return "custom hours for this number"
}

// holidaySummary describes a holiday: "2026-12-24 to 2026-12-26: Christmas".
func holidaySummary(h Holiday) string {
	s := h.Date
	if h.EndDate != "" && h.EndDate != h.Date {
		s += " to " + h.EndDate
	}
	if h.Name != "" {
		s += ": " + h.Name
	}
	return s
}

// plural says "1 option", "3 options".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
