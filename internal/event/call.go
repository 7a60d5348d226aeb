package event

import (
	"strconv"

	"github.com/switchboard/switchboard/internal/call"
	"github.com/switchboard/switchboard/internal/org"
)

// Call is a call ringing or in progress for one user (docs/softphone.md).
type Call struct {
	ID        int64  `json:"id"`
	NumberID  int64  `json:"number_id"`
	Number    string `json:"number"`
	Direction string `json:"direction"`
	From      string `json:"from"`
	To        string `json:"to"`
	Anonymous bool   `json:"anonymous"`
	RecordID  *int64 `json:"record_id"`
	// LegSID is the carrier leg ringing or connecting this user: the
	// softphone matches the incoming call by it.
	LegSID *string `json:"leg_sid"`
	Status string  `json:"status"`
	// Ringing is true while the call rings this user, false once they are
	// in it.
	Ringing bool `json:"ringing"`
	// Ended says the call no longer rings or involves this user: the app
	// removes it.
	Ended      bool      `json:"ended"`
	AnsweredBy *int64    `json:"answered_by"`
	StartedAt  string    `json:"started_at"`
	AnsweredAt *string   `json:"answered_at"`
	Held       bool      `json:"held"`
	Muted      bool      `json:"muted"`
	Notes      string    `json:"notes"`
	Script     string    `json:"script"`
	Contacts   []Contact `json:"contacts"`
}

// Contact is one record on a call's contact card (R-AG-3).
type Contact struct {
	RecordID int64     `json:"record_id"`
	Kind     string    `json:"kind"`
	Name     string    `json:"name"`
	Company  string    `json:"company"`
	Owner    *User     `json:"owner"`
	OpenDeal *OpenDeal `json:"open_deal"`
}

// User names a member.
type User struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// OpenDeal is the open deal on a contact card.
type OpenDeal struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Stage string `json:"stage"`
}

// CallView is a call as one user sees it: the leg that rings or connects
// them, whether it has stopped concerning them, and its card.
type CallView struct {
	Call   call.Call
	User   org.UserID
	LegSID string
	Ended  bool
	Card   call.Card
}

// CallOf converts a call as user sees it. Withheld callers are shown as
// "Anonymous" and have no contact card (R-IN-9).
func CallOf(v CallView) Call {
	c := v.Call
	out := Call{ID: int64(c.ID), NumberID: c.NumberID, Number: c.OurNumber(), Direction: c.Direction, From: c.From, To: c.To,
		Anonymous: c.Anonymous, RecordID: optID(c.RecordID), Status: c.Status, Ended: v.Ended,
		Ringing:    !v.Ended && !(c.Status == call.InProgress && c.AnsweredBy == v.User),
		AnsweredBy: optID(c.AnsweredBy), StartedAt: stamp(c.StartedAt), AnsweredAt: stampPtr(c.AnsweredAt),
		Held: c.Held, Muted: c.Muted, Notes: c.Notes, Script: v.Card.Script, Contacts: ContactsOf(v.Card.Contacts)}
	if v.LegSID != "" {
		out.LegSID = &v.LegSID
	}
	if c.Anonymous {
		out.From, out.Contacts = "Anonymous", []Contact{}
	}
	return out
}

// CallChanged is the call event for a call as v.User sees it.
func CallChanged(v CallView) Event {
	e, _ := New(v.Call.OrgID, v.User, TypeCall, CallOf(v)) // cannot fail: plain fields
	return e
}

// ContactsOf converts a contact card; none is an empty list.
func ContactsOf(list []call.Contact) []Contact {
	out := make([]Contact, len(list))
	for i, c := range list {
		out[i] = Contact{RecordID: c.RecordID, Kind: c.Kind, Name: c.Name, Company: c.Company, Owner: userOf(c.Owner)}
		if d := c.OpenDeal; d != nil {
			out[i].OpenDeal = &OpenDeal{ID: d.ID, Name: d.Name, Stage: d.Stage}
		}
	}
	return out
}

func userOf(u *call.User) *User {
	if u == nil {
		return nil
	}
	return &User{ID: int64(u.ID), Name: u.Name}
}

// Missed is the missed event's payload: the call missed and how many of
// the user's missed calls are unseen (the badge).
type Missed struct {
	Call   MissedCall `json:"call"`
	Unseen int        `json:"unseen"`
}

// MissedCall is a call in a user's missed-calls list (R-AG-5).
type MissedCall struct {
	ID           int64     `json:"id"`
	StartedAt    string    `json:"started_at"`
	From         string    `json:"from"`
	Anonymous    bool      `json:"anonymous"`
	Contacts     []Contact `json:"contacts"`
	NumberID     int64     `json:"number_id"`
	Number       string    `json:"number"`
	Reason       string    `json:"reason"`
	AnsweredBy   *User     `json:"answered_by"`
	RecordingURL *string   `json:"recording_url"`
	Seen         bool      `json:"seen"`
}

// MissedOf converts a missed call with the caller's records.
func MissedOf(m call.MissedCall, contacts []call.Contact) MissedCall {
	c := m.Call
	out := MissedCall{ID: int64(c.ID), StartedAt: stamp(c.StartedAt), From: c.From, Anonymous: c.Anonymous,
		Contacts: ContactsOf(contacts), NumberID: c.NumberID, Number: c.OurNumber(), Reason: m.Reason, AnsweredBy: userOf(m.AnsweredBy),
		Seen: m.Seen}
	if c.RecordingURL != "" {
		u := "/api/v1/calls/" + strconv.FormatInt(int64(c.ID), 10) + "/recording" // served by the API, never the carrier's URL
		out.RecordingURL = &u
	}
	if c.Anonymous {
		out.From, out.Contacts = "Anonymous", []Contact{}
	}
	return out
}

// MissedSeen is the user's badge after they marked their missed calls
// seen.
type MissedSeen struct {
	Unseen int `json:"unseen"`
}

// SeenBy is the missed_seen event for user, whose badge is now unseen.
func SeenBy(orgID org.ID, user org.UserID, unseen int) Event {
	e, _ := New(orgID, user, TypeMissedSeen, MissedSeen{Unseen: unseen}) // cannot fail: plain fields
	return e
}

// MissedBy is the missed event telling user they missed m.
func MissedBy(orgID org.ID, user org.UserID, m MissedCall, unseen int) Event {
	e, _ := New(orgID, user, TypeMissed, Missed{Call: m, Unseen: unseen}) // cannot fail: plain fields
	return e
}
