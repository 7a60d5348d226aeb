// Package problem defines the few kinds of error the product reports to its
// clients. Domain packages return them; the HTTP adapter maps each kind to a
// status in one table. An Error carries what the client sees; the wrapped
// cause, if any, is for logs only.
package problem

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Kind is a class of failure the client can act on.
type Kind string

// The kinds. Internal is anything else: logged, shown as a generic message.
const (
	BadRequest      Kind = "bad_request"
	Invalid         Kind = "invalid"
	NotFound        Kind = "not_found"
	Conflict        Kind = "conflict"
	Gone            Kind = "gone" // it existed and was deleted (a recording's tombstone)
	Forbidden       Kind = "forbidden"
	Unauthenticated Kind = "unauthenticated"
	TooMany         Kind = "too_many_requests"
	TooLarge        Kind = "too_large"
	Unavailable     Kind = "unavailable"
	Internal        Kind = "internal"
)

// Error is a failure the client is told about. Fields maps a request field
// name to the rule it broke.
type Error struct {
	Kind    Kind
	Message string
	Fields  map[string]string
	// RetryAfter, in seconds, is set for TooMany.
	RetryAfter int
	cause      error
}

func (e *Error) Error() string {
	if len(e.Fields) < 2 {
		return e.Message // a single field's rule is already in the message
	}
	parts := make([]string, 0, len(e.Fields))
	for _, k := range slices.Sorted(maps.Keys(e.Fields)) {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return e.Message + " (" + strings.Join(parts, "; ") + ")"
}

// Unwrap returns the cause, if any.
func (e *Error) Unwrap() error { return e.cause }

// New returns an error of kind k with a formatted message.
func New(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error of kind k with message msg that keeps cause for logs.
func Wrap(k Kind, cause error, msg string) *Error {
	return &Error{Kind: k, Message: msg, cause: cause}
}

// Field returns an Invalid error for one field and rule.
func Field(field, rule string) *Error {
	return &Error{Kind: Invalid, Message: "invalid " + field + ": " + rule, Fields: map[string]string{field: rule}}
}

// Fields collects field problems; Err returns nil when there are none.
type Fields map[string]string

// Add records rule for field unless the field already has a problem.
func (f Fields) Add(field, rule string) {
	if _, ok := f[field]; !ok {
		f[field] = rule
	}
}

// Err returns an Invalid error listing the problems, or nil.
func (f Fields) Err() error {
	switch len(f) {
	case 0:
		return nil
	case 1:
		for k, v := range f {
			return &Error{Kind: Invalid, Message: "invalid " + k + ": " + v, Fields: map[string]string(f)}
		}
	}
	return &Error{Kind: Invalid, Message: fmt.Sprintf("%d fields are invalid", len(f)), Fields: map[string]string(f)}
}

// KindOf returns the kind of err: "" for nil, Internal when it is not an
// *Error.
func KindOf(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err is a problem of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }
