package sandbox

import (
	"container/heap"
	"sync"
	"time"
)

// Clock is the sandbox's source of time. The call engine never reads the
// wall clock directly, so a VirtualClock makes a 25-minute queue wait run in
// milliseconds.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// AfterFunc calls f once d has elapsed and returns a
	// function that cancels the timer (reporting whether it was still
	// pending). f must not block: the virtual clock calls it inline.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// realClock is wall-clock time, used when Options.Clock is nil.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now().UTC() }

func (realClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}

// VirtualClock is a Clock that only moves when Advance is called. Timers fire
// in deadline order; between two timers the sandbox waits until every call
// it runs has settled (see Sandbox.Advance), so a test observes the same
// sequence of events on every run. The zero value is not usable; call
// NewVirtualClock.
type VirtualClock struct {
	mu     sync.Mutex
	now    time.Time
	seq    uint64
	timers timerHeap
}

// NewVirtualClock returns a virtual clock reading start.
func NewVirtualClock(start time.Time) *VirtualClock {
	return &VirtualClock{now: start.UTC()}
}

// Now returns the virtual time.
func (c *VirtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc schedules f at Now()+d. f runs when Advance reaches its deadline.
func (c *VirtualClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d < 0 {
		d = 0
	}
	c.seq++
	t := &vtimer{when: c.now.Add(d), seq: c.seq, f: f}
	heap.Push(&c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		if t.index < 0 {
			return false
		}
		heap.Remove(&c.timers, t.index)
		return true
	}
}

// Advance moves the clock forward by d, firing due timers in order. settle is
// called before each timer fires and at the end; it must block until the
// consequences of earlier timers have been processed. A nil settle does not
// wait.
func (c *VirtualClock) Advance(d time.Duration, settle func()) {
	c.mu.Lock()
	target := c.now.Add(d)
	c.mu.Unlock()
	c.AdvanceTo(target, settle)
}

// AdvanceTo is Advance with an absolute target time.
func (c *VirtualClock) AdvanceTo(target time.Time, settle func()) {
	for {
		if settle != nil {
			settle()
		}
		f, ok := c.popDue(target)
		if !ok {
			break
		}
		f()
	}
	c.mu.Lock()
	if target.After(c.now) {
		c.now = target
	}
	c.mu.Unlock()
	if settle != nil {
		settle()
	}
}

// NextDeadline reports when the earliest pending timer fires.
func (c *VirtualClock) NextDeadline() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.timers) == 0 {
		return time.Time{}, false
	}
	return c.timers[0].when, true
}

func (c *VirtualClock) popDue(target time.Time) (func(), bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.timers) == 0 || c.timers[0].when.After(target) {
		return nil, false
	}
	t := heap.Pop(&c.timers).(*vtimer)
	if t.when.After(c.now) {
		c.now = t.when
	}
	return t.f, true
}

type vtimer struct {
	when  time.Time
	seq   uint64
	f     func()
	index int
}

type timerHeap []*vtimer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when.Equal(h[j].when) {
		return h[i].seq < h[j].seq
	}
	return h[i].when.Before(h[j].when)
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*vtimer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	t.index = -1
	*h = old[:len(old)-1]
	return t
}
