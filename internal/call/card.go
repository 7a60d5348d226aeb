package call

import "github.com/switchboard/switchboard/internal/org"

// Contact is one CRM record whose phone matches the caller: the contact
// card an agent sees while a call rings and lasts (R-AG-3).
type Contact struct {
	RecordID int64
	Kind     string // contact, lead or account
	Name     string
	Company  string
	// Owner is the record's owner, nil = none.
	Owner *User
	// OpenDeal is the record's most recently updated deal that is neither
	// won nor lost, nil = none.
	OpenDeal *Deal
}

// User is a member named on a card or a missed call.
type User struct {
	ID   org.UserID
	Name string
}

// Deal is an open deal on a contact card.
type Deal struct {
	ID          int64
	Name, Stage string
}

// Card is what agents see of a call besides the call itself: the callers'
// records and the number's call script.
type Card struct {
	Contacts []Contact
	Script   string
}
