package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestAppHandler(t *testing.T) {
	t.Parallel()
	app := fstest.MapFS{
		"index.html":          {Data: []byte("<!doctype html><title>app</title>")},
		"assets/index-abc.js": {Data: []byte("console.log(1)")},
		"favicon.svg":         {Data: []byte("<svg/>")},
	}
	h := appHandler(app)
	tests := []struct {
		name, method, path string
		status             int
		cache, bodyHas     string
	}{
		{"root is index", "GET", "/", 200, "no-cache", "<title>app</title>"},
		{"spa route is index", "GET", "/contacts/12", 200, "no-cache", "<title>app</title>"},
		{"index.html is not cached", "GET", "/index.html", 200, "no-cache", "<title>app</title>"},
		{"hashed asset is immutable", "GET", "/assets/index-abc.js", 200, "public, max-age=31536000, immutable", "console.log"},
		{"missing asset is 404", "GET", "/assets/index-zzz.js", 404, "", ""},
		{"other file", "GET", "/favicon.svg", 200, "public, max-age=3600", "<svg/>"},
		{"api never gets index", "GET", "/api/v1/nothing", 404, "", ""},
		{"head", "HEAD", "/deals", 200, "no-cache", ""},
		{"post refused", "POST", "/", 405, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tc.method, tc.path, nil))
			if w.Code != tc.status {
				t.Fatalf("status = %d, want %d", w.Code, tc.status)
			}
			if got := w.Header().Get("Cache-Control"); tc.cache != "" && got != tc.cache {
				t.Errorf("Cache-Control = %q, want %q", got, tc.cache)
			}
			if tc.cache == "no-cache" && !strings.Contains(w.Header().Get("Content-Security-Policy"), "default-src 'self'") {
				t.Errorf("index.html without a Content-Security-Policy")
			}
			if !strings.Contains(w.Body.String(), tc.bodyHas) {
				t.Errorf("body %q does not contain %q", w.Body.String(), tc.bodyHas)
			}
		})
	}
}

func TestPlaceholder(t *testing.T) {
	t.Parallel()
	h := placeholderHandler()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/contacts", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "npm --prefix web run build") {
		t.Fatalf("placeholder: status %d body %q", w.Code, w.Body.String())
	}
	if got := w.Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache", got)
	}
}

func TestHandlerWithoutBuild(t *testing.T) {
	t.Parallel()
	if Built() {
		t.Skip("the app is built; the placeholder is not served")
	}
	w := httptest.NewRecorder()
	Handler().ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if !strings.Contains(w.Body.String(), "web app was not built") {
		t.Fatalf("body %q does not say the app was not built", w.Body.String())
	}
}

func TestGzipAssets(t *testing.T) {
	t.Parallel()
	js := strings.Repeat("console.log('switchboard');\n", 200)
	h := appHandler(fstest.MapFS{
		"index.html":          {Data: []byte("<!doctype html>")},
		"assets/index-abc.js": {Data: []byte(js)},
		"assets/tiny-abc.js":  {Data: []byte("1")},
		"assets/logo-abc.png": {Data: []byte(strings.Repeat("x", 4000))},
	})
	get := func(p, accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", p, nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	w := get("/assets/index-abc.js", "gzip, deflate, br")
	if w.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(w.Header().Get("Content-Type"), "javascript") {
		t.Fatalf("headers = %v, want gzipped javascript", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); string(got) != js {
		t.Errorf("gunzipped body differs from the file")
	}
	if got := w.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control = %q", got)
	}
	for _, tc := range []struct{ name, path, accept string }{
		{"no gzip asked", "/assets/index-abc.js", ""},
		{"gzip refused", "/assets/index-abc.js", "gzip;q=0"},
		{"too small to help", "/assets/tiny-abc.js", "gzip"},
		{"not text", "/assets/logo-abc.png", "gzip"},
	} {
		if w := get(tc.path, tc.accept); w.Header().Get("Content-Encoding") != "" || w.Code != 200 {
			t.Errorf("%s: status %d, Content-Encoding %q, want plain 200", tc.name, w.Code, w.Header().Get("Content-Encoding"))
		}
	}
}
