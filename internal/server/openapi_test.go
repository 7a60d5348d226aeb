package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/switchboard/switchboard/internal/api"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestOpenAPIGolden keeps testdata/openapi.json equal to the served
// document; the web app's API types are generated from that file.
func TestOpenAPIGolden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.do(http.MethodGet, "/api/v1/openapi.json", "", nil, nil)
	wantStatus(t, res, http.StatusOK)
	var doc map[string]any
	res.decode(t, &doc)
	got, _ := json.MarshalIndent(doc, "", "  ")
	got = append(got, '\n')
	const golden = "testdata/openapi.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/server -run OpenAPI -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("served OpenAPI document differs from %s; run go test ./internal/server -run OpenAPIGolden -update and regenerate the web types (make web-types)", golden)
	}
}

// TestRoutesMatchDocument fails when a route is served that the document
// lacks, or the document lists an operation that is not served.
func TestRoutesMatchDocument(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	doc := api.OpenAPI(e.srv.Routes())
	paths := doc["paths"].(map[string]map[string]any)
	documented := map[string]bool{}
	for p, ops := range paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	t.Run("every documented operation is served", func(t *testing.T) {
		for op := range documented {
			method, path, _ := strings.Cut(op, " ")
			path = strings.ReplaceAll(path, "{id}", "1")
			res := e.do(method, path, "", nil, nil)
			if res.status == http.StatusNotFound && bytes.Contains(res.body, []byte("no API route")) {
				t.Errorf("%s is documented but not served", op)
			}
		}
	})
	t.Run("every API pattern in the server's source is documented", func(t *testing.T) {
		pattern := regexp.MustCompile(`"(GET|POST|PUT|PATCH|DELETE) (/api/[^"]*)"`)
		path := regexp.MustCompile(`Method: "(GET|POST|PUT|PATCH|DELETE)", Path: "(/api/[^"]*)"`)
		files, _ := os.ReadDir(".")
		for _, f := range files {
			if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
				continue
			}
			src, _ := os.ReadFile(f.Name())
			for _, re := range []*regexp.Regexp{pattern, path} {
				for _, m := range re.FindAllStringSubmatch(string(src), -1) {
					if !documented[m[1]+" "+m[2]] {
						t.Errorf("%s: route %s %s is not in the OpenAPI document", f.Name(), m[1], m[2])
					}
				}
			}
		}
	})
	t.Run("routes built in loops are documented", func(t *testing.T) {
		for _, k := range []string{"contacts", "leads", "accounts", "deals"} {
			for _, op := range []string{"GET /api/v1/" + k, "POST /api/v1/" + k, "GET /api/v1/" + k + "/{id}",
				"PATCH /api/v1/" + k + "/{id}", "DELETE /api/v1/" + k + "/{id}"} {
				if !documented[op] {
					t.Errorf("%s is not documented", op)
				}
			}
		}
	})
}

// TestOpenAPIIsValid checks the document against the OpenAPI 3 rules.
func TestOpenAPIIsValid(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("invalid OpenAPI document: %v", err)
	}
}
