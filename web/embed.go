// Package web serves the browser app: the Vite build in dist/app, embedded
// into the binary. When the app was not built (a Go-only checkout), it
// serves a short page that says how to build it.
package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed all:dist
var dist embed.FS

// Handler returns the web app's handler. Hashed files under /assets/ are
// cached for a year; index.html is never cached and answers every other
// path that is not a file, so the app's own routes survive a reload. Paths
// under /api/ must be routed elsewhere: they get 404 here.
func Handler() http.Handler {
	app, err := fs.Sub(dist, "dist/app")
	if err == nil {
		if _, err = fs.Stat(app, "index.html"); err == nil {
			return appHandler(app)
		}
	}
	return placeholderHandler()
}

// Built reports whether the embedded app was built (false when only the
// placeholder is present).
func Built() bool {
	_, err := fs.Stat(dist, "dist/app/index.html")
	return err == nil
}

func appHandler(app fs.FS) http.Handler {
	index, _ := fs.ReadFile(app, "index.html")
	files := gzipFiles(app, http.FileServerFS(app))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		switch {
		case p == "/api" || strings.HasPrefix(p, "/api/"):
			http.NotFound(w, r)
		case strings.HasPrefix(p, "/assets/"):
			if !isFile(app, p) {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			files.ServeHTTP(w, r)
		case p != "/" && p != "/index.html" && isFile(app, p):
			w.Header().Set("Cache-Control", "public, max-age=3600")
			files.ServeHTTP(w, r)
		default:
			serveIndex(w, r, index)
		}
	})
}

func isFile(fsys fs.FS, p string) bool {
	st, err := fs.Stat(fsys, strings.TrimPrefix(p, "/"))
	return err == nil && !st.IsDir()
}

// contentSecurityPolicy allows only the app's own files and API, and what
// the Twilio Voice SDK (a lazily loaded chunk, web/src/softphone) reaches:
// its signalling WebSocket wss://voice-js.<edge>.twilio.com and insights
// gateway https://eventgw[.<region>].twilio.com (connect-src; the SDK's
// esm/twilio/regions.js), and its ring and tone sounds at
// https://sdk.twilio.com/js/client/sounds/… (media-src; constants.js).
// Call audio is WebRTC, which CSP does not govern.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self' wss://*.twilio.com https://*.twilio.com; media-src 'self' https://sdk.twilio.com; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func serveIndex(w http.ResponseWriter, r *http.Request, index []byte) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if r.Method == http.MethodHead {
		return
	}
	w.Write(index)
}

func placeholderHandler() http.Handler {
	page, _ := fs.ReadFile(dist, "dist/placeholder.html")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(path.Clean("/"+r.URL.Path), "/api/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(page)
	})
}

// gzipFiles serves text assets gzipped to clients that accept it,
// compressing each file once, on first use.
func gzipFiles(fsys fs.FS, plain http.Handler) http.Handler {
	var mu sync.Mutex
	cache := map[string][]byte{}
	compressed := func(name string) ([]byte, bool) {
		mu.Lock()
		defer mu.Unlock()
		if b, ok := cache[name]; ok {
			return b, b != nil
		}
		raw, err := fs.ReadFile(fsys, name)
		var buf bytes.Buffer
		if err == nil && len(raw) >= 1024 {
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(raw)
			zw.Close()
		}
		if buf.Len() == 0 || buf.Len() >= len(raw) {
			cache[name] = nil
			return nil, false
		}
		cache[name] = buf.Bytes()
		return cache[name], true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		ctype := mime.TypeByExtension(path.Ext(name))
		w.Header().Add("Vary", "Accept-Encoding")
		if !textual(ctype) || !acceptsGzip(r) {
			plain.ServeHTTP(w, r)
			return
		}
		gz, ok := compressed(name)
		if !ok {
			plain.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Encoding", "gzip")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(gz))
	})
}

func textual(ctype string) bool {
	for _, p := range []string{"text/", "application/javascript", "text/javascript", "image/svg+xml", "application/json"} {
		if strings.HasPrefix(ctype, p) {
			return true
		}
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
