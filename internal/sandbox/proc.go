package sandbox

import (
	"sync"
	"time"
)

// runtime counts outstanding work so a virtual clock can tell when the
// sandbox has settled: busy is the number of running processes plus the
// number of events queued for a process. Webhook requests happen inside a
// running process, so they count as busy too.
type runtime struct {
	mu   sync.Mutex
	cond *sync.Cond
	busy int
}

func newRuntime() *runtime {
	r := &runtime{}
	r.cond = sync.NewCond(&r.mu)
	return r
}

func (r *runtime) add(n int) {
	r.mu.Lock()
	r.busy += n
	if r.busy == 0 {
		r.cond.Broadcast()
	}
	r.mu.Unlock()
}

// settle blocks until no process is running and no event is queued.
func (r *runtime) settle() {
	r.mu.Lock()
	for r.busy > 0 {
		r.cond.Wait()
	}
	r.mu.Unlock()
}

// proc is one call's process: a goroutine with an inbox. Everything that
// happens to a call (a key press, a hang-up, a REST redirect, a timer) is an
// event delivered to the process that owns the call's leg.
type proc struct {
	rt     *runtime
	mu     sync.Mutex
	queue  []event
	wake   chan struct{}
	dead   bool
	timerN uint64
}

// newProc makes a process that can receive events before it starts.
// Events delivered before start count as busy, so a settle waits for them.
func (r *runtime) newProc() *proc {
	return &proc{rt: r, wake: make(chan struct{}, 1)}
}

// start runs fn as the process. The process counts as busy from now on.
func (p *proc) start(fn func(p *proc)) {
	p.rt.add(1)
	go func() {
		defer p.exit()
		fn(p)
	}()
}

func (p *proc) exit() {
	p.mu.Lock()
	n := len(p.queue) + 1
	p.queue = nil
	p.dead = true
	p.mu.Unlock()
	p.rt.add(-n)
}

// deliver queues ev for the process; events for a finished process are
// dropped.
func (p *proc) deliver(ev event) {
	p.mu.Lock()
	if p.dead {
		p.mu.Unlock()
		return
	}
	p.rt.add(1)
	p.queue = append(p.queue, ev)
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// next returns the next event. While it waits with nothing queued, the
// process does not count as busy.
func (p *proc) next() event {
	p.mu.Lock()
	if len(p.queue) > 0 {
		ev := p.queue[0]
		p.queue = p.queue[1:]
		p.mu.Unlock()
		p.rt.add(-1)
		return ev
	}
	p.mu.Unlock()
	p.rt.add(-1)
	for {
		<-p.wake
		p.mu.Lock()
		if len(p.queue) > 0 {
			ev := p.queue[0]
			p.queue = p.queue[1:]
			p.mu.Unlock()
			return ev // the event's busy unit becomes the running unit
		}
		p.mu.Unlock()
	}
}

// timer arranges for an evTimer carrying a fresh token to be delivered after
// d and returns the token and a cancel function.
func (p *proc) timer(c Clock, d time.Duration) (uint64, func() bool) {
	p.mu.Lock()
	p.timerN++
	tok := p.timerN
	p.mu.Unlock()
	stop := c.AfterFunc(d, func() { p.deliver(event{kind: evTimer, token: tok}) })
	return tok, stop
}
