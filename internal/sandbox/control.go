package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Handler serves the sandbox relative to its mount point: Twilio's REST API
// under /2010-04-01/ and the control API under /control/ (see
// docs/sandbox.md). Mount it with http.StripPrefix.
func (s *Sandbox) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/"+apiVersion+"/", s.serveREST)
	mux.HandleFunc("GET /control/clock", s.ctlClock)
	mux.HandleFunc("POST /control/clock/advance", s.ctlAdvance)
	mux.HandleFunc("POST /control/accounts", s.ctlCreateAccount)
	mux.HandleFunc("POST /control/accounts/{sid}/verified-numbers", s.ctlVerify)
	mux.HandleFunc("GET /control/numbers", s.ctlNumbers)
	mux.HandleFunc("GET /control/parties", s.ctlParties)
	mux.HandleFunc("PUT /control/parties/{address}", s.ctlSetParty)
	mux.HandleFunc("DELETE /control/parties/{address}", s.ctlRemoveParty)
	mux.HandleFunc("GET /control/calls", s.ctlLegs)
	mux.HandleFunc("POST /control/calls", s.ctlPlaceCall)
	mux.HandleFunc("POST /control/calls/{sid}/actions", s.ctlAct)
	mux.HandleFunc("POST /control/calls/{sid}/run", s.ctlRun)
	mux.HandleFunc("GET /control/calls/{sid}/transcript", s.ctlTranscript)
	mux.HandleFunc("POST /control/messages", s.ctlSendSMS)
	mux.HandleFunc("GET /control/messages/{sid}/transcript", s.ctlTranscript)
	mux.HandleFunc("PUT /control/message-fates/{number}", s.ctlMessageFate)
	return mux
}

// ctlError is the control API's error body.
type ctlError struct {
	Error string `json:"error"`
}

func ctlFail(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, ctlError{Error: err.Error()})
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		ctlFail(w, http.StatusBadRequest, errors.New("invalid JSON body: "+err.Error()))
		return false
	}
	return true
}

// ClockState is the control API's view of the clock.
type ClockState struct {
	Now     time.Time `json:"now"`
	Virtual bool      `json:"virtual"`
}

func (s *Sandbox) clockState() ClockState {
	_, v := s.clock.(*VirtualClock)
	return ClockState{Now: s.clock.Now(), Virtual: v}
}

func (s *Sandbox) ctlClock(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, 200, s.clockState())
}

// AdvanceRequest moves a virtual clock: {"by": 30} or {"by": "1m30s"}.
type AdvanceRequest struct {
	By Duration `json:"by"`
}

func (s *Sandbox) ctlAdvance(w http.ResponseWriter, r *http.Request) {
	var req AdvanceRequest
	if !decode(w, r, &req) {
		return
	}
	if req.By < 0 {
		ctlFail(w, 400, errors.New("by must not be negative"))
		return
	}
	if err := s.Advance(time.Duration(req.By)); err != nil {
		ctlFail(w, http.StatusConflict, err)
		return
	}
	writeJSON(w, 200, s.clockState())
}

// AccountRequest creates an account: type "Trial" or "Full".
type AccountRequest struct {
	FriendlyName string `json:"friendly_name"`
	Type         string `json:"type"`
}

func (s *Sandbox) ctlCreateAccount(w http.ResponseWriter, r *http.Request) {
	var req AccountRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Type != "" && req.Type != "Trial" && req.Type != "Full" {
		ctlFail(w, 400, errors.New(`type must be "Trial" or "Full"`))
		return
	}
	writeJSON(w, 201, s.CreateAccount(req.FriendlyName, req.Type))
}

func (s *Sandbox) ctlVerify(w http.ResponseWriter, r *http.Request) {
	var req struct {
		PhoneNumber string `json:"phone_number"`
	}
	if !decode(w, r, &req) {
		return
	}
	if !e164.MatchString(req.PhoneNumber) {
		ctlFail(w, 400, errors.New("phone_number must be E.164"))
		return
	}
	if err := s.VerifyCallerID(r.PathValue("sid"), req.PhoneNumber); err != nil {
		ctlFail(w, 404, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// NumberInfo is a sandbox number as the control API lists it.
type NumberInfo struct {
	Sid         string `json:"sid"`
	AccountSid  string `json:"account_sid"`
	PhoneNumber string `json:"phone_number"`
	VoiceURL    string `json:"voice_url"`
	SmsURL      string `json:"sms_url"`
}

// Numbers lists every account's numbers, by phone number.
func (s *Sandbox) Numbers() []NumberInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]NumberInfo, 0, len(s.numbers))
	for _, n := range s.numbers {
		out = append(out, NumberInfo{Sid: n.sid, AccountSid: n.account, PhoneNumber: n.phone, VoiceURL: n.voiceURL, SmsURL: n.smsURL})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PhoneNumber < out[j].PhoneNumber })
	return out
}

func (s *Sandbox) ctlNumbers(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, 200, map[string]any{"numbers": s.Numbers()})
}

func (s *Sandbox) ctlParties(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, 200, map[string]any{"parties": s.Parties()})
}

// PartyRequest sets a party's behaviour, either as {"behaviour":
// "answer@5s"} or field by field.
type PartyRequest struct {
	Behaviour   string   `json:"behaviour,omitempty"`
	Action      string   `json:"action,omitempty"`
	After       Duration `json:"after,omitempty"`
	HangupAfter Duration `json:"hangup_after,omitempty"`
}

