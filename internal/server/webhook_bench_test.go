package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/twilio"
)

// BenchmarkInboundWebhook measures, in one run, a bare signed-webhook
// handler returning fixed TwiML (the ceiling any webhook can reach here)
// and the real voice webhook, which routes the call and durably writes its
// state, each under 64 concurrent requests (issue 6's speed target: routed
// ≥ 40 % of bare, p99 ≤ 10 ms). Run on PostgreSQL with
// SWITCHBOARD_TEST_DATABASE_URL set.
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

	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := twilio.VerifyRequest(token, bareURL(r), r); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello</Say></Response>`))
	}))
	b.Cleanup(bare.Close)

	requests := max(b.N, 2000)
	b.ResetTimer()
	bareRate, bareP99 := load(b, bare.URL+"/webhooks/twilio/voice", token, p.AccountSID, n.E164, requests)
	routedRate, routedP99 := load(b, e.url+"/webhooks/twilio/voice", token, p.AccountSID, n.E164, requests)
	b.StopTimer()
	b.ReportMetric(bareRate, "bare-req/s")
	b.ReportMetric(routedRate, "routed-req/s")
	b.ReportMetric(100*routedRate/bareRate, "routed/bare-%")
	b.ReportMetric(float64(bareP99.Microseconds())/1000, "bare-p99-ms")
	b.ReportMetric(float64(routedP99.Microseconds())/1000, "routed-p99-ms")
}

func bareURL(r *http.Request) string { return "http://" + r.Host }

// load posts n signed voice webhooks, each a new call, from 64 workers and
// returns the throughput and the 99th-percentile latency.
func load(b *testing.B, target, token, accountSID, to string, n int) (float64, time.Duration) {
	const workers = 64
	var next atomic.Int64
	var mu sync.Mutex
	lat := make([]time.Duration, 0, n)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	prefix := fmt.Sprintf("CA%016x", time.Now().UnixNano())
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
				d := time.Since(t0)
				if err != nil || res.StatusCode != http.StatusOK {
					b.Errorf("POST %s: %v %v", target, res, err)
					return
				}
				res.Body.Close()
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	return float64(len(lat)) / elapsed.Seconds(), lat[len(lat)*99/100]
}
