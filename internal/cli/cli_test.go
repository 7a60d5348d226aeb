package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/sandbox"
	"github.com/switchboard/switchboard/internal/store/storetest"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func testEnv(vars map[string]string, stdin string) (Env, *syncBuffer, *syncBuffer) {
	out, errOut := &syncBuffer{}, &syncBuffer{}
	return Env{Getenv: func(k string) string { return vars[k] }, Stdin: strings.NewReader(stdin), Stdout: out, Stderr: errOut}, out, errOut
}

func testVars(t *testing.T) map[string]string {
	vars := map[string]string{"SWITCHBOARD_DATABASE_URL": storetest.URL(t), "SWITCHBOARD_DEMO_PASSWORD": "demo-password-1"}
	if storetest.Postgres() {
		vars["SWITCHBOARD_SECRET_KEY"] = strings.Repeat("ab", 32)
	}
	return vars
}

var listening = regexp.MustCompile(`url=(http://127\.0\.0\.1:[0-9]+)`)

// serve runs `switchboard serve` in-process and returns its URL and a stop
// function that cancels it and returns its exit code.
func serve(t *testing.T, vars map[string]string, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	env, out, errOut := testEnv(vars, "")
	done := make(chan int, 1)
	go func() { done <- Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), env) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := listening.FindStringSubmatch(errOut.String()); m != nil {
			return m[1], out, func() int { cancel(); return <-done }
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", errOut.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServeDemo(t *testing.T) {
	t.Parallel()
	vars := testVars(t)
	url, out, stop := serve(t, vars, "--demo")
	res, err := http.Get(url + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", res, err)
	}
	if !strings.Contains(out.String(), "admin@demo.switchboard.test") || !strings.Contains(out.String(), "demo-password-1") {
		t.Fatalf("demo credentials not printed: %s", out.String())
	}
	body := strings.NewReader(`{"email":"admin@demo.switchboard.test","password":"demo-password-1"}`)
	res, err = http.Post(url+"/api/v1/session", "application/json", body)
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("sign in: %v %v", res, err)
	}
	var s struct{ Token string }
	json.NewDecoder(res.Body).Decode(&s)
	res.Body.Close()
	if s.Token == "" {
		t.Fatal("no token")
	}
	t.Run("the sandbox carrier is mounted", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, url+"/sandbox/2010-04-01/Accounts/"+sandbox.DemoAccountSID+".json", nil)
		req.SetBasicAuth(sandbox.DemoAccountSID, sandbox.DemoAuthToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("sandbox account fetch: %v %v", res, err)
		}
		res.Body.Close()
	})
	t.Run("demo telephony: a sandbox provider with a voice+SMS and a voice-only number", func(t *testing.T) {
		numbers := waitNumbers(t, url, s.Token, 2)
		caps := []string{numbers[0].Capabilities, numbers[1].Capabilities}
		if caps[0] != "voice sms mms" || caps[1] != "voice" {
			t.Fatalf("capabilities = %v", caps)
		}
		var routing struct{ Live *struct{ Version int } }
		for deadline := time.Now().Add(10 * time.Second); routing.Live == nil && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			getJSON(t, url+"/api/v1/numbers/2/routing", s.Token, &routing)
		}
		if routing.Live == nil || routing.Live.Version != 1 {
			t.Fatalf("the demo's second number has no published routing: %+v", routing.Live)
		}
	})
	if code := stop(); code != 0 {
		t.Fatalf("graceful shutdown exit code = %d", code)
	}
	t.Run("a second demo start changes nothing and the sandbox numbers are restored", func(t *testing.T) {
		url, out, stop := serve(t, vars, "--demo")
		defer stop()
		if !strings.Contains(out.String(), "nothing changed") {
			t.Fatalf("second start output: %s", out.String())
		}
		token := signIn(t, url, "admin@demo.switchboard.test", "demo-password-1")
		var carrier struct {
			Items []struct {
				NumberID *int64 `json:"number_id"`
			}
		}
		getJSON(t, url+"/api/v1/providers/1/carrier-numbers", token, &carrier)
		if len(carrier.Items) != 2 || carrier.Items[0].NumberID == nil {
			t.Fatalf("carrier numbers after restart = %+v", carrier.Items)
		}
	})
}

func TestSecretKeyFileBesideSQLiteDatabase(t *testing.T) {
	t.Parallel()
	if storetest.Postgres() {
		t.Skip("the key file is for SQLite only; PostgreSQL requires SWITCHBOARD_SECRET_KEY (tested in config)")
	}
	db := t.TempDir() + "/sb.db"
	_, _, stop := serve(t, map[string]string{"SWITCHBOARD_DATABASE_URL": db})
	stop()
	st, err := os.Stat(db + ".key")
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", st, err)
	}
}

