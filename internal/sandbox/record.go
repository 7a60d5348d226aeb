package sandbox

import (
	"encoding/binary"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// record runs <Record> (wire facts §2 <Record>): a beep unless
// playBeep="false", then recording until a finishOnKey key, maxLength or
// hang-up. The scripted caller is treated as speaking throughout, so the
// silence timeout never ends a recording. The action gets RecordingUrl (no
// extension), RecordingSid, RecordingDuration and Digits; after a hang-up
// the action is still requested and its TwiML ignored.
func (ss *session) record(n *node) outcome {
	n = resolved(n, ss.docURL, "recordingStatusCallback")
	maxLen := attrSeconds(n, "maxLength", 3600)
	finish := n.attr("finishOnKey", "1234567890*#")
	if attrBool(n, "playBeep", true) {
		ss.s.step(ss.c, Step{Kind: StepPlay, Text: "beep"})
	}
	rec := ss.s.startRecording(ss.c, "", "RecordVerb")
	ss.s.step(ss.c, Step{Kind: StepRecord, Status: "recording", Detail: map[string]string{"recording_sid": rec.sid, "maxLength": secs(maxLen)}})
	start := ss.s.clock.Now()
	deadline := start.Add(maxLen)
	digits, gone := "", false
wait:
	for {
		got, o := ss.sleep(deadline.Sub(ss.s.clock.Now()), true)
		switch {
		case o != nil && o.kind == outGone:
			digits, gone = "hangup", true
			break wait
		case o != nil:
			ss.s.finishRecording(ss.c, rec, n)
			return *o
		case got == "":
			break wait // maxLength reached
		}
		if i := strings.IndexAny(got, finish); i >= 0 {
			digits = got[i : i+1]
			break wait
		}
	}
	ss.s.finishRecording(ss.c, rec, n)
	extra := ss.s.recordingParams(rec)
	extra.Set("Digits", digits)
	out := ss.fetchOut("record-action", n.attr("action", ""), n.attr("method", "POST"), extra)
	if gone {
		ss.s.request(ss.c, out.req) // requested, TwiML ignored
		return outcome{kind: outGone, status: "completed"}
	}
	return out
}

// startRecording creates an in-progress recording of call c (and conference
// conf, when not empty).
func (s *Sandbox) startRecording(c *call, conf, source string) *recording {
	now := s.clock.Now()
	r := &recording{sid: newSID("RE"), account: c.account, callSid: c.sid, confSid: conf, source: source,
		status: "in-progress", created: now, updated: now, start: now, channels: 1}
	s.mu.Lock()
	s.recs[r.sid] = r
	s.mu.Unlock()
	return r
}

// finishRecording completes r and sends its recordingStatusCallback, read
// from the attributes of n (recordingStatusCallback, -Method, -Event).
func (s *Sandbox) finishRecording(c *call, r *recording, n *node) {
	if n != nil {
		s.mu.Lock()
		r.cbURL = n.attr("recordingStatusCallback", "")
		r.cbMethod = strings.ToUpper(n.attr("recordingStatusCallbackMethod", "POST"))
		r.cbEvents = strings.Fields(n.attr("recordingStatusCallbackEvent", "completed"))
		s.mu.Unlock()
	}
	s.endRecording(c, r)
}

// endRecording completes r (its duration excludes paused time) and sends
// the "completed" recording status callback when r asked for it.
func (s *Sandbox) endRecording(c *call, r *recording) {
	now := s.clock.Now()
	s.mu.Lock()
	if r.status == "completed" || r.status == "stopped" {
		s.mu.Unlock()
		return
	}
	if r.status != "paused" {
		r.accum += now.Sub(r.start)
	}
	r.status, r.updated, r.duration = "completed", now, int(r.accum.Seconds())
	cb, method, events := r.cbURL, r.cbMethod, r.cbEvents
	s.mu.Unlock()
	s.step(c, Step{Kind: StepRecord, Status: "completed", Detail: map[string]string{"recording_sid": r.sid, "duration": itoa(r.duration)}})
	if cb == "" || !contains(events, "completed") {
		return
	}
	v := s.recordingParams(r)
	v.Set("AccountSid", c.account)
	v.Set("CallSid", c.sid)
	v.Set("RecordingStatus", "completed")
	v.Set("RecordingChannels", itoa(r.channels))
	v.Set("RecordingStartTime", r.created.UTC().Format(rfc2822))
	v.Set("RecordingSource", r.source)
	v.Set("RecordingTrack", "both")
	if r.confSid != "" {
		v.Set("ConferenceSid", r.confSid)
	}
	s.request(c, hook{purpose: "recording-status-callback", url: cb, method: method, params: v})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// recordingParams are RecordingUrl (absolute, no extension), RecordingSid
// and RecordingDuration.
func (s *Sandbox) recordingParams(r *recording) url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return url.Values{
		"RecordingUrl":      {s.opts.BaseURL + "/" + apiVersion + "/Accounts/" + r.account + "/Recordings/" + r.sid},
		"RecordingSid":      {r.sid},
		"RecordingDuration": {itoa(r.duration)},
	}
}

// writeWAV writes secs seconds of 8 kHz 16-bit mono silence as a WAV file.
func writeWAV(w http.ResponseWriter, secs int) {
	const rate = 8000
	n := uint32(secs * rate * 2)
	w.Header().Set("Content-Type", "audio/x-wav")
	hdr := make([]byte, 44)
	copy(hdr[0:], "RIFF")
	binary.LittleEndian.PutUint32(hdr[4:], 36+n)
	copy(hdr[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(hdr[16:], 16)
	binary.LittleEndian.PutUint16(hdr[20:], 1) // PCM
	binary.LittleEndian.PutUint16(hdr[22:], 1) // mono
	binary.LittleEndian.PutUint32(hdr[24:], rate)
	binary.LittleEndian.PutUint32(hdr[28:], rate*2)
	binary.LittleEndian.PutUint16(hdr[32:], 2)
	binary.LittleEndian.PutUint16(hdr[34:], 16)
	copy(hdr[36:], "data")
	binary.LittleEndian.PutUint32(hdr[40:], n)
	_, _ = w.Write(hdr)
	_, _ = w.Write(make([]byte, n))
}

// writeMP3 writes silent MPEG-1 Layer III frames (32 kbit/s, 32 kHz, mono:
// 144-byte frames of 36 ms whose zero side information decodes to silence).
func writeMP3(w http.ResponseWriter, secs int) {
	w.Header().Set("Content-Type", "audio/mpeg")
	frame := make([]byte, 144)
	copy(frame, []byte{0xFF, 0xFB, 0x18, 0xC0})
	frames := int(time.Duration(secs)*time.Second/(36*time.Millisecond)) + 1
	for i := 0; i < frames; i++ {
		_, _ = w.Write(frame)
	}
}
