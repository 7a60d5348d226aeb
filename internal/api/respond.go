// Package api is the REST API under /api/v1: handlers per resource, the JSON
// wire types, authentication, and the OpenAPI document that describes it.
package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/switchboard/switchboard/internal/problem"
)

// HandlerFunc is an API handler: it writes a success response itself and
// returns any failure for Adapt to write.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ErrorBody is the one error shape of every failure.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong: a stable code, a human message, and the
// problem with each named field.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// statusOf maps each error kind to its HTTP status.
var statusOf = map[problem.Kind]int{
	problem.BadRequest:      http.StatusBadRequest,
	problem.Invalid:         http.StatusUnprocessableEntity,
	problem.NotFound:        http.StatusNotFound,
	problem.Conflict:        http.StatusConflict,
	problem.Gone:            http.StatusGone,
	problem.Forbidden:       http.StatusForbidden,
	problem.Unauthenticated: http.StatusUnauthorized,
	problem.TooMany:         http.StatusTooManyRequests,
	problem.TooLarge:        http.StatusRequestEntityTooLarge,
	problem.Unavailable:     http.StatusServiceUnavailable,
	problem.Internal:        http.StatusInternalServerError,
}

// Adapt turns a HandlerFunc into an http.Handler that writes its error in
// the error shape; only server faults are logged as errors.
func Adapt(log *slog.Logger, h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			WriteError(w, r, log, err)
		}
	})
}

// WriteError writes err in the error shape with its kind's status.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var p *problem.Error
	if !errors.As(err, &p) {
		p = problem.Wrap(problem.Internal, err, "")
	}
	status := statusOf[p.Kind]
	body := ErrorDetail{Code: string(p.Kind), Message: p.Message, Fields: p.Fields}
	if status >= 500 {
		log.ErrorContext(r.Context(), "request failed", "err", err, "method", r.Method, "path", r.URL.Path)
		if p.Kind == problem.Internal {
			body.Message = "internal error; it has been logged"
		}
	}
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	writeJSON(w, status, ErrorBody{Error: body})
}

// writeJSON writes v as the JSON response body.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// MaxBody bounds JSON request bodies.
const MaxBody = 1 << 20

// decode reads a JSON body into v whatever its Content-Type (curl -d sends
// form encoding; cookie-authenticated writes are CSRF-checked by header), refusing unknown fields, trailing data
// and bodies over MaxBody with errors that say which.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return problem.New(problem.BadRequest, "malformed JSON: unexpected data after the object")
	}
	return nil
}

func decodeError(err error) error {
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &maxErr):
		return problem.New(problem.TooLarge, "request body is larger than %d bytes", MaxBody)
	case errors.As(err, &typeErr):
		return &problem.Error{Kind: problem.Invalid, Message: "invalid " + typeErr.Field + ": must be " + jsonType(typeErr.Type.Kind().String()),
			Fields: map[string]string{typeErr.Field: "must be " + jsonType(typeErr.Type.Kind().String())}}
	case errors.As(err, &syntaxErr):
		return problem.New(problem.BadRequest, "malformed JSON at byte %d: %v", syntaxErr.Offset, syntaxErr)
	case errors.Is(err, io.EOF):
		return problem.New(problem.BadRequest, "request body is empty; send a JSON object")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &problem.Error{Kind: problem.Invalid, Message: "unknown field " + name, Fields: map[string]string{name: "is not a known field"}}
	}
	return problem.New(problem.BadRequest, "malformed JSON: %v", err)
}

func jsonType(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	}
	return "a number"
}

// queryInt reads an integer query parameter within [lo, hi], def if absent.
func queryInt(r *http.Request, name string, def, lo, hi int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &problem.Error{Kind: problem.BadRequest, Message: fmt.Sprintf("query parameter %s must be a whole number from %d to %d", name, lo, hi),
			Fields: map[string]string{name: fmt.Sprintf("must be a whole number from %d to %d", lo, hi)}}
	}
	return n, nil
}

// pathID reads the {id} path value.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, problem.New(problem.NotFound, "no such id %q", r.PathValue("id"))
	}
	return id, nil
}

// NoRoute answers API paths and methods that do not exist.
func NoRoute(w http.ResponseWriter, r *http.Request) error {
	return problem.New(problem.NotFound, "no API route %s %s; see /api/v1/openapi.json", r.Method, r.URL.Path)
}
