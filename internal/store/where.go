package store

import (
	"strconv"
	"strings"
)

// where builds a conjunction of conditions with numbered placeholders: each
// "?" in a condition becomes the next $N, bound to the next value.
type where struct {
	conds []string
	args  []any
}

func newWhere(cond string, vals ...any) *where {
	w := &where{}
	w.add(cond, vals...)
	return w
}

func (w *where) add(cond string, vals ...any) {
	for _, v := range vals {
		w.args = append(w.args, v)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

// limit appends n as the last argument and returns its placeholder.
func (w *where) limit(n int) string {
	w.args = append(w.args, n)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) String() string { return strings.Join(w.conds, " AND ") }
