package sandbox

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// TestEnqueueWaitLoopUntilDequeued: a caller waits 25 virtual minutes in a
// queue whose waitUrl is requested again each time its document ends, then
// an agent's <Dial><Queue> takes them (wire facts §2 <Enqueue>, <Queue>).
func TestEnqueueWaitLoopUntilDequeued(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.handle("/wait", func(v url.Values) (int, string) {
		return 200, fmt.Sprintf("<Response><Say>You are caller %s in line</Say><Play>/music.mp3</Play></Response>", v.Get("QueuePosition"))
	})
	e.app.page("/enq-done", `<Say>Thanks for calling</Say>`)
	e.app.page("/agent", `<Dial action="/agent-done"><Queue url="/announce">support</Queue></Dial>`)
	e.app.page("/agent-done", ``)
	e.app.page("/announce", `<Say>Connecting you to an agent</Say>`)
	e.buy(ourNumber, e.app.page("/voice", `<Enqueue waitUrl="/wait" action="/enq-done">support</Enqueue>`))
	if err := e.sb.SetParty("client:alice", Behaviour{Action: ActAnswer, After: Duration(2 * time.Second), HangupAfter: Duration(60 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	sid, err := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sb.Advance(25 * time.Minute); err != nil {
		t.Fatal(err)
	}
	var members struct {
		Members []struct {
			CallSid  string `json:"call_sid"`
			Position int    `json:"position"`
			WaitTime int    `json:"wait_time"`
		} `json:"queue_members"`
	}
	qs, err := e.api.ListQueue(&openapi.ListQueueParams{})
	if err != nil || len(qs) != 1 || *qs[0].FriendlyName != "support" || qs[0].CurrentSize != 1 {
		t.Fatalf("queues = %+v, %v", qs, err)
	}
	e.getJSON("/Queues/"+*qs[0].Sid+"/Members.json", &members)
	if len(members.Members) != 1 || members.Members[0].CallSid != sid || members.Members[0].Position != 1 || members.Members[0].WaitTime != 1500 {
		t.Fatalf("members = %+v", members)
	}
	cp := &openapi.CreateCallParams{}
	cp.SetTo("client:alice")
	cp.SetFrom(ourNumber)
	cp.SetUrl(e.app.url("/agent"))
	agent, err := e.api.CreateCall(cp)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	if err != nil || !e.sb.Ended(sid) {
		t.Fatalf("call did not end (%v):\n%s", err, tr.Text())
	}
	waits := e.app.requests("/wait")
	// Each loop is a 2.4 s Say plus a 10 s Play: about 121 loops in 25 min.
	if len(waits) < 100 {
		t.Errorf("waitUrl requested %d times, want it to loop (> 100)", len(waits))
	}
	last := waits[len(waits)-1].Form
	qt, _ := strconv.Atoi(last.Get("QueueTime"))
	if last.Get("QueuePosition") != "1" || last.Get("CurrentQueueSize") != "1" || last.Get("MaxQueueSize") != "1000" || qt < 1490 {
		t.Errorf("last waitUrl params = %v", last)
	}
	enq := e.app.requests("/enq-done")
	if len(enq) != 1 || enq[0].Form.Get("QueueResult") != "bridged" || enq[0].Form.Get("QueueSid") != *qs[0].Sid {
		t.Fatalf("Enqueue action = %+v", enq)
	}
	if qt, _ := strconv.Atoi(enq[0].Form.Get("QueueTime")); qt < 1500 {
		t.Errorf("QueueTime = %d, want >= 1500", qt)
	}
	ad := e.app.requests("/agent-done")
	if len(ad) != 1 || ad[0].Form.Get("DialCallStatus") != "completed" || ad[0].Form.Get("DialCallSid") != sid || ad[0].Form.Get("CallSid") != *agent.Sid {
		t.Errorf("agent Dial action = %+v", ad)
	}
	if !hasInOrder(brief(tr, false), "enqueued support", "say You are caller 1 in line", "dequeued client:alice support", "say Connecting you to an agent", "bridged client:alice", "unbridged client:alice", "say Thanks for calling", "ended completed") {
		t.Errorf("caller transcript:\n%s", tr.Text())
	}
}

func TestEnqueueQueueFullAndLeave(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	qp := &openapi.CreateQueueParams{}
	qp.SetFriendlyName("tiny")
	qp.SetMaxSize(1)
	if _, err := e.api.CreateQueue(qp); err != nil {
		t.Fatal(err)
	}
	e.app.page("/wait-leave", `<Say>Nobody is free</Say><Leave/>`)
	e.app.page("/full", `<Say>Try later</Say>`)
	e.app.page("/left", `<Say>Leave a message</Say>`)
	e.buy(ourNumber, e.app.page("/voice", `<Enqueue action="/full">tiny</Enqueue>`))
	first, err := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber, HangupAfter: Duration(10 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sb.Advance(time.Minute); err != nil {
		t.Fatal(err)
	}
	second := e.call(CallScript{From: "+12125550111", To: ourNumber})
	full := e.app.requests("/full")
	if len(full) != 1 || full[0].Form.Get("QueueResult") != "queue-full" || full[0].Form.Get("CallSid") != second.CallSid {
		t.Fatalf("queue-full action = %+v\n%s", full, second.Text())
	}
	if !hasInOrder(brief(second, false), "note queue full", "say Try later", "ended completed") {
		t.Errorf("second caller:\n%s", second.Text())
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), first, time.Hour)
	if !hasInOrder(brief(tr, false), "enqueued tiny", "music Twilio default hold music", "dequeued tiny", "ended completed") {
		t.Errorf("first caller:\n%s", tr.Text())
	}
	if got := e.app.requests("/full"); len(got) != 2 || got[1].Form.Get("QueueResult") != "hangup" {
		t.Errorf("first caller's action after hang-up: %+v", got)
	}

	t.Run("Leave in waitUrl goes to the action with QueueResult=leave", func(t *testing.T) {
		e.buy("+14155550101", e.app.page("/voice2", `<Enqueue waitUrl="/wait-leave" action="/left">other</Enqueue>`))
		tr := e.call(CallScript{From: caller, To: "+14155550101"})
		var results []string
		for _, r := range e.app.requests("/left") {
			results = append(results, r.Form.Get("QueueResult"))
		}
		if d := cmp.Diff([]string{"leave"}, results); d != "" {
			t.Errorf("QueueResult mismatch (-want +got):\n%s\n%s", d, tr.Text())
		}
	})
}

func TestQueueMemberUpdateRedirects(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "Full")
	e.app.page("/elsewhere", `<Say>Redirected out of the queue</Say>`)
	e.buy(ourNumber, e.app.page("/voice", `<Enqueue>support</Enqueue>`))
	sid, err := e.sb.PlaceCall(CallScript{From: caller, To: ourNumber})
	if err != nil {
		t.Fatal(err)
	}
	e.sb.Advance(30 * time.Second)
	qs, _ := e.api.ListQueue(nil)
	mp := &openapi.UpdateMemberParams{}
	mp.SetUrl(e.app.url("/elsewhere"))
	m, err := e.api.UpdateMember(*qs[0].Sid, "Front", mp)
	if err != nil || *m.CallSid != sid {
		t.Fatalf("UpdateMember = %+v, %v", m, err)
	}
	tr, _ := e.sb.RunUntilEnded(context.Background(), sid, time.Hour)
	if !hasInOrder(brief(tr, false), "enqueued support", "dequeued support", "redirect", "say Redirected out of the queue", "ended completed") {
		t.Errorf("transcript:\n%s", tr.Text())
	}
}
