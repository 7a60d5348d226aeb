package sandbox

import (
	"regexp"
	"sort"
	"strings"
)

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

type accountJSON struct {
	AuthToken       string            `json:"auth_token"`
	DateCreated     *string           `json:"date_created"`
	DateUpdated     *string           `json:"date_updated"`
	FriendlyName    string            `json:"friendly_name"`
	OwnerAccountSid string            `json:"owner_account_sid"`
	Sid             string            `json:"sid"`
	Status          string            `json:"status"`
	SubresourceURIs map[string]string `json:"subresource_uris"`
	Type            string            `json:"type"`
	URI             string            `json:"uri"`
}

// fetchAccount serves GET /Accounts/{AC}.json; type is Trial or Full,
// capitalised (wire facts §5 "Account").
func (rc *rest) fetchAccount() error {
	rc.s.mu.Lock()
	a := *rc.acct
	rc.s.mu.Unlock()
	base := rc.base()
	writeJSON(rc.w, 200, accountJSON{
		AuthToken: a.token, DateCreated: fmtDate(a.created), DateUpdated: fmtDate(a.updated),
		FriendlyName: a.name, OwnerAccountSid: a.sid, Sid: a.sid, Status: a.status, Type: a.typ,
		URI: base + ".json",
		SubresourceURIs: rc.subURIs(base, "Addresses", "Conferences", "IncomingPhoneNumbers",
			"Notifications", "OutgoingCallerIds", "Queues", "Recordings", "Calls", "Messages",
			"AvailablePhoneNumbers", "Keys", "Applications"),
	})
	return nil
}

type numberJSON struct {
	AccountSid           string            `json:"account_sid"`
	AddressSid           *string           `json:"address_sid"`
	AddressRequirements  string            `json:"address_requirements"`
	APIVersion           string            `json:"api_version"`
	Beta                 bool              `json:"beta"`
	Capabilities         capabilities      `json:"capabilities"`
	DateCreated          *string           `json:"date_created"`
	DateUpdated          *string           `json:"date_updated"`
	FriendlyName         string            `json:"friendly_name"`
	IdentitySid          *string           `json:"identity_sid"`
	PhoneNumber          string            `json:"phone_number"`
	Origin               string            `json:"origin"`
	Sid                  string            `json:"sid"`
	SmsApplicationSid    *string           `json:"sms_application_sid"`
	SmsFallbackMethod    string            `json:"sms_fallback_method"`
	SmsFallbackURL       string            `json:"sms_fallback_url"`
	SmsMethod            string            `json:"sms_method"`
	SmsURL               string            `json:"sms_url"`
	StatusCallback       string            `json:"status_callback"`
	StatusCallbackMethod string            `json:"status_callback_method"`
	TrunkSid             *string           `json:"trunk_sid"`
	URI                  string            `json:"uri"`
	VoiceReceiveMode     string            `json:"voice_receive_mode"`
	VoiceApplicationSid  *string           `json:"voice_application_sid"`
	VoiceCallerIDLookup  bool              `json:"voice_caller_id_lookup"`
	VoiceFallbackMethod  string            `json:"voice_fallback_method"`
	VoiceFallbackURL     string            `json:"voice_fallback_url"`
	VoiceMethod          string            `json:"voice_method"`
	VoiceURL             string            `json:"voice_url"`
	EmergencyStatus      string            `json:"emergency_status"`
	EmergencyAddressSid  *string           `json:"emergency_address_sid"`
	EmergencyAddrStatus  string            `json:"emergency_address_status"`
	BundleSid            *string           `json:"bundle_sid"`
	Status               string            `json:"status"`
	SubresourceURIs      map[string]string `json:"subresource_uris"`
}

func (rc *rest) numberJSON(n *number) numberJSON {
	uri := rc.base() + "/IncomingPhoneNumbers/" + n.sid
	return numberJSON{
		AccountSid: n.account, AddressRequirements: "none", APIVersion: apiVersion,
		Capabilities: n.caps, DateCreated: fmtDate(n.created), DateUpdated: fmtDate(n.updated),
		FriendlyName: n.friendly, PhoneNumber: n.phone, Origin: "twilio", Sid: n.sid,
		SmsFallbackMethod: n.smsFBMethod, SmsFallbackURL: n.smsFallbackURL, SmsMethod: n.smsMethod,
		SmsURL: n.smsURL, StatusCallback: n.statusCallback, StatusCallbackMethod: n.statusCBM,
		VoiceApplicationSid: ns(n.voiceAppSid), SmsApplicationSid: ns(n.smsAppSid),
		URI: uri + ".json", VoiceReceiveMode: "voice", VoiceCallerIDLookup: n.voiceCallerIDLookup,
		VoiceFallbackMethod: n.voiceFallbackMethod, VoiceFallbackURL: n.voiceFallbackURL,
		VoiceMethod: n.voiceMethod, VoiceURL: n.voiceURL, EmergencyStatus: "Inactive",
		EmergencyAddrStatus: "unregistered", Status: "in-use",
		SubresourceURIs: map[string]string{"assigned_add_ons": uri + "/AssignedAddOns.json"},
	}
}

