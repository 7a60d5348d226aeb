package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/switchboard/switchboard/internal/callflow"
	"github.com/switchboard/switchboard/internal/demo"
	"github.com/switchboard/switchboard/internal/event"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/sandbox"
)

// BenchmarkScreenPopFromCall times issue 7's screen pop end to end on one
// instance: from a sandbox caller dialling the number (the voice webhook
// decides to ring Alice and commits it; the worker creates her leg at the
// carrier; the call flow publishes) to the ringing call event reaching
// Alice's subscription. The SSE write after it is measured apart
// (BenchmarkScreenPop in internal/event, bench/README.md).
func BenchmarkScreenPopFromCall(b *testing.B) {
	e := benchEnv(b)
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	go e.srv.RunWorker(ctx)
	go e.srv.RunEvents(ctx)
	<-e.srv.Hub().Ready()
	admin := e.signIn(demo.Users[0].Email)
	p, _ := admin.twilioProvider("Full")
	var n numberJSON
	admin.do(http.MethodPost, "/api/v1/providers/"+itoa(p.ID)+"/numbers", map[string]any{"sid": e.ownNumber(p, "")}).decode(e.t, &n)
	alice := e.demoUserID(demo.Users[1].Email)
	base := "/api/v1/numbers/" + itoa(n.ID) + "/routing"
	admin.do(http.MethodPut, base, directGroup("simultaneous", alice)(nil))
	admin.do(http.MethodPost, base+"/publish", nil)
	e.signIn(demo.Users[1].Email).do(http.MethodPut, "/api/v1/presence/me", map[string]string{"status": "online"})
	e.sb.SetParty("client:"+callflow.AgentIdentity(alice), sandbox.Behaviour{Action: sandbox.ActManual})
	sub, err := e.srv.Hub().Subscribe(org.ID(1), org.UserID(alice), 0)
	if err != nil {
		b.Fatal(err)
	}
	defer sub.Close()

	pops := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		sid, err := e.sb.PlaceCall(sandbox.CallScript{From: "+15005550006", To: n.E164})
		if err != nil {
			b.Fatal(err)
		}
		waitRinging(b, sub)
		pops = append(pops, time.Since(start))
		if err := e.sb.Act(sid, sandbox.PartyHangup, ""); err != nil {
			b.Fatal(err)
		}
		waitEnded(b, sub)
	}
	b.StopTimer()
	slices.Sort(pops)
	b.ReportMetric(float64(pops[len(pops)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(pops[len(pops)*99/100].Microseconds())/1000, "p99-ms")
}

func waitRinging(b *testing.B, sub *event.Subscription) {
	waitCall(b, sub, func(c callEventJSON) bool { return c.Ringing && !c.Ended })
}

func waitEnded(b *testing.B, sub *event.Subscription) {
	waitCall(b, sub, func(c callEventJSON) bool { return c.Ended })
}

func waitCall(b *testing.B, sub *event.Subscription, done func(callEventJSON) bool) {
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev := <-sub.Events():
			var c callEventJSON
			if ev.Type == event.TypeCall && json.Unmarshal(ev.Data, &c) == nil && done(c) {
				return
			}
		case <-timeout:
			b.Fatal("no call event in 10 s")
		}
	}
}
