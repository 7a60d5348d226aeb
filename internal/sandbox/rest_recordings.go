package sandbox

type recordingJSON struct {
	AccountSid        string            `json:"account_sid"`
	APIVersion        string            `json:"api_version"`
	CallSid           string            `json:"call_sid"`
	ConferenceSid     *string           `json:"conference_sid"`
	DateCreated       *string           `json:"date_created"`
	DateUpdated       *string           `json:"date_updated"`
	StartTime         *string           `json:"start_time"`
	Duration          string            `json:"duration"`
	Sid               string            `json:"sid"`
	Price             *string           `json:"price"`
	PriceUnit         string            `json:"price_unit"`
	Status            string            `json:"status"`
	Channels          int               `json:"channels"`
	Source            string            `json:"source"`
	ErrorCode         *int              `json:"error_code"`
	URI               string            `json:"uri"`
	EncryptionDetails any               `json:"encryption_details"`
	SubresourceURIs   map[string]string `json:"subresource_uris"`
	MediaURL          string            `json:"media_url"`
	Track             string            `json:"track,omitempty"` // call recordings list only
}

// recordingJSON renders r; duration is a string, "-1" while in progress
// (⚠ Twilio shows -1 for recordings still in progress).
func (rc *rest) recordingJSON(r *recording) recordingJSON {
	base := "/" + apiVersion + "/Accounts/" + r.account + "/Recordings/" + r.sid
	d := itoa(r.duration)
	if r.status == "in-progress" {
		d = "-1"
	}
	return recordingJSON{AccountSid: r.account, APIVersion: apiVersion, CallSid: r.callSid, ConferenceSid: ns(r.confSid),
		DateCreated: fmtDate(r.created), DateUpdated: fmtDate(r.updated), StartTime: fmtDate(r.start), Duration: d,
		Sid: r.sid, PriceUnit: "USD", Status: r.status, Channels: r.channels, Source: r.source, URI: base + ".json",
		SubresourceURIs: rc.subURIs(base, "AddOnResults", "Transcriptions"), MediaURL: rc.s.opts.BaseURL + base}
}

func (rc *rest) listRecordings() error {
	call, conf := rc.get("CallSid"), rc.get("ConferenceSid")
	return rc.listRecordingsWhere(func(r *recording) bool {
		return (call == "" || r.callSid == call) && (conf == "" || r.confSid == conf)
	}, "")
}

// listRecordingsWhere lists the account's recordings that keep accepts;
// track, when set, fills the call-recordings list's track field.
func (rc *rest) listRecordingsWhere(keep func(*recording) bool, track string) error {
	rc.s.mu.Lock()
	var items []any
	for _, r := range sortedRecordings(rc.s.recs) {
		if r.account == rc.acct.sid && !r.deleted && keep(r) {
			j := rc.recordingJSON(r)
			j.Track = track
			items = append(items, j)
		}
	}
	rc.s.mu.Unlock()
	return rc.page("recordings", items)
}

// fetchRecording returns metadata for .json and audio otherwise: .mp3, or
// WAV for .wav and no extension (wire facts §5 "Media URL"). Media needs no
// credentials, as with Twilio's default account setting.
func (rc *rest) fetchRecording() error {
	rc.s.mu.Lock()
	r, ok := rc.s.recs[rc.args[0]]
	if !ok || r.account != rc.acct.sid || r.deleted {
		rc.s.mu.Unlock()
		return rc.notFound()
	}
	j, dur := rc.recordingJSON(r), r.duration
	rc.s.mu.Unlock()
	switch rc.ext {
	case "json":
		writeJSON(rc.w, 200, j)
	case "mp3":
		writeMP3(rc.w, dur)
	case "wav", "":
		writeWAV(rc.w, dur)
	default:
		return rc.notFound()
	}
	return nil
}

func (rc *rest) deleteRecording() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	r, ok := rc.s.recs[rc.args[0]]
	if !ok || r.account != rc.acct.sid || r.deleted {
		return rc.notFound()
	}
	r.deleted = true
	rc.w.WriteHeader(204)
	return nil
}
