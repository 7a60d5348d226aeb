package sandbox

import (
	"crypto/subtle"
	"sort"
	"time"
)

// application is a TwiML App: the voice and SMS URLs that Voice SDK calls
// (and numbers pointing at it) use.
type application struct {
	sid, account, name                                           string
	voiceURL, voiceMethod, voiceFallbackURL, voiceFallbackMethod string
	statusCallback, statusCallbackMethod                         string
	smsURL, smsMethod, smsFallbackURL, smsFallbackMethod         string
	smsStatusCallback, messageStatusCallback                     string
	voiceCallerIDLookup                                          bool
	created, updated                                             time.Time
}

// apiKey is an API key: HTTP Basic with its SID and secret authenticates
// as its account (wire facts §5 "Auth"); the secret is shown only on create.
type apiKey struct {
	sid, account, name, secret string
	created, updated           time.Time
}

type applicationJSON struct {
	AccountSid                      string  `json:"account_sid"`
	APIVersion                      string  `json:"api_version"`
	DateCreated                     *string `json:"date_created"`
	DateUpdated                     *string `json:"date_updated"`
	FriendlyName                    string  `json:"friendly_name"`
	MessageStatusCallback           string  `json:"message_status_callback"`
	Sid                             string  `json:"sid"`
	SmsFallbackMethod               string  `json:"sms_fallback_method"`
	SmsFallbackURL                  string  `json:"sms_fallback_url"`
	SmsMethod                       string  `json:"sms_method"`
	SmsStatusCallback               string  `json:"sms_status_callback"`
	SmsURL                          string  `json:"sms_url"`
	StatusCallback                  string  `json:"status_callback"`
	StatusCallbackMethod            string  `json:"status_callback_method"`
	URI                             string  `json:"uri"`
	VoiceCallerIDLookup             bool    `json:"voice_caller_id_lookup"`
	VoiceFallbackMethod             string  `json:"voice_fallback_method"`
	VoiceFallbackURL                string  `json:"voice_fallback_url"`
	VoiceMethod                     string  `json:"voice_method"`
	VoiceURL                        string  `json:"voice_url"`
	PublicApplicationConnectEnabled bool    `json:"public_application_connect_enabled"`
}

func (rc *rest) applicationJSON(a *application) applicationJSON {
	return applicationJSON{AccountSid: a.account, APIVersion: apiVersion, DateCreated: fmtDate(a.created),
		DateUpdated: fmtDate(a.updated), FriendlyName: a.name, MessageStatusCallback: a.messageStatusCallback, Sid: a.sid,
		SmsFallbackMethod: a.smsFallbackMethod, SmsFallbackURL: a.smsFallbackURL, SmsMethod: a.smsMethod,
		SmsStatusCallback: a.smsStatusCallback, SmsURL: a.smsURL, StatusCallback: a.statusCallback,
		StatusCallbackMethod: a.statusCallbackMethod, URI: rc.base() + "/Applications/" + a.sid + ".json",
		VoiceCallerIDLookup: a.voiceCallerIDLookup, VoiceFallbackMethod: a.voiceFallbackMethod,
		VoiceFallbackURL: a.voiceFallbackURL, VoiceMethod: a.voiceMethod, VoiceURL: a.voiceURL}
}

// applyApplication copies the create/update parameters into a.
func (rc *rest) applyApplication(a *application) error {
	for k, p := range map[string]*string{"FriendlyName": &a.name, "VoiceUrl": &a.voiceURL, "VoiceFallbackUrl": &a.voiceFallbackURL,
		"StatusCallback": &a.statusCallback, "SmsUrl": &a.smsURL, "SmsFallbackUrl": &a.smsFallbackURL,
		"SmsStatusCallback": &a.smsStatusCallback, "MessageStatusCallback": &a.messageStatusCallback} {
		if rc.has(k) {
			*p = rc.get(k)
		}
	}
	for k, p := range map[string]*string{"VoiceMethod": &a.voiceMethod, "VoiceFallbackMethod": &a.voiceFallbackMethod,
		"StatusCallbackMethod": &a.statusCallbackMethod, "SmsMethod": &a.smsMethod, "SmsFallbackMethod": &a.smsFallbackMethod} {
		m, err := rc.method(k, *p)
		if err != nil {
			return err
		}
		*p = m
	}
	if b, set, err := rc.boolParam("VoiceCallerIdLookup"); err != nil {
		return err
	} else if set {
		a.voiceCallerIDLookup = b
	}
	a.updated = rc.s.clock.Now()
	return nil
}

