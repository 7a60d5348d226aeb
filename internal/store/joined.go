package store

import "database/sql"

// A joined row holds several tables' columns side by side. Each table's
// scan function (scanNumber, scanProvider, scanAgent, …) reads its own
// columns through a columnsAt, so one query can return what several did
// without a second list of the same columns to keep in step.

// columnsAt reads the columns of a wider row starting at offset; the
// row's other columns are skipped. A *sql.Rows may be scanned several
// times for the same row.
type columnsAt struct {
	rows   *sql.Rows
	offset int
	width  int // of the whole row
}

// Scan fills dest from the row's columns at offset.
func (c columnsAt) Scan(dest ...any) error {
	all := make([]any, c.width)
	for i := range all {
		all[i] = skip{}
	}
	copy(all[c.offset:], dest)
	return c.rows.Scan(all...)
}

// skip is a scan destination that keeps nothing.
type skip struct{}

// Scan discards the value.
func (skip) Scan(any) error { return nil }

// width counts the columns of a SELECT list, ignoring commas inside
// parentheses (COALESCE(a, b) is one column).
func width(columns string) int {
	n, depth := 1, 0
	for _, r := range columns {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		}
	}
	return n
}