func (rc *rest) listNumbers() error {
	want, name := rc.get("PhoneNumber"), rc.get("FriendlyName")
	rc.s.mu.Lock()
	var ns []*number
	for _, n := range rc.s.numbers {
		if n.account == rc.acct.sid && matchWildcard(want, n.phone) && (name == "" || n.friendly == name) {
			ns = append(ns, n)
		}
	}
	sort.Slice(ns, func(i, j int) bool {
		return ns[i].created.Before(ns[j].created) || ns[i].created.Equal(ns[j].created) && ns[i].sid < ns[j].sid
	})
	items := make([]any, len(ns))
	for i, n := range ns {
		items[i] = rc.numberJSON(n)
	}
	rc.s.mu.Unlock()
	return rc.page("incoming_phone_numbers", items)
}

// matchWildcard matches a PhoneNumber filter in which "*" stands for any
// one character; the filter may match any part of the number.
func matchWildcard(pattern, phone string) bool {
	if pattern == "" {
		return true
	}
	digits := strings.TrimPrefix(pattern, "+")
	for i := 0; i+len(digits) <= len(phone); i++ {
		ok := true
		for j := 0; j < len(digits); j++ {
			if digits[j] != '*' && digits[j] != phone[i+j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// createNumber buys a number: PhoneNumber or AreaCode is required. A trial
// account may own one number (error 10002, wire facts §9 "Numbers and
// expiry").
func (rc *rest) createNumber() error {
	phone, area := rc.get("PhoneNumber"), rc.get("AreaCode")
	if phone == "" && area == "" {
		return newAPIError(400, 21605, "A 'PhoneNumber' or 'AreaCode' is required.")
	}
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	if rc.acct.typ == "Trial" && rc.s.countNumbers(rc.acct.sid) >= 1 {
		return newAPIError(400, 10002, "Trial account does not support this feature: a trial account may own only one phone number; upgrade the account to buy more.")
	}
	cand, err := rc.s.pickNumber(phone, area)
	if err != nil {
		return err
	}
	now := rc.s.clock.Now()
	n := &number{sid: newSID("PN"), account: rc.acct.sid, phone: cand.phone, friendly: cand.friendly(),
		voiceMethod: "POST", voiceFallbackMethod: "POST", statusCBM: "POST", smsMethod: "POST",
		smsFBMethod: "POST", caps: cand.caps, kind: cand.kind, created: now, updated: now}
	if err := rc.applyNumberParams(n); err != nil {
		return err
	}
	rc.s.numbers[n.sid] = n
	writeJSON(rc.w, 201, rc.numberJSON(n))
	return nil
}

func (s *Sandbox) countNumbers(acct string) int {
	c := 0
	for _, n := range s.numbers {
		if n.account == acct {
			c++
		}
	}
	return c
}

func (s *Sandbox) ownedPhone(phone string) bool {
	for _, n := range s.numbers {
		if n.phone == phone {
			return true
		}
	}
	return false
}

// pickNumber finds an unowned stock number: the exact PhoneNumber, or the
// first one in AreaCode (21452 when none is left, as Twilio's test
// credentials document for an exhausted area code).
func (s *Sandbox) pickNumber(phone, area string) (stockNumber, error) {
	if phone != "" {
		if !e164.MatchString(phone) {
			return stockNumber{}, newAPIError(400, 21421, "PhoneNumber is invalid: %q is not in E.164 format", phone)
		}
		if s.ownedPhone(phone) {
			return stockNumber{}, newAPIError(400, 21422, "PhoneNumber %s is not available", phone)
		}
		return s.stock.lookup(phone), nil
	}
	for _, c := range s.stock.search("US", "Local", searchFilter{areaCode: area}) {
		if !s.ownedPhone(c.phone) {
			return c, nil
		}
	}
	return stockNumber{}, newAPIError(400, 21452, "No phone numbers found in area code %s", area)
}

func (rc *rest) applyNumberParams(n *number) error {
	str := map[string]*string{
		"FriendlyName": &n.friendly, "VoiceUrl": &n.voiceURL, "VoiceFallbackUrl": &n.voiceFallbackURL,
		"StatusCallback": &n.statusCallback, "SmsUrl": &n.smsURL, "SmsFallbackUrl": &n.smsFallbackURL,
		"VoiceApplicationSid": &n.voiceAppSid, "SmsApplicationSid": &n.smsAppSid,
	}
	for k, p := range str {
		if rc.has(k) {
			*p = rc.get(k)
		}
	}
	for _, app := range []string{n.voiceAppSid, n.smsAppSid} {
		if a, ok := rc.s.apps[app]; app != "" && (!ok || a.account != rc.acct.sid) {
			return newAPIError(400, 20001, "Application %s was not found in this account", app)
		}
	}
	if len(n.friendly) > 64 {
		return newAPIError(400, 20002, "FriendlyName must be 64 characters or fewer")
	}
	meth := map[string]*string{
		"VoiceMethod": &n.voiceMethod, "VoiceFallbackMethod": &n.voiceFallbackMethod,
		"StatusCallbackMethod": &n.statusCBM, "SmsMethod": &n.smsMethod, "SmsFallbackMethod": &n.smsFBMethod,
	}
	for k, p := range meth {
		m, err := rc.method(k, *p)
		if err != nil {
			return err
		}
		*p = m
	}
	b, set, err := rc.boolParam("VoiceCallerIdLookup")
	if err != nil {
		return err
	}
	if set {
		n.voiceCallerIDLookup = b
	}
	n.updated = rc.s.clock.Now()
	return nil
}

func (rc *rest) ownNumber() (*number, error) {
	n, ok := rc.s.numbers[rc.args[0]]
	if !ok || n.account != rc.acct.sid {
		return nil, rc.notFound()
	}
	return n, nil
}

func (rc *rest) fetchNumber() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	n, err := rc.ownNumber()
	if err != nil {
		return err
	}
	writeJSON(rc.w, 200, rc.numberJSON(n))
	return nil
}

func (rc *rest) updateNumber() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	n, err := rc.ownNumber()
	if err != nil {
		return err
	}
	c := *n
	if err := rc.applyNumberParams(&c); err != nil {
		return err
	}
	*n = c
	writeJSON(rc.w, 200, rc.numberJSON(n))
	return nil
}

func (rc *rest) deleteNumber() error {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	n, err := rc.ownNumber()
	if err != nil {
		return err
	}
	delete(rc.s.numbers, n.sid)
	rc.w.WriteHeader(204)
	return nil
}

type availableJSON struct {
	FriendlyName        string       `json:"friendly_name"`
	PhoneNumber         string       `json:"phone_number"`
	Lata                *string      `json:"lata"`
	Locality            *string      `json:"locality"`
	RateCenter          *string      `json:"rate_center"`
	Latitude            *float64     `json:"latitude"`
	Longitude           *float64     `json:"longitude"`
	Region              *string      `json:"region"`
	PostalCode          *string      `json:"postal_code"`
	IsoCountry          string       `json:"iso_country"`
	AddressRequirements string       `json:"address_requirements"`
	Beta                bool         `json:"beta"`
	Capabilities        capabilities `json:"capabilities"`
}

// listAvailable serves AvailablePhoneNumbers/{CC}/{Local|Mobile|TollFree}.
func (rc *rest) listAvailable() error {
	country, kind := rc.args[0], rc.args[1]
	f := searchFilter{areaCode: rc.get("AreaCode"), contains: rc.get("Contains")}
	for key, p := range map[string]**bool{"VoiceEnabled": &f.voice, "SmsEnabled": &f.sms, "MmsEnabled": &f.mms} {
		b, set, err := rc.boolParam(key)
		if err != nil {
			return err
		}
		if set {
			*p = &b
		}
	}
	if f.contains != "" && (len(f.contains) < 2 || len(f.contains) > 16) {
		return newAPIError(400, 20001, "Contains must be 2 to 16 characters")
	}
	size, err := rc.intParam("PageSize", 50, 1, 1000)
	if err != nil {
		return err
	}
	rc.s.mu.Lock()
	var items []any
	for _, c := range rc.s.stock.search(country, kind, f) {
		if len(items) == size {
			break
		}
		if !rc.s.ownedPhone(c.phone) {
			items = append(items, c.json())
		}
	}
	rc.s.mu.Unlock()
	writeJSON(rc.w, 200, map[string]any{
		"uri":                     rc.r.URL.Path,
		"available_phone_numbers": emptyIfNil(items),
	})
	return nil
}
