package event

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// KeepAlive is how often an idle stream sends a comment, so proxies and
// browsers keep the connection and a dead one is noticed.
const KeepAlive = 15 * time.Second

// writeTimeout bounds each write: a client that stops reading is cut off
// rather than holding its handler forever.
const writeTimeout = 10 * time.Second

// retryMillis is the reconnection delay the browser is told to use.
const retryMillis = 2000

// Stream answers an event-stream request: it writes first, then every
// event of sub, as server-sent events (id, event, data lines), with a
// comment every keepAlive when idle. It returns nil when ctx ends (the
// client left, or the server is shutting down) or the subscription ends
// (dropped as too slow, or the hub closing): the client reconnects with
// Last-Event-ID. It returns the error of a failed write.
func Stream(ctx context.Context, w http.ResponseWriter, sub *Subscription, first []Event, keepAlive time.Duration) error {
	rc := http.NewResponseController(w)
	defer rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	buf := []byte("retry: " + strconv.Itoa(retryMillis) + "\n\n")
	for _, e := range first {
		buf = appendEvent(buf, e)
	}
	if err := flush(rc, w, buf); err != nil {
		return err
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case e, ok := <-sub.Events():
			if !ok {
				return nil
			}
			buf = appendEvent(buf[:0], e)
			for more := true; more && len(buf) < 64<<10; { // batch what is already queued
				select {
				case e, ok := <-sub.Events():
					if !ok {
						more = false
						break
					}
					buf = appendEvent(buf, e)
				default:
					more = false
				}
			}
		case <-tick.C:
			buf = append(buf[:0], ": keep-alive\n\n"...)
		}
		if err := flush(rc, w, buf); err != nil {
			return err
		}
	}
}

func flush(rc *http.ResponseController, w http.ResponseWriter, b []byte) error {
	rc.SetWriteDeadline(time.Now().Add(writeTimeout)) // not supported by every writer (tests): then unbounded
	if _, err := w.Write(b); err != nil {
		return err
	}
	return rc.Flush()
}

// appendEvent appends e in the text/event-stream format.
func appendEvent(b []byte, e Event) []byte {
	b = append(b, "id: "...)
	b = strconv.AppendInt(b, e.ID, 10)
	b = append(b, "\nevent: "...)
	b = append(b, e.Type...)
	b = append(b, "\ndata: "...)
	data := []byte(e.Data)
	if bytes.ContainsAny(data, "\r\n") { // one line: indented JSON would split the field
		var c bytes.Buffer
		if json.Compact(&c, data) == nil {
			data = c.Bytes()
		}
	}
	b = append(b, data...)
	return append(b, "\n\n"...)
}