func (p PartyRequest) parse() (Behaviour, error) {
	if p.Behaviour != "" {
		return ParseBehaviour(p.Behaviour)
	}
	return Behaviour{Action: p.Action, After: p.After, HangupAfter: p.HangupAfter}, nil
}

func (s *Sandbox) ctlSetParty(w http.ResponseWriter, r *http.Request) {
	var req PartyRequest
	if !decode(w, r, &req) {
		return
	}
	addr := r.PathValue("address")
	b, err := req.parse()
	if err == nil && !validAddress(addr) {
		err = errors.New("address must be an E.164 number or client:identity")
	}
	if err == nil {
		err = s.SetParty(addr, b)
	}
	if err != nil {
		ctlFail(w, 400, err)
		return
	}
	writeJSON(w, 200, map[string]any{"address": addr, "behaviour": b})
}

func (s *Sandbox) ctlRemoveParty(w http.ResponseWriter, r *http.Request) {
	s.RemoveParty(r.PathValue("address"))
	w.WriteHeader(http.StatusNoContent)
}

func (s *Sandbox) ctlLegs(w http.ResponseWriter, r *http.Request) {
	live := r.URL.Query().Get("live") == "true"
	writeJSON(w, 200, map[string]any{"calls": s.Legs(r.URL.Query().Get("party"), live)})
}

// PlaceCallRequest is a CallScript plus agents to register first
// ({"client:alice": "answer@5s"}).
type PlaceCallRequest struct {
	CallScript
	Agents map[string]string `json:"agents,omitempty"`
}

func (s *Sandbox) ctlPlaceCall(w http.ResponseWriter, r *http.Request) {
	var req PlaceCallRequest
	if !decode(w, r, &req) {
		return
	}
	for addr, spec := range req.Agents {
		b, err := ParseBehaviour(spec)
		if err == nil && !validAddress(addr) {
			err = errors.New("agent " + addr + ": must be an E.164 number or client:identity")
		}
		if err == nil {
			err = s.SetParty(addr, b)
		}
		if err != nil {
			ctlFail(w, 400, err)
			return
		}
	}
	sid, err := s.PlaceCall(req.CallScript)
	if err != nil {
		status := 400
		if errors.Is(err, ErrUnknownNumber) {
			status = 404
		}
		ctlFail(w, status, err)
		return
	}
	writeJSON(w, 201, map[string]string{"call_sid": sid})
}

// ActRequest is a party acting on a live leg.
type ActRequest struct {
	Action string `json:"action"`
	Digits string `json:"digits,omitempty"`
}

func (s *Sandbox) ctlAct(w http.ResponseWriter, r *http.Request) {
	var req ActRequest
	if !decode(w, r, &req) {
		return
	}
	if err := s.Act(r.PathValue("sid"), req.Action, req.Digits); err != nil {
		status := 400
		if errors.Is(err, ErrNotLive) {
			status = http.StatusConflict
		}
		if strings.HasPrefix(err.Error(), "sandbox: no call") {
			status = 404
		}
		ctlFail(w, status, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// RunRequest bounds how long /run drives a call: {"max": "4h"}; default 4 h.
type RunRequest struct {
	Max Duration `json:"max,omitempty"`
}

func (s *Sandbox) ctlRun(w http.ResponseWriter, r *http.Request) {
	var req RunRequest
	if r.ContentLength != 0 && !decode(w, r, &req) {
		return
	}
	if req.Max <= 0 {
		req.Max = Duration(4 * time.Hour)
	}
	t, err := s.RunUntilEnded(r.Context(), r.PathValue("sid"), time.Duration(req.Max))
	if err != nil {
		ctlFail(w, 404, err)
		return
	}
	s.writeTranscript(w, r, t)
}

func (s *Sandbox) ctlTranscript(w http.ResponseWriter, r *http.Request) {
	t, err := s.Transcript(r.PathValue("sid"))
	if err != nil {
		ctlFail(w, 404, err)
		return
	}
	s.writeTranscript(w, r, t)
}

// writeTranscript answers JSON unless ?format=text or Accept: text/plain.
func (s *Sandbox) writeTranscript(w http.ResponseWriter, r *http.Request, t Transcript) {
	if r.URL.Query().Get("format") == "text" || strings.HasPrefix(r.Header.Get("Accept"), "text/plain") {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte(t.Text()))
		return
	}
	writeJSON(w, 200, t)
}

// SMSRequest is an inbound text (MMS with media URLs) from a handset to a
// sandbox number.
type SMSRequest struct {
	From  string   `json:"from"`
	To    string   `json:"to"`
	Body  string   `json:"body"`
	Media []string `json:"media,omitempty"`
}

func (s *Sandbox) ctlSendSMS(w http.ResponseWriter, r *http.Request) {
	var req SMSRequest
	if !decode(w, r, &req) {
		return
	}
	t, err := s.SendSMS(r.Context(), req.From, req.To, req.Body, req.Media...)
	if err != nil {
		status := 400
		if errors.Is(err, ErrUnknownNumber) {
			status = 404
		}
		ctlFail(w, status, err)
		return
	}
	writeJSON(w, 201, t)
}

func (s *Sandbox) ctlMessageFate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Status    string `json:"status"`
		ErrorCode int    `json:"error_code,omitempty"`
	}
	if !decode(w, r, &req) {
		return
	}
	if err := s.SetMessageFate(r.PathValue("number"), req.Status, req.ErrorCode); err != nil {
		ctlFail(w, 400, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
