// Command sseload holds event streams open against a running switchboard
// server, the way agents' browser tabs do, and reports the server's memory
// and the end-to-end latency of presence changes (bench/events.sh runs it).
//
// It signs in as the demo admin, creates -users agents (once), opens
// -per-user streams for each through GET /api/v1/events, reads the server's
// RSS from /proc/<pid>/status, then has one agent switch between online and
// offline -changes times and times each change from the start of its
// PUT /api/v1/presence/me to its arrival on every stream.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sseload:", err)
		os.Exit(1)
	}
}

type config struct {
	url, adminEmail, password string
	users, perUser, changes   int
	pid                       int
}

func run() error {
	var c config
	flag.StringVar(&c.url, "url", "http://127.0.0.1:18080", "server base URL")
	flag.StringVar(&c.adminEmail, "admin", "admin@demo.switchboard.test", "an admin's e-mail")
	flag.StringVar(&c.password, "password", "", "the admin's password (also given to the agents created)")
	flag.IntVar(&c.users, "users", 100, "agents")
	flag.IntVar(&c.perUser, "per-user", 10, "streams per agent (the server allows 16)")
	flag.IntVar(&c.changes, "changes", 20, "presence changes to time")
	flag.IntVar(&c.pid, "pid", 0, "the server's process id, for its RSS")
	flag.Parse()
	admin, err := signIn(c.url, c.adminEmail, c.password)
	if err != nil {
		return err
	}
	tokens, ids, err := agents(c, admin)
	if err != nil {
		return err
	}
	before := rssMB(c.pid)
	arrivals := make(chan arrival, c.users*c.perUser)
	var ready sync.WaitGroup
	for _, tok := range tokens {
		for range c.perUser {
			ready.Add(1)
			go stream(c.url, tok, ids[0], ready.Done, arrivals)
		}
	}
	ready.Wait()
	time.Sleep(time.Second) // let the server settle before reading its memory
	after := rssMB(c.pid)
	streams := c.users * c.perUser
	fmt.Printf("streams %d  server RSS %.1f MB (%.1f MB before the streams)\n", streams, after, before)
	return timeChanges(c, tokens[0], streams, arrivals)
}

// agents creates (or reuses) the bench agents and signs each in.
func agents(c config, admin string) (tokens []string, ids []int64, err error) {
	for i := range c.users {
		email := fmt.Sprintf("bench%d@demo.switchboard.test", i)
		body := map[string]any{"email": email, "name": fmt.Sprintf("Bench %d", i), "role": "agent", "password": c.password}
		var u struct {
			ID int64 `json:"id"`
		}
		status, err := call(c.url, http.MethodPost, "/api/v1/users", admin, body, &u)
		if err != nil && status != http.StatusConflict {
			return nil, nil, err
		}
		tok, err := signIn(c.url, email, c.password)
		if err != nil {
			return nil, nil, err
		}
		var s struct {
			User struct {
				ID int64 `json:"id"`
			} `json:"user"`
		}
		if _, err := call(c.url, http.MethodGet, "/api/v1/session", tok, nil, &s); err != nil {
			return nil, nil, err
		}
		tokens, ids = append(tokens, tok), append(ids, s.User.ID)
	}
	return tokens, ids, nil
}

// arrival is a presence event for the timed agent reaching one stream.
type arrival struct {
	status string
	at     time.Time
}

// stream holds one event stream open, calling ready after its sync event
// and reporting the timed agent's presence events.
func stream(url, token string, timed int64, ready func(), out chan<- arrival) {
	req, _ := http.NewRequest(http.MethodGet, url+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, "sseload: stream:", err, res.Status)
		os.Exit(1)
	}
	r := bufio.NewReader(res.Body)
	typ, synced := "", false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			fmt.Fprintln(os.Stderr, "sseload: stream ended:", err)
			os.Exit(1)
		}
		switch {
		case strings.HasPrefix(line, "event: "):
			typ = strings.TrimSpace(line[7:])
		case strings.HasPrefix(line, "data: ") && typ == "presence":
			var p struct {
				UserID int64  `json:"user_id"`
				Status string `json:"status"`
			}
			if json.Unmarshal([]byte(line[6:]), &p) == nil && p.UserID == timed {
				out <- arrival{status: p.Status, at: time.Now()}
			}
		case line == "\n" && typ != "":
			if !synced {
				synced = true
				ready()
			}
			typ = ""
		}
	}
}

// timeChanges switches the timed agent online and offline and measures
// each change's arrival on every stream.
func timeChanges(c config, token string, streams int, arrivals <-chan arrival) error {
	var all, last []time.Duration
	status := "offline"
	for range c.changes {
		status = map[string]string{"online": "offline", "offline": "online"}[status]
		start := time.Now()
		if _, err := call(c.url, http.MethodPut, "/api/v1/presence/me", token, map[string]string{"status": status}, nil); err != nil {
			return err
		}
		var lat []time.Duration
		timeout := time.After(30 * time.Second)
		for len(lat) < streams {
			select {
			case a := <-arrivals:
				if a.status == status {
					lat = append(lat, a.at.Sub(start))
				}
			case <-timeout:
				return fmt.Errorf("change to %s: %d of %d streams heard it within 30 s", status, len(lat), streams)
			}
		}
		all, last = append(all, lat...), append(last, slices.Max(lat))
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Printf("presence change, PUT to arrival on every stream (%d changes x %d streams): p50 %.2f ms, p99 %.2f ms; last stream p50 %.2f ms, max %.2f ms\n",
		c.changes, streams, ms(pct(all, 50)), ms(pct(all, 99)), ms(pct(last, 50)), ms(slices.Max(last)))
	return nil
}

func signIn(url, email, password string) (string, error) {
	var s struct {
		Token string `json:"token"`
	}
	_, err := call(url, http.MethodPost, "/api/v1/session", "", map[string]string{"email": email, "password": password}, &s)
	return s.Token, err
}

// call sends a JSON request and decodes a 2xx answer into out.
func call(url, method, path, token string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequestWithContext(context.Background(), method, url+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		return res.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, data)
	}
	if out != nil {
		return res.StatusCode, json.Unmarshal(data, out)
	}
	return res.StatusCode, nil
}

// rssMB reads a process's resident set size; 0 when unknown.
func rssMB(pid int) float64 {
	if pid == 0 {
		return 0
	}
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
