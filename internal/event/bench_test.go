package event_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// The screen-pop benchmark: 1,000 agents hold an event stream open each;
// an event addressed to one of them is published and the time until it
// arrives at that agent's SSE client is measured, one event at a time. The
// clients run in a child process (this test binary again, as
// TestHelperSSEClients), so the server's RSS is measured alone and the
// clients share the two cores with it as browsers on other machines would
// not. Each client timestamps arrival against the publisher's timestamp in
// the event (same machine, same clock).
//
//	go test -run '^$' -bench ScreenPop -benchtime 2000x ./internal/event
//	(set SWITCHBOARD_TEST_DATABASE_URL for the cross-instance case)

const benchClients = 1000

// benchOrg is the org every benchmark agent belongs to.
const benchOrg org.ID = 1

func BenchmarkScreenPop(pb *testing.B) {
	// Each rig is built once, on its sub-benchmark's first run, and kept
	// for the runs that follow; the parent tears it down.
	var local, cross *popRig
	pb.Run("in-process", func(b *testing.B) {
		if local == nil {
			h := event.NewHub(event.Options{})
			local = newPopRig(pb, h, h)
		}
		local.run(b)
	})
	pb.Run("postgres-cross-instance", func(b *testing.B) {
		if !storetest.Postgres() {
			b.Skip("needs PostgreSQL: set " + storetest.EnvURL)
		}
		if cross == nil {
			st, hubs := instances(pb, 2)
			if o := newOrg(pb, st, "bench"); o != benchOrg {
				b.Fatalf("bench org got id %d, want %d", o, benchOrg)
			}
			cross = newPopRig(pb, hubs[0], hubs[1]) // published on A, the agents are on B
		}
		cross.run(b)
	})
}

// popRig is benchClients streams served from one hub, published to on
// another (or the same).
type popRig struct {
	pub       *event.Hub
	c         *clients
	rss, base float64
}

func newPopRig(pb *testing.B, pubHub, serveHub *event.Hub) *popRig {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := strconv.ParseInt(r.URL.Query().Get("user"), 10, 64)
		sub, err := serveHub.Subscribe(benchOrg, org.UserID(user), 0)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer sub.Close()
		sync := event.Synced(event.TypeSync, benchOrg, org.UserID(user), sub.Position, event.StateOf(nil, nil, time.Minute))
		event.Stream(r.Context(), w, sub, []event.Event{sync}, event.KeepAlive)
	}))
	pb.Cleanup(srv.Close)
	pb.Cleanup(serveHub.Close) // ends the streams, so the server can close
	runtime.GC()
	r := &popRig{pub: pubHub, base: rssMB(pb)}
	r.c = startClients(pb, srv.URL)
	runtime.GC()
	r.rss = rssMB(pb)
	return r
}

// run measures max(b.N, 200) screen pops, one at a time to a different
// agent each, then 20 org-wide events.
func (r *popRig) run(b *testing.B) {
	pops := max(b.N, 200)
	b.ResetTimer()
	var popLat []time.Duration
	for i := range pops {
		user := org.UserID(i%benchClients + 1)
		popLat = append(popLat, r.c.measure(b, r.pub, user, 1)...)
	}
	var bcastLat, bcastLast []time.Duration
	for range 20 { // org-wide: every client receives each
		lat := r.c.measure(b, r.pub, 0, benchClients)
		bcastLat = append(bcastLat, lat...)
		bcastLast = append(bcastLast, slices.Max(lat))
	}
	b.StopTimer()
	b.ReportMetric(ms(percentile(popLat, 50)), "pop-p50-ms")
	b.ReportMetric(ms(percentile(popLat, 99)), "pop-p99-ms")
	b.ReportMetric(ms(percentile(bcastLat, 99)), "bcast-p99-ms")
	b.ReportMetric(ms(percentile(bcastLast, 50)), "bcast-last-p50-ms")
	b.ReportMetric(r.rss, "server-RSS-MB")
	b.ReportMetric(r.rss-r.base, "RSS-for-clients-MB")
	b.ReportMetric(float64(benchClients), "clients")
}

// clients is the child process holding the streams open.
type clients struct {
	cmd   *exec.Cmd
	lines chan string
	once  sync.Once
	seq   int // the last event sent
}

