package sandbox

// createCallRecording starts recording a live call (POST
// /Calls/{CA}/Recordings.json, source StartCallRecordingAPI). The
// recording ends when the call does, or on Status=stopped.
func (rc *rest) createCallRecording() error {
	m, err := rc.method("RecordingStatusCallbackMethod", "POST")
	if err != nil {
		return err
	}
	channels := 1
	if rc.get("RecordingChannels") == "dual" {
		channels = 2
	}
	events := rc.values("RecordingStatusCallbackEvent")
	if len(events) == 0 {
		events = []string{"completed"}
	}
	rc.s.mu.Lock()
	c, err := rc.ownCall(rc.args[0])
	if err == nil && c.status != "in-progress" {
		err = newAPIError(400, 21220, "Requested resource is only capable of being recorded when the call is in-progress")
	}
	rc.s.mu.Unlock()
	if err != nil {
		return err
	}
	r := rc.s.startRecording(c, "", "StartCallRecordingAPI")
	rc.s.mu.Lock()
	r.channels, r.cbURL, r.cbMethod, r.cbEvents = channels, rc.get("RecordingStatusCallback"), m, events
	c.recs = append(c.recs, r)
	j := rc.recordingJSON(r)
	rc.s.mu.Unlock()
	rc.s.step(c, Step{Kind: StepRecord, Status: "recording", Detail: map[string]string{"recording_sid": r.sid, "by": "REST"}})
	j.Track = "both"
	writeJSON(rc.w, 201, j)
	return nil
}

// callRecording finds the call's recording by SID or "Twilio.CURRENT" (the
// latest). s.mu is held.
func (rc *rest) callRecording() (*call, *recording, error) {
	c, err := rc.ownCall(rc.args[0])
	if err != nil {
		return nil, nil, err
	}
	for i := len(c.recs) - 1; i >= 0; i-- {
		if r := c.recs[i]; !r.deleted && (r.sid == rc.args[1] || rc.args[1] == "Twilio.CURRENT") {
			return c, r, nil
		}
	}
	for _, r := range rc.s.recs {
		if r.sid == rc.args[1] && r.callSid == c.sid && !r.deleted {
			return c, r, nil
		}
	}
	return nil, nil, rc.notFound()
}

func (rc *rest) fetchCallRecording() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	_, r, err := rc.callRecording()
	if err != nil {
		return err
	}
	j := rc.recordingJSON(r)
	j.Track = "both"
	writeJSON(rc.w, 200, j)
	return nil
}

// updateCallRecording pauses, resumes or stops a recording started by
// the API (Status=paused|in-progress|stopped).
func (rc *rest) updateCallRecording() error {
	status := rc.get("Status")
	if status != "paused" && status != "in-progress" && status != "stopped" {
		return newAPIError(400, 21218, "Status must be paused, in-progress or stopped")
	}
	rc.s.mu.Lock()
	c, r, err := rc.callRecording()
	if err == nil && (r.status == "completed" || r.status == "stopped") {
		err = newAPIError(400, 21220, "Recording %s has already ended", r.sid)
	}
	if err != nil {
		rc.s.mu.Unlock()
		return err
	}
	now := rc.s.clock.Now()
	switch {
	case status == "paused" && r.status == "in-progress":
		r.accum += now.Sub(r.start)
		r.status = "paused"
	case status == "in-progress" && r.status == "paused":
		r.start, r.status = now, "in-progress"
	}
	r.updated = now
	rc.s.mu.Unlock()
	if status == "stopped" {
		rc.s.endRecording(c, r) // sends the callback from the request; Twilio does it asynchronously
	}
	rc.s.mu.Lock()
	j := rc.recordingJSON(r)
	rc.s.mu.Unlock()
	j.Track = "both"
	writeJSON(rc.w, 200, j)
	return nil
}

func (rc *rest) deleteCallRecording() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	_, r, err := rc.callRecording()
	if err != nil {
		return err
	}
	if r.status == "in-progress" || r.status == "paused" {
		return newAPIError(400, 21220, "Recording %s is still in progress", r.sid)
	}
	r.deleted = true
	rc.w.WriteHeader(204)
	return nil
}

// endCallRecordings completes the API-started recordings of c when the
// call ends.
func (s *Sandbox) endCallRecordings(c *call) {
	s.mu.Lock()
	recs := append([]*recording(nil), c.recs...)
	s.mu.Unlock()
	for _, r := range recs {
		s.endRecording(c, r)
	}
}
