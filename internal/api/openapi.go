package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Route is one operation of the REST API: how it is served, who may call
// it, and what the OpenAPI document says of it.
type Route struct {
	Method   string
	Path     string // ServeMux pattern path, e.g. /api/v1/contacts/{id}
	Access   Access
	Handler  HandlerFunc
	Summary  string
	Tag      string
	Request  any // JSON body type, or nil
	Response any // success body type, or nil for 204
	Status   int // success status; 0 means 200
	Query    []Param
	// Consumes / Produces override JSON for raw bodies (text/csv, NDJSON).
	Consumes string
	Produces string
	// StringPath names the path parameters that are strings (an audio
	// file's id); the others are int64 ids.
	StringPath []string
}

// Param documents a query parameter.
type Param struct {
	Name, Description string
	Enum              []string
	Integer           bool
}

// Pattern is the ServeMux pattern of r.
func (r Route) Pattern() string { return r.Method + " " + r.Path }

// OpenAPI builds the OpenAPI 3.0 document describing routes.
func OpenAPI(routes []Route) map[string]any {
	g := &schemaGen{schemas: map[string]any{}}
	g.ref(reflect.TypeOf(ErrorBody{}))
	paths := map[string]map[string]any{}
	for _, rt := range routes {
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = g.operation(rt)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "Switchboard API", "version": "1",
			"description": "Switchboard's REST API. Every failure has the body {\"error\": {\"code\", \"message\", \"fields\"}}. " +
				"Authenticate with Authorization: Bearer <token> (from POST /api/v1/session or an API token), or with the session " +
				"cookie plus the X-CSRF-Token header on writes."},
		"paths": paths,
		"components": map[string]any{
			"schemas": g.schemas,
			"securitySchemes": map[string]any{
				"bearer": map[string]any{"type": "http", "scheme": "bearer"},
				"cookie": map[string]any{"type": "apiKey", "in": "cookie", "name": SessionCookie},
			},
		},
	}
}

// ServeOpenAPI serves the document as JSON.
func ServeOpenAPI(routes []Route) HandlerFunc {
	doc, err := json.MarshalIndent(OpenAPI(routes), "", "  ")
	return func(w http.ResponseWriter, r *http.Request) error {
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		_, err := w.Write(doc)
		return err
	}
}

func (g *schemaGen) operation(rt Route) map[string]any {
	status := rt.Status
	if status == 0 {
		status = http.StatusOK
	}
	op := map[string]any{
		"summary":     rt.Summary,
		"operationId": operationID(rt),
		"tags":        []string{rt.Tag},
		"responses":   g.responses(rt, status),
	}
	if rt.Access == Public {
		op["security"] = []any{}
	} else {
		op["security"] = []any{map[string]any{"bearer": []string{}}, map[string]any{"cookie": []string{}}}
	}
	if rt.Access == Admin {
		op["description"] = "Admins only: agents get 403."
	}
	if params := g.params(rt); len(params) > 0 {
		op["parameters"] = params
	}
	if rt.Request != nil {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": g.ref(reflect.TypeOf(rt.Request))}}}
	} else if rt.Consumes != "" {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			rt.Consumes: map[string]any{"schema": map[string]any{"type": "string"}}}}
	}
	return op
}

func (g *schemaGen) responses(rt Route, status int) map[string]any {
	errResp := map[string]any{"description": "error", "content": map[string]any{
		"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/ErrorBody"}}}}
	out := map[string]any{"default": errResp}
	ok := map[string]any{"description": http.StatusText(status)}
	switch {
	case rt.Response != nil:
		content := map[string]any{"application/json": map[string]any{"schema": g.ref(reflect.TypeOf(rt.Response))}}
		if rt.Produces != "" {
			content[rt.Produces] = map[string]any{"schema": map[string]any{"type": "string"}}
		}
		ok["content"] = content
	case rt.Produces != "":
		ok["content"] = map[string]any{rt.Produces: map[string]any{"schema": map[string]any{"type": "string"}}}
	}
	out[strconv.Itoa(status)] = ok
	return out
}

func (g *schemaGen) params(rt Route) []any {
	var out []any
	for _, seg := range strings.Split(rt.Path, "/") {
		if strings.HasPrefix(seg, "{") {
			name, schema := strings.Trim(seg, "{}"), map[string]any{"type": "integer", "format": "int64"}
			if slices.Contains(rt.StringPath, name) {
				schema = map[string]any{"type": "string"}
			}
			out = append(out, map[string]any{"name": name, "in": "path", "required": true, "schema": schema})
		}
	}
	for _, p := range rt.Query {
		s := map[string]any{"type": "string"}
		if p.Integer {
			s = map[string]any{"type": "integer"}
		}
		if len(p.Enum) > 0 {
			s["enum"] = p.Enum
		}
		out = append(out, map[string]any{"name": p.Name, "in": "query", "description": p.Description, "schema": s})
	}
	return out
}

func operationID(rt Route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.Method))
	for _, seg := range strings.Split(strings.TrimPrefix(rt.Path, "/api/v1/"), "/") {
		seg = strings.Trim(seg, "{}")
		for _, part := range strings.Split(seg, "_") {
			if part != "" {
				b.WriteString(strings.ToUpper(part[:1]) + part[1:])
			}
		}
	}
	return b.String()
}

// schemaGen turns wire types into JSON schemas under components/schemas.
type schemaGen struct{ schemas map[string]any }

func (g *schemaGen) ref(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if _, ok := g.schemas[t.Name()]; !ok {
		g.schemas[t.Name()] = map[string]any{} // placeholder breaks cycles
		g.schemas[t.Name()] = g.object(t)
	}
	return map[string]any{"$ref": "#/components/schemas/" + t.Name()}
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		s := g.schema(f.Type)
		if enum := f.Tag.Get("enum"); enum != "" {
			s["enum"] = strings.Split(enum, ",")
		}
		props[name] = s
		if !strings.Contains(opts, "omitempty") {
			required = append(required, name)
		}
	}
	sort.Strings(required)
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	nullable := false
	for t.Kind() == reflect.Pointer {
		t, nullable = t.Elem(), true
	}
	var s map[string]any
	switch t.Kind() {
	case reflect.String:
		s = map[string]any{"type": "string"}
	case reflect.Bool:
		s = map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		s = map[string]any{"type": "integer", "format": "int64"}
	case reflect.Float64:
		s = map[string]any{"type": "number", "format": "double"}
	case reflect.Slice:
		s = map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		s = map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Struct:
		ref := g.ref(t)
		if nullable {
			return map[string]any{"allOf": []any{ref}, "nullable": true}
		}
		return ref
	default:
		panic("api: no schema for " + t.String())
	}
	if nullable {
		s["nullable"] = true
	}
	return s
}