func (rc *rest) createApplication() error {
	now := rc.s.clock.Now()
	a := &application{sid: newSID("AP"), account: rc.acct.sid, voiceMethod: "POST", voiceFallbackMethod: "POST",
		statusCallbackMethod: "POST", smsMethod: "POST", smsFallbackMethod: "POST", created: now}
	if err := rc.applyApplication(a); err != nil {
		return err
	}
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	rc.s.apps[a.sid] = a
	writeJSON(rc.w, 201, rc.applicationJSON(a))
	return nil
}

func (rc *rest) ownApplication() (*application, error) {
	a, ok := rc.s.apps[rc.args[0]]
	if !ok || a.account != rc.acct.sid {
		return nil, rc.notFound()
	}
	return a, nil
}

func (rc *rest) fetchApplication() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	a, err := rc.ownApplication()
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, rc.applicationJSON(a))
	return nil
}

func (rc *rest) updateApplication() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	a, err := rc.ownApplication()
	if err != nil {
		return err
	}
	c := *a
	if err := rc.applyApplication(&c); err != nil {
		return err
	}
	*a = c
	writeJSON(rc.w, 200, rc.applicationJSON(a))
	return nil
}

func (rc *rest) deleteApplication() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	a, err := rc.ownApplication()
	if err != nil {
		return err
	}
	delete(rc.s.apps, a.sid)
	rc.w.WriteHeader(204)
	return nil
}

func (rc *rest) listApplications() error {
	name := rc.get("FriendlyName")
	rc.s.mu.Lock()
	var as []*application
	for _, a := range rc.s.apps {
		if a.account == rc.acct.sid && (name == "" || a.name == name) {
			as = append(as, a)
		}
	}
	sort.Slice(as, func(i, j int) bool {
		return as[i].created.Before(as[j].created) || as[i].created.Equal(as[j].created) && as[i].sid < as[j].sid
	})
	items := make([]any, len(as))
	for i, a := range as {
		items[i] = rc.applicationJSON(a)
	}
	rc.s.mu.Unlock()
	return rc.page("applications", items)
}

type keyJSON struct {
	Sid          string  `json:"sid"`
	FriendlyName string  `json:"friendly_name"`
	DateCreated  *string `json:"date_created"`
	DateUpdated  *string `json:"date_updated"`
	Secret       string  `json:"secret,omitempty"` // only when created
}

func keyOut(k *apiKey) keyJSON {
	return keyJSON{Sid: k.sid, FriendlyName: k.name, DateCreated: fmtDate(k.created), DateUpdated: fmtDate(k.updated)}
}

// createKey returns the secret once (wire facts §5 "Keys").
func (rc *rest) createKey() error {
	now := rc.s.clock.Now()
	k := &apiKey{sid: newSID("SK"), account: rc.acct.sid, name: rc.get("FriendlyName"), secret: randomHex(16), created: now, updated: now}
	rc.s.mu.Lock()
	rc.s.keys[k.sid] = k
	rc.s.mu.Unlock()
	j := keyOut(k)
	j.Secret = k.secret
	writeJSON(rc.w, 201, j)
	return nil
}

func (rc *rest) ownKey() (*apiKey, error) {
	k, ok := rc.s.keys[rc.args[0]]
	if !ok || k.account != rc.acct.sid {
		return nil, rc.notFound()
	}
	return k, nil
}

func (rc *rest) fetchKey() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	k, err := rc.ownKey()
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, keyOut(k))
	return nil
}

func (rc *rest) updateKey() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	k, err := rc.ownKey()
	if err != nil {
		return err
	}
	if rc.has("FriendlyName") {
		k.name, k.updated = rc.get("FriendlyName"), rc.s.clock.Now()
	}
	writeJSON(rc.w, 200, keyOut(k))
	return nil
}

func (rc *rest) deleteKey() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	k, err := rc.ownKey()
	if err != nil {
		return err
	}
	delete(rc.s.keys, k.sid)
	rc.w.WriteHeader(204)
	return nil
}

func (rc *rest) listKeys() error {
	rc.s.mu.Lock()
	var ks []*apiKey
	for _, k := range rc.s.keys {
		if k.account == rc.acct.sid {
			ks = append(ks, k)
		}
	}
	sort.Slice(ks, func(i, j int) bool {
		return ks[i].created.Before(ks[j].created) || ks[i].created.Equal(ks[j].created) && ks[i].sid < ks[j].sid
	})
	items := make([]any, len(ks))
	for i, k := range ks {
		items[i] = keyOut(k)
	}
	rc.s.mu.Unlock()
	return rc.page("keys", items)
}

// keyAuthenticates reports whether user/pass are an API key of acct.
// s.mu is held.
func (s *Sandbox) keyAuthenticates(acct, user, pass string) bool {
	k, ok := s.keys[user]
	return ok && k.account == acct && subtle.ConstantTimeCompare([]byte(pass), []byte(k.secret)) == 1
}
