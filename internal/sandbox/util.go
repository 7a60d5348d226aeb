package sandbox

import (
	"strconv"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

// attrSeconds reads an attribute holding whole seconds, falling back to def
// when it is missing or not a number.
func attrSeconds(n *node, name string, def int) time.Duration {
	v, err := strconv.Atoi(n.attr(name, ""))
	if err != nil {
		v = def
	}
	return time.Duration(v) * time.Second
}

func attrInt(n *node, name string, def int) int {
	v, err := strconv.Atoi(n.attr(name, ""))
	if err != nil {
		return def
	}
	return v
}

func attrBool(n *node, name string, def bool) bool {
	v, err := strconv.ParseBool(n.attr(name, ""))
	if err != nil {
		return def
	}
	return v
}

func secs(d time.Duration) string { return strconv.Itoa(int(d.Seconds())) }

// resolved returns a copy of n whose URL attributes are absolute, resolved
// against base.
func resolved(n *node, base string, names ...string) *node {
	c := *n
	c.attrs = make(map[string]string, len(n.attrs))
	for k, v := range n.attrs {
		c.attrs[k] = v
	}
	for _, name := range names {
		if v, ok := c.attrs[name]; ok && v != "" {
			c.attrs[name] = resolveURL(base, v)
		}
	}
	return &c
}
