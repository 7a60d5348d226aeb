package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/twilio"
)

// BenchmarkInboundWebhook measures, in one run, a bare signed-webhook
// handler returning fixed TwiML (the ceiling any webhook can reach here)
// and the real voice webhook, which routes the call and durably writes its
// state, each under 64 concurrent requests (issue 6's speed target: routed
// ≥ 40 % of bare, p99 ≤ 10 ms), then each again under 8 (the "c8" figures:
// latency when requests do not queue behind each other on two cores;
// decision 0019). Run on PostgreSQL with SWITCHBOARD_TEST_DATABASE_URL set.
func BenchmarkInboundWebhook(b *testing.B) {
	e := benchEnv(b)
	admin := e.signIn(demo.Users[0].Email)
	p, _ := admin.twilioProvider("Full")
	sid := e.ownNumber(p, "")
	var n numberJSON
	admin.do(http.MethodPost, "/api/v1/providers/"+itoa(p.ID)+"/numbers", map[string]any{"sid": sid}).decode(e.t, &n)
	alice := e.demoUserID(demo.Users[1].Email)
	base := "/api/v1/numbers/" + itoa(n.ID) + "/routing"
	admin.do(http.MethodPut, base, directGroup("simultaneous", alice)(nil))
	admin.do(http.MethodPost, base+"/publish", nil)
	e.signIn(demo.Users[1].Email).do(http.MethodPut, "/api/v1/presence/me", map[string]string{"status": "online"})
	var sealed string
	e.st.DB().QueryRow(`SELECT auth_token_sealed FROM providers WHERE id = $1`, p.ID).Scan(&sealed)
	token, _ := e.box.Open(sealed, "provider-auth-token:"+p.AccountSID)

	bareSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := twilio.VerifyRequest(token, requestURL(r), r); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello</Say></Response>`))
	}))
	b.Cleanup(bareSrv.Close)

	requests := max(b.N, 2000)
	bareURL, routedURL := bareSrv.URL+"/webhooks/twilio/voice", e.url+"/webhooks/twilio/voice"
	b.ResetTimer()
	bare := load(b, bareURL, token, p.AccountSID, n.E164, requests, 64)
	routed := load(b, routedURL, token, p.AccountSID, n.E164, requests, 64)
	bare8 := load(b, bareURL, token, p.AccountSID, n.E164, requests/2, 8)
	routed8 := load(b, routedURL, token, p.AccountSID, n.E164, requests/2, 8)
	b.StopTimer()
	// A store failure would be answered safely with 200 and fast: count the
	// calls the routed runs recorded.
	var calls int
	if err := e.st.DB().QueryRow(`SELECT COUNT(*) FROM calls`).Scan(&calls); err != nil || calls != requests+requests/2 {
		b.Fatalf("%d calls recorded for %d webhooks (%v)", calls, requests+requests/2, err)
	}
	bare.report(b, "bare")
	routed.report(b, "routed")
	b.ReportMetric(100*routed.rate/bare.rate, "routed/bare-%")
	for name, r := range map[string]loadResult{"bare-c8": bare8, "routed-c8": routed8} {
		b.ReportMetric(float64(r.p50.Microseconds())/1000, name+"-p50-ms")
		b.ReportMetric(float64(r.p99.Microseconds())/1000, name+"-p99-ms")
	}
}

func requestURL(r *http.Request) string { return "http://" + r.Host }

// loadResult is one load run: throughput, latency percentiles, and the
// CPU time the whole process (server and load generator) spent per request,
// which other programs on the machine disturb less than wall-clock figures.
type loadResult struct {
	rate     float64
	p50, p99 time.Duration
	cpu      time.Duration
}

func (r loadResult) report(b *testing.B, name string) {
	b.ReportMetric(r.rate, name+"-req/s")
	b.ReportMetric(float64(r.p50.Microseconds())/1000, name+"-p50-ms")
	b.ReportMetric(float64(r.p99.Microseconds())/1000, name+"-p99-ms")
	b.ReportMetric(float64(r.cpu.Microseconds()), name+"-cpu-µs/req")
}

// load posts n signed voice webhooks, each a new call, from workers
// concurrent clients over kept-alive connections (each response is read to the end, so the
// client reuses its connection and neither side pays a TCP handshake per
// request) and measures them.
func load(b *testing.B, target, token, accountSID, to string, n, workers int) loadResult {
	var next atomic.Int64
	var mu sync.Mutex
	lat := make([]time.Duration, 0, n)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	defer client.CloseIdleConnections()
	prefix := fmt.Sprintf("CA%016x", time.Now().UnixNano())
	cpu0 := processCPU(b)
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				form := url.Values{"AccountSid": {accountSID}, "CallSid": {fmt.Sprintf("%s%016x", prefix, i)}, "From": {"+15005550006"},
					"To": {to}, "CallStatus": {"ringing"}, "Direction": {"inbound"}, "ApiVersion": {"2010-04-01"}}
				req, _ := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("X-Twilio-Signature", twilio.Signature(token, target, form))
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					b.Errorf("POST %s: %v", target, err)
					return
				}
				_, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				d := time.Since(t0)
				if err != nil || res.StatusCode != http.StatusOK {
					b.Errorf("POST %s: %d %v", target, res.StatusCode, err)
					return
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := processCPU(b) - cpu0
	slices.Sort(lat)
	return loadResult{rate: float64(len(lat)) / elapsed.Seconds(), p50: lat[len(lat)/2], p99: lat[len(lat)*99/100],
		cpu: cpu / time.Duration(len(lat))}
}

// processCPU returns the user and system CPU time this process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