func TestUserCreateAndMigrate(t *testing.T) {
	t.Parallel()
	vars := testVars(t)
	env, out, errOut := testEnv(vars, "")
	if code := Run(context.Background(), []string{"migrate"}, env); code != 0 {
		t.Fatalf("migrate = %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "migrations applied") {
		t.Fatalf("migrate output: %s", out.String())
	}
	tests := []struct {
		name     string
		args     []string
		password string
		code     int
		want     string
	}{
		{"creates org and admin", []string{"--org", "acme", "--email", "Boss@Acme.test", "--role", "admin"}, "a-long-password\n", 0, "created admin boss@acme.test"},
		{"second user in the org", []string{"--org", "acme", "--email", "agent@acme.test", "--role", "agent"}, "a-long-password\n", 0, "created agent"},
		{"duplicate email", []string{"--org", "other", "--email", "boss@acme.test", "--role", "agent"}, "a-long-password\n", 1, "email"},
		{"bad role", []string{"--org", "acme", "--email", "x@acme.test", "--role", "king"}, "a-long-password\n", 1, "role"},
		{"short password", []string{"--org", "acme", "--email", "y@acme.test", "--role", "agent"}, "short\n", 1, "password"},
		{"bad org slug", []string{"--org", "Acme Inc", "--email", "z@acme.test", "--role", "agent"}, "a-long-password\n", 2, "--org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errOut := testEnv(vars, tt.password)
			code := Run(context.Background(), append([]string{"user", "create"}, tt.args...), env)
			if code != tt.code || !strings.Contains(out.String()+errOut.String(), tt.want) {
				t.Fatalf("exit %d (want %d); stdout %q stderr %q; want %q", code, tt.code, out.String(), errOut.String(), tt.want)
			}
		})
	}
	t.Run("refused user left no org behind", func(t *testing.T) {
		url, _, stop := serve(t, vars)
		defer stop()
		res, _ := http.Post(url+"/api/v1/session", "application/json", strings.NewReader(`{"email":"boss@acme.test","password":"a-long-password"}`))
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("created admin cannot sign in: %d", res.StatusCode)
		}
	})
}

func TestBadConfigNamesTheSetting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want string
	}{
		{"bad addr flag", nil, []string{"serve", "--addr", "nonsense"}, "SWITCHBOARD_ADDR"},
		{"bad public url", map[string]string{"SWITCHBOARD_PUBLIC_URL": "ftp://x"}, []string{"serve"}, "SWITCHBOARD_PUBLIC_URL"},
		{"bad secret key", map[string]string{"SWITCHBOARD_SECRET_KEY": "123"}, []string{"serve"}, "SWITCHBOARD_SECRET_KEY"},
		{"unknown flag", nil, []string{"serve", "--nope"}, "flag provided but not defined"},
		{"unknown command", nil, []string{"dance"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errOut := testEnv(tt.vars, "")
			if code := Run(context.Background(), tt.args, env); code == 0 || !strings.Contains(errOut.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q, want it to name %s", code, errOut.String(), tt.want)
			}
		})
	}
}

type numberSummary struct {
	E164         string
	Capabilities string
}

// waitNumbers polls the linked numbers until there are n, each with its
// routing published (the demo sets telephony up right after the server
// starts listening: it links the numbers, then publishes their routing).
func waitNumbers(t *testing.T, url, token string, n int) []numberSummary {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var list struct {
			Items []struct {
				ID           int64  `json:"id"`
				E164         string `json:"e164"`
				Capabilities struct{ Voice, SMS, MMS bool }
			}
		}
		getJSON(t, url+"/api/v1/numbers", token, &list)
		routed := len(list.Items) == n
		for _, it := range list.Items {
			var r struct{ Live *struct{ Version int } }
			getJSON(t, fmt.Sprintf("%s/api/v1/numbers/%d/routing", url, it.ID), token, &r)
			routed = routed && r.Live != nil
		}
		if routed {
			out := make([]numberSummary, n)
			for i, it := range list.Items {
				var c []string
				for name, on := range map[string]bool{"voice": it.Capabilities.Voice, "sms": it.Capabilities.SMS, "mms": it.Capabilities.MMS} {
					if on {
						c = append(c, name)
					}
				}
				slices.SortFunc(c, func(a, b string) int { return strings.Index("voice sms mms", a) - strings.Index("voice sms mms", b) })
				out[i] = numberSummary{E164: it.E164, Capabilities: strings.Join(c, " ")}
			}
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("demo numbers = %+v, want %d", list.Items, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func signIn(t *testing.T, url, email, password string) string {
	t.Helper()
	res, err := http.Post(url+"/api/v1/session", "application/json", strings.NewReader(`{"email":"`+email+`","password":"`+password+`"}`))
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("sign in: %v %v", res, err)
	}
	defer res.Body.Close()
	var s struct{ Token string }
	json.NewDecoder(res.Body).Decode(&s)
	return s.Token
}

func getJSON(t *testing.T, url, token string, v any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, res.StatusCode)
	}
	json.NewDecoder(res.Body).Decode(v)
}