// startClients runs benchClients SSE clients against url in a child
// process and waits until every one has its sync event.
func startClients(b testing.TB, url string) *clients {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSSEClients$", "-test.v=false")
	cmd.Env = append(os.Environ(), "SB_BENCH_SSE_URL="+url, "SB_BENCH_SSE_CLIENTS="+strconv.Itoa(benchClients))
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	c := &clients{cmd: cmd, lines: make(chan string, 4*benchClients)}
	b.Cleanup(c.stop)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	select {
	case l := <-c.lines:
		if l != "ready" {
			b.Fatalf("clients: %q", l)
		}
	case <-time.After(2 * time.Minute):
		b.Fatal("clients not connected within 2 minutes")
	}
	return c
}

// stop ends the client process; it may be called more than once.
func (c *clients) stop() {
	c.once.Do(func() {
		c.cmd.Process.Kill()
		c.cmd.Wait()
	})
}

// measure publishes the next event to user (0: everyone) and returns the
// latency of each of the want deliveries.
func (c *clients) measure(b *testing.B, h *event.Hub, user org.UserID, want int) []time.Duration {
	c.seq++
	seq := c.seq
	e, _ := event.New(benchOrg, user, "ring", popData{Sent: time.Now().UnixNano(), Seq: seq})
	if err := h.Publish(context.Background(), e); err != nil {
		b.Fatal(err)
	}
	var out []time.Duration
	timeout := time.After(30 * time.Second)
	for len(out) < want {
		select {
		case l, ok := <-c.lines:
			if !ok {
				b.Fatal("clients exited")
			}
			var s, ns int
			if _, err := fmt.Sscanf(l, "%d %d", &s, &ns); err != nil || s != seq {
				b.Fatalf("clients: %q while waiting for %d", l, seq)
			}
			out = append(out, time.Duration(ns))
		case <-timeout:
			b.Fatalf("event %d: %d of %d deliveries within 30 s", seq, len(out), want)
		}
	}
	return out
}

type popData struct {
	Sent int64 `json:"sent"`
	Seq  int   `json:"seq"`
}

// TestHelperSSEClients is the benchmark's client process; it does nothing
// in a normal test run. It opens the streams, prints "ready" once each has
// its first event, then "<seq> <latency ns>" for every event received.
func TestHelperSSEClients(t *testing.T) {
	url := os.Getenv("SB_BENCH_SSE_URL")
	if url == "" {
		t.Skip("the screen-pop benchmark's client process")
	}
	n, _ := strconv.Atoi(os.Getenv("SB_BENCH_SSE_CLIENTS"))
	tr := &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: 0}
	client := &http.Client{Transport: tr}
	var mu sync.Mutex
	w := bufio.NewWriter(os.Stdout)
	report := func(s string) {
		mu.Lock()
		w.WriteString(s)
		w.Flush()
		mu.Unlock()
	}
	var ready sync.WaitGroup
	for i := 1; i <= n; i++ {
		ready.Add(1)
		go func() {
			res, err := client.Get(url + "?user=" + strconv.Itoa(i))
			if err != nil {
				fmt.Fprintln(os.Stderr, "client:", err)
				os.Exit(1)
			}
			readSSE(res.Body, ready.Done, func(data string) {
				now := time.Now().UnixNano()
				var d popData
				if json.Unmarshal([]byte(data), &d) == nil {
					report(strconv.Itoa(d.Seq) + " " + strconv.FormatInt(now-d.Sent, 10) + "\n")
				}
			})
		}()
	}
	ready.Wait()
	report("ready\n")
	select {} // until killed
}

// readSSE calls first after the first event, then onRing with each ring
// event's data.
func readSSE(body io.Reader, first func(), onRing func(data string)) {
	r := bufio.NewReader(body)
	typ, seen := "", false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			fmt.Fprintln(os.Stderr, "client stream:", err)
			os.Exit(1)
		}
		switch {
		case strings.HasPrefix(line, "event: "):
			typ = strings.TrimSpace(line[len("event: "):])
		case strings.HasPrefix(line, "data: ") && typ == "ring":
			onRing(strings.TrimSpace(line[len("data: "):]))
		case line == "\n" && typ != "":
			if !seen {
				seen = true
				first()
			}
			typ = ""
		}
	}
}

func percentile(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// rssMB is this process's resident set size.
func rssMB(b testing.TB) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skipf("no /proc: %v", err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
