package server

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/switchboard/switchboard/internal/api"
	"github.com/switchboard/switchboard/internal/problem"
)

// metrics are the HTTP server's Prometheus metrics.
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	// series holds each route, method and status's counter and histogram:
	// finding them by label values hashes the values on every request.
	series sync.Map // seriesKey → series
}

type seriesKey struct {
	route, method string
	status        int
}

type series struct {
	requests prometheus.Counter
	duration prometheus.Observer
}

// observe counts a request to route by method and status, and its time.
// A method HTTP does not define counts as OTHER: a client's made-up
// methods must not make series without end.
func (m *metrics) observe(route, method string, status int, elapsed time.Duration) {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
		http.MethodOptions, http.MethodConnect, http.MethodTrace:
	default:
		method = "OTHER"
	}
	k := seriesKey{route, method, status}
	v, ok := m.series.Load(k)
	if !ok {
		v, _ = m.series.LoadOrStore(k, series{m.requests.WithLabelValues(route, method, strconv.Itoa(status)),
			m.duration.WithLabelValues(route)})
	}
	s := v.(series)
	s.requests.Inc()
	s.duration.Observe(elapsed.Seconds())
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "switchboard_http_requests_total",
			Help: "HTTP requests by route pattern, method and status."}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "switchboard_http_request_duration_seconds",
			Help: "HTTP request duration by route pattern.", Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 12)},
			[]string{"route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush on the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// observe gives each request an id, recovers panics, logs it with its org
// and records metrics by route pattern.
func observe(log *slog.Logger, m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &api.RequestInfo{ID: r.Header.Get("X-Request-Id")}
		if info.ID == "" || len(info.ID) > 64 {
			b := make([]byte, 8)
			rand.Read(b)
			info.ID = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", info.ID)
		sw := &statusWriter{ResponseWriter: w}
		r = r.WithContext(api.WithInfo(r.Context(), info))
		defer func() {
			if p := recover(); p != nil {
				log.ErrorContext(r.Context(), "panic", "panic", p, "request_id", info.ID)
				if sw.status == 0 {
					api.WriteError(sw, r, log, problem.New(problem.Internal, "panic: %v", p))
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			elapsed := time.Since(start)
			m.observe(route, r.Method, sw.status, elapsed)
			log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("request_id", info.ID),
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
				slog.Duration("duration", elapsed), slog.Int64("org_id", int64(info.OrgID)), slog.Int64("user_id", int64(info.UserID)))
		}()
		next.ServeHTTP(sw, r)
	})
}
