package sandbox

import (
	"errors"
	"fmt"
	"time"
)

// ErrRealClock is returned by Advance when the sandbox runs on real time.
var ErrRealClock = errors.New("sandbox: the clock is real time; only a virtual clock can be advanced")

// account is a carrier account. Its fields are guarded by Sandbox.mu.
type account struct {
	sid, token, name, typ, status string
	created, updated              time.Time
	verified                      map[string]bool
}

// number is an IncomingPhoneNumber.
type number struct {
	sid, account, phone, friendly                  string
	voiceURL, voiceMethod, voiceFallbackURL        string
	voiceFallbackMethod, statusCallback, statusCBM string
	smsURL, smsMethod, smsFallbackURL, smsFBMethod string
	voiceCallerIDLookup                            bool
	voiceAppSid, smsAppSid                         string // TwiML Apps that override the URLs
	caps                                           capabilities
	kind                                           string // local, mobile, tollfree
	created, updated                               time.Time
}

type capabilities struct {
	Voice bool `json:"voice"`
	SMS   bool `json:"sms"`
	MMS   bool `json:"mms"`
	Fax   bool `json:"fax"`
}

// call is one call leg.
type call struct {
	sid, account, parent, from, to, direction, status string
	numberSid, callerName, forwardedFrom, price       string
	created, updated, start, end, answered            time.Time
	owner                                             *proc
	statusCB                                          statusCallback
	seq                                               int
	tr                                                *transcript
	fallbackURL, fallbackMethod                       string
	pendingDigits                                     []string     // script entries pressed at the next Gather
	pendingSpeech                                     []string     // utterances said at the next speech Gather
	recs                                              []*recording // started with POST /Calls/{CA}/Recordings
	ended, finished                                   bool
	stopTimers                                        []func() bool
}

// statusCallback is where and when a call's progress events go.
type statusCallback struct {
	url, method string
	events      map[string]bool
}

// conference is a named conference room.
type conference struct {
	sid, account, name, status, reason, endingCall string
	created, updated                               time.Time
	started                                        bool
	parts                                          []*participant
	statusCB                                       confCallback
	seq                                            int
}

type confCallback struct {
	url, method string
	events      map[string]bool
}

type participant struct {
	callSid, label                         string
	muted, hold, startOnEnter, endOnExit   bool
	holdURL, holdMethod, waitURL, waitMeth string
	waitSet                                bool // waitUrl attribute given (may be empty = silence)
	status                                 string
	kicked                                 bool
	created, updated                       time.Time
	coaching                               bool
	// announce is an AnnounceUrl still to be played (announce.go).
	announce *announcement
}

// queue is a call queue.
type queue struct {
	sid, account, name string
	maxSize            int
	members            []*member
	created, updated   time.Time
	waitTotal          time.Duration
	waitCount          int
}

type member struct {
	callSid  string
	enqueued time.Time
}

// recording is a finished (or in-progress) recording.
type recording struct {
	sid, account, callSid, confSid, source, status string
	created, updated, start                        time.Time
	duration                                       int
	channels                                       int
	deleted                                        bool
	accum                                          time.Duration // recorded time before the last pause
	cbURL, cbMethod                                string
	cbEvents                                       []string
}

// message is an SMS.
type message struct {
	sid, account, from, to, body, status, direction string
	statusCB, statusCBMethod, price                 string
	numSegments, numMedia                           int
	media                                           []string
	errorCode                                       int
	errorMessage                                    string
	created, updated, sent                          time.Time
}

// smsFate is a scripted delivery outcome for messages to one number.
type smsFate struct {
	status    string // delivered (default), undelivered, failed
	errorCode int
}

// apiError is a Twilio REST error: JSON {code, message, more_info, status}
// (wire facts §5 "Error body").
type apiError struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

func (e *apiError) Error() string { return fmt.Sprintf("twilio error %d: %s", e.Code, e.Message) }

func newAPIError(status, code int, format string, args ...any) *apiError {
	return &apiError{Code: code, Status: status, Message: fmt.Sprintf(format, args...),
		MoreInfo: fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code)}
}

// errNotFound is Twilio's 20404 (wire facts §5 error codes).
func errNotFound(kind, sid string) *apiError {
	return newAPIError(404, 20404, "The requested resource /%s/%s was not found", kind, sid)
}
