package sandbox

import (
	"sort"
	"strings"
)

type queueJSON struct {
	DateUpdated     *string `json:"date_updated"`
	CurrentSize     int     `json:"current_size"`
	FriendlyName    string  `json:"friendly_name"`
	URI             string  `json:"uri"`
	AccountSid      string  `json:"account_sid"`
	AverageWaitTime int     `json:"average_wait_time"`
	Sid             string  `json:"sid"`
	DateCreated     *string `json:"date_created"`
	MaxSize         int     `json:"max_size"`
}

func (rc *rest) queueJSON(q *queue) queueJSON {
	return queueJSON{DateUpdated: fmtDate(q.updated), CurrentSize: len(q.members), FriendlyName: q.name,
		URI: rc.base() + "/Queues/" + q.sid + ".json", AccountSid: q.account, AverageWaitTime: q.avgWait(),
		Sid: q.sid, DateCreated: fmtDate(q.created), MaxSize: q.maxSize}
}

func (rc *rest) listQueues() error {
	rc.s.mu.Lock()
	var qs []*queue
	for _, q := range rc.s.queues {
		if q.account == rc.acct.sid {
			qs = append(qs, q)
		}
	}
	sort.Slice(qs, func(i, j int) bool {
		if qs[i].created.Equal(qs[j].created) {
			return qs[i].sid < qs[j].sid
		}
		return qs[i].created.Before(qs[j].created)
	})
	items := make([]any, len(qs))
	for i, q := range qs {
		items[i] = rc.queueJSON(q)
	}
	rc.s.mu.Unlock()
	return rc.page("queues", items)
}

// createQueue needs FriendlyName (at most 64 characters); MaxSize defaults
// to 1000 and may be at most 5000 (wire facts §5 "Queues").
func (rc *rest) createQueue() error {
	name := rc.get("FriendlyName")
	if name == "" || len(name) > 64 {
		return newAPIError(400, 20001, "FriendlyName is required and must be 64 characters or fewer")
	}
	size, err := rc.intParam("MaxSize", 1000, 1, 5000)
	if err != nil {
		return err
	}
	if rc.s.queueByName(rc.acct.sid, name, false) != nil {
		return newAPIError(400, 22003, "A queue named %s already exists", name)
	}
	q := rc.s.queueByName(rc.acct.sid, name, true)
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	q.maxSize = size
	writeJSON(rc.w, 201, rc.queueJSON(q))
	return nil
}

func (rc *rest) ownQueue() (*queue, error) {
	q, ok := rc.s.queues[rc.args[0]]
	if !ok || q.account != rc.acct.sid {
		return nil, rc.notFound()
	}
	return q, nil
}

func (rc *rest) fetchQueue() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	q, err := rc.ownQueue()
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, rc.queueJSON(q))
	return nil
}

func (rc *rest) updateQueue() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	q, err := rc.ownQueue()
	if err != nil {
		return err
	}
	size, err := rc.intParam("MaxSize", q.maxSize, 1, 5000)
	if err != nil {
		return err
	}
	if n := rc.get("FriendlyName"); n != "" {
		if len(n) > 64 {
			return newAPIError(400, 20001, "FriendlyName must be 64 characters or fewer")
		}
		q.name = n
	}
	q.maxSize, q.updated = size, rc.s.clock.Now()
	writeJSON(rc.w, 200, rc.queueJSON(q))
	return nil
}

func (rc *rest) deleteQueue() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	q, err := rc.ownQueue()
	if err != nil {
		return err
	}
	if len(q.members) > 0 {
		return newAPIError(400, 20001, "Queue %s still has members", q.sid)
	}
	delete(rc.s.queues, q.sid)
	rc.w.WriteHeader(204)
	return nil
}

type memberJSON struct {
	CallSid      string  `json:"call_sid"`
	DateEnqueued *string `json:"date_enqueued"`
	Position     int     `json:"position"`
	URI          string  `json:"uri"`
	WaitTime     int     `json:"wait_time"`
	QueueSid     string  `json:"queue_sid"`
}

func (rc *rest) memberJSON(q *queue, i int) memberJSON {
	m := q.members[i]
	return memberJSON{CallSid: m.callSid, DateEnqueued: fmtDate(m.enqueued), Position: i + 1,
		URI:      rc.base() + "/Queues/" + q.sid + "/Members/" + m.callSid + ".json",
		WaitTime: int(rc.s.clock.Now().Sub(m.enqueued).Seconds()), QueueSid: q.sid}
}

func (rc *rest) listMembers() error {
	rc.s.mu.Lock()
	q, err := rc.ownQueue()
	if err != nil {
		rc.s.mu.Unlock()
		return err
	}
	items := make([]any, len(q.members))
	for i := range q.members {
		items[i] = rc.memberJSON(q, i)
	}
	rc.s.mu.Unlock()
	return rc.page("queue_members", items)
}

// memberIndex finds the member by CallSid or "Front". s.mu is held.
func (rc *rest) memberIndex() (*queue, int, error) {
	q, err := rc.ownQueue()
	if err != nil {
		return nil, 0, err
	}
	for i, m := range q.members {
		if m.callSid == rc.args[1] || rc.args[1] == "Front" && i == 0 {
			return q, i, nil
		}
	}
	return nil, 0, rc.notFound()
}

func (rc *rest) fetchMember() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	q, i, err := rc.memberIndex()
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, rc.memberJSON(q, i))
	return nil
}

// updateMember dequeues the member and redirects its call to Url (Method
// defaults to POST), wire facts §5 "Members".
func (rc *rest) updateMember() error {
	u := rc.get("Url")
	if u == "" {
		return newAPIError(400, 21205, "Url is required")
	}
	m, err := rc.method("Method", "POST")
	if err != nil {
		return err
	}
	rc.s.mu.Lock()
	q, i, err := rc.memberIndex()
	if err != nil {
		rc.s.mu.Unlock()
		return err
	}
	j := rc.memberJSON(q, i)
	sid := q.members[i].callSid
	rc.s.mu.Unlock()
	rc.s.removeMember(q, sid)
	rc.s.deliverTo(sid, event{kind: evRedirect, url: u, method: strings.ToUpper(m), member: true})
	writeJSON(rc.w, 200, j)
	return nil
}
